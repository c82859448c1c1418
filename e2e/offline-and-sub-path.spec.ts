/**
 * The page on its own: it asks no other host for anything during a whole
 * journey, its Content-Security-Policy allows only its own scripts, the same
 * build works from a sub-path, once loaded the page fetches the rest of its
 * code by itself, so the wizard keeps working offline, and a download of its
 * code that fails once is tried again, one that keeps failing offers Reload.
 */
import {
  ACCOUNT,
  DOCUMENT_TITLES,
  escapeRegExp,
  expect,
  neededDocument,
  ONE_KEY_LINK,
  subPathUrl,
  test,
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
  const subPath = subPathUrl(baseURL);
  const escaped = escapeRegExp(subPath);
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

/** The chunks the page loads after its first paint. */
const LATER_CHUNKS = [
  /EncryptionStep-[\w-]+\.js$/,
  /RoleStep-[\w-]+\.js$/,
  /ReviewStep-[\w-]+\.js$/,
  /CheckStep-[\w-]+\.js$/,
  /ExplanationList-[\w-]+\.js$/,
  /CompanionDocuments-[\w-]+\.js$/,
  /StartOverDialog-[\w-]+\.js$/,
];

test('after the first load the rest of the code arrives by itself, so the wizard keeps working with the network cut', async ({
  wizard,
  page,
  context,
}) => {
  const arrived = LATER_CHUNKS.map((chunk) =>
    page.waitForResponse((response) => chunk.test(response.url()) && response.ok()),
  );
  await wizard.open();
  // No click, no key: the page fetches its later steps while it is idle.
  await Promise.all(arrived);
  await context.setOffline(true);
  await wizard.chooseOperations(['export']);
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
  await wizard.startOver();
  await wizard.expectStep('operations');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a step whose code fails to download once is loaded again, without an error', async ({
  wizard,
  page,
}) => {
  let refused = 0;
  await page.route(/ReviewStep-[\w-]+\.js$/, async (route) => {
    if (refused === 0) {
      refused++;
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await wizard.open(ONE_KEY_LINK);
  await wizard.expectStep('review');
  await expect(page.getByRole('heading', { name: 'Before you apply' })).toBeVisible();
  expect(refused).toBe(1);
  await expect(page.getByText('could not be shown')).toHaveCount(0);
});

test('when a download keeps failing, the page offers Reload first, and Reload keeps every answer', async ({
  wizard,
  page,
}) => {
  await page.route(/RoleStep-[\w-]+\.js$/, (route) => route.abort('connectionreset'));
  await wizard.open('?v=1&ops=import&enc=bucket');
  await wizard.goToStep('encryption');
  await wizard.bucketNameField().fill('my-personalize-data');
  await wizard.next();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be shown' });
  // Three tries, with pauses of 0.6 s and 1.2 s between them (src/ui/lazy-component.ts),
  // before the page gives up.
  await expect(alert).toBeVisible({ timeout: 15_000 });
  await expect(alert.getByRole('button')).toHaveText(['Reload', 'Try again']);
  await expect(alert).not.toContainText(/start over/i);
  await page.unroute(/RoleStep-[\w-]+\.js$/);
  await alert.getByRole('button', { name: 'Reload' }).click();
  await wizard.expectStep('role');
  await wizard.goToStep('encryption');
  await expect(wizard.bucketNameField()).toHaveValue('my-personalize-data');
  await expect(wizard.bucketEncryptedCheckbox()).toBeChecked();
});
