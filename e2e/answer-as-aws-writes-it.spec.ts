/**
 * Answers as people bring them: copied from the AWS console (an account ID
 * with dashes, a name with a space around it), far too long, for an edition
 * AWS later corrected, or with the optional hardening.
 */
import { ACCOUNT, DOCUMENT_TITLES, expect, KEY, test } from './fixtures';

test('an account ID and a role name copied from the console are cleaned, and the field says what was cleaned', async ({
  wizard,
}) => {
  await wizard.open('?v=1&ops=import&enc=bucket&step=role');
  const account = wizard.accountField();
  await wizard.paste(account, '1111-2222-3333');
  await expect(account).toHaveValue(ACCOUNT);
  await expect(account).toHaveAccessibleDescription(/Removed the dashes/);
  await wizard.expectFieldValid(account);

  const role = wizard.roleNameField();
  await role.fill('PersonalizeRole ');
  await role.blur();
  await expect(role).toHaveValue('PersonalizeRole');
  await expect(role).toHaveAccessibleDescription(/spaces around the value/);
  await wizard.expectFieldValid(role);
  const policy = (await wizard.documentJson(DOCUMENT_TITLES.keyPolicy)) as {
    Statement: { Principal?: { AWS?: string } }[];
  };
  expect(policy.Statement.map((statement) => statement.Principal?.AWS)).toContain(
    `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`,
  );
});

test('a text field holds at most what AWS accepts, and a huge paste is refused at once, with a message', async ({
  wizard,
  page,
}) => {
  await wizard.open('?v=1&ops=import&enc=bucket&step=role');
  const role = wizard.roleNameField();
  await expect(role).toHaveAttribute('maxlength', '64');
  await expect(wizard.accountField()).toHaveAttribute('maxlength', '12');
  await wizard.paste(role, 'R'.repeat(5_000_000));
  await expect(role).toHaveValue('');
  await expect(role).toHaveAccessibleDescription(/Not pasted: the text is 5,000,000 characters/);
  // The page still answers: what is typed after the refused paste shows in the document.
  await role.fill('AfterTheHugePaste');
  await expect(page.getByText('role/AfterTheHugePaste').first()).toBeVisible();
});

test('with an encrypted dataset group, every step says the January 2023 edition misses actions, and one click follows the current guide', async ({
  wizard,
  page,
}) => {
  await wizard.open(`?v=1&enc=dataset-group&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}`);
  const warning = page.getByRole('status').filter({ hasText: 'AWS corrected' });
  for (const step of ['operations', 'encryption', 'role', 'review'] as const) {
    await wizard.goToStep(step);
    await expect(warning).toContainText('kms:GenerateDataKey');
    await expect(warning).toContainText('kms:CreateGrant');
  }
  await warning.getByRole('button', { name: 'Use the current guide' }).click();
  await expect(warning).toHaveCount(0);
  await expect(page).toHaveURL(/guide=current/);
  const policy = JSON.stringify(await wizard.documentJson(DOCUMENT_TITLES.keyPolicy));
  for (const action of ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:CreateGrant']) {
    expect(policy).toContain(action);
  }
});

test('the confused-deputy option is off by default, says it is untested, and the link carries it', async ({
  wizard,
  page,
}) => {
  await wizard.open(
    `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}`,
  );
  const option = page.getByRole('checkbox', { name: /Confused-deputy conditions/ });
  await expect(option).not.toBeChecked();
  await expect(option).toHaveAccessibleName(/untested/);
  expect(JSON.stringify(await wizard.documentJson(DOCUMENT_TITLES.keyPolicy))).not.toContain(
    'aws:SourceAccount',
  );
  await option.check();
  await expect(page).toHaveURL(/hardening=confused-deputy/);
  const policy = JSON.stringify(await wizard.documentJson(DOCUMENT_TITLES.keyPolicy));
  expect(policy).toContain('aws:SourceAccount');
  expect(policy).toContain('aws:SourceArn');
});
