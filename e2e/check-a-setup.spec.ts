/**
 * Check a setup that already exists: paste what AWS has (or load the collected file) and the
 * error it gave, and read in Findings which operation fails, why, and the fix.
 */
import {
  axeViolations,
  expect,
  ONE_KEY_LINK,
  SEPARATE_KEYS_LINK,
  test,
  watchForTrouble,
} from './fixtures';

/** ONE_KEY's answers (imports and batch inference, the bucket under one key), on Check. */
const CHECK_LINK = ONE_KEY_LINK.replace('step=review', 'step=check');

const ERROR_MESSAGE =
  'Insufficient privileges for accessing data in S3. Please look at the Personalize docs on how to give Personalize access to your S3 bucket.';

test('a step=check link opens Check after Review, with one field per text the check reads', async ({
  wizard,
  page,
}) => {
  await wizard.open(CHECK_LINK);
  await wizard.expectStep('check');
  await expect(wizard.stepButton('Check')).toHaveAttribute('aria-current', 'step');
  for (const label of [
    'Error message',
    'Current key policy',
    'Service role’s policies',
    'Bucket policy',
    'Trust policy',
  ]) {
    await expect(wizard.checkField(label)).toHaveValue('');
  }
  await expect(wizard.findings()).toBeVisible();
  await wizard.back();
  await wizard.expectStep('review');
  await expect(page).toHaveURL(/step=review/);
  await wizard.next();
  await wizard.expectStep('check');
  await expect(page).toHaveURL(/step=check/);

  // With separate keys, one key policy field per key.
  await wizard.open(SEPARATE_KEYS_LINK.replace('step=review', 'step=check'));
  await wizard.expectStep('check');
  await expect(wizard.checkField('Current key policy (bucket key)')).toBeVisible();
  await expect(wizard.checkField('Current key policy (dataset group key)')).toBeVisible();
  await expect(wizard.checkField('Current key policy')).toHaveCount(0);
});

test('pasted texts stay in this tab through Back and reload, never in the link, until Start over', async ({
  wizard,
  page,
}) => {
  await wizard.open(CHECK_LINK);
  await wizard.expectStep('check');
  const bucketPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
  await wizard.checkField('Error message').fill(ERROR_MESSAGE);
  await wizard.checkField('Bucket policy').fill(bucketPolicy);

  await wizard.back();
  await wizard.expectStep('review');
  await wizard.next();
  await wizard.expectStep('check');
  await expect(wizard.checkField('Error message')).toHaveValue(ERROR_MESSAGE);

  await page.reload();
  await wizard.expectStep('check');
  await expect(wizard.checkField('Error message')).toHaveValue(ERROR_MESSAGE);
  await expect(wizard.checkField('Bucket policy')).toHaveValue(bucketPolicy);
  // Neither the address nor the share link holds a pasted word.
  expect(decodeURIComponent(page.url())).not.toContain('Insufficient');
  expect(decodeURIComponent(page.url())).not.toContain('Statement');
  await wizard.copyShareLink();
  expect(await wizard.clipboardText()).not.toContain('Insufficient');

  await wizard.startOver();
  await wizard.expectStep('operations');
  await wizard.open(CHECK_LINK);
  await wizard.expectStep('check');
  await expect(wizard.checkField('Error message')).toHaveValue('');
  await expect(wizard.checkField('Bucket policy')).toHaveValue('');
});

test('a text this tab cannot keep says so at its field, and is still checked', async ({
  wizard,
  page,
}) => {
  // The tab's storage refuses the Check step's texts, as a full or disabled one does.
  await page.addInitScript(() => {
    const keep = Object.getOwnPropertyDescriptor(Storage.prototype, 'setItem')?.value as (
      this: Storage,
      name: string,
      value: string,
    ) => void;
    Object.defineProperty(Storage.prototype, 'setItem', {
      configurable: true,
      value(this: Storage, name: string, value: string) {
        if (name.includes('check:')) throw new DOMException('full', 'QuotaExceededError');
        keep.call(this, name, value);
      },
    });
  });
  await wizard.open(CHECK_LINK);
  await wizard.expectStep('check');
  const field = wizard.checkField('Trust policy');
  await field.fill('{ not json');
  await expect(field).toHaveAccessibleDescription(/could not keep this text/);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  // Back and Next keep it while the page stays open.
  await wizard.back();
  await wizard.next();
  await expect(wizard.checkField('Trust policy')).toHaveValue('{ not json');
});

test('a text the check cannot read is marked at its field, and typing keeps the focus there', async ({
  wizard,
}) => {
  await wizard.open(CHECK_LINK);
  await wizard.expectStep('check');
  const field = wizard.checkField('Bucket policy');
  await wizard.expectFieldValid(field);
  await field.click();
  await field.pressSequentially('{"Version": ');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toBeFocused();
  await field.pressSequentially('"2012-10-17", "Statement": []}');
  await wizard.expectFieldValid(field);
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('{"Version": "2012-10-17", "Statement": []}');
});

test('the script that collects the setup can be copied and downloaded', async ({
  wizard,
  page,
}) => {
  await wizard.open(CHECK_LINK);
  await wizard.expectStep('check');
  await wizard.collectScriptSummary().click();
  await page.getByRole('button', { name: 'Copy Collect script' }).click();
  const script = await wizard.clipboardText();
  expect(script).toMatch(/^#!\/usr\/bin\/env bash/);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Collect script' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.sh$/);
});

test('the whole step by keyboard only', async ({ wizard, page }) => {
  await wizard.open(CHECK_LINK);
  await wizard.expectStep('check');
  await wizard.tabTo(wizard.collectScriptSummary());
  await page.keyboard.press('Enter');
  const copyScript = page.getByRole('button', { name: 'Copy Collect script' });
  await wizard.tabTo(copyScript);
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('region', { name: 'Collect it in one go' }).getByRole('status'),
  ).toHaveText('Copied to the clipboard.');
  await wizard.tabTo(page.getByRole('button', { name: 'Load collected file' }));
  const errorField = wizard.checkField('Error message');
  await wizard.tabTo(errorField);
  await page.keyboard.type('AccessDenied');
  await wizard.tabTo(wizard.checkField('Trust policy'));
  await page.keyboard.type('{}');
  await expect(wizard.findings()).toBeVisible();
  await wizard.tabTo(wizard.backButton(), 80);
  await page.keyboard.press('Enter');
  await wizard.expectStep('review');
  await expect(wizard.stepHeading()).toBeFocused();
});

test('axe finds nothing on the Check step with findings and an explained error', async ({
  wizard,
  page,
}) => {
  const trouble = watchForTrouble(page);
  await wizard.open(CHECK_LINK);
  await wizard.expectStep('check');
  await wizard.checkField('Error message').fill(ERROR_MESSAGE);
  await wizard.checkField('Bucket policy').fill('{ not json');
  await expect(wizard.checkField('Bucket policy')).toHaveAttribute('aria-invalid', 'true');
  await wizard.collectScriptSummary().click();
  await expect(page.getByRole('heading', { name: 'What the error message means' })).toBeVisible();
  expect(await axeViolations(page, page.locator('#questions'))).toEqual([]);
  expect(trouble.errors).toEqual([]);
});
