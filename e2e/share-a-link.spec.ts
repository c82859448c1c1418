/**
 * Sharing a link (docs/share-link.md): a link restores the answers and the
 * step, "Copy share link" and the Review step's Copy link give a link that
 * reopens the same documents, and a tampered link is read safely: a notice
 * names what was dropped, the rest applies, and nothing from it reaches a
 * document, a field or the address, or runs. (Which value of which parameter
 * is dropped, and why, is the share-link codec's: src/link/share-link.test.ts.)
 */
import { encodeShareLink } from '../src/link/share-link';
import {
  ACCOUNT,
  DATASET_GROUP_KEY,
  expect,
  fullAnswers,
  horizontalOverflow,
  KEY,
  ONE_KEY_LINK,
  refuseClipboardWrites,
  REVIEW_LOCKED,
  SEPARATE_KEYS,
  SEPARATE_KEYS_TYPED,
  test,
  watchForTrouble,
  WizardPage,
  type AnswersInput,
  type StepName,
} from './fixtures';

interface LinkScenario {
  name: string;
  link: string;
  step: StepName;
  /** The answers the link holds, written out (never decoded from the link). */
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
    name: 'separate keys with both key ARNs, at Review',
    link: `?v=1&ops=import,metric-reports&enc=bucket,dataset-group&keys=separate&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}&dataset-group-key=${DATASET_GROUP_KEY}&step=review`,
    step: 'review',
    answers: { ...SEPARATE_KEYS, operations: ['import', 'metric-reports'] },
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
    name: 'no version, items out of order and a parameter of our own: the address is rewritten',
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
  const answers = SEPARATE_KEYS_TYPED;
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

test('on Review, the share link is shown whole at a phone’s and a desktop’s width, one Copy share link copies it, and it opens Review', async ({
  wizard,
  page,
  context,
}) => {
  await wizard.open(`?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole`);
  await wizard.goToStep('review');
  const share = wizard.reviewSection('Share these answers');
  const field = share.getByRole('textbox', { name: 'Share link' });
  await expect(field).toHaveValue(page.url());
  // One button copies the link, with one confirmation.
  await expect(page.getByRole('button', { name: /copy.*link/i })).toHaveCount(1);
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    expect(
      await horizontalOverflow(page),
      `horizontal overflow at ${width} px`,
    ).toBeLessThanOrEqual(0);
  }
  await page.evaluate(() => navigator.clipboard.writeText('(not copied)'));
  await wizard.copyShareLink();
  await expect(wizard.wizardStatus()).toHaveText('Copied the share link.');
  const link = await wizard.clipboardText();
  expect(link).toBe(page.url());
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

test('when the browser refuses the clipboard, Copy share link points to the address bar', async ({
  wizard,
  page,
}) => {
  await refuseClipboardWrites(page);
  await wizard.open(ONE_KEY_LINK);
  await wizard.copyShareLink();
  await expect(wizard.wizardStatus()).toHaveText(
    'Your browser did not allow copying; copy the link from the address bar.',
  );
});

/** A valid link, at Review; each tampered link replaces some of its parameters. */
const VALID = `v=1&ops=import&enc=bucket,dataset-group&keys=separate&account=${ACCOUNT}&role=PersonalizeRole&step=review`;

/** What VALID holds. */
const VALID_ANSWERS: AnswersInput = {
  operations: ['import'],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  keys: 'separate',
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
};
const WITHOUT_ROLE: AnswersInput = { ...VALID_ANSWERS, roleName: '' };

interface TamperedLink {
  name: string;
  /**
   * Parameters that replace VALID's of the same name, in its place (the app
   * reads only the first of a repeated parameter); others go in before `step`.
   * A `step` here opens the step whose fields would show the tampered value.
   */
  query: string;
  /** The parameter the notice names (`(link)` for the whole link). */
  param: string;
  /** What the notice says about it: its one line, after `param: `. */
  message: string;
  /** The answers that still apply: the link's own, without the tampered value. */
  answers: AnswersInput;
  /** The step the wizard opens at. */
  step: StepName;
  /**
   * Set when the tampered value was an answer Review needs: the wizard then
   * opens Service role instead, and the notice says so in a second line.
   */
  reviewLocked?: true;
  /**
   * Text from the tampered value that must reach no document or command (as it
   * is or JSON-escaped), no field and no notice. (The rewritten address is
   * compared whole with the link of `answers`.)
   */
  mustNotAppear: string[];
}

const ROLE_NAME_CHARACTERS = 'A role name uses only letters, digits and _+=,.@- (no spaces).';
const INJECTED_JSON = 'x"},"Effect":"Allow","Principal":"*';

// What the page does with a tampered link, in the cases whose point is the page's: script-like
// text shown as text and never run, JSON that would widen a policy kept out of every document,
// and a link too long to read whole.
const TAMPERED_LINKS: TamperedLink[] = [
  {
    name: 'a script tag as the role, at the Service role step',
    query: 'role=<script>alert(1)</script>&step=role',
    param: 'role',
    message: 'Enter the role name without its path; the path has its own field.',
    answers: WITHOUT_ROLE,
    step: 'role',
    mustNotAppear: ['<script>alert(1)</script>', '<script>', 'alert(1)'],
  },
  {
    name: 'encoded markup as the role, at Review',
    query: 'role=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
    param: 'role',
    message: ROLE_NAME_CHARACTERS,
    answers: WITHOUT_ROLE,
    step: 'role',
    reviewLocked: true,
    mustNotAppear: ['<img src=x onerror=alert(1)>', 'onerror'],
  },
  {
    name: 'JSON that would make the policy allow anyone, as the role',
    query: `role=${encodeURIComponent(INJECTED_JSON)}`,
    param: 'role',
    message: ROLE_NAME_CHARACTERS,
    answers: WITHOUT_ROLE,
    step: 'role',
    reviewLocked: true,
    mustNotAppear: [INJECTED_JSON],
  },
  {
    // The parameters after the first 8192 characters (the step) are not read.
    name: 'a link over 8192 characters',
    query: `utm_source=${'x'.repeat(9000)}`,
    param: '(link)',
    message:
      'The link is longer than 8192 characters; only the parameters in its first 8192 were read.',
    answers: VALID_ANSWERS,
    step: 'operations',
    mustNotAppear: ['xxxxxxxxxxxx'],
  },
];

/** A query's `name=value` pairs, values left encoded exactly as written. */
function pairs(query: string): [string, string][] {
  return query.split('&').map((pair) => {
    const equals = pair.indexOf('=');
    return [pair.slice(0, equals), pair.slice(equals + 1)];
  });
}

/**
 * VALID with the tampered parameters in place of its own (added to it, they
 * would come second and go unread), and new ones just before the step.
 */
function withTampered(tamperedQuery: string): string {
  const valid = pairs(VALID);
  const tampered = pairs(tamperedQuery);
  const added = tampered.filter(([name]) => !valid.some(([validName]) => validName === name));
  const link = valid.flatMap(([name, value]) => {
    const instead = tampered.filter(([tamperedName]) => tamperedName === name);
    const kept: [string, string][] = instead.length > 0 ? instead : [[name, value]];
    return name === 'step' ? [...added, ...kept] : kept;
  });
  return `?${link.map(([name, value]) => `${name}=${value}`).join('&')}`;
}

test.describe('a tampered link', () => {
  for (const link of TAMPERED_LINKS) {
    test(`${link.name}: a notice names "${link.param}", the rest applies, nothing runs`, async ({
      wizard,
      page,
    }) => {
      const trouble = watchForTrouble(page);
      await wizard.open(withTampered(link.query));
      const notice = wizard.linkNotice();
      await expect(notice).toBeVisible();
      const lines = [`${link.param}: ${link.message}`];
      if (link.reviewLocked === true) lines.push(`step: ${REVIEW_LOCKED}`);
      await expect(notice.locator('code')).toHaveText(
        lines.map((line) => line.slice(0, line.indexOf(':'))),
      );
      await expect(notice.getByRole('listitem')).toHaveText(lines);

      // The rest of the link still applies.
      await wizard.expectStep(link.step);
      await wizard.expectDocumentsFor(link.answers);
      // The address is rewritten a moment after the page opens (the browser may already have
      // re-encoded the tampered one): wait for the link of the answers that still apply.
      await expect
        .poll(() => wizard.search(), { message: 'the address, rewritten' })
        .toBe(encodeShareLink(fullAnswers(link.answers), link.step));

      const documents = (await wizard.allPreTexts()).join('\n');
      for (const bad of link.mustNotAppear) {
        expect(documents).not.toContain(bad);
        // Inside a JSON string it would be escaped.
        expect(documents).not.toContain(JSON.stringify(bad).slice(1, -1));
        await expect(notice).not.toContainText(bad);
      }

      const markup = await page.evaluate(() => ({
        body: document.body.innerHTML,
        inlineScripts: document.querySelectorAll('script:not([src])').length,
        bodyScripts: document.body.querySelectorAll('script').length,
        images: document.querySelectorAll('img').length,
      }));
      expect(markup.body).not.toContain('<script');
      expect(markup.bodyScripts).toBe(0);
      expect(markup.inlineScripts).toBe(0);
      expect(markup.images).toBe(0);

      // The role field, on the step that shows it, holds what still applies, and no field the value.
      if (link.param === 'role') {
        await expect(wizard.roleNameField()).toHaveValue(fullAnswers(link.answers).roleName);
      }
      const fields = await page
        .getByRole('textbox')
        .evaluateAll((elements) => elements.map((element) => (element as HTMLInputElement).value));
      for (const bad of link.mustNotAppear) {
        for (const value of fields) expect(value).not.toContain(bad);
      }
      expect(trouble.errors).toEqual([]);
      expect(trouble.dialogs).toEqual([]);
    });
  }
});
