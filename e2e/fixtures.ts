/**
 * One page object for every journey: methods named for what a user does,
 * role and label locators only.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import axe from 'axe-core';

import {
  buildPolicies,
  DEFAULT_ANSWERS,
  OPERATION_INFO,
  type Answers,
  type BuiltDocument,
  type NeededDocument,
  type Operation,
} from '../src/policy';
import { SUB_PATH } from '../scripts/lib/nginx.mjs';
import { NGINX_PORT_OFFSET, SUB_PATH_PORT_OFFSET } from '../scripts/lib/ports.mjs';
import {
  consoleKeyPolicy,
  consoleKeyUsersStatement,
  consoleRootStatement,
} from '../src/policy/test-support/console-key-policy';

/** The account, key and dataset group key the specs answer with. */
export const ACCOUNT = '111122223333';
export const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
export const DATASET_GROUP_KEY =
  'arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321';

/** One key for the bucket, import and batch inference jobs, a role under /service-role/. */
export const ONE_KEY: Partial<Answers> = {
  operations: ['import', 'batch-inference'],
  bucketEncrypted: true,
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
  rolePath: '/service-role/',
  keyArn: KEY,
};
/** ONE_KEY's answers as a share link to the Review step. */
export const ONE_KEY_LINK = `?v=1&ops=import,batch-inference&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&path=/service-role/&key=${KEY}&step=review`;

/**
 * The whole setup: three operations, the bucket and the dataset group under one key, a role
 * under /service-role/, and the bucket name and region the companion documents need.
 */
export const FULL_SETUP: Answers = fullAnswers({
  operations: ['import', 'export', 'batch-inference'],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
  rolePath: '/service-role/',
  keyArn: KEY,
  bucketName: 'my-personalize-data',
  region: 'us-east-1',
});
/** FULL_SETUP's answers as a share link, with no step (add one with `&step=`). */
export const FULL_SETUP_LINK = `?v=1&ops=import,export,batch-inference&enc=bucket,dataset-group&account=${ACCOUNT}&role=PersonalizeRole&path=/service-role/&key=${KEY}&bucket=my-personalize-data&region=us-east-1`;

/** Exports with the bucket and the dataset group under separate keys, both key ARNs given. */
export const SEPARATE_KEYS: AnswersInput = {
  operations: ['export'],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  keys: 'separate',
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
  keyArn: KEY,
  datasetGroupKeyArn: DATASET_GROUP_KEY,
};
/** SEPARATE_KEYS's answers as a share link to the Review step. */
export const SEPARATE_KEYS_LINK = `?v=1&ops=export&enc=bucket,dataset-group&keys=separate&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}&dataset-group-key=${DATASET_GROUP_KEY}&step=review`;

/**
 * What the journeys that choose separate keys answer: imports and exports, the bucket key's ARN
 * only (the dataset group key's is left to the placeholder), a role under /service-role/.
 */
export const SEPARATE_KEYS_TYPED: AnswersInput = {
  operations: ['import', 'export'],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  keys: 'separate',
  keyArn: KEY,
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
  rolePath: '/service-role/',
};

/** A key's current policy as the console writes it: the root statement and one key user, an application's role. */
export const APP_KEY_POLICY = consoleKeyPolicy([
  consoleRootStatement(ACCOUNT),
  consoleKeyUsersStatement(`arn:aws:iam::${ACCOUNT}:role/AppUser`),
]);

export const DOCUMENT_TITLES = {
  keyPolicy: 'KMS key policy',
  bucketKeyPolicy: 'KMS key policy (bucket key)',
  datasetGroupKeyPolicy: 'KMS key policy (dataset group key)',
  iamPolicy: 'Service role IAM policy',
} as const;

/** The heading each step shows (the step button's label differs for Review). */
const STEP_HEADINGS = {
  operations: 'Operations',
  encryption: 'Encryption',
  role: 'Service role',
  review: 'Review and apply',
  check: 'Check a setup',
} as const;

