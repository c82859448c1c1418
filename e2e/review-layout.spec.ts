/**
 * The Review step reads well on a phone and a wide screen: each AWS CLI
 * command is shown whole on one line in its own block, with a Copy button;
 * region names and other hyphenated names are not split at their hyphens; the
 * page never scrolls sideways; and the share link has its own Copy button.
 */
import type { Locator } from '@playwright/test';

import {
  applyInstructions,
  buildCompanionDocuments,
  buildPolicies,
  PERSONALIZE_REGIONS,
} from '../src/policy';
import {
  expect,
  fullAnswers,
  horizontalOverflow,
  linesOfWords,
  ONE_KEY,
  ONE_KEY_LINK,
  test,
  type AnswersInput,
} from './fixtures';

/** Every command the Review step gives, in order: the builder's, for each needed document. */
function expectedCommands(input: AnswersInput): string[] {
  const answers = fullAnswers(input);
  const documents = [
    ...buildPolicies(answers).documents,
    ...buildCompanionDocuments(answers),
  ].filter((document) => document.needed);
  return documents.flatMap((document) => {
    const how = applyInstructions(document, answers);
    return [...how.cli, ...(how.then ?? []).flatMap((step) => step.commands)];
  });
}

/** Each code block's text and the number of lines it is drawn on. */
async function codeBlocks(section: Locator): Promise<{ text: string }[]> {
  await expect(section.locator('pre').first()).toBeVisible();
  const blocks = await section.locator('pre').all();
  return Promise.all(
    blocks.map(async (block) => ({
      text: (await block.textContent()) ?? '',
    })),
  );
}

for (const width of [360, 1280]) {
  test.describe(`at ${width} px`, () => {
    test.beforeEach(async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
    });

    test('each AWS CLI command is whole, in its own block, and wraps instead of being cut off', async ({
      wizard,
    }) => {
      await wizard.open(ONE_KEY_LINK);
      const section = wizard.reviewSection('How to apply them');
      const blocks = await codeBlocks(section);
      expect(blocks.map((block) => block.text)).toEqual(expectedCommands(ONE_KEY));
      const cut = await section
        .locator('pre')
        .evaluateAll((pres) =>
          pres.filter((pre) => pre.scrollWidth > pre.clientWidth).map((pre) => pre.textContent),
        );
      expect(cut).toEqual([]);
    });

    test('region names and hyphenated names are not split; no sideways scrolling', async ({
      wizard,
      page,
    }) => {
      await wizard.open(ONE_KEY_LINK);
      const checks = wizard.reviewSection('Before you apply');
      await expect(checks.getByText(/No region given/)).toBeVisible();
      const regions = await linesOfWords(checks, PERSONALIZE_REGIONS.aws);
      expect(new Set(regions.map((region) => region.word))).toEqual(
        new Set(PERSONALIZE_REGIONS.aws),
      );
      for (const region of regions) expect(region.lines, region.word).toBe(1);

      const steps = wizard.reviewSection('How to apply them');
      const words = [
        'current-bucket-policy.json',
        'put-key-policy',
        'update-assume-role-policy',
        'attach-role-policy',
      ];
      const names = await linesOfWords(steps, words);
      expect(new Set(names.map((name) => name.word))).toEqual(new Set(words));
      for (const name of names) expect(name.lines, name.word).toBe(1);

      expect(await horizontalOverflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
    });
  });
}

test('a command’s Copy button copies exactly that command and says so', async ({ wizard }) => {
  await wizard.open(ONE_KEY_LINK);
  const [, put] = expectedCommands(ONE_KEY);
  const steps = wizard.reviewSection('How to apply them');
  await wizard.page.evaluate(() => navigator.clipboard.writeText('(not copied)'));
  await steps
    .getByRole('button', { name: 'Copy the put-key-policy command for the KMS key policy' })
    .click();
  // One announcement, from that command's own status line; then the clipboard holds it.
  await expect(steps.getByRole('status').filter({ hasText: /\S/ })).toHaveText([
    'Copied the put-key-policy command to the clipboard.',
  ]);
  expect(await wizard.clipboardText()).toBe(put);
});

test.describe('the share link', () => {
  for (const width of [360, 1280]) {
    test(`is shown whole, and one Copy share link copies exactly it, at ${width} px`, async ({
      wizard,
      page,
    }) => {
      await page.setViewportSize({ width, height: 800 });
      await wizard.open(ONE_KEY_LINK);
      const share = wizard.reviewSection('Share these answers');
      const field = share.getByRole('textbox', { name: 'Share link' });
      await expect(page.getByRole('button', { name: /copy.*link/i })).toHaveCount(1);
      await page.evaluate(() => navigator.clipboard.writeText('(not copied)'));
      await wizard.copyShareLink();
      await expect(page.getByRole('status').filter({ hasText: /share link/ })).toHaveText(
        'Copied the share link.',
      );
      const link = await field.inputValue();
      expect(link).toBe(page.url());
      expect(await wizard.clipboardText()).toBe(link);
      expect(await horizontalOverflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
    });
  }
});
