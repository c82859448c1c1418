/**
 * Copy puts exactly the shown text on the clipboard, Download saves exactly
 * those bytes under a descriptive .json name, and when the browser refuses
 * the clipboard the text is selected for copying by hand.
 */
import { readFile } from 'node:fs/promises';

import {
  ACCOUNT,
  DATASET_GROUP_KEY,
  DOCUMENT_TITLES,
  expect,
  KEY,
  neededDocument,
  ONE_KEY,
  ONE_KEY_LINK,
  refuseClipboardWrites,
  test,
  WizardPage,
  type AnswersInput,
} from './fixtures';

const SEPARATE_KEYS: AnswersInput = {
  operations: ['export'],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  keys: 'separate',
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
  keyArn: KEY,
  datasetGroupKeyArn: DATASET_GROUP_KEY,
};
const SEPARATE_KEYS_LINK = `?v=1&ops=export&enc=bucket,dataset-group&keys=separate&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}&dataset-group-key=${DATASET_GROUP_KEY}&step=review`;

test.describe('Copy', () => {
  test('copies exactly the complete key policy and the IAM policy shown', async ({ wizard }) => {
    await wizard.open(ONE_KEY_LINK);
    for (const title of [DOCUMENT_TITLES.keyPolicy, DOCUMENT_TITLES.iamPolicy]) {
      const shown = await wizard.documentText(title);
      expect(shown).toBe(neededDocument(ONE_KEY, title).json);
      expect(await wizard.copyAndRead(title, 'policy')).toBe(shown);
    }
  });

  test('copies exactly the statement shown with "Statement only"', async ({ wizard }) => {
    await wizard.open(ONE_KEY_LINK);
    const title = DOCUMENT_TITLES.keyPolicy;
    const document = neededDocument(ONE_KEY, title);
    await wizard.statementOnlySwitch(title).check();
    // Polled and exact: toHaveText would ignore differences in whitespace.
    const statement = document.statementOnly?.json ?? '(none)';
    await expect.poll(() => wizard.documentText(title)).toBe(statement);
    expect(await wizard.copyAndRead(title, 'statement')).toBe(statement);

    // And back to the complete policy.
    await wizard.statementOnlySwitch(title).uncheck();
    await expect(wizard.documentStatus(title)).toHaveText('');
    expect(await wizard.copyAndRead(title, 'policy')).toBe(document.json);
  });

  test('the shown text follows each keystroke, in either view, and Copy takes it', async ({
    wizard,
  }) => {
    await wizard.open(ONE_KEY_LINK.replace('step=review', 'step=role'));
    const title = DOCUMENT_TITLES.keyPolicy;
    const withRole = (roleName: string) => neededDocument({ ...ONE_KEY, roleName }, title);
    const field = wizard.roleNameField();

    await field.press('End');
    await field.pressSequentially('2');
    await expect(wizard.documentPre(title)).toHaveText(withRole('PersonalizeRole2').json);

    await wizard.statementOnlySwitch(title).check();
    await field.press('End');
    await field.pressSequentially('Xy');
    const statement = withRole('PersonalizeRole2Xy').statementOnly?.json ?? '(none)';
    await expect(wizard.documentPre(title)).toHaveText(statement);
    expect(await wizard.copyAndRead(title, 'statement')).toBe(statement);

    await wizard.statementOnlySwitch(title).uncheck();
    await field.press('End');
    await field.press('Backspace');
    await field.press('Backspace');
    await field.press('Backspace');
    await expect(field).toHaveValue('PersonalizeRole');
    await expect(wizard.documentPre(title)).toHaveText(withRole('PersonalizeRole').json);
    expect(await wizard.copyAndRead(title, 'policy')).toBe(withRole('PersonalizeRole').json);
  });

  test('copies each document when the keys are separate', async ({ wizard }) => {
    await wizard.open(SEPARATE_KEYS_LINK);
    for (const title of [
      DOCUMENT_TITLES.bucketKeyPolicy,
      DOCUMENT_TITLES.datasetGroupKeyPolicy,
      DOCUMENT_TITLES.iamPolicy,
    ]) {
      const shown = await wizard.documentText(title);
      expect(shown).toBe(neededDocument(SEPARATE_KEYS, title).json);
      expect(await wizard.copyAndRead(title, 'policy')).toBe(shown);
    }
  });
});

async function downloadAndRead(wizard: WizardPage, title: string, shown: 'policy' | 'statement') {
  const downloading = wizard.page.waitForEvent('download');
  await wizard.downloadButton(title, shown).click();
  const download = await downloading;
  const path = await download.path();
  const bytes = await readFile(path);
  await expect(wizard.documentStatus(title)).toHaveText(
    `Downloaded ${download.suggestedFilename()}.`,
  );
  return { name: download.suggestedFilename(), bytes };
}

