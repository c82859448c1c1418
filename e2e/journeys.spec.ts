/**
 * Journeys through the wizard by mouse and by keyboard alone. Every document
 * the page shows is compared, parsed, with what the pure builder makes of the
 * same answers.
 */
import {
  ACCOUNT,
  DATASET_GROUP_KEY,
  DOCUMENT_TITLES,
  expect,
  KEY,
  keyArnLabel,
  test,
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
      await wizard.answerEveryStepByMouse(journey.answers);
      await expect(wizard.documentsPanel().getByRole('heading', { level: 3 })).toHaveText(
        journey.titles,
      );
    });
  }
});

test('by keyboard alone, from the first step to Review', async ({ wizard, page }) => {
  const answers: AnswersInput = {
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

  // The documents' controls work from the keyboard too.
  const title = DOCUMENT_TITLES.bucketKeyPolicy;
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

test.describe('Service role step checks its answers', () => {
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
    // An account typed with spaces: hostile-input.spec.ts, typed and pasted input.
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
});

// Leaving an invalid role path would swap its two-line help for a one-line
// error and move Next between mousedown and mouseup; one click must still count.
test('one click on Next straight after typing an invalid role path checks the step', async ({
  wizard,
}) => {
  await wizard.open(`?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&step=role`);
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

test.describe('answers are kept', () => {
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

  async function expectFormHolds(wizard: WizardPage): Promise<void> {
    await wizard.expectStep('role');
    await expect(wizard.accountField()).toHaveValue(ACCOUNT);
    await expect(wizard.roleNameField()).toHaveValue('PersonalizeRole');
    await expect(wizard.rolePathField()).toHaveValue('/service-role/');
    await wizard.back();
    await wizard.expectStep('encryption');
    await expect(wizard.bucketEncryptedCheckbox()).toBeChecked();
    await expect(wizard.datasetGroupEncryptedCheckbox()).toBeChecked();
    await expect(wizard.keyLayoutRadio('separate')).toBeChecked();
    await expect(wizard.exactField('Bucket key ARN')).toHaveValue(KEY);
    await expect(wizard.exactField('Dataset group key ARN')).toHaveValue('');
    await wizard.back();
    await wizard.expectStep('operations');
    await expect(wizard.operation('import')).toBeChecked();
    await expect(wizard.operation('export')).toBeChecked();
    await expect(wizard.operation('batch-inference')).not.toBeChecked();
    await wizard.expectDocumentsFor(answers);
  }

  test('through Back and Next', async ({ wizard }) => {
    await wizard.open();
    await wizard.answerEveryStepByMouse(answers, { checkEachStep: false });
    await wizard.back();
    await expect(wizard.stepHeading()).toBeFocused();
    await expectFormHolds(wizard);
    await wizard.next();
    await wizard.next();
    await wizard.next();
    await wizard.expectStep('review');
    await wizard.expectDocumentsFor(answers);
  });

  test('through a reload, even an answer that is not valid yet', async ({ wizard, page }) => {
    await wizard.open(
      `?v=1&ops=import,export&enc=bucket,dataset-group&keys=separate&account=${ACCOUNT}&role=PersonalizeRole&path=/service-role/&key=${KEY}&step=review`,
    );
    await wizard.expectDocumentsFor(answers);
    await page.reload();
    await wizard.expectStep('review');
    await wizard.expectDocumentsFor(answers);
    await wizard.back();
    await page.reload();
    await expectFormHolds(wizard);

    // A half-typed answer survives the reload, with its error shown at once.
    await wizard.goToStep('role');
    await wizard.accountField().fill('1111');
    // (Once the address has caught up: the wizard updates it a moment after typing.)
    await expect.poll(() => wizard.search()).not.toContain('account=');
    await page.reload();
    await wizard.expectStep('role');
    await expect(wizard.accountField()).toHaveValue('1111');
    await wizard.expectFieldError(
      wizard.accountField(),
      'An account ID has exactly 12 digits (this has 4). Keep any leading zeros.',
    );
    await wizard.expectDocumentsFor({ ...answers, accountId: '' });
  });

  // The address is rewritten a moment after the last keystroke; a reload within
  // that moment reloads the old address and must still keep the change.
  test('a reload right after a keystroke keeps the change', async ({ wizard, page }) => {
    await page.clock.install({ time: new Date('2026-01-01T00:00:00Z') });
    await wizard.open(`?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=OldRole&step=role`);
    await expect(wizard.roleNameField()).toHaveValue('OldRole');
    // Time stands still from here: no timer fires until the reload.
    await page.clock.pauseAt(new Date('2026-01-01T00:01:00Z'));
    await wizard.roleNameField().fill('NewRole');
    await page.reload();
    await wizard.expectStep('role');
    await expect(wizard.roleNameField()).toHaveValue('NewRole');
    await wizard.expectDocumentsFor({
      operations: ['import'],
      bucketEncrypted: true,
      accountId: ACCOUNT,
      roleName: 'NewRole',
    });
  });

  test('browser Back and Forward move between steps and keep the latest answers', async ({
    wizard,
    page,
  }) => {
    await wizard.open();
    const historyLength = () => page.evaluate(() => window.history.length);
    const start = await historyLength();
    await wizard.chooseOperations(['import']);
    await wizard.next();
    await wizard.expectStep('encryption');
    await wizard.encrypt({ bucket: true });
    await wizard.next();
    await wizard.expectStep('role');
    // Each step change adds one history entry.
    const history = await historyLength();
    expect(history).toBe(start + 2);
    await wizard.fillRole({ accountId: ACCOUNT, roleName: 'PersonalizeRole' });
    // Typing replaces the address (a moment later); it adds no history entries.
    await expect
      .poll(() => wizard.search())
      .toBe(`?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&step=role`);
    expect(await historyLength()).toBe(history);
    const latest: AnswersInput = {
      operations: ['import'],
      bucketEncrypted: true,
      accountId: ACCOUNT,
      roleName: 'PersonalizeRole',
    };

    await page.goBack();
    await wizard.expectStep('encryption');
    await expect(wizard.stepHeading()).toBeFocused();
    await expect(wizard.bucketEncryptedCheckbox()).toBeChecked();
    await expect
      .poll(() => wizard.search())
      .toBe(`?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&step=encryption`);
    await wizard.expectDocumentsFor(latest);
    // A change made here is kept when going Forward.
    await wizard.encrypt({ datasetGroup: true });

    await page.goBack();
    await wizard.expectStep('operations');
    await expect(wizard.operation('import')).toBeChecked();

    await page.goForward();
    await wizard.expectStep('encryption');
    await expect(wizard.datasetGroupEncryptedCheckbox()).toBeChecked();
    await page.goForward();
    await wizard.expectStep('role');
    await expect(wizard.accountField()).toHaveValue(ACCOUNT);
    await expect(wizard.roleNameField()).toHaveValue('PersonalizeRole');
    await wizard.expectDocumentsFor({ ...latest, datasetGroupEncrypted: true });
  });
});

test('a step label opens its step once the steps before it are valid', async ({ wizard }) => {
  await wizard.open();
  await expect(wizard.stepButton('Operations')).toHaveAttribute('aria-current', 'step');
  // Review needs the role's account and name.
  await expect(wizard.stepButton('Review')).toBeDisabled();
  await wizard.goToStep('encryption');
  await expect(wizard.stepButton('Encryption')).toHaveAttribute('aria-current', 'step');
  await wizard.encrypt({ bucket: true });

  // An invalid key ARN closes the later steps until it is fixed.
  await wizard.exactField('Bucket key ARN').fill('not-an-arn');
  await expect(wizard.stepButton('Service role')).toBeDisabled();
  await expect(wizard.stepButton('Review')).toBeDisabled();
  await wizard.exactField('Bucket key ARN').fill(KEY);
  await expect(wizard.stepButton('Service role')).toBeEnabled();

  await wizard.goToStep('role');
  await expect(wizard.stepHeading()).toBeFocused();
  await wizard.fillRole({ accountId: ACCOUNT, roleName: 'PersonalizeRole' });
  await expect(wizard.stepButton('Review')).toBeEnabled();
  await wizard.goToStep('review');
  await wizard.goToStep('operations');
  await wizard.goToStep('review');
  await wizard.expectDocumentsFor({
    bucketEncrypted: true,
    keyArn: KEY,
    accountId: ACCOUNT,
    roleName: 'PersonalizeRole',
  });
});

test('Start over clears every answer, the link and its notices', async ({ wizard, page }) => {
  await wizard.open(
    `?v=1&ops=import&enc=bucket&keys=maybe&account=${ACCOUNT}&role=PersonalizeRole&step=review`,
  );
  await expect(wizard.linkNotice()).toBeVisible();
  await wizard.expectStep('review');
  await wizard.startOver();
  await wizard.expectStep('operations');
  await expect(wizard.stepHeading()).toBeFocused();
  await expect(wizard.wizardStatus()).toHaveText('All answers cleared.');
  await expect(wizard.linkNotice()).toHaveCount(0);
  await expect(wizard.operation('import')).not.toBeChecked();
  await expect.poll(() => wizard.search()).toBe('?v=1');
  await wizard.expectDocumentsFor({});
  await expect(wizard.stepButton('Review')).toBeDisabled();

  await page.reload();
  await wizard.expectStep('operations');
  await expect(wizard.operation('import')).not.toBeChecked();
  await wizard.goToStep('role');
  await expect(wizard.accountField()).toHaveValue('');
  await expect(wizard.roleNameField()).toHaveValue('');
  await wizard.expectDocumentsFor({});
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

  test('a bad ARN (with a space, a KMS alias, an alias name) is explained there and fills nothing', async ({
    wizard,
  }) => {
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
    ];
    for (const bad of badArns) {
      await wizard.paste(wizard.roleArnField(), bad.arn);
      await expect(wizard.roleArnField()).toHaveValue(bad.arn);
      await wizard.expectFieldError(wizard.roleArnField(), bad.message);
      await expect(wizard.accountField()).toHaveValue('');
      await expect(wizard.roleNameField()).toHaveValue('');
      await wizard.expectDocumentsFor({ operations: ['import'], bucketEncrypted: true });
    }
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
