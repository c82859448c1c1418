/**
 * Copy puts exactly the shown text on the clipboard and says so, Download saves
 * exactly those bytes under a descriptive name (one document, or everything in
 * one archive), and when the browser refuses the clipboard the text is
 * selected for copying by hand. On a phone, long lines can be wrapped to be
 * read whole while Copy keeps copying the text exactly as it is.
 */
import { readFile } from 'node:fs/promises';

import type { Locator } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';

import {
  applyInstructions,
  buildCompanionDocuments,
  buildPolicies,
  type NeededDocument,
} from '../src/policy';
import {
  DOCUMENT_TITLES,
  expect,
  FULL_SETUP,
  FULL_SETUP_LINK,
  fullAnswers,
  neededDocument,
  ONE_KEY,
  ONE_KEY_LINK,
  refuseClipboardWrites,
  SEPARATE_KEYS,
  SEPARATE_KEYS_LINK,
  test,
  WizardPage,
} from './fixtures';

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

test.describe('Copy', () => {
  test('copies exactly the complete key policy and the IAM policy shown, and the statement shown with "Statement only"', async ({
    wizard,
  }) => {
    await wizard.open(ONE_KEY_LINK);
    for (const title of [DOCUMENT_TITLES.keyPolicy, DOCUMENT_TITLES.iamPolicy]) {
      const shown = await wizard.documentText(title);
      expect(shown).toBe(neededDocument(ONE_KEY, title).json);
      expect(await wizard.copyAndRead(title, 'policy')).toBe(shown);
    }

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

  test('a command’s Copy button copies exactly that command and says so', async ({ wizard }) => {
    await wizard.open(ONE_KEY_LINK);
    const answers = fullAnswers(ONE_KEY);
    const keyPolicy = neededDocument(ONE_KEY, DOCUMENT_TITLES.keyPolicy);
    const put = applyInstructions(keyPolicy, answers).cli.find((command) =>
      command.includes('put-key-policy'),
    );
    expect(put, 'the builder’s put-key-policy command').toBeDefined();
    const steps = wizard.reviewSection('How to apply them');
    await wizard.page.evaluate(() => navigator.clipboard.writeText('(not copied)'));
    await steps
      .getByRole('button', { name: 'Copy the put-key-policy command for the KMS key policy' })
      .click();
    // One announcement, from that command's own status line; then the clipboard holds it.
    await expect(steps.getByRole('status').filter({ hasText: /\S/ })).toHaveText([
      'Copied the put-key-policy command to the clipboard.',
    ]);
    expect(await wizard.clipboardText()).toBe(put);
  });
});

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

  test('with separate keys, copies each document and names the two key policies apart', async ({
    wizard,
  }) => {
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

  test('Download all saves every document and the runbook in one archive', async ({
    wizard,
    page,
  }) => {
    const setup = FULL_SETUP;
    await wizard.open(`${FULL_SETUP_LINK}&step=review`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download all (zip)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('personalize-kms-policies.zip');
    const entries = unzipSync(new Uint8Array(await readFile(await file.path())));
    const documents = [...buildPolicies(setup).documents, ...buildCompanionDocuments(setup)].filter(
      (document): document is NeededDocument => document.needed,
    );
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

/** Whether some line of the block is wider than the block (cut off until scrolled). */
function cutOff(pre: Locator): Promise<boolean> {
  return pre.evaluate((element) => element.scrollWidth > element.clientWidth);
}

/** Where the element starts on the page (not in the viewport, which may scroll). */
function top(locator: Locator): Promise<number> {
  return locator.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
}

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 800 } });
  const TITLE = DOCUMENT_TITLES.keyPolicy;

  test('Copy’s and Download’s confirmations are announced and move nothing below the buttons', async ({
    wizard,
  }) => {
    await wizard.open(ONE_KEY_LINK);
    const next = wizard.explanations(TITLE);
    await next.scrollIntoViewIfNeeded();
    const before = await top(next);

    await wizard.copyButton(TITLE).click();
    await expect(wizard.documentStatus(TITLE)).toHaveText('Copied to the clipboard.');
    expect(await top(next)).toBe(before);

    await wizard.downloadButton(TITLE).click();
    await expect(wizard.documentStatus(TITLE)).toHaveText(
      'Downloaded personalize-kms-key-policy.json.',
    );
    expect(await top(next)).toBe(before);
  });

  test('long lines wrap by default, keep their indentation, and can be unwrapped by keyboard; Copy copies the text as it is', async ({
    wizard,
  }) => {
    // On a phone the switch comes after every control of the Review step: about 50 presses of
    // Tab, each a round trip and a re-render, up to about 0.3 s each on a busy two-core machine.
    test.setTimeout(60_000);
    await wizard.open(ONE_KEY_LINK);
    const pre = wizard.documentPre(TITLE);
    const text = await wizard.documentText(TITLE);
    const wrap = wizard.document(TITLE).getByRole('switch', { name: 'Wrap long lines' });
    await expect(wrap).toBeChecked();
    expect(await cutOff(pre)).toBe(false);
    expect(await cutOff(wizard.documentPre(DOCUMENT_TITLES.iamPolicy))).toBe(false);
    // The role ARN's line wraps; its continuation starts right of the line's own indentation.
    const continuation = await pre.evaluate((element) => {
      const line = [...element.querySelectorAll('span span')].find((span) =>
        span.textContent.includes(':role/'),
      );
      if (!line) return undefined;
      const range = document.createRange();
      range.selectNodeContents(line);
      const rows = [...range.getClientRects()].filter((rect) => rect.width > 0);
      const indent = line.textContent.length - line.textContent.trimStart().length;
      const charWidth =
        rows[0] === undefined ? 0 : rows[0].width / line.textContent.trimEnd().length;
      return {
        rows: rows.length,
        shift: (rows[1]?.left ?? 0) - (rows[0]?.left ?? 0),
        indent,
        charWidth,
      };
    });
    expect(continuation?.rows).toBeGreaterThan(1);
    expect(continuation?.shift ?? 0).toBeGreaterThan(
      (continuation?.indent ?? 0) * (continuation?.charWidth ?? 0),
    );

    // Still a named stop for the keyboard, and the same text, copied byte for byte.
    await expect(pre).toHaveAttribute('tabindex', '0');
    await expect(pre).toHaveAccessibleName(`${TITLE} JSON`);
    expect(await wizard.documentText(TITLE)).toBe(text);
    expect(await wizard.copyAndRead(TITLE)).toBe(text);

    // Turned off by keyboard, every block follows, and the choice lasts for the session.
    await wizard.tabTo(wrap, 120);
    await wizard.page.keyboard.press('Space');
    await expect(wrap).not.toBeChecked();
    expect(await cutOff(pre)).toBe(true);
    expect(await cutOff(wizard.documentPre(DOCUMENT_TITLES.iamPolicy))).toBe(true);
    await wizard.page.reload();
    await expect(wrap).not.toBeChecked();
    expect(await cutOff(pre)).toBe(true);
    expect(await wizard.copyAndRead(TITLE)).toBe(text);
  });
});

test('the Terraform export on Review is wrapped too, on a wide screen, and copies as it is', async ({
  wizard,
}) => {
  await wizard.page.setViewportSize({ width: 1280, height: 900 });
  await wizard.open(ONE_KEY_LINK);
  await wizard.page.getByText('Terraform configuration', { exact: true }).click();
  const terraform = wizard.page.getByRole('region', { name: 'Terraform configuration' });
  const pre = terraform.locator('pre');
  const text = await pre.textContent();
  await expect(terraform.getByRole('switch', { name: 'Wrap long lines' })).toBeChecked();
  expect(await cutOff(pre)).toBe(false);
  await wizard.page.evaluate(() => navigator.clipboard.writeText('(not copied)'));
  await terraform.getByRole('button', { name: 'Copy Terraform configuration' }).click();
  await expect(terraform.getByRole('status')).toHaveText('Copied to the clipboard.');
  expect(await wizard.clipboardText()).toBe(text);
});
