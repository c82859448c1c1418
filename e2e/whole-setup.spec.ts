import { readFile } from 'node:fs/promises';

import { unzipSync, strFromU8 } from 'fflate';

import {
  buildCompanionDocuments,
  buildPolicies,
  DEFAULT_ANSWERS,
  type Answers,
  type NeededDocument,
} from '../src/policy';
import {
  ACCOUNT,
  APP_KEY_POLICY,
  DOCUMENT_TITLES,
  expect,
  KEY,
  neededDocument,
  test,
} from './fixtures';

/** The companion documents SETUP needs, in the order the page shows them. */
const COMPANION_TITLES = ['S3 access policy', 'Bucket policy', 'Trust policy', 'PassRole policy'];

const SETUP: Answers = {
  ...DEFAULT_ANSWERS,
  operations: ['import', 'export', 'batch-inference'],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
  rolePath: '/service-role/',
  keyArn: KEY,
  bucketName: 'my-personalize-data',
  region: 'us-east-1',
};

const SETUP_LINK = `?v=1&ops=import,export,batch-inference&enc=bucket,dataset-group&account=${ACCOUNT}&role=PersonalizeRole&path=/service-role/&key=${KEY}&bucket=my-personalize-data&region=us-east-1`;

function needed(documents: ReturnType<typeof buildCompanionDocuments>): NeededDocument[] {
  return documents.filter((document): document is NeededDocument => document.needed);
}

test('the companion documents appear when asked for and match the builder', async ({
  wizard,
  page,
}) => {
  await wizard.open(`${SETUP_LINK}&step=role`);
  await expect(wizard.document('Trust policy')).toHaveCount(0);
  await page
    .getByText('The rest of the setup: S3 access, bucket, trust and PassRole policies')
    .click();
  const companions = needed(buildCompanionDocuments(SETUP));
  expect(companions.map((document) => document.title)).toEqual(COMPANION_TITLES);
  for (const document of companions) {
    expect(await wizard.documentJson(document.title), document.title).toEqual(document.policy);
  }
  // They follow the answers as they change.
  await wizard.roleNameField().fill('OtherRole');
  await expect
    .poll(async () => {
      const passRole = (await wizard.documentJson('PassRole policy')) as {
        Statement: { Resource: string }[];
      };
      return passRole.Statement[0]?.Resource;
    })
    .toBe(`arn:aws:iam::${ACCOUNT}:role/service-role/OtherRole`);
});

test('choosing the current guide adds CreateGrant and batch segment jobs, and says what differs', async ({
  wizard,
  page,
}) => {
  await wizard.open(`?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole`);
  const batchSegment = page.getByRole('checkbox', { name: 'Batch segment jobs' });
  await expect(batchSegment).toBeDisabled();
  await page
    .getByRole('checkbox', { name: 'Follow the current AWS guide, not the January 2023 one' })
    .check();
  await expect(batchSegment).toBeEnabled();
  await batchSegment.check();
  await expect(page).toHaveURL(/guide=current&ops=import,batch-segment/);
  const answers: Answers = {
    ...DEFAULT_ANSWERS,
    guide: 'current',
    operations: ['import', 'batch-segment'],
    bucketEncrypted: true,
    accountId: ACCOUNT,
    roleName: 'PersonalizeRole',
  };
  expect(needed(buildPolicies(answers).documents).map((document) => document.title)).toEqual([
    DOCUMENT_TITLES.keyPolicy,
    DOCUMENT_TITLES.iamPolicy,
  ]);
  await wizard.expectDocumentsFor(answers);
  await page.getByText(/what the January 2023 guide would change/).click();
  await expect(
    page.getByText('Batch segment jobs: only the current AWS guide covers them.'),
  ).toBeVisible();
  // Back to the January 2023 guide: batch segment jobs go, the rest stays.
  await page
    .getByRole('checkbox', { name: 'Follow the current AWS guide, not the January 2023 one' })
    .uncheck();
  await expect(batchSegment).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Dataset import jobs' })).toBeChecked();
  const keyPolicy = (await wizard.documentJson(DOCUMENT_TITLES.keyPolicy)) as {
    Statement: { Action: string[] | string }[];
  };
  expect(keyPolicy.Statement[1]?.Action).not.toContain('kms:CreateGrant');
});

