/**
 * Answering the wizard's questions, by mouse and by keyboard alone: every
 * document the page shows is compared, parsed, with what the pure builder
 * makes of the same answers; a bad answer is explained at its field and never
 * reaches a document; an answer copied from the console is cleaned and a huge
 * paste refused; a pasted role ARN fills the fields it names; the January 2023
 * edition's warning and the confused-deputy option.
 */
import { buildPolicies, DEFAULT_ANSWERS, type Answers } from '../src/policy';
import {
  ACCOUNT,
  DATASET_GROUP_KEY,
  DOCUMENT_TITLES,
  expect,
  KEY,
  keyArnLabel,
  test,
  watchForTrouble,
  type AnswersInput,
  type WizardPage,
} from './fixtures';

const MOUSE_JOURNEYS: { name: string; answers: AnswersInput; titles: string[] }[] = [
  {
    name: 'bucket only, import',
    answers: {
      operations: ['import'],
      bucketEncrypted: true,
      accountId: ACCOUNT,
      roleName: 'PersonalizeRole',
    },
    titles: [DOCUMENT_TITLES.keyPolicy, DOCUMENT_TITLES.iamPolicy],
  },
  {
    name: 'bucket and dataset group with the same key',
    answers: {
      operations: ['import', 'export', 'batch-inference'],
      bucketEncrypted: true,
      datasetGroupEncrypted: true,
      keys: 'same',
      keyArn: KEY,
      accountId: ACCOUNT,
      roleName: 'PersonalizeS3Role',
      rolePath: '/service-role/',
    },
    titles: [DOCUMENT_TITLES.keyPolicy, DOCUMENT_TITLES.iamPolicy],
  },
  {
    name: 'bucket and dataset group with separate keys, both key ARNs',
    answers: {
      operations: ['import', 'metric-reports'],
      bucketEncrypted: true,
      datasetGroupEncrypted: true,
      keys: 'separate',
      keyArn: KEY,
      datasetGroupKeyArn: DATASET_GROUP_KEY,
      accountId: ACCOUNT,
      roleName: 'PersonalizeRole',
    },
    titles: [
      DOCUMENT_TITLES.bucketKeyPolicy,
      DOCUMENT_TITLES.datasetGroupKeyPolicy,
      DOCUMENT_TITLES.iamPolicy,
    ],
  },
  {
    name: 'dataset group only, export',
    answers: {
      operations: ['export'],
      datasetGroupEncrypted: true,
      accountId: ACCOUNT,
      roleName: 'PersonalizeRole',
    },
    titles: [DOCUMENT_TITLES.keyPolicy, DOCUMENT_TITLES.iamPolicy],
  },
];

test.describe('by mouse, every step', () => {
  for (const journey of MOUSE_JOURNEYS) {
    test(`${journey.name}: each step shows the builder's documents`, async ({ wizard }) => {
      await wizard.open();
      // A fresh visit: the first step, and no document is needed yet.
      await wizard.expectStep('operations');
      await wizard.expectDocumentsFor({});
      await wizard.answerEveryStepByMouse(journey.answers);
      await expect(wizard.documentsPanel().getByRole('heading', { level: 3 })).toHaveText(
        journey.titles,
      );
    });
  }
});

/** The answers the keyboard journeys give. */
const KEYBOARD_ANSWERS: AnswersInput = {
  operations: ['import', 'batch-inference'],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  keys: 'separate',
  keyArn: KEY,
  datasetGroupKeyArn: DATASET_GROUP_KEY,
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
  rolePath: '/service-role/',
};

