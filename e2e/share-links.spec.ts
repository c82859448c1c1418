/**
 * Share links (docs/share-link.md): a link restores the answers and the step,
 * "Copy share link" gives a link that reopens the same documents, and a
 * tampered link is read safely, with a notice naming what was dropped (every
 * kind of tampered link is in hostile-input.spec.ts).
 */
import {
  ACCOUNT,
  CHINA_KEY,
  DATASET_GROUP_KEY,
  DOCUMENT_TITLES,
  expect,
  KEY,
  test,
  WizardPage,
  type AnswersInput,
  type StepName,
} from './fixtures';

const OTHER_ACCOUNT_KEY =
  'arn:aws:kms:eu-west-1:444455556666:key/mrk-1234abcd12ab34cd56ef1234567890ab';

interface LinkScenario {
  name: string;
  link: string;
  step: StepName;
  /** The answers the link holds, written out by hand. */
  answers: AnswersInput;
  /** The link the wizard writes back for these answers (the same link when it is canonical). */
  canonical?: string;
}

const SCENARIOS: LinkScenario[] = [
  {
    name: 'the example in docs/share-link.md',
    link: `?v=1&ops=import,export&enc=bucket&account=${ACCOUNT}&role=PersonalizeS3Role&key=${KEY}`,
    step: 'operations',
    answers: {
      operations: ['import', 'export'],
      bucketEncrypted: true,
      accountId: ACCOUNT,
      roleName: 'PersonalizeS3Role',
      keyArn: KEY,
    },
  },
  {
    name: 'the example in the README',
    link: `?v=1&ops=import,batch-inference&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole`,
    step: 'operations',
    answers: {
      operations: ['import', 'batch-inference'],
      bucketEncrypted: true,
      accountId: ACCOUNT,
      roleName: 'PersonalizeRole',
    },
  },
  {
    name: 'every operation, both encrypted with one key, a role path, at Review',
    link: `?v=1&ops=import,export,batch-inference,metric-reports&enc=bucket,dataset-group&account=${ACCOUNT}&role=PersonalizeRole&path=/service-role/&key=${KEY}&step=review`,
    step: 'review',
    answers: {
      operations: ['import', 'export', 'batch-inference', 'metric-reports'],
      bucketEncrypted: true,
      datasetGroupEncrypted: true,
      accountId: ACCOUNT,
      roleName: 'PersonalizeRole',
      rolePath: '/service-role/',
      keyArn: KEY,
    },
  },
  {
    name: 'separate keys with both key ARNs, at Review',
    link: `?v=1&ops=import,metric-reports&enc=bucket,dataset-group&keys=separate&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}&dataset-group-key=${DATASET_GROUP_KEY}&step=review`,
    step: 'review',
    answers: {
      operations: ['import', 'metric-reports'],
      bucketEncrypted: true,
      datasetGroupEncrypted: true,
      keys: 'separate',
      accountId: ACCOUNT,
      roleName: 'PersonalizeRole',
      keyArn: KEY,
      datasetGroupKeyArn: DATASET_GROUP_KEY,
    },
  },
  {
    name: 'separate keys without key ARNs, at the Service role step',
    link: `?v=1&ops=export&enc=bucket,dataset-group&keys=separate&account=${ACCOUNT}&role=PersonalizeRole&step=role`,
    step: 'role',
    answers: {
      operations: ['export'],
      bucketEncrypted: true,
      datasetGroupEncrypted: true,
      keys: 'separate',
      accountId: ACCOUNT,
      roleName: 'PersonalizeRole',
    },
  },
  {
    name: 'the dataset group only, no operations, at the Encryption step',
    link: `?v=1&enc=dataset-group&account=${ACCOUNT}&role=PersonalizeRole&step=encryption`,
    step: 'encryption',
    answers: { datasetGroupEncrypted: true, accountId: ACCOUNT, roleName: 'PersonalizeRole' },
  },
  {
    name: 'the aws-cn partition with a China key',
    link: `?v=1&ops=batch-inference&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&partition=aws-cn&key=${CHINA_KEY}&step=role`,
    step: 'role',
    answers: {
      operations: ['batch-inference'],
      bucketEncrypted: true,
      accountId: ACCOUNT,
      roleName: 'PersonalizeRole',
      partition: 'aws-cn',
      keyArn: CHINA_KEY,
    },
  },
  {
    name: 'nothing encrypted: no document is needed',
    link: `?v=1&ops=export,metric-reports&account=${ACCOUNT}&role=PersonalizeRole`,
    step: 'operations',
    answers: {
      operations: ['export', 'metric-reports'],
      accountId: ACCOUNT,
      roleName: 'PersonalizeRole',
    },
  },
  {
    name: 'no role yet: the guide’s placeholders',
    link: '?v=1&ops=import&enc=bucket&step=role',
    step: 'role',
    answers: { operations: ['import'], bucketEncrypted: true },
  },
  {
    name: 'a key in another account',
    link: `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&key=${OTHER_ACCOUNT_KEY}&step=review`,
    step: 'review',
    answers: {
      operations: ['import'],
      bucketEncrypted: true,
      accountId: ACCOUNT,
      roleName: 'PersonalizeRole',
      keyArn: OTHER_ACCOUNT_KEY,
    },
  },
  {
    name: 'a plus sign in the role name, written %2B',
    link: `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=Personalize%2BRole`,
    step: 'operations',
    answers: {
      operations: ['import'],
      bucketEncrypted: true,
      accountId: ACCOUNT,
      roleName: 'Personalize+Role',
    },
  },
  {
    name: 'no version, items out of order and a parameter of our own',
    link: `?utm_source=mail&role=PersonalizeRole&enc=bucket&ops=export,import&account=${ACCOUNT}&step=encryption`,
    step: 'encryption',
    answers: {
      operations: ['import', 'export'],
      bucketEncrypted: true,
      accountId: ACCOUNT,
      roleName: 'PersonalizeRole',
    },
    canonical: `?v=1&ops=import,export&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&step=encryption`,
  },
];