export const STEP_LABELS = {
  operations: 'Operations',
  encryption: 'Encryption',
  role: 'Service role',
  review: 'Review',
  check: 'Check',
} as const;

export type StepName = keyof typeof STEP_HEADINGS;

type OperationName = Operation;

/** Answers as a test writes them: anything left out keeps its default. */
export type AnswersInput = Partial<Answers>;

export function fullAnswers(input: AnswersInput): Answers {
  return { ...DEFAULT_ANSWERS, ...input, operations: [...(input.operations ?? [])] };
}

/** What the pure builder makes of these answers: the oracle for every document check. */
function expectedDocuments(input: AnswersInput): BuiltDocument[] {
  return buildPolicies(fullAnswers(input)).documents;
}

/** The builder's document of this title for these answers; throws when it is not needed. */
export function neededDocument(input: AnswersInput, title: string): NeededDocument {
  const document = expectedDocuments(input).find((item) => item.title === title);
  if (document?.needed !== true) throw new Error(`The builder makes no ${title} for these answers`);
  return document;
}

/** The origin this many ports after the root copy's (scripts/lib/ports.mjs). */
function originAfter(baseURL: string | undefined, offset: number): string {
  const root = new URL(baseURL ?? '');
  return `http://${root.hostname}:${String(Number(root.port) + offset)}`;
}

/** The same build under SUB_PATH (`/tools/kms/`), with vite preview (scripts/serve-e2e.mjs). */
export function subPathUrl(baseURL: string | undefined): string {
  return `${originAfter(baseURL, SUB_PATH_PORT_OFFSET)}${SUB_PATH}`;
}

/** nginx with the shipped configuration, at the root and under SUB_PATH (scripts/serve-e2e.mjs). */
export function nginxOrigin(baseURL: string | undefined): string {
  return originAfter(baseURL, NGINX_PORT_OFFSET);
}

/**
 * Errors thrown in the page, dialogs it opened (each dismissed) and the console's
 * errors and warnings (a refused resource, a header Chromium could not apply), from
 * the call on.
 */
interface PageTrouble {
  errors: string[];
  dialogs: string[];
  console: string[];
}

export function watchForTrouble(page: Page): PageTrouble {
  const trouble: PageTrouble = { errors: [], dialogs: [], console: [] };
  page.on('pageerror', (error) => trouble.errors.push(error.message));
  page.on('dialog', (dialog) => {
    trouble.dialogs.push(dialog.message());
    // Another watcher on the same page may have dismissed it already.
    dialog.dismiss().catch(() => undefined);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      trouble.console.push(message.text());
    }
  });
  return trouble;
}

/** axe's rules for WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Shows the page in this colour scheme (it follows the system's: MUI's System
 * mode) and waits until its colours have settled. Colours change with CSS
 * transitions, and a check must see the settled page, not a blend. (Transitions
 * only: a focus ripple pulses for ever; a replaced transition aborts.)
 */
export async function showScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme))
    .toBe(scheme);
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation instanceof CSSTransition)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/**
 * What axe finds against AXE_TAGS on the page as it is now, or only inside
 * `scope` (a part of a page whose rest another check covers: axe takes seconds
 * per run over a whole page on a busy machine).
 *
 * axe is put into the page once and run there with axe.run. @axe-core/playwright's AxeBuilder
 * puts axe's half-megabyte source into the page again for every run (and its default mode
 * also opens a blank page to merge frames, needed only for frames from other origins, which
 * the wizard has none of). The Review step of the axe spec, the same page run after run on the
 * busy two-core machine (2026-12-08): 2.2 to 4.7 s a run with AxeBuilder in its legacy mode,
 * 0.8 to 2.1 s with axe put in once.
 */
