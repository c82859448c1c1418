/**
 * Merging the Personalize statement into the key's current policy on the
 * Review step: the pasted policy is kept whole with ours added, the line diff
 * opens on the changes, a policy that needs no change says so, and a pasted
 * text that is not JSON gets one error, at the field, while the instructions
 * under the field keep their normal colour; a policy pasted for one key is not
 * merged into another's, and a paste the tab cannot keep says so.
 */
import type { Locator } from '@playwright/test';

import {
  ACCOUNT,
  APP_KEY_POLICY,
  DOCUMENT_TITLES,
  expect,
  KEY,
  neededDocument,
  ONE_KEY_LINK,
  refuseStorageWrites,
  test,
  type WizardPage,
} from './fixtures';

const ANSWERS = {
  operations: ['import' as const],
  bucketEncrypted: true,
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
  keyArn: KEY,
};

const LINK = `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}&step=review`;

const DIFF_LABEL = `Differences between the current and the merged ${DOCUMENT_TITLES.keyPolicy}`;

/** The Review step of LINK with its merge panel open; returns the paste field. */
async function openPanel(wizard: WizardPage): Promise<Locator> {
  await wizard.open(LINK);
  return wizard.openMergePanel();
}

test('pasting the key’s current policy gives one merged policy that keeps every statement, kept on reload', async ({
  wizard,
  page,
}) => {
  const pasted = await openPanel(wizard);
  const current = APP_KEY_POLICY;
  await pasted.fill(JSON.stringify(current));
  const merged = wizard.mergedKeyPolicy();
  const text = await merged.locator('pre').textContent();
  const policy = JSON.parse(text ?? '') as typeof current;
  expect(policy.Id).toBe(current.Id);
  expect(policy.Statement.slice(0, 2)).toEqual(current.Statement);
  const ours = neededDocument(ANSWERS, DOCUMENT_TITLES.keyPolicy).statementOnly?.statement;
  expect(ours, 'the builder’s Personalize statement').toBeDefined();
  // The pasted statements, then ours: nothing dropped, nothing added.
  expect(policy.Statement).toHaveLength(3);
  expect(policy.Statement[2]).toEqual(ours);
  // The pasted policy is kept on reload, in this tab only.
  await page.reload();
  await expect(await wizard.openMergePanel()).toHaveValue(JSON.stringify(current));
});

/** The element's box lies inside the container's box (what the container shows). */
async function expectInside(element: Locator, container: Locator): Promise<void> {
  const inner = await element.boundingBox();
  const outer = await container.boundingBox();
  expect(inner, 'the element is laid out').not.toBeNull();
  expect(outer, 'the container is laid out').not.toBeNull();
  if (inner === null || outer === null) return;
  expect(inner.y, 'top inside the scroll box').toBeGreaterThanOrEqual(outer.y);
  expect(inner.y + inner.height, 'bottom inside the scroll box').toBeLessThanOrEqual(
    outer.y + outer.height,
  );
}

test('the line diff opens on the added statement, with the unchanged lines folded', async ({
  wizard,
  page,
}) => {
  const field = await openPanel(wizard);
  await wizard.paste(field, JSON.stringify(APP_KEY_POLICY, null, 2));
  const diff = page.getByLabel(DIFF_LABEL);
  await expect(diff).toBeVisible();
  const sid = neededDocument(ANSWERS, DOCUMENT_TITLES.keyPolicy).statementOnly?.statement.Sid;
  expect(sid, 'the Personalize statement’s Sid').toBeDefined();
  const addedSid = diff.getByText(`"Sid": "${sid ?? ''}"`);
  await expect(addedSid).toBeVisible();
  await expect(diff).toHaveJSProperty('scrollTop', 0);
  await expectInside(addedSid, diff);
  // Added lines are marked without colour, and exposed as an insertion.
  const added = diff.getByRole('insertion');
  await expect(added.first()).toHaveText(/^\+ /);
  await expectInside(added.first(), diff);
  const addedCount = await added.count();
  expect(addedCount, 'the lines of the Personalize statement').toBeGreaterThan(5);
  await expect(diff.getByRole('deletion')).toHaveCount(0);
  // The unchanged head of the policy is folded into one line that says so.
  await expect(diff).not.toContainText('Enable IAM User Permissions');
  await expect(diff).toContainText(/\d+ unchanged lines/);
  // All of it on request.
  await page.getByRole('checkbox', { name: 'Show the unchanged lines too' }).check();
  await expect(diff).toContainText('Enable IAM User Permissions');
  await expect(diff).not.toContainText(/unchanged lines/);
  await expect(added).toHaveCount(addedCount);
});

test('a policy that needs no change says so instead of a diff of unchanged lines', async ({
  wizard,
  page,
}) => {
  const field = await openPanel(wizard);
  const merged = wizard.mergedKeyPolicy();
  await wizard.paste(field, JSON.stringify(APP_KEY_POLICY, null, 2));
  // The merge is shown once its diff is: read the merged text then, not the previous one.
  await expect(page.getByLabel(DIFF_LABEL)).toBeVisible();
  const text = (await merged.locator('pre').textContent()) ?? '';
  await wizard.paste(field, text);
  await expect(page.getByLabel(DIFF_LABEL)).toHaveCount(0);
  await expect(
    page.getByText('No line changes: the merged policy is the pasted one.'),
  ).toBeVisible();
});