test('pasting the key’s current policy gives one merged policy that keeps every statement', async ({
  wizard,
  page,
}) => {
  await wizard.open(`${SETUP_LINK}&step=review`);
  const pasted = await wizard.openMergePanel();
  const current = APP_KEY_POLICY;
  await pasted.fill(JSON.stringify(current));
  const merged = page.getByRole('region', { name: `Merged ${DOCUMENT_TITLES.keyPolicy}` });
  const text = await merged.locator('pre').textContent();
  const policy = JSON.parse(text ?? '') as typeof current;
  expect(policy.Id).toBe(current.Id);
  expect(policy.Statement.slice(0, 2)).toEqual(current.Statement);
  const ours = neededDocument(SETUP, DOCUMENT_TITLES.keyPolicy).statementOnly?.statement;
  expect(ours, 'the builder’s Personalize statement').toBeDefined();
  // The pasted statements, then ours: nothing dropped, nothing added.
  expect(policy.Statement).toHaveLength(3);
  expect(policy.Statement[2]).toEqual(ours);
  // The pasted policy is kept on reload, in this tab only.
  await page.reload();
  await expect(await wizard.openMergePanel()).toHaveValue(JSON.stringify(current));
  // Not JSON: a plain explanation, no merged policy.
  await pasted.fill('{"Version": ');
  await expect(page.getByRole('alert').filter({ hasText: /line 1/ })).toBeVisible();
  await expect(merged).toHaveCount(0);
});

test('Start over forgets a pasted key policy too', async ({ wizard }) => {
  await wizard.open(`${SETUP_LINK}&step=review`);
  await (await wizard.openMergePanel()).fill('{"Version": "2012-10-17", "Statement": []}');
  await wizard.startOver();
  await wizard.expectStep('operations');
  await wizard.open(`${SETUP_LINK}&step=review`);
  await expect(await wizard.openMergePanel()).toHaveValue('');
});

test('Download all saves every document and the runbook in one archive', async ({
  wizard,
  page,
}) => {
  await wizard.open(`${SETUP_LINK}&step=review`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download all (zip)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('personalize-kms-policies.zip');
  const entries = unzipSync(new Uint8Array(await readFile(await file.path())));
  const documents = [
    ...needed(buildPolicies(SETUP).documents),
    ...needed(buildCompanionDocuments(SETUP)),
  ];
  expect(documents.map((document) => document.fileName)).toEqual([
    'personalize-kms-key-policy.json',
    'personalize-service-role-kms-policy.json',
    'personalize-service-role-s3-policy.json',
    'personalize-bucket-policy.json',
    'personalize-service-role-trust-policy.json',
    'personalize-passrole-policy.json',
  ]);
  for (const document of documents) {
    const entry = entries[document.fileName];
    expect(entry, document.fileName).toBeDefined();
    if (entry) expect(JSON.parse(strFromU8(entry))).toEqual(document.policy);
  }
  const runbook = entries['apply-personalize-policies.sh'];
  expect(runbook).toBeDefined();
  const script = runbook ? strFromU8(runbook) : '';
  expect(script).not.toContain('bypass-policy-lockout-safety-check');
  for (const document of documents) expect(script).toContain(document.fileName);
  expect(Object.keys(entries)).toEqual(
    expect.arrayContaining(['personalize-policies.cfn.yaml', 'personalize-policies.tf']),
  );
});

test('pre-flight checks flag what would break before anything is applied', async ({ wizard }) => {
  // A key in eu-west-1 while the resources are in us-east-1: KMS keys are regional.
  await wizard.open(
    `${SETUP_LINK.replace(KEY, KEY.replace(':us-east-1:', ':eu-west-1:'))}&step=review`,
  );
  const checks = wizard.reviewSection('Before you apply');
  await expect(checks).toContainText(/1 to fix/);
  await expect(checks).toContainText(/eu-west-1/);
  await expect(checks).toContainText(/VPC/);
});