export async function axeViolations(page: Page, scope?: Locator): Promise<axe.Result[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  if (scope !== undefined) {
    await scope.evaluate((element) => {
      element.setAttribute('data-axe-scope', '');
    });
  }
  return page.evaluate(
    async ({ tags, scoped }) => {
      const inPage = (window as unknown as { axe: typeof axe }).axe;
      const results = await inPage.run(scoped ? { include: ['[data-axe-scope]'] } : document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return results.violations;
    },
    { tags: AXE_TAGS, scoped: scope !== undefined },
  );
}

/** The label of the (first) key ARN field for these encryption answers. */
export function keyArnLabel(answers: AnswersInput): string {
  const both = answers.bucketEncrypted === true && answers.datasetGroupEncrypted === true;
  if (both) return answers.keys === 'separate' ? 'Bucket key ARN' : 'Key ARN (used by both)';
  return answers.bucketEncrypted === true ? 'Bucket key ARN' : 'Dataset group key ARN';
}

/** The clipboard refuses every write, as a browser without the permission does. */
export async function refuseClipboardWrites(page: Page): Promise<void> {
  await page.addInitScript(() => {
    Object.defineProperty(Clipboard.prototype, 'writeText', {
      configurable: true,
      value: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
    });
  });
}

/**
 * The tab's storage refuses a write whose item name contains `named` (and whose value is longer
 * than `longerThan` characters, when given), as a full or disabled storage does; other writes
 * are kept.
 */
export async function refuseStorageWrites(
  page: Page,
  refused: { named: string; longerThan?: number },
): Promise<void> {
  await page.addInitScript(({ named, longerThan }) => {
    const keep = Object.getOwnPropertyDescriptor(Storage.prototype, 'setItem')?.value as (
      this: Storage,
      name: string,
      value: string,
    ) => void;
    Object.defineProperty(Storage.prototype, 'setItem', {
      configurable: true,
      value(this: Storage, name: string, value: string) {
        if (name.includes(named) && value.length > (longerThan ?? -1)) {
          throw new DOMException('full', 'QuotaExceededError');
        }
        keep.call(this, name, value);
      },
    });
  }, refused);
}

/** The theme's primary colour (buttons, links, the open steps), as the browser computes it. */
export const PRIMARY_COLOURS = { light: 'rgb(31, 92, 153)', dark: 'rgb(140, 194, 255)' } as const;

/** What a link to Review says when an earlier step still needs answers (at start-up). */
export const REVIEW_LOCKED =
  'Review opens once every step before it is answered, so the wizard opened Service role, the first step that still needs answers.';

/** What Back or Forward to Review says when an earlier step still needs answers. */
export const REVIEW_LOCKED_STATUS =
  'Review opens once every step before it is answered; this is the first step that still needs answers.';

/** The theme's text colours, as the browser computes them. */
export const TEXT_COLOURS = {
  light: {
    primary: 'rgba(0, 0, 0, 0.87)',
    secondary: 'rgba(0, 0, 0, 0.6)',
    disabled: 'rgba(0, 0, 0, 0.38)',
  },
  dark: {
    primary: 'rgb(255, 255, 255)',
    secondary: 'rgba(255, 255, 255, 0.7)',
    disabled: 'rgba(255, 255, 255, 0.5)',
  },
} as const;

/** The number of lines an element's text is drawn on. */
export async function drawnLines(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = [...range.getClientRects()]
      .filter((rect) => rect.width > 0)
      .map((rect) => Math.round(rect.top));
    return new Set(tops).size;
  });
}

/** How far the page scrolls sideways: 0 or less when it does not. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/**
 * For each occurrence of each word in the container's text (across elements),
 * the number of lines it is drawn on.
 */
export async function linesOfWords(
  container: Locator,
  words: readonly string[],
): Promise<{ word: string; lines: number }[]> {
  return container.evaluate((element, wanted) => {
    const nodes: { node: Text; start: number }[] = [];
    let text = '';
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const textNode = node as Text;
      nodes.push({ node: textNode, start: text.length });
      text += textNode.data;
    }
    const at = (offset: number, end: boolean) => {
      const found = nodes.findLast((item) => (end ? item.start < offset : item.start <= offset));
      if (!found) throw new Error(`no text at ${offset}`);
      return [found.node, offset - found.start] as const;
    };
    return wanted.flatMap((word) => {
      const results: { word: string; lines: number }[] = [];
      for (let index = text.indexOf(word); index >= 0; index = text.indexOf(word, index + 1)) {
        const range = document.createRange();
        range.setStart(...at(index, false));
        range.setEnd(...at(index + word.length, true));
        const tops = [...range.getClientRects()]
          .filter((rect) => rect.width > 0)
          .map((rect) => Math.round(rect.top));
        results.push({ word, lines: new Set(tops).size });
      }
      return results;
    });
  }, words);
}