test.describe('by keyboard alone', () => {
  // Each press of a key is a round trip to the browser, and the page re-renders the control that
  // takes the focus; on a busy two-core machine a press takes up to about 0.3 s. These journeys
  // press about 35 and 50 keys: sized for that, twice over.
  test.setTimeout(60_000);

  test('from the first step to Review', async ({ wizard, page }) => {
    const answers = KEYBOARD_ANSWERS;
    const keyboard = page.keyboard;
    await wizard.open();

    // Operations: Tab to a checkbox, Space to tick it.
    await wizard.tabTo(wizard.operation('import'));
    await keyboard.press('Space');
    await wizard.tabTo(wizard.operation('batch-inference'));
    await keyboard.press('Space');
    await expect(wizard.operation('import')).toBeChecked();
    await expect(wizard.operation('batch-inference')).toBeChecked();
    await wizard.expectDocumentsFor({ operations: answers.operations });
    await wizard.tabTo(wizard.nextButton());
    await keyboard.press('Enter');
    await wizard.expectStep('encryption');
    await expect(wizard.stepHeading()).toBeFocused();
    // The step's code loads lazily: a person sees its fields before tabbing to them.
    await expect(wizard.bucketEncryptedCheckbox()).toBeVisible();

    // Encryption: two checkboxes, then the arrow keys choose separate keys.
    await wizard.tabTo(wizard.bucketEncryptedCheckbox());
    await keyboard.press('Space');
    await keyboard.press('Tab');
    await expect(wizard.datasetGroupEncryptedCheckbox()).toBeFocused();
    await keyboard.press('Space');
    await keyboard.press('Tab');
    await expect(wizard.keyLayoutRadio('same')).toBeFocused();
    await keyboard.press('ArrowDown');
    await expect(wizard.keyLayoutRadio('separate')).toBeChecked();
    // Key ARNs are pasted (text inserted at the caret), the short answers typed.
    await wizard.tabTo(wizard.exactField('Bucket key ARN'));
    await keyboard.insertText(KEY);
    await keyboard.press('Tab');
    await expect(wizard.exactField('Dataset group key ARN')).toBeFocused();
    await keyboard.insertText(DATASET_GROUP_KEY);
    // Enter in a text field submits the step, like Next.
    await keyboard.press('Enter');
    await wizard.expectStep('role');
    await expect(wizard.stepHeading()).toBeFocused();
    await expect(wizard.roleArnField()).toBeVisible();

    // Service role: the account, the name and the path, one after the other.
    await wizard.tabTo(wizard.accountField());
    await keyboard.type(ACCOUNT);
    await keyboard.press('Tab');
    await expect(wizard.roleNameField()).toBeFocused();
    await keyboard.type('PersonalizeRole');
    await keyboard.press('Tab');
    await expect(wizard.rolePathField()).toBeFocused();
    await keyboard.press('ControlOrMeta+A');
    await keyboard.insertText('/service-role/');
    await wizard.expectDocumentsFor(answers);
    await wizard.tabTo(wizard.nextButton());
    await keyboard.press('Enter');
    await wizard.expectStep('review');
    await expect(wizard.stepHeading()).toBeFocused();
    await wizard.expectDocumentsFor(answers);
  });

  test('on Review, the documents’ controls', async ({ wizard, page }) => {
    const keyboard = page.keyboard;
    await wizard.open(
      `?v=1&ops=import,batch-inference&enc=bucket,dataset-group&keys=separate&account=${ACCOUNT}&role=PersonalizeRole&path=/service-role/&key=${KEY}&dataset-group-key=${DATASET_GROUP_KEY}&step=review`,
    );
    await wizard.expectStep('review');
    await wizard.expectDocumentsFor(KEYBOARD_ANSWERS);
    const title = DOCUMENT_TITLES.bucketKeyPolicy;
    // Past every control of the Review step, as a keyboard user goes.
    await wizard.tabTo(wizard.statementOnlySwitch(title), 80);
    await keyboard.press('Space');
    await expect(wizard.statementOnlySwitch(title)).toBeChecked();
    await wizard.tabTo(wizard.copyButton(title, 'statement'));
    await keyboard.press('Enter');
    await expect(wizard.documentStatus(title)).toHaveText('Copied to the clipboard.');
    const summary = wizard.explanations(title).getByText('Why each action is here');
    await wizard.tabTo(summary);
    await keyboard.press('Enter');
    await expect(wizard.explanations(title)).toHaveAttribute('open', '');
    await expect(wizard.explanations(title)).toContainText('kms:Decrypt');
  });
});

