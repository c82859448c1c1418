import type { Page } from '@playwright/test';

import {
  ACCOUNT,
  DOCUMENT_TITLES,
  drawnLines,
  expect,
  horizontalOverflow,
  KEY,
  neededDocument,
  STEP_LABELS,
  test,
  TEXT_COLOURS,
  watchForTrouble,
  type AnswersInput,
  type WizardPage,
} from './fixtures';

const FILLED = `?v=1&ops=import,batch-inference&enc=bucket,dataset-group&account=${ACCOUNT}&role=PersonalizeRole&path=/service-role/`;

const FILLED_ANSWERS: AnswersInput = {
  operations: ['import', 'batch-inference'],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
  rolePath: '/service-role/',
};

/** A whole journey: every step, a toggle, the explanations, Copy and Download. */
async function walkThrough(wizard: WizardPage): Promise<void> {
  const { page } = wizard;
  await wizard.chooseOperations(['import']);
  await wizard.next();
  await wizard.encrypt({ bucket: true });
  await wizard.next();
  await wizard.fillRole({ accountId: ACCOUNT, roleName: 'PersonalizeRole' });
  await wizard.next();
  await wizard.expectStep('review');
  const title = DOCUMENT_TITLES.keyPolicy;
  await wizard.showExplanations(title);
  await expect(
    wizard.explanations(title).getByText('kms:GenerateDataKey', { exact: true }),
  ).toBeVisible();
  await wizard.statementOnly(title, true);
  await wizard.copyButton(title, 'statement').click();
  await expect(wizard.documentStatus(title)).toContainText('Copied');
  const download = page.waitForEvent('download');
  await wizard.downloadButton(title, 'statement').click();
  await download;
}

test('the page makes no request to any other host during a whole journey', async ({
  wizard,
  page,
  baseURL,
}) => {
  const origins = new Set<string>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'http:' || url.protocol === 'https:') origins.add(url.origin);
  });
  await wizard.open();
  await walkThrough(wizard);
  await page.reload();
  await wizard.expectStep('review');
  expect([...origins]).toEqual([new URL(baseURL ?? '').origin]);
});

test('a Content-Security-Policy allows only the page’s own scripts', async ({ wizard, page }) => {
  await wizard.open();
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  const directives = new Map(
    (policy ?? '').split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
  expect(directives.get('script-src')).toBe("'self'");
  expect(directives.get('object-src')).toBe("'none'");
  expect(directives.get('base-uri')).toBe("'self'");
  expect(directives.get('connect-src')).toBe("'self'");
  expect(directives.get('form-action')).toBe("'none'");
  // No inline script for the policy to forbid: every script comes from a file.
  const inlineScripts = await page.locator('script:not([src])').count();
  expect(inlineScripts).toBe(0);
});

test('the build works from a sub-path and its share links keep the sub-path', async ({
  wizard,
  page,
  baseURL,
}) => {
  const root = new URL(baseURL ?? '');
  const subPath = `http://${root.hostname}:${String(Number(root.port) + 1)}/tools/kms/`;
  const escaped = subPath.replace(/[.?/]/g, (c) => `\\${c}`);
  const trouble = watchForTrouble(page);
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(response.url());
  });
  // wizard.open goes to the root copy; the wizard's other methods work on whatever page it shows.
  await page.goto(`${subPath}${FILLED}&step=review`);
  await wizard.expectStep('review');
  expect(await wizard.documentJson(DOCUMENT_TITLES.keyPolicy)).toEqual(
    neededDocument(FILLED_ANSWERS, DOCUMENT_TITLES.keyPolicy).policy,
  );
  await wizard.back();
  await expect(page).toHaveURL(new RegExp(`^${escaped}\\?v=1&.*step=role`));
  await expect(page.getByRole('textbox', { name: 'Share link' })).toHaveCount(0);
  await wizard.next();
  await expect(page.getByRole('textbox', { name: 'Share link' })).toHaveValue(
    new RegExp(`^${escaped}\\?v=1&.*step=review`),
  );
  expect(failed).toEqual([]);
  expect(trouble.errors).toEqual([]);
  expect(trouble.dialogs).toEqual([]);
});