test.describe('a link opens the wizard with its answers', () => {
  for (const scenario of SCENARIOS) {
    test(scenario.name, async ({ wizard }) => {
      await wizard.open(scenario.link);
      await wizard.expectStep(scenario.step);
      await wizard.expectDocumentsFor(scenario.answers);
      await expect(wizard.linkNotice()).toHaveCount(0);
      await expect.poll(() => wizard.search()).toBe(scenario.canonical ?? scenario.link);
    });
  }
});

test('a link restores every answer in the form, and its step', async ({ wizard }) => {
  await wizard.open(
    `?v=1&ops=import,metric-reports&enc=bucket,dataset-group&keys=separate&account=${ACCOUNT}&role=PersonalizeRole&path=/service-role/&partition=aws&key=${KEY}&dataset-group-key=${DATASET_GROUP_KEY}&step=role`,
  );
  await wizard.expectStep('role');
  await expect(wizard.stepButton('Service role')).toHaveAttribute('aria-current', 'step');
  await expect(wizard.accountField()).toHaveValue(ACCOUNT);
  await expect(wizard.roleNameField()).toHaveValue('PersonalizeRole');
  await expect(wizard.rolePathField()).toHaveValue('/service-role/');
  await expect(wizard.partitionRadio('aws')).toBeChecked();
  await wizard.back();
  await wizard.expectStep('encryption');
  await expect(wizard.bucketEncryptedCheckbox()).toBeChecked();
  await expect(wizard.datasetGroupEncryptedCheckbox()).toBeChecked();
  await expect(wizard.keyLayoutRadio('separate')).toBeChecked();
  await expect(wizard.exactField('Bucket key ARN')).toHaveValue(KEY);
  await expect(wizard.exactField('Dataset group key ARN')).toHaveValue(DATASET_GROUP_KEY);
  await wizard.back();
  await wizard.expectStep('operations');
  await expect(wizard.operation('import')).toBeChecked();
  await expect(wizard.operation('metric-reports')).toBeChecked();
  await expect(wizard.operation('export')).not.toBeChecked();
  await expect(wizard.operation('batch-inference')).not.toBeChecked();
});

test('"Copy share link" copies a link that opens the same documents in a new page', async ({
  wizard,
  context,
}) => {
  const answers: AnswersInput = {
    operations: ['import', 'export'],
    bucketEncrypted: true,
    datasetGroupEncrypted: true,
    keys: 'separate',
    keyArn: KEY,
    accountId: ACCOUNT,
    roleName: 'PersonalizeRole',
    rolePath: '/service-role/',
  };
  await wizard.open();
  await wizard.chooseOperations(['import', 'export']);
  await wizard.next();
  await wizard.encrypt({ bucket: true, datasetGroup: true });
  await wizard.chooseSeparateKeys();
  await wizard.exactField('Bucket key ARN').fill(KEY);
  await wizard.next();
  await wizard.fillRole({
    accountId: ACCOUNT,
    roleName: 'PersonalizeRole',
    rolePath: '/service-role/',
  });
  await wizard.copyShareLink();
  await expect(wizard.wizardStatus()).toHaveText('Copied the share link.');
  const link = await wizard.clipboardText();
  await expect.poll(() => wizard.page.url()).toBe(link);
  expect(new URL(link).search).toBe(
    `?v=1&ops=import,export&enc=bucket,dataset-group&keys=separate&account=${ACCOUNT}&role=PersonalizeRole&path=/service-role/&key=${KEY}&step=role`,
  );
  const shown = await wizard.shownDocuments();

  const other = new WizardPage(await context.newPage());
  await other.page.goto(link);
  await other.expectStep('role');
  await expect(other.linkNotice()).toHaveCount(0);
  await other.expectDocumentsFor(answers);
  expect(await other.shownDocuments()).toEqual(shown);
  await expect(other.accountField()).toHaveValue(ACCOUNT);
});

test('the share link on Review opens Review', async ({ wizard, context }) => {
  await wizard.open(`?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole`);
  await wizard.goToStep('review');
  await expect(wizard.page.getByLabel('Share link')).toHaveText(wizard.page.url());
  await wizard.copyShareLink();
  await expect(wizard.wizardStatus()).toHaveText('Copied the share link.');
  const link = await wizard.clipboardText();
  expect(link).toContain('&step=review');
  const other = new WizardPage(await context.newPage());
  await other.page.goto(link);
  await other.expectStep('review');
  await other.expectDocumentsFor({
    operations: ['import'],
    bucketEncrypted: true,
    accountId: ACCOUNT,
    roleName: 'PersonalizeRole',
  });
});

test('a tampered link never puts its value into the documents, even at Review', async ({
  wizard,
}) => {
  await wizard.open(
    `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole%22%7D%5D%7D&key=${KEY}%22&step=review`,
  );
  await expect(wizard.linkNotice()).toBeVisible();
  await expect(wizard.linkNotice().getByText('role', { exact: true })).toBeVisible();
  await expect(wizard.linkNotice().getByText('key', { exact: true })).toBeVisible();
  // Every document still parses, and holds only the valid answers.
  await wizard.expectDocumentsFor({
    operations: ['import'],
    bucketEncrypted: true,
    accountId: ACCOUNT,
  });
  expect(JSON.stringify(await wizard.documentJson(DOCUMENT_TITLES.keyPolicy))).not.toContain(
    'PersonalizeRole',
  );
});