test('the documents are shown on every step', async ({ wizard }) => {
  await wizard.open(
    `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&step=operations`,
  );
  const answers: AnswersInput = {
    operations: ['import'],
    bucketEncrypted: true,
    accountId: ACCOUNT,
    roleName: 'PersonalizeRole',
  };
  for (const step of ['operations', 'encryption', 'role', 'review'] as const) {
    await wizard.goToStep(step);
    await expect(wizard.documentPre(DOCUMENT_TITLES.keyPolicy)).toBeVisible();
    await expect(wizard.documentPre(DOCUMENT_TITLES.iamPolicy)).toBeVisible();
    await wizard.expectDocumentsFor(answers);
  }
});

test('the documents follow the role name as it is typed', async ({ wizard }) => {
  await wizard.open('?v=1&ops=import&enc=bucket&step=role');
  const stillMissing = wizard.stillMissingNote();
  await expect(stillMissing).toContainText('AWS account ID and Service role name');
  await expect(stillMissing).toContainText('<account-id>, <personalize-role-name>');

  const principal = async () => {
    const policy = (await wizard.documentJson(DOCUMENT_TITLES.keyPolicy)) as {
      Statement: { Principal?: { AWS?: string } }[];
    };
    return policy.Statement[1]?.Principal?.AWS;
  };
  expect(await principal()).toBe('arn:aws:iam::<account-id>:role/<personalize-role-name>');

  await wizard.roleNameField().click();
  await wizard.roleNameField().pressSequentially('Pers');
  await expect.poll(principal).toBe('arn:aws:iam::<account-id>:role/Pers');
  await expect.poll(() => wizard.search()).toContain('role=Pers&');
  await wizard.roleNameField().pressSequentially('onalizeRole');
  await expect.poll(principal).toBe('arn:aws:iam::<account-id>:role/PersonalizeRole');
  await expect(stillMissing).toContainText('Still missing: AWS account ID.');
  await expect(stillMissing).not.toContainText('Service role name');

  await wizard.accountField().pressSequentially(ACCOUNT);
  await expect.poll(principal).toBe(`arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`);
  await expect(stillMissing).toHaveCount(0);
  await wizard.expectDocumentsFor({
    operations: ['import'],
    bucketEncrypted: true,
    accountId: ACCOUNT,
    roleName: 'PersonalizeRole',
  });
});

