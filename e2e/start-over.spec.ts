/**
 * Start over: it asks first; Cancel and Escape keep everything; confirming
 * clears every answer, the address, the link's notices and a pasted key
 * policy, and keeps the reader's own choices (wrapping long lines); Back and
 * Forward after it bring no answer back.
 */
import {
  ACCOUNT,
  APP_KEY_POLICY,
  DOCUMENT_TITLES,
  expect,
  KEY,
  ONE_KEY_LINK,
  test,
} from './fixtures';

/** Every step answered, at Review, with one part of the link that is not used (keys=maybe). */
const LINK = `?v=1&ops=import&enc=bucket&keys=maybe&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}&step=review`;

test('Start over asks first; Escape and Cancel keep every answer', async ({ wizard, page }) => {
  await wizard.open(LINK);
  await wizard.expectStep('review');
  // The address drops the part of the link that was not used a moment after the page opens.
  await expect.poll(() => wizard.search()).not.toContain('keys=');
  const before = wizard.search();
  const startOver = wizard.startOverButton();
  const dialog = page.getByRole('dialog', { name: 'Start over?' });

  await startOver.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('It cannot be undone.');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(startOver).toBeFocused();
  await startOver.click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await wizard.expectStep('review');
  expect(wizard.search()).toBe(before);
  await wizard.goToStep('role');
  await expect(wizard.accountField()).toHaveValue(ACCOUNT);
  await expect(wizard.roleNameField()).toHaveValue('PersonalizeRole');
});

test('confirming clears every answer, the link and its notices, for good', async ({
  wizard,
  page,
}) => {
  await wizard.open(LINK);
  await wizard.expectStep('review');
  await expect(wizard.linkNotice()).toBeVisible();
  await wizard.startOver();
  await expect(page.getByRole('dialog', { name: 'Start over?' })).toHaveCount(0);
  await wizard.expectStep('operations');
  await expect(wizard.stepHeading()).toBeFocused();
  await expect(wizard.wizardStatus()).toHaveText('All answers cleared.');
  await expect(wizard.linkNotice()).toHaveCount(0);
  await expect(wizard.operation('import')).not.toBeChecked();
  await expect.poll(() => wizard.search()).toBe('?v=1');
  await wizard.expectDocumentsFor({});
  await expect(wizard.stepButton('Review')).toBeDisabled();

  // A reload brings nothing back.
  await page.reload();
  await wizard.expectStep('operations');
  await expect(wizard.operation('import')).not.toBeChecked();
  await wizard.goToStep('role');
  await expect(wizard.accountField()).toHaveValue('');
  await expect(wizard.roleNameField()).toHaveValue('');
  await wizard.expectDocumentsFor({});
});

test('Start over forgets a pasted key policy, not the choice to wrap long lines', async ({
  wizard,
}) => {
  await wizard.open(LINK);
  const wrap = wizard
    .document(DOCUMENT_TITLES.keyPolicy)
    .getByRole('switch', { name: 'Wrap long lines' });
  await wrap.uncheck();
  await (await wizard.openMergePanel()).fill(JSON.stringify(APP_KEY_POLICY));
  await wizard.startOver();
  await wizard.expectStep('operations');
  // The same link again: the pasted key policy is gone, the choice to wrap long lines is not.
  await wizard.open(LINK);
  await expect(await wizard.openMergePanel()).toHaveValue('');
  await expect(wrap).not.toBeChecked();
});

test('after Start over, Back and Forward bring no answer back', async ({ wizard, page }) => {
  await wizard.open(ONE_KEY_LINK);
  await wizard.expectStep('review');
  await wizard.back();
  await wizard.expectStep('role');
  await wizard.back();
  await wizard.expectStep('encryption');
  await wizard.startOver();
  await wizard.expectStep('operations');
  await expect(wizard.wizardStatus()).toHaveText('All answers cleared.');
  for (const move of ['back', 'forward'] as const) {
    if (move === 'back') await page.goBack();
    else await page.goForward();
    await expect(page).not.toHaveURL(new RegExp(`${ACCOUNT}|PersonalizeRole|key=`));
    await expect(wizard.operation('import')).not.toBeChecked();
    await wizard.expectDocumentsFor({});
  }
  await wizard.expectStep('operations');
  await expect(wizard.operation('import')).not.toBeChecked();
});
