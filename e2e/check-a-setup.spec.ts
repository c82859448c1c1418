/**
 * Check a setup that already exists: paste what AWS has (or load the collected file) and the
 * error it gave, and read in Findings which operation fails, why, and the fix.
 */
import {
  ACCOUNT,
  axeViolations,
  expect,
  FULL_SETUP,
  FULL_SETUP_LINK,
  KEY,
  ONE_KEY_LINK,
  refuseStorageWrites,
  SEPARATE_KEYS_LINK,
  test,
  watchForTrouble,
} from './fixtures';
import { buildCompanionDocuments } from '../src/policy';
import {
  consoleKeyPolicy,
  consoleRootStatement,
} from '../src/policy/test-support/console-key-policy';
import { PLAIN_TRUST_POLICY } from '../src/policy/check/test-support/customer-policies';

/** ONE_KEY's answers (imports and batch inference, the bucket under one key), on Check. */
const CHECK_LINK = ONE_KEY_LINK.replace('step=review', 'step=check');

/** One call as the collected file records it: what it printed, or how it failed. */
function printed(output: unknown) {
  return {
    exitStatus: 0,
    output: typeof output === 'string' ? output : JSON.stringify(output, null, 4),
  };
}

function failedCall(code: string) {
  return {
    exitStatus: 254,
    error: `\nAn error occurred (${code}) when calling the operation: it failed`,
  };
}

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/PersonalizeRole`;

/** A key policy with the account's root statement only: nothing for Personalize or the role. */
const ROOT_ONLY_KEY_POLICY = consoleKeyPolicy([consoleRootStatement(ACCOUNT)]);

const ROLE_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: KEY,
    },
  ],
};

/**
 * The file the collect script writes (docs/check-file.md) for FULL_SETUP: its key with only the
 * root statement, a role with one inline policy, a bucket without a policy.
 */
const COLLECTED_FILE = JSON.stringify({
  format: 'personalize-setup',
  version: 1,
  keys: [
    {
      arn: KEY,
      describeKey: printed({ KeyMetadata: { Arn: KEY, KeyState: 'Enabled' } }),
      keyPolicy: printed(JSON.stringify(ROOT_ONLY_KEY_POLICY, null, 2)),
    },
  ],
  role: {
    name: 'PersonalizeRole',
    getRole: printed({
      Role: {
        Path: '/service-role/',
        RoleName: 'PersonalizeRole',
        Arn: ROLE_ARN,
        AssumeRolePolicyDocument: PLAIN_TRUST_POLICY,
      },
    }),
    listRolePolicies: printed('PersonalizeKmsAccess'),
    inlinePolicies: [
      {
        name: 'PersonalizeKmsAccess',
        getRolePolicy: printed({
          RoleName: 'PersonalizeRole',
          PolicyName: 'PersonalizeKmsAccess',
          PolicyDocument: ROLE_POLICY,
        }),
      },
    ],
    listAttachedRolePolicies: printed(''),
    attachedPolicies: [],
  },
  bucket: {
    name: 'my-personalize-data',
    getBucketPolicy: failedCall('NoSuchBucketPolicy'),
    getBucketEncryption: printed({
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY },
            BucketKeyEnabled: true,
          },
        ],
      },
    }),
  },
});

/** The bucket policy Review writes for FULL_SETUP, with a Deny for any request not from a VPC. */
const VPC_ONLY_BUCKET_POLICY = (() => {
  const written = buildCompanionDocuments(FULL_SETUP).find(
    (document) => document.id === 'bucket-policy',
  );
  if (!written?.needed) throw new Error('FULL_SETUP needs a bucket policy');
  const policy = JSON.parse(written.json) as { Statement: unknown[] };
  const bucket = `arn:aws:s3:::${FULL_SETUP.bucketName}`;
  policy.Statement.push({
    Sid: 'OnlyFromOurVpc',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucket, `${bucket}/*`],
    Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } },
  });
  return policy;
})();

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

test('a collected file, chosen or dropped, fills the fields and says what it read', async ({
  wizard,
  page,
}) => {
  await wizard.open(`${FULL_SETUP_LINK}&step=check`);
  await wizard.expectStep('check');
  await wizard.loadCollectedFile('personalize-setup.json', COLLECTED_FILE);
  const loaded = page.getByRole('status').filter({ hasText: 'Loaded personalize-setup.json' });
  await expect(loaded).toContainText('Current key policy');
  const keyPolicy = wizard.checkField('Current key policy');
  expect(JSON.parse(await keyPolicy.inputValue())).toEqual(ROOT_ONLY_KEY_POLICY);
  expect(JSON.parse(await wizard.checkField('Trust policy').inputValue())).toEqual(
    PLAIN_TRUST_POLICY,
  );
  expect(JSON.parse(await wizard.checkField('Service role’s policies').inputValue())).toEqual([
    ROLE_POLICY,
  ]);
  // A bucket without a policy reads as one that grants nothing.
  expect(JSON.parse(await wizard.checkField('Bucket policy').inputValue())).toMatchObject({
    Statement: [],
  });

  // A file that is not a collected setup is refused with a reason, and changes no field.
  await wizard.loadCollectedFile('notes.json', '{"hello": "world"}');
  await expect(
    page.getByRole('status').filter({ hasText: 'notes.json was not loaded' }),
  ).toBeVisible();
  expect(JSON.parse(await keyPolicy.inputValue())).toEqual(ROOT_ONLY_KEY_POLICY);

  // Dropped on the step, the same file loads the same way.
  await keyPolicy.fill('');
  await wizard.dropOnStep('dropped.json', COLLECTED_FILE);
  await expect(page.getByRole('status').filter({ hasText: 'Loaded dropped.json' })).toBeVisible();
  expect(JSON.parse(await keyPolicy.inputValue())).toEqual(ROOT_ONLY_KEY_POLICY);
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
  await refuseStorageWrites(page, { named: 'check:' });
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

test('a collected file this tab cannot keep is named after a reload, to be loaded again', async ({
  wizard,
  page,
}) => {
  // The tab's storage is full: it refuses the file, and keeps only what is short.
  await refuseStorageWrites(page, { named: 'check:', longerThan: 200 });
  await wizard.open(`${FULL_SETUP_LINK}&step=check`);
  await wizard.expectStep('check');
  await wizard.loadCollectedFile('personalize-setup.json', COLLECTED_FILE);
  await expect(
    page.getByRole('status').filter({ hasText: 'Loaded personalize-setup.json' }),
  ).toBeVisible();
  const lost = page.getByRole('alert').filter({ hasText: 'could not be kept in this browser tab' });
  await expect(lost).toHaveCount(0);

  await page.reload();
  await wizard.expectStep('check');
  await expect(lost).toContainText('personalize-setup.json, loaded before the page was reloaded');
  await expect(lost).toContainText('Load it again.');
  // Back and Next do not make it go away; loading the file again does.
  await wizard.back();
  await wizard.next();
  await expect(lost).toBeVisible();
  await wizard.loadCollectedFile('personalize-setup.json', COLLECTED_FILE);
  await expect(lost).toHaveCount(0);

  // Dismissed, it stays dismissed after the next reload loses the file again.
  await page.reload();
  await wizard.expectStep('check');
  await lost.getByRole('button', { name: 'Dismiss' }).click();
  await expect(lost).toHaveCount(0);
  await page.reload();
  await wizard.expectStep('check');
  await expect(wizard.findings()).toBeVisible();
  await expect(lost).toHaveCount(0);
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
  // Many Tab presses, each a round trip on a busy machine.
  test.setTimeout(60_000);
  await wizard.open(`${FULL_SETUP_LINK}&step=check`);
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
  await wizard.tabTo(wizard.checkField('Error message'));
  await page.keyboard.type('AccessDenied');
  const keyPolicy = wizard.checkField('Current key policy');
  await wizard.tabTo(keyPolicy);
  // As a paste arrives: one input of the whole text.
  await page.keyboard.insertText(JSON.stringify(ROOT_ONLY_KEY_POLICY, null, 2));
  await expect(keyPolicy).toBeFocused();
  const imports = wizard.failingImports();
  const copyFix = imports.getByRole('button', { name: /^Copy the fix for/ });
  await wizard.tabTo(copyFix, 80);
  await page.keyboard.press('Enter');
  await expect(imports.getByRole('status').last()).toHaveText('Copied the fix to the clipboard.');
  await wizard.tabTo(wizard.backButton(), 120);
  await page.keyboard.press('Enter');
  await wizard.expectStep('review');
  await expect(wizard.stepHeading()).toBeFocused();
});

test('a key policy without Personalize: imports fail on the key, named with the action, the document and the fix', async ({
  wizard,
  page,
}) => {
  await wizard.open(`${FULL_SETUP_LINK}&step=check`);
  await wizard.expectStep('check');
  await wizard.checkField('Current key policy').fill(JSON.stringify(ROOT_ONLY_KEY_POLICY));
  const imports = wizard.failingImports();
  await expect(imports).toHaveCount(1);
  const failure = imports.getByRole('list', { name: 'What fails' });
  await expect(failure).toContainText(/kms:(GenerateDataKey|Decrypt)/);
  await expect(failure).toContainText('Key policy');
  await expect(failure).toContainText(KEY);
  await page.evaluate(() => navigator.clipboard.writeText('(not copied)'));
  await imports.getByRole('button', { name: /^Copy the fix for/ }).click();
  await expect(imports.getByRole('status').last()).toHaveText('Copied the fix to the clipboard.');
  const fix = await wizard.clipboardText();
  expect(fix).toContain('personalize');
  expect(fix).not.toBe('(not copied)');
});

test('a bucket policy that only allows a VPC: a setup fact, and imports fail on the denying statement', async ({
  wizard,
}) => {
  await wizard.open(`${FULL_SETUP_LINK}&step=check`);
  await wizard.expectStep('check');
  await wizard.checkField('Bucket policy').fill(JSON.stringify(VPC_ONLY_BUCKET_POLICY, null, 2));
  await expect(wizard.findingItems('Setup facts').filter({ hasText: /VPC/ })).not.toHaveCount(0);
  const imports = wizard.failingImports();
  await expect(imports).toHaveCount(1);
  const failure = imports.getByRole('list', { name: 'What fails' });
  await expect(failure).toContainText(/s3:(GetObject|ListBucket)/);
  await expect(failure).toContainText('Bucket policy');
  await expect(failure).toContainText('OnlyFromOurVpc');
  await expect(imports).toContainText(/Fix:/);
});

test('a pasted error message is explained: what it means, with its source, and its causes ranked, each with a command to confirm it', async ({
  wizard,
  page,
}) => {
  await wizard.open(`${FULL_SETUP_LINK}&step=check`);
  await wizard.expectStep('check');
  await wizard.checkField('Error message').fill(ERROR_MESSAGE);
  const explanation = page.getByRole('region', { name: 'What the error message means' });
  const matched = explanation.getByRole('list', { name: 'Messages it matches' });
  await expect(matched).toContainText('Personalize could not read or write the S3 data of a job');
  await expect(matched.getByRole('link')).toHaveAttribute(
    'href',
    /^https:\/\/docs\.aws\.amazon\.com\//,
  );
  const causes = explanation
    .getByRole('list', { name: 'Causes, most likely first' })
    .getByRole('listitem')
    .filter({ has: page.getByText(/^(Confirmed|Likely|Possible): /) });
  await expect(causes.first()).toBeVisible();
  const confirm = causes.first().getByRole('button', { name: /^Copy the command that confirms/ });
  await confirm.click();
  await expect(causes.first().getByRole('status').first()).toHaveText(
    'Copied the command to the clipboard.',
  );
  expect(await wizard.clipboardText()).toMatch(/^aws /);
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