test('broken JSON: one error at the field, the instructions keep their colour', async ({
  wizard,
  page,
}) => {
  const field = await openPanel(wizard);
  const help = page.getByText(/^It stays in this browser tab\./);
  await expect(help).toBeVisible();
  const colour = () => help.evaluate((element) => getComputedStyle(element).color);
  const command = help.locator('code');
  const commandColour = () => command.evaluate((element) => getComputedStyle(element).color);
  const before = { help: await colour(), command: await commandColour() };

  await wizard.paste(field, '{"Version": "2012-10-17",');
  const error = page.getByRole('alert').filter({ hasText: 'This is not valid JSON' });
  await expect(error).toHaveCount(1);
  await expect(page.getByText(/This is not valid JSON/)).toHaveCount(1);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/^This is not valid JSON\. At line 1, column/);
  await expect(field).toHaveAccessibleDescription(/It stays in this browser tab\./);
  expect(await colour(), 'the instructions’ colour').toBe(before.help);
  expect(await commandColour(), 'the command’s colour').toBe(before.command);
  // The error sits at the field: between it and the instructions under it.
  const fieldBox = await field.boundingBox();
  const errorBox = await error.boundingBox();
  const helpBox = await help.boundingBox();
  expect(fieldBox && errorBox && helpBox, 'all three are laid out').toBeTruthy();
  if (fieldBox && errorBox && helpBox) {
    expect(errorBox.y).toBeGreaterThanOrEqual(fieldBox.y + fieldBox.height);
    expect(errorBox.y + errorBox.height).toBeLessThanOrEqual(helpBox.y);
  }

  // Fixed: no error left, the field is valid again.
  await wizard.paste(field, JSON.stringify(APP_KEY_POLICY));
  await expect(error).toHaveCount(0);
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  await expect(field).toHaveAccessibleDescription(/^It stays in this browser tab\./);
});

test('a pasted Deny with the Personalize statement’s Sid stays a Deny, is named, and the runbook puts the merged policy', async ({
  wizard,
  page,
}) => {
  const field = await openPanel(wizard);
  const sid = 'Allow Amazon Personalize to use the key';
  const deny = {
    Sid: sid,
    Effect: 'Deny',
    Principal: { Service: 'personalize.amazonaws.com' },
    Action: 'kms:Decrypt',
    Resource: '*',
  };
  const pasted = { ...APP_KEY_POLICY, Statement: [...APP_KEY_POLICY.Statement, deny] };
  await wizard.paste(field, JSON.stringify(pasted, null, 2));
  const merged = wizard.mergedKeyPolicy();
  await expect(merged).toBeVisible();
  const policy = JSON.parse((await merged.locator('pre').textContent()) ?? '') as {
    Statement: { Sid?: string; Effect: string }[];
  };
  expect(policy.Statement).toContainEqual(deny);
  expect(policy.Statement.at(-1)).toMatchObject({ Sid: `${sid} 2`, Effect: 'Allow' });
  await expect(page.getByText(/is a Deny, which the merge never removes or changes/)).toBeVisible();
  await expect(page.getByText(/denies personalize\.amazonaws\.com kms:Decrypt/)).toBeVisible();

  await page.getByText('AWS CLI runbook', { exact: true }).click();
  const runbook = page.getByRole('region', { name: 'AWS CLI runbook' });
  await expect(runbook).toContainText('personalize-kms-key-policy-merged.json');
});

test('a key policy pasted for one key is not merged into another key’s policy', async ({
  wizard,
  page,
}) => {
  await wizard.open(ONE_KEY_LINK);
  const field = await wizard.openMergePanel();
  await wizard.paste(field, JSON.stringify(APP_KEY_POLICY, null, 2));
  const merged = wizard.mergedKeyPolicy();
  await expect(merged).toBeVisible();
  const otherKey = KEY.replace(
    '1234abcd-12ab-34cd-56ef-1234567890ab',
    'aaaabbbb-cccc-dddd-eeee-ffff00001111',
  );
  await wizard.open(ONE_KEY_LINK.replace(KEY, otherKey));
  await wizard.expectStep('review');
  await wizard.openMergePanel();
  const warning = page.getByRole('alert').filter({ hasText: 'was pasted for the key' });
  await expect(warning).toContainText(KEY);
  await expect(warning).toContainText(otherKey);
  await expect(merged).toHaveCount(0);
});

test('a paste the tab cannot keep says so at the field', async ({ wizard, page }) => {
  await refuseStorageWrites(page, { named: 'pasted:' });
  await wizard.open(ONE_KEY_LINK);
  const field = await wizard.openMergePanel();
  await wizard.paste(field, JSON.stringify(APP_KEY_POLICY, null, 2));
  await expect(page.getByText('could not keep the pasted policy')).toBeVisible();
  await expect(wizard.mergedKeyPolicy()).toBeVisible();
});