test('choosing the current guide adds CreateGrant and batch segment jobs, and says what differs', async ({
  wizard,
  page,
}) => {
  await wizard.open(`?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole`);
  const guide = page.getByRole('checkbox', {
    name: 'Follow the current AWS guide, not the January 2023 one',
  });
  const batchSegment = page.getByRole('checkbox', { name: 'Batch segment jobs' });
  await expect(batchSegment).toBeDisabled();
  await guide.check();
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
  expect(
    buildPolicies(answers)
      .documents.filter((document) => document.needed)
      .map((document) => document.title),
  ).toEqual([DOCUMENT_TITLES.keyPolicy, DOCUMENT_TITLES.iamPolicy]);
  await wizard.expectDocumentsFor(answers);
  await page.getByText(/what the January 2023 guide would change/).click();
  await expect(
    page.getByText('Batch segment jobs: only the current AWS guide covers them.'),
  ).toBeVisible();
  // Back to the January 2023 guide: batch segment jobs go, the rest stays.
  await guide.uncheck();
  await expect(batchSegment).not.toBeChecked();
  await expect(wizard.operation('import')).toBeChecked();
  const keyPolicy = (await wizard.documentJson(DOCUMENT_TITLES.keyPolicy)) as {
    Statement: { Action: string[] | string }[];
  };
  expect(keyPolicy.Statement[1]?.Action).not.toContain('kms:CreateGrant');
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

test.describe('the Service role step checks its answers', () => {
  test('Next with no account ID stays on the step and says why at the field', async ({
    wizard,
  }) => {
    await wizard.open('?v=1&ops=import&enc=bucket&step=role');
    await wizard.next();
    await wizard.expectStep('role');
    await wizard.expectFieldError(
      wizard.accountField(),
      'Enter the 12-digit ID of the account that owns the role.',
    );
    await expect(wizard.accountField()).toBeFocused();
    await wizard.expectFieldError(
      wizard.roleNameField(),
      'Enter the name of the role Personalize uses.',
    );
    await expect(wizard.wizardStatus()).toHaveText(
      'Some answers in this step need attention before you go on.',
    );
    // Empty required fields show an example, never what reads like an answer.
    await expect(wizard.accountField()).toHaveValue('');
    await expect(wizard.accountField()).toHaveAttribute('placeholder', 'e.g. 111122223333');
    await expect(wizard.roleNameField()).toHaveValue('');
    await expect(wizard.roleNameField()).toHaveAttribute('placeholder', 'e.g. PersonalizeRole');

    // With the account given, Next takes the focus to the next missing answer.
    await wizard.accountField().fill(ACCOUNT);
    await wizard.next();
    await wizard.expectStep('role');
    await wizard.expectFieldValid(wizard.accountField());
    await expect(wizard.roleNameField()).toBeFocused();
    await wizard.roleNameField().fill('PersonalizeRole');
    await wizard.next();
    await wizard.expectStep('review');
  });

  test('an invalid account ID is shown at the field and never reaches a document', async ({
    wizard,
  }) => {
    await wizard.open('?v=1&ops=import,export&enc=bucket&role=PersonalizeRole&step=role');
    await wizard.accountField().fill('12345');
    await wizard.next();
    await wizard.expectStep('role');
    await expect(wizard.accountField()).toBeFocused();
    await wizard.expectFieldError(
      wizard.accountField(),
      'An account ID has exactly 12 digits (this has 5). Keep any leading zeros.',
    );
    await expect(wizard.documentsPanel()).toContainText('Not used until corrected: AWS account ID');
    // The documents keep the placeholder, as for no account at all.
    await wizard.expectDocumentsFor({
      operations: ['import', 'export'],
      bucketEncrypted: true,
      roleName: 'PersonalizeRole',
    });
    for (const text of await wizard.allPreTexts()) expect(text).not.toContain('12345');
    // The address follows the form 150 ms after the last keystroke, and it already equals the
    // link without an account: a valid change after the invalid one shows when it was rewritten.
    await wizard.roleNameField().fill('OtherRole');
    await expect
      .poll(() => wizard.search(), { message: 'the address, rewritten without the account' })
      .toBe('?v=1&ops=import,export&enc=bucket&role=OtherRole&step=role');
    await expect(wizard.stepButton('Review')).toBeDisabled();
  });

  test('a bad role name or path is shown at its field and left out of the documents', async ({
    wizard,
  }) => {
    await wizard.open(`?v=1&ops=import&enc=bucket&account=${ACCOUNT}&step=role`);
    await wizard.rolePathField().fill('service-role');
    await wizard.roleNameField().fill('My Role');
    await wizard.next();
    await expect(wizard.wizardStatus()).toHaveText(
      'Some answers in this step need attention before you go on.',
    );
    await wizard.expectFieldError(
      wizard.roleNameField(),
      'A role name uses only letters, digits and _+=,.@- (no spaces).',
    );
    await wizard.expectFieldError(
      wizard.rolePathField(),
      'A role path starts and ends with a slash, such as / or /service-role/.',
    );
    await expect(wizard.roleNameField()).toBeFocused();
    await wizard.expectDocumentsFor({
      operations: ['import'],
      bucketEncrypted: true,
      accountId: ACCOUNT,
    });
    for (const text of await wizard.allPreTexts()) {
      expect(text).not.toContain('My Role');
      expect(text).not.toContain('service-role');
    }
  });

  // Leaving an invalid role path would swap its two-line help for a one-line
  // error and move Next between mousedown and mouseup; one click must still count.
  test('one click on Next straight after typing an invalid role path checks the step', async ({
    wizard,
  }) => {
    await wizard.open(
      `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&step=role`,
    );
    await wizard.rolePathField().fill('service-role');
    await wizard.next();
    await expect(wizard.wizardStatus()).toHaveText(
      'Some answers in this step need attention before you go on.',
    );
    await expect(wizard.rolePathField()).toBeFocused();
    await wizard.expectFieldError(
      wizard.rolePathField(),
      'A role path starts and ends with a slash, such as / or /service-role/.',
    );
    await wizard.expectStep('role');
  });

  test('values that would break a document or run as script are explained at the field and never reach a document', async ({
    wizard,
    page,
  }) => {
    const trouble = watchForTrouble(page);
    await wizard.open('?v=1&ops=import&enc=bucket&step=role');
    const typed = [
      {
        field: wizard.accountField(),
        value: '1111 2222 3333',
        message: 'An account ID has no spaces: enter its 12 digits only.',
      },
      {
        field: wizard.roleNameField(),
        value: 'Role"}',
        message: 'A role name uses only letters, digits and _+=,.@- (no spaces).',
      },
      {
        field: wizard.roleNameField(),
        value: '<script>alert(1)</script>',
        message: 'Enter the role name without its path; the path has its own field.',
      },
    ];
    for (const { field, value, message } of typed) {
      await field.fill(value);
      await field.blur();
      await wizard.expectFieldError(field, message);
      // Exactly the documents without the value: it may not appear JSON-escaped or normalised.
      await wizard.expectDocumentsFor({ operations: ['import'], bucketEncrypted: true });
      await field.fill('');
    }
    expect(trouble.errors).toEqual([]);
    expect(trouble.dialogs).toEqual([]);
  });

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
});

test.describe('Role ARN (optional)', () => {
  test('pasting a role ARN with a path fills the account, path and name', async ({ wizard }) => {
    const arn = `arn:aws:iam::${ACCOUNT}:role/service-role/PersonalizeRole`;
    await wizard.open('?v=1&ops=batch-inference&enc=bucket&step=role');
    await wizard.paste(wizard.roleArnField(), arn);
    await expect(wizard.roleArnField()).toHaveValue(arn);
    await expect(wizard.accountField()).toHaveValue(ACCOUNT);
    await expect(wizard.rolePathField()).toHaveValue('/service-role/');
    await expect(wizard.roleNameField()).toHaveValue('PersonalizeRole');
    await expect(wizard.partitionRadio('aws')).toBeChecked();
    await expect(wizard.roleArnField()).toHaveAccessibleDescription(
      'Filled in the account ID, role path, role name and partition from this ARN.',
    );
    const answers: AnswersInput = {
      operations: ['batch-inference'],
      bucketEncrypted: true,
      accountId: ACCOUNT,
      rolePath: '/service-role/',
      roleName: 'PersonalizeRole',
    };
    await wizard.expectDocumentsFor(answers);
    const policy = JSON.stringify(await wizard.documentJson(DOCUMENT_TITLES.keyPolicy));
    expect(policy).toContain(arn);
    await wizard.next();
    await wizard.expectStep('review');
  });

  test('an aws-cn role ARN chooses the aws-cn partition', async ({ wizard }) => {
    await wizard.open('?v=1&ops=import&enc=bucket&step=role');
    await wizard.roleArnField().fill(`arn:aws-cn:iam::${ACCOUNT}:role/PersonalizeRole`);
    await expect(wizard.partitionRadio('aws-cn')).toBeChecked();
    await expect(wizard.rolePathField()).toHaveValue('/');
    await wizard.expectDocumentsFor({
      operations: ['import'],
      bucketEncrypted: true,
      accountId: ACCOUNT,
      roleName: 'PersonalizeRole',
      partition: 'aws-cn',
    });
  });

  test('a bad ARN (with a space, a KMS alias, an alias name, markup) is explained there and fills nothing', async ({
    wizard,
    page,
  }) => {
    const trouble = watchForTrouble(page);
    await wizard.open('?v=1&ops=import&enc=bucket&step=role');
    const badArns = [
      {
        arn: 'arn:aws:iam::111122223333:role/Personalize Role',
        message: 'A role ARN has no spaces inside it.',
      },
      {
        arn: 'arn:aws:kms:us-east-1:111122223333:alias/personalize',
        message: 'That ARN is not an IAM role (…:iam::ACCOUNT:role/NAME).',
      },
      {
        arn: 'alias/personalize',
        message: 'A role ARN looks like arn:aws:iam::111122223333:role/MyRole.',
      },
      { arn: '"><svg/onload=alert(1)>', message: /looks like arn:aws:iam/ },
    ];
    for (const bad of badArns) {
      await wizard.paste(wizard.roleArnField(), bad.arn);
      await expect(wizard.roleArnField()).toHaveValue(bad.arn);
      await wizard.expectFieldError(wizard.roleArnField(), bad.message);
      await expect(wizard.accountField()).toHaveValue('');
      await expect(wizard.roleNameField()).toHaveValue('');
      await wizard.expectDocumentsFor({ operations: ['import'], bucketEncrypted: true });
    }
    // Markup stays text: no element is made of it, and nothing runs.
    await expect(page.locator('svg[onload]')).toHaveCount(0);
    expect(trouble.errors).toEqual([]);
    expect(trouble.dialogs).toEqual([]);
    // Clearing the field clears its message.
    await wizard.roleArnField().fill('');
    await wizard.expectFieldValid(wizard.roleArnField());
  });

  test('a key alias in a key ARN field is explained there', async ({ wizard }) => {
    await wizard.open('?v=1&ops=import&enc=bucket&step=encryption');
    const field = wizard.exactField(keyArnLabel({ bucketEncrypted: true }));
    await field.fill('arn:aws:kms:us-east-1:111122223333:alias/personalize');
    await wizard.next();
    await wizard.expectStep('encryption');
    await expect(field).toBeFocused();
    await wizard.expectFieldError(field, /^That is an alias\./);
    await wizard.expectDocumentsFor({ operations: ['import'], bucketEncrypted: true });
    for (const text of await wizard.allPreTexts()) expect(text).not.toContain('alias/');
  });
});

/**
 * Choosing the partition by pasting a role ARN has the same follow-ups as
 * clicking its radio: a region of the other partition is cleared, and the key
 * ARNs of the Encryption step are checked against the new partition.
 */
test.describe('the partition and what follows from it', () => {
  const START = `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}&region=us-east-1&step=role`;

  async function expectChinaFollowUps(wizard: WizardPage): Promise<void> {
    await expect(wizard.partitionRadio('aws-cn')).toBeChecked();
    const region = wizard.regionSelect();
    await expect(region).toHaveValue('');
    const offered = await region
      .locator('option')
      .evaluateAll((options) =>
        options
          .map((option) => (option as HTMLOptionElement).value)
          .filter((value) => value !== ''),
      );
    expect(offered.length).toBeGreaterThan(0);
    for (const value of offered) expect(value).toMatch(/^cn-/);
    // In two plain sentences: what no longer fits, and why.
    await expect(wizard.page.getByRole('alert')).toHaveText(
      /^A key ARN on the Encryption step no longer fits\. This key is in the aws partition/,
    );
  }

  test('clicking the aws-cn radio clears the region and flags the key ARN', async ({ wizard }) => {
    await wizard.open(START);
    await expect(wizard.regionSelect()).toHaveValue('us-east-1');
    await wizard.partitionRadio('aws-cn').click();
    await expectChinaFollowUps(wizard);
  });

  test('pasting an aws-cn role ARN does the same as clicking the radio', async ({ wizard }) => {
    await wizard.open(START);
    await expect(wizard.regionSelect()).toHaveValue('us-east-1');
    await expect(wizard.partitionRadio('aws')).toBeChecked();
    await wizard.paste(wizard.roleArnField(), `arn:aws-cn:iam::${ACCOUNT}:role/PersonalizeRole`);
    await expectChinaFollowUps(wizard);
    // The region answer was cleared, not only hidden: it does not come back with aws.
    await wizard.paste(wizard.roleArnField(), `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`);
    await expect(wizard.partitionRadio('aws')).toBeChecked();
    await expect(wizard.regionSelect()).toHaveValue('');
  });
});

test('the bucket name and region say which documents need them', async ({ wizard, page }) => {
  await wizard.open('?v=1&ops=import&enc=bucket&step=encryption');
  const bucket = wizard.field(/^S3 bucket name/);
  await expect(bucket).toHaveAccessibleName('S3 bucket name (for the S3 policies)');
  await expect(bucket).toHaveAccessibleDescription(
    /The S3 access and bucket policies need it; the KMS policies do not\./,
  );
  await wizard.goToStep('role');
  // Found by the start of its name, so the whole name is checked below.
  const region = page.getByRole('combobox', { name: /^Region/ });
  await expect(region).toHaveAccessibleName('Region (for the trust policy)');
  await expect(region).toHaveAccessibleDescription(
    /The trust policy needs it; the KMS policies do not\./,
  );
});