test.describe('Download', () => {
  test('saves each document with a descriptive .json name and exactly the shown bytes', async ({
    wizard,
  }) => {
    await wizard.open(ONE_KEY_LINK);
    const cases = [
      {
        title: DOCUMENT_TITLES.keyPolicy,
        shown: 'policy',
        name: 'personalize-kms-key-policy.json',
      },
      {
        title: DOCUMENT_TITLES.keyPolicy,
        shown: 'statement',
        name: 'personalize-kms-key-policy-statement.json',
      },
      {
        title: DOCUMENT_TITLES.iamPolicy,
        shown: 'policy',
        name: 'personalize-service-role-kms-policy.json',
      },
    ] as const;
    for (const item of cases) {
      const document = neededDocument(ONE_KEY, item.title);
      const json =
        (item.shown === 'statement' ? document.statementOnly?.json : document.json) ?? '(none)';
      await wizard.statementOnly(DOCUMENT_TITLES.keyPolicy, item.shown === 'statement');
      // The builder's JSON, so the saved file parses; polled and exact, as toHaveText would
      // ignore differences in whitespace.
      await expect.poll(() => wizard.documentText(item.title)).toBe(json);
      const file = await downloadAndRead(wizard, item.title, item.shown);
      expect(file.name).toBe(item.name);
      expect(file.bytes.equals(Buffer.from(json, 'utf8'))).toBe(true);
    }
  });

  test('names the two key policies apart when the keys are separate', async ({ wizard }) => {
    await wizard.open(SEPARATE_KEYS_LINK);
    const names: string[] = [];
    for (const title of [DOCUMENT_TITLES.bucketKeyPolicy, DOCUMENT_TITLES.datasetGroupKeyPolicy]) {
      const text = await wizard.documentText(title);
      const file = await downloadAndRead(wizard, title, 'policy');
      expect(file.name).toBe(neededDocument(SEPARATE_KEYS, title).fileName);
      expect(file.bytes.toString('utf8')).toBe(text);
      names.push(file.name);
    }
    expect(names).toEqual([
      'personalize-kms-key-policy-bucket-key.json',
      'personalize-kms-key-policy-dataset-group-key.json',
    ]);
  });
});

/**
 * The selection holds the shown JSON. Chromium leaves the final line break of
 * a selected `pre` out of Selection.toString(), so that one is not compared.
 */
async function expectSelected(wizard: WizardPage, text: string): Promise<void> {
  const selected = await wizard.selectedText();
  expect(selected).toBe(text.replace(/\n$/, ''));
  expect(JSON.parse(selected)).toEqual(JSON.parse(text));
}

test.describe('when the browser refuses the clipboard', () => {
  test('Copy says so and selects the JSON to copy by hand', async ({ wizard, page }) => {
    await refuseClipboardWrites(page);
    await wizard.open(ONE_KEY_LINK);
    for (const title of [DOCUMENT_TITLES.keyPolicy, DOCUMENT_TITLES.iamPolicy]) {
      await wizard.copyButton(title).click();
      await expect(wizard.documentStatus(title)).toContainText('did not allow copying');
      await expect(wizard.documentStatus(title)).toContainText('The text is selected');
      await expect(wizard.documentPre(title)).toBeFocused();
      await expectSelected(wizard, await wizard.documentText(title));
    }
    // The statement only is selected as shown.
    await wizard.statementOnlySwitch(DOCUMENT_TITLES.keyPolicy).check();
    await wizard.copyButton(DOCUMENT_TITLES.keyPolicy, 'statement').click();
    await expect(wizard.documentStatus(DOCUMENT_TITLES.keyPolicy)).toContainText(
      'did not allow copying',
    );
    await expectSelected(
      wizard,
      neededDocument(ONE_KEY, DOCUMENT_TITLES.keyPolicy).statementOnly?.json ?? '(none)',
    );
  });

  test('Copy share link says to copy the address instead', async ({ wizard, page }) => {
    await refuseClipboardWrites(page);
    await wizard.open(ONE_KEY_LINK);
    await wizard.copyShareLink();
    await expect(wizard.wizardStatus()).toHaveText(
      'Your browser did not allow copying; copy the link from the address bar.',
    );
  });

  test('with no clipboard at all (an insecure page), Copy selects the JSON', async ({
    wizard,
    page,
  }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', {
        configurable: true,
        get: () => undefined,
      });
    });
    await wizard.open(ONE_KEY_LINK);
    const title = DOCUMENT_TITLES.iamPolicy;
    await wizard.copyButton(title).click();
    await expect(wizard.documentStatus(title)).toContainText('did not allow copying');
    await expectSelected(wizard, await wizard.documentText(title));
  });

  test('in a fresh context without clipboard permissions, Copy selects the JSON', async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({ baseURL, permissions: [] });
    try {
      const wizard = new WizardPage(await context.newPage());
      await wizard.open(ONE_KEY_LINK);
      const title = DOCUMENT_TITLES.keyPolicy;
      await wizard.copyButton(title).click();
      await expect(wizard.documentStatus(title)).toHaveText(
        'Your browser did not allow copying. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
      );
      await expectSelected(wizard, await wizard.documentText(title));
    } finally {
      await context.close();
    }
  });
});