test('the wizard keeps working with the network cut after the first load', async ({
  wizard,
  page,
  context,
}) => {
  await wizard.open();
  // The first interaction loads the later steps' code; let it arrive.
  await wizard.chooseOperations(['export']);
  await page.waitForLoadState('networkidle');
  await context.setOffline(true);
  await wizard.next();
  await wizard.encrypt({ bucket: true, datasetGroup: true });
  await wizard.chooseSeparateKeys();
  await wizard.next();
  await wizard.fillRole({ accountId: ACCOUNT, roleName: 'OfflineRole' });
  await wizard.next();
  await wizard.expectStep('review');
  await wizard.showExplanations(DOCUMENT_TITLES.datasetGroupKeyPolicy);
  await expect(
    wizard
      .explanations(DOCUMENT_TITLES.datasetGroupKeyPolicy)
      .getByText('kms:GenerateDataKeyWithoutPlaintext', { exact: true })
      .first(),
  ).toBeVisible();
  const policy = (await wizard.documentJson(DOCUMENT_TITLES.datasetGroupKeyPolicy)) as {
    Statement: { Principal?: { AWS?: string } }[];
  };
  expect(policy.Statement[1]?.Principal?.AWS).toBe(`arn:aws:iam::${ACCOUNT}:role/OfflineRole`);
  await context.setOffline(false);
});

test.describe('colour themes', () => {
  for (const scheme of ['light', 'dark'] as const) {
    const { primary, secondary } = TEXT_COLOURS[scheme];
    test(`descriptions and reasons are in the secondary text colour (${scheme})`, async ({
      wizard,
      page,
    }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await wizard.open();
      // The colour of every element with this text, once all `count` are shown.
      const colors = async (text: string | RegExp, count = 1) => {
        const matches = page.getByText(text, { exact: true });
        await expect(matches).toHaveCount(count);
        return new Set(
          await matches.evaluateAll((elements) =>
            elements.map((element) => getComputedStyle(element).color),
          ),
        );
      };
      expect(await colors('Dataset import jobs')).toEqual(new Set([primary]));
      expect(await colors(/^Read your training data/)).toEqual(new Set([secondary]));
      // Both documents: the key policy and the IAM policy are not needed yet.
      expect(await colors(/^Not needed\. /, 2)).toEqual(new Set([secondary]));
    });
  }

  test('follows the system and can be switched, and the choice is kept', async ({
    wizard,
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await wizard.open();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const darkBackground = await background();
    const themes = page.getByRole('group', { name: 'Colour theme' });
    await expect(themes.getByRole('button', { name: 'System' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await themes.getByRole('button', { name: 'Light' }).click();
    await expect(themes.getByRole('button', { name: 'Light' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const lightBackground = await background();
    expect(lightBackground).not.toBe(darkBackground);
    await page.reload();
    await expect(themes.getByRole('button', { name: 'Light' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(await background()).toBe(lightBackground);
  });
});

for (const width of [360, 390, 768, 1600]) {
  test(`the layout holds at ${width} px on any step: no horizontal scrolling, step names apart, check marks on one line`, async ({
    wizard,
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const step of ['operations', 'encryption', 'role', 'review'] as const) {
      await wizard.open(`${FILLED}&keys=separate&key=${KEY}&step=${step}`);
      await wizard.expectStep(step);
      expect(await horizontalOverflow(page), `horizontal overflow on ${step}`).toBeLessThanOrEqual(
        0,
      );
      for (const gap of await stepNameGaps(page)) {
        expect(gap, `gap between two step names on ${step}`).toBeGreaterThanOrEqual(4);
      }
    }
    // Each check's mark (OK, Check, Fix) is one word on one line.
    const marks = wizard
      .reviewSection('Before you apply')
      .getByRole('listitem')
      .locator('span:first-child');
    await expect(marks.first()).toBeVisible();
    for (const mark of await marks.all()) {
      expect(await drawnLines(mark), `lines of the mark "${await mark.textContent()}"`).toBe(1);
    }
  });
}

/**
 * The horizontal space between neighbouring step names in the step bar, from
 * the text itself (not its box, which the text can overflow).
 */
async function stepNameGaps(page: Page): Promise<number[]> {
  const names = Object.values(STEP_LABELS);
  return page.getByRole('navigation', { name: 'Wizard steps' }).evaluate((nav, labels) => {
    const extents = labels.map((label) => {
      const walker = document.createTreeWalker(nav, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.textContent !== label) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = [...range.getClientRects()];
        return {
          left: Math.min(...rects.map((rect) => rect.left)),
          right: Math.max(...rects.map((rect) => rect.right)),
        };
      }
      throw new Error(`no step named ${label}`);
    });
    return extents.flatMap((extent, index) => {
      const previous = extents[index - 1];
      return previous === undefined ? [] : [extent.left - previous.right];
    });
  }, names);
}

test('focus moves to the step heading on Next and Back', async ({ wizard, page }) => {
  await wizard.open();
  await wizard.next();
  await wizard.expectStep('encryption');
  await expect(wizard.stepHeading()).toBeFocused();
  await wizard.back();
  await wizard.expectStep('operations');
  await expect(wizard.stepHeading()).toBeFocused();
  // The focused heading is announced by name, so keyboard users know where they are.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('checkbox', { name: /Dataset import jobs/ })).toBeFocused();
});
