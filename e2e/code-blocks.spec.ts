/**
 * The code blocks on a phone: Copy's confirmation does not move the page, and
 * long lines can be wrapped to be read whole, by keyboard, while Copy keeps
 * copying the text exactly as it is.
 */
import type { Locator } from '@playwright/test';

import { DOCUMENT_TITLES, expect, ONE_KEY_LINK, test } from './fixtures';

const REVIEW_LINK = ONE_KEY_LINK;
const TITLE = DOCUMENT_TITLES.keyPolicy;

/** Whether some line of the block is wider than the block (cut off until scrolled). */
function cutOff(pre: Locator): Promise<boolean> {
  return pre.evaluate((element) => element.scrollWidth > element.clientWidth);
}

/** Where the element starts on the page (not in the viewport, which may scroll). */
function top(locator: Locator): Promise<number> {
  return locator.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
}

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 800 } });

  test('Copy’s confirmation is announced and moves nothing below the buttons', async ({
    wizard,
  }) => {
    await wizard.open(REVIEW_LINK);
    const next = wizard.explanations(TITLE);
    await next.scrollIntoViewIfNeeded();
    const before = await top(next);

    await wizard.copyButton(TITLE).click();
    await expect(wizard.documentStatus(TITLE)).toHaveText('Copied to the clipboard.');
    expect(await top(next)).toBe(before);

    await wizard.downloadButton(TITLE).click();
    await expect(wizard.documentStatus(TITLE)).toHaveText(
      'Downloaded personalize-kms-key-policy.json.',
    );
    expect(await top(next)).toBe(before);
  });

  test('long lines wrap by default, keep their indentation, and can be unwrapped by keyboard; Copy copies the text as it is', async ({
    wizard,
  }) => {
    await wizard.open(REVIEW_LINK);
    const pre = wizard.documentPre(TITLE);
    const text = await wizard.documentText(TITLE);
    const wrap = wizard.document(TITLE).getByRole('switch', { name: 'Wrap long lines' });
    await expect(wrap).toBeChecked();
    expect(await cutOff(pre)).toBe(false);
    expect(await cutOff(wizard.documentPre(DOCUMENT_TITLES.iamPolicy))).toBe(false);
    // The role ARN's line wraps; its continuation starts right of the line's own indentation.
    const continuation = await pre.evaluate((element) => {
      const line = [...element.querySelectorAll('span span')].find((span) =>
        span.textContent.includes(':role/'),
      );
      if (!line) return undefined;
      const range = document.createRange();
      range.selectNodeContents(line);
      const rows = [...range.getClientRects()].filter((rect) => rect.width > 0);
      const indent = line.textContent.length - line.textContent.trimStart().length;
      const charWidth =
        rows[0] === undefined ? 0 : rows[0].width / line.textContent.trimEnd().length;
      return {
        rows: rows.length,
        shift: (rows[1]?.left ?? 0) - (rows[0]?.left ?? 0),
        indent,
        charWidth,
      };
    });
    expect(continuation?.rows).toBeGreaterThan(1);
    expect(continuation?.shift ?? 0).toBeGreaterThan(
      (continuation?.indent ?? 0) * (continuation?.charWidth ?? 0),
    );

    // Still a named stop for the keyboard, and the same text, copied byte for byte.
    await expect(pre).toHaveAttribute('tabindex', '0');
    await expect(pre).toHaveAccessibleName(`${TITLE} JSON`);
    expect(await wizard.documentText(TITLE)).toBe(text);
    expect(await wizard.copyAndRead(TITLE)).toBe(text);

    // Turned off by keyboard, every block follows, and the choice lasts for the session.
    await wizard.tabTo(wrap, 120);
    await wizard.page.keyboard.press('Space');
    await expect(wrap).not.toBeChecked();
    expect(await cutOff(pre)).toBe(true);
    expect(await cutOff(wizard.documentPre(DOCUMENT_TITLES.iamPolicy))).toBe(true);
    await wizard.page.reload();
    await expect(wrap).not.toBeChecked();
    expect(await cutOff(pre)).toBe(true);
    expect(await wizard.copyAndRead(TITLE)).toBe(text);
  });
});

test('the Terraform export on Review is wrapped too, on a wide screen', async ({ wizard }) => {
  await wizard.page.setViewportSize({ width: 1280, height: 900 });
  await wizard.open(REVIEW_LINK);
  await wizard.page.getByText('Terraform configuration', { exact: true }).click();
  const terraform = wizard.page.getByRole('region', { name: 'Terraform configuration' });
  const pre = terraform.locator('pre');
  const text = await pre.textContent();
  await expect(terraform.getByRole('switch', { name: 'Wrap long lines' })).toBeChecked();
  expect(await cutOff(pre)).toBe(false);
  await wizard.page.evaluate(() => navigator.clipboard.writeText('(not copied)'));
  await terraform.getByRole('button', { name: 'Copy Terraform configuration' }).click();
  await expect(terraform.getByRole('status')).toHaveText('Copied to the clipboard.');
  expect(await wizard.clipboardText()).toBe(text);
});

test('Start over clears the answers, not the choice to wrap long lines', async ({ wizard }) => {
  await wizard.open(REVIEW_LINK);
  await wizard.document(TITLE).getByRole('switch', { name: 'Wrap long lines' }).uncheck();
  await wizard.startOver();
  await wizard.expectStep('operations');
  await wizard.open(REVIEW_LINK);
  await expect(
    wizard.document(TITLE).getByRole('switch', { name: 'Wrap long lines' }),
  ).not.toBeChecked();
});