/**
 * Runs in the page: how many presses of Tab move the focus onto (or into) the
 * target, counting only elements that are Tab stops for certain, so the count
 * never overshoots: 0 once the focus is there, and at least 1 otherwise (also
 * when the target lies behind the focus: one press at a time from there).
 */
function tabStopsUntil(target: Element, where: 'on' | 'inside'): number {
  const active = document.activeElement;
  const arrived = where === 'on' ? active === target : target.contains(active);
  if (arrived) return 0;
  const candidates = document.querySelectorAll<HTMLElement>(
    'a[href], button, input, select, textarea, summary, [tabindex]',
  );
  const stops = [...candidates].filter((element) => {
    if (element.tabIndex < 0 || element.closest('[inert]') !== null) return false;
    if ('disabled' in element && element.disabled === true) return false;
    if (element instanceof HTMLInputElement) {
      if (element.type === 'hidden') return false;
      // Only the checked radio of a group is a stop; an unchecked one may not be.
      if (element.type === 'radio' && !element.checked) return false;
    }
    return element.checkVisibility({ visibilityProperty: true });
  });
  const after = (element: Element) =>
    active === null ||
    active === document.body ||
    (active.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const reached = (element: Element) =>
    where === 'on' ? element === target : target.contains(element);
  let count = 0;
  for (const element of stops) {
    if (!after(element) || active?.contains(element) === true) continue;
    count += 1;
    if (reached(element)) return count;
  }
  return 1;
}

export class WizardPage {
  constructor(readonly page: Page) {}

  async open(search = ''): Promise<void> {
    await this.page.goto(`./${search}`);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  stepHeading(): Locator {
    return this.page.locator('#step-heading');
  }

  async expectStep(step: StepName): Promise<void> {
    await expect(this.stepHeading()).toHaveText(STEP_HEADINGS[step]);
  }

  stepNavigation(): Locator {
    return this.page.getByRole('navigation', { name: 'Wizard steps' });
  }

  /** A step's button in the step navigation (a navigation of buttons, not a tab list). */
  stepButton(label: string): Locator {
    return this.stepNavigation().getByRole('button', { name: label });
  }

  async goToStep(step: StepName): Promise<void> {
    await this.stepButton(STEP_LABELS[step]).click();
    await this.expectStep(step);
  }

  /** The Review step's paste field for the key's current policy. */
  currentKeyPolicyField(): Locator {
    return this.page.getByRole('textbox', { name: 'The key’s current policy (JSON)' });
  }

  /** The merged policy the merge panel shows for a key policy. */
  mergedKeyPolicy(title: string = DOCUMENT_TITLES.keyPolicy): Locator {
    return this.page.getByRole('region', { name: `Merged ${title}` });
  }

  /** Opens the Review step's merge panel; returns its paste field. */
  async openMergePanel(): Promise<Locator> {
    await this.page.getByText('Merge with your key’s current policy').click();
    return this.currentKeyPolicyField();
  }

  /** The part of the Review step under one of its headings. */
  reviewSection(heading: string): Locator {
    return this.page.getByRole('heading', { name: heading, exact: true }).locator('..');
  }

  /** The Service role step's region select. */
  regionSelect(): Locator {
    return this.page.getByRole('combobox', { name: 'Region (for the trust policy)' });
  }

  nextButton(): Locator {
    return this.page.getByRole('button', { name: 'Next', exact: true });
  }

  backButton(): Locator {
    return this.page.getByRole('button', { name: 'Back', exact: true });
  }

  async next(): Promise<void> {
    await this.nextButton().click();
  }

  async back(): Promise<void> {
    await this.backButton().click();
  }

  startOverButton(): Locator {
    return this.page.getByRole('button', { name: 'Start over' });
  }

  /** Start over, and confirm in the dialog that asks first. */
  async startOver(): Promise<void> {
    await this.startOverButton().click();
    await this.page
      .getByRole('dialog', { name: 'Start over?' })
      .getByRole('button', { name: 'Clear all answers' })
      .click();
  }

  async copyShareLink(): Promise<void> {
    await this.page.getByRole('button', { name: 'Copy share link' }).click();
  }

  /** The wizard's form (named by the step heading). */
  form(): Locator {
    return this.page.getByRole('form');
  }

  /** The status line under the wizard's buttons. */
  wizardStatus(): Locator {
    return this.form().getByRole('status').last();
  }

  operation(operation: OperationName): Locator {
    // Anchored: the name goes on with the operation's description, and other
    // checkboxes' descriptions may mention an operation.
    return this.page.getByRole('checkbox', {
      name: new RegExp(`^${escapeRegExp(OPERATION_INFO[operation].label)}`),
    });
  }

  async chooseOperations(operations: readonly OperationName[]): Promise<void> {
    for (const operation of operations) {
      await this.operation(operation).check();
    }
  }

  bucketEncryptedCheckbox(): Locator {
    return this.page.getByRole('checkbox', { name: /^The S3 bucket/ });
  }

  datasetGroupEncryptedCheckbox(): Locator {
    return this.page.getByRole('checkbox', { name: /^The dataset group/ });
  }

  async encrypt(what: { bucket?: boolean; datasetGroup?: boolean }): Promise<void> {
    if (what.bucket !== undefined) {
      await this.bucketEncryptedCheckbox().setChecked(what.bucket);
    }
    if (what.datasetGroup !== undefined) {
      await this.datasetGroupEncryptedCheckbox().setChecked(what.datasetGroup);
    }
  }

  keyLayoutRadio(layout: 'same' | 'separate'): Locator {
    return this.page.getByRole('radio', {
      name: layout === 'same' ? 'The same key' : 'Separate keys',
    });
  }

  async chooseSeparateKeys(): Promise<void> {
    await this.keyLayoutRadio('separate').check();
  }

  partitionRadio(partition: 'aws' | 'aws-cn'): Locator {
    return this.page.getByRole('radio', { name: new RegExp(`^${partition} \\(`) });
  }

  field(label: string | RegExp): Locator {
    return this.page.getByRole('textbox', { name: label });
  }

  /** A text field by its exact label. */
  exactField(label: string): Locator {
    return this.page.getByRole('textbox', { name: label, exact: true });
  }

  /** The Encryption step's bucket name field. */
  bucketNameField(): Locator {
    return this.field(/^S3 bucket name/);
  }

  accountField(): Locator {
    return this.exactField('AWS account ID');
  }

  roleNameField(): Locator {
    return this.exactField('Service role name');
  }

  rolePathField(): Locator {
    return this.exactField('Role path');
  }

  roleArnField(): Locator {
    return this.exactField('Role ARN (optional)');
  }

  /** Pastes this text into a field from the clipboard, replacing what it held. */
  async paste(field: Locator, text: string): Promise<void> {
    await this.page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await field.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('ControlOrMeta+V');
  }

  async fillRole(role: { accountId: string; roleName: string; rolePath?: string }): Promise<void> {
    await this.accountField().fill(role.accountId);
    await this.roleNameField().fill(role.roleName);
    if (role.rolePath !== undefined) await this.rolePathField().fill(role.rolePath);
  }

  /** A field shows this error: marked invalid, and the message is its description. */
  async expectFieldError(field: Locator, message: string | RegExp): Promise<void> {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(message);
  }

  async expectFieldValid(field: Locator): Promise<void> {
    await expect(field).toHaveAttribute('aria-invalid', 'false');
  }

  /**
   * Presses Tab until the focus is inside this element (keyboard only; fails
   * after `limit` presses).
   */
  async tabInto(container: Locator, limit = 40): Promise<void> {
    await this.pressTabUntil(container, 'inside', limit);
    const inside = await container.evaluate((element) => element.contains(document.activeElement));
    expect(inside, `the focus inside, after at most ${limit} presses of Tab`).toBe(true);
  }

  /** Presses Tab until this element has the focus (keyboard only; fails after `limit` presses). */
  async tabTo(target: Locator, limit = 40): Promise<void> {
    await this.pressTabUntil(target, 'on', limit);
    await expect(target, `reached by at most ${limit} presses of Tab`).toBeFocused();
  }

  /**
   * Only Tab moves the focus. Asking the page after every press where the focus
   * is costs a round trip per press, which on a busy machine made a keyboard
   * journey slower than the test's timeout; so the page counts the certain Tab
   * stops up to the target, that many presses go in a row, and the page is asked
   * again only if the focus has not arrived (a stop the count cannot see, such as
   * a scrolling box, only means one more round).
   */
  private async pressTabUntil(
    target: Locator,
    where: 'on' | 'inside',
    limit: number,
  ): Promise<void> {
    let pressed = 0;
    while (pressed < limit) {
      const presses = await target.evaluate(tabStopsUntil, where);
      if (presses === 0) return;
      for (let press = 0; press < Math.min(presses, limit - pressed); press += 1) {
        await this.page.keyboard.press('Tab');
      }
      pressed += presses;
    }
  }

  /**
   * Answers every step by mouse (typing only into text fields) and ends on
   * Review; unless told not to, checks the documents and the focus on each step.
   */
  async answerEveryStepByMouse(
    answers: AnswersInput,
    { checkEachStep = true }: { checkEachStep?: boolean } = {},
  ): Promise<void> {
    const checkDocuments = async (input: AnswersInput) => {
      if (checkEachStep) await this.expectDocumentsFor(input);
    };
    const openedStep = async (step: StepName) => {
      await this.expectStep(step);
      if (checkEachStep) await expect(this.stepHeading()).toBeFocused();
    };
    const operations = answers.operations ?? [];
    await this.expectStep('operations');
    for (const operation of operations) await this.operation(operation).click();
    await checkDocuments({ operations });
    await this.next();
    await openedStep('encryption');

    if (answers.bucketEncrypted === true) await this.bucketEncryptedCheckbox().click();
    if (answers.datasetGroupEncrypted === true) await this.datasetGroupEncryptedCheckbox().click();
    if (answers.keys === 'separate') await this.keyLayoutRadio('separate').click();
    if (answers.keyArn !== undefined && answers.keyArn !== '') {
      const field = this.exactField(keyArnLabel(answers));
      await field.click();
      await field.fill(answers.keyArn);
    }
    if (answers.datasetGroupKeyArn !== undefined && answers.datasetGroupKeyArn !== '') {
      const field = this.exactField('Dataset group key ARN');
      await field.click();
      await field.fill(answers.datasetGroupKeyArn);
    }
    const encryption: AnswersInput = {
      operations,
      bucketEncrypted: answers.bucketEncrypted ?? false,
      datasetGroupEncrypted: answers.datasetGroupEncrypted ?? false,
      keys: answers.keys ?? 'same',
      keyArn: answers.keyArn ?? '',
      datasetGroupKeyArn: answers.datasetGroupKeyArn ?? '',
    };
    await checkDocuments(encryption);
    await this.next();
    await openedStep('role');

    await this.accountField().click();
    await this.accountField().fill(answers.accountId ?? '');
    await this.roleNameField().click();
    await this.roleNameField().fill(answers.roleName ?? '');
    if (answers.rolePath !== undefined) {
      await this.rolePathField().click();
      await this.rolePathField().fill(answers.rolePath);
    }
    if (answers.partition === 'aws-cn') await this.partitionRadio('aws-cn').click();
    await checkDocuments(answers);
    await this.next();
    await openedStep('review');
    await checkDocuments(answers);
  }

  /** A field of the Check step, by its label (CHECK_LABELS). */
  checkField(label: string): Locator {
    return this.page.getByRole('textbox', { name: label, exact: true });
  }

  /** The Check step's Findings region. */
  findings(): Locator {
    return this.page.getByRole('region', { name: 'Findings', exact: true });
  }

  /** One group of findings: "Operations", "Grants beyond what the operations need", "Setup facts". */
  findingGroup(title: string): Locator {
    return this.findings().getByRole('region', { name: title, exact: true });
  }

  /** The findings of a group as list items, each its status word, title, failures and fix. */
  findingItems(group: string): Locator {
    return this.findingGroup(group)
      .getByRole('list')
      .first()
      .getByRole('listitem')
      .filter({
        has: this.page.getByText(/^(Works|Fails|Not checked|Cannot tell|Warning)$/),
      });
  }

  /** The finding that dataset import jobs fail, once the check says so. */
  failingImports(): Locator {
    return this.findingItems('Operations')
      .filter({ hasText: /dataset import/i })
      .filter({ has: this.page.getByText('Fails', { exact: true }) });
  }

  /** The summary that unfolds the Check step's "Collect it in one go" (its heading is inside). */
  collectScriptSummary(): Locator {
    return this.page.locator('summary').filter({ hasText: 'Collect it in one go' });
  }

  /** Loads a collected file through the Check step's button and the file picker. */
  async loadCollectedFile(name: string, contents: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Load collected file' }).click();
    await (
      await chooser
    ).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(contents) });
  }

  /** Drops a file on the current step's body, as a file dragged from the desktop. */
  async dropOnStep(name: string, contents: string): Promise<void> {
    const transfer = await this.page.evaluateHandle(
      ([fileName, text]) => {
        const data = new DataTransfer();
        data.items.add(new File([text], fileName, { type: 'application/json' }));
        return data;
      },
      [name, contents] as const,
    );
    // The step's body comes right after its heading.
    await this.stepHeading()
      .locator('xpath=following-sibling::*[1]')
      .dispatchEvent('drop', { dataTransfer: transfer });
  }

  /** The documents panel (an aside named "Your policies"). */
  documentsPanel(): Locator {
    return this.page.getByRole('complementary', { name: 'Your policies' });
  }

  /** The region of one document, by its exact accessible name. */
  document(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  documentPre(title: string): Locator {
    return this.document(title).locator('pre');
  }

  /** The JSON shown for a document, parsed. */
  async documentJson(title: string): Promise<unknown> {
    const text = await this.documentPre(title).textContent();
    return JSON.parse(text ?? '') as unknown;
  }

  async documentText(title: string): Promise<string> {
    return (await this.documentPre(title).textContent()) ?? '';
  }

  /** The text of every `pre` on the page (documents and CLI commands). */
  async allPreTexts(): Promise<string[]> {
    return this.page.locator('pre').allTextContents();
  }

  /** A document's Copy button; its name says when it copies the statement only. */
  copyButton(title: string, shown: 'policy' | 'statement' = 'policy'): Locator {
    const suffix = shown === 'statement' ? ', statement only' : '';
    return this.document(title).getByRole('button', {
      name: `Copy ${title}${suffix}`,
      exact: true,
    });
  }

  downloadButton(title: string, shown: 'policy' | 'statement' = 'policy'): Locator {
    const suffix = shown === 'statement' ? ', statement only' : '';
    return this.document(title).getByRole('button', {
      name: `Download ${title}${suffix}`,
      exact: true,
    });
  }

  /** The status line of one document (Copied, Downloaded, or copying refused). */
  documentStatus(title: string): Locator {
    return this.document(title).getByRole('status');
  }

  statementOnlySwitch(title: string): Locator {
    return this.document(title).getByRole('switch', {
      name: 'Statement only, to add to an existing key policy',
    });
  }

  /** Shows the complete key policy or the Personalize statement only. */
  async statementOnly(title: string, on: boolean): Promise<void> {
    await this.statementOnlySwitch(title).setChecked(on);
  }

  explanations(title: string): Locator {
    return this.document(title).locator('details');
  }

  async showExplanations(title: string): Promise<void> {
    await this.document(title).getByText('Why each action is here').click();
  }

  /** The note that lists the answers the documents still show placeholders for. */
  stillMissingNote(): Locator {
    return this.documentsPanel().getByText(/^Still missing:/);
  }

  /** What the documents panel shows, read in one go. */
  async shownDocuments(): Promise<DocumentsView> {
    const regions = await this.documentsPanel()
      .getByRole('region')
      .evaluateAll((elements) =>
        elements.map((element) => {
          const heading = element.querySelector('h3')?.textContent ?? '';
          const pre = element.querySelector('pre');
          return {
            title: heading,
            pre: pre?.textContent ?? null,
            rest: element.textContent.slice(heading.length).trim(),
          };
        }),
      );
    const [stillMissing] = await this.stillMissingNote().allTextContents();
    return {
      documents: regions.map((region) => ({
        title: region.title,
        policy: region.pre === null ? null : parseOrText(region.pre),
        notNeeded: region.pre === null ? region.rest : null,
      })),
      stillMissing:
        stillMissing === undefined
          ? null
          : PLACEHOLDER_TEXTS.filter((placeholder) => stillMissing.includes(placeholder)),
    };
  }

  /**
   * The documents shown are exactly what the pure builder makes of these
   * answers: the same regions in the same order, the same JSON (parsed) for
   * each needed one, "Not needed. <reason>" and no JSON for the others, and
   * the "Still missing" note naming the placeholders in use.
   */
  async expectDocumentsFor(input: AnswersInput): Promise<void> {
    const policies = buildPolicies(fullAnswers(input));
    const expected: DocumentsView = {
      documents: policies.documents.map((document) => ({
        title: document.title,
        policy: document.needed ? document.policy : null,
        notNeeded: document.needed ? null : `Not needed. ${document.reason}`,
      })),
      stillMissing:
        policies.placeholders.length > 0 && policies.documents.some((document) => document.needed)
          ? PLACEHOLDER_TEXTS.filter((placeholder) =>
              policies.placeholders.some((item) => item.placeholder === placeholder),
            )
          : null,
    };
    await expect
      .poll(() => this.shownDocuments(), { message: 'the documents the builder makes' })
      .toEqual(expected);
    // Each region is found by its exact accessible name, as a screen reader lists it.
    for (const document of policies.documents) {
      await expect(this.document(document.title)).toBeVisible();
    }
  }

  linkNotice(): Locator {
    return this.page.getByRole('alert').filter({ hasText: 'Parts of this link were not used' });
  }

  /** The query string in the address bar, with its `?`. */
  search(): string {
    return new URL(this.page.url()).search;
  }

  /**
   * Presses a document's Copy, once something else is on the clipboard (so a
   * Copy that does nothing fails), waits for its confirmation, and returns
   * what the clipboard then holds.
   */
  async copyAndRead(title: string, shown: 'policy' | 'statement' = 'policy'): Promise<string> {
    await this.page.evaluate(() => navigator.clipboard.writeText('(not copied)'));
    await this.copyButton(title, shown).click();
    await expect(this.documentStatus(title)).toHaveText('Copied to the clipboard.');
    return this.clipboardText();
  }

  async clipboardText(): Promise<string> {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  async selectedText(): Promise<string> {
    return this.page.evaluate(() => window.getSelection()?.toString() ?? '');
  }
}

const PLACEHOLDER_TEXTS = ['<account-id>', '<personalize-role-name>'];

interface DocumentsView {
  documents: { title: string; policy: unknown; notNeeded: string | null }[];
  /** The placeholders the "Still missing" note names, or null when there is no such note. */
  stillMissing: string[] | null;
}

/** The text as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export const test = base.extend<{ wizard: WizardPage }>({
  wizard: async ({ page }, use) => {
    await use(new WizardPage(page));
  },
});

export { expect };
