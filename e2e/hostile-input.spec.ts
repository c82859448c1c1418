/**
 * Hostile input: every kind of tampered share link (wrong types, injected JSON
 * and markup, unknown values, broken percent-encoding, very long values and
 * links, repeated parameters), and bad values typed or pasted into the form.
 * None may reach a document, a field or the address, run script or break the page.
 */
import type { Locator } from '@playwright/test';

import { encodeShareLink } from '../src/link/share-link';
import {
  ACCOUNT,
  CHINA_KEY,
  expect,
  fullAnswers,
  keyArnLabel,
  REVIEW_LOCKED,
  test,
  watchForTrouble,
  type AnswersInput,
  type StepName,
  type WizardPage,
} from './fixtures';

/** A valid link, at Review; each hostile link replaces some of its parameters. */
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
const WITHOUT_ACCOUNT: AnswersInput = { ...VALID_ANSWERS, accountId: '' };
const WITHOUT_ROLE: AnswersInput = { ...VALID_ANSWERS, roleName: '' };

interface HostileLink {
  name: string;
  /**
   * Parameters that replace VALID's of the same name, in its place (the app
   * reads only the first of a repeated parameter); others go in before `step`.
   * A `step` here opens the step whose fields would show the hostile value.
   */
  query: string;
  /** The parameter the notice names (`(link)` for the whole link). */
  param: string;
  /** What the notice says about it: its one line, after `param: `. */
  message: string;
  /** The answers that still apply: the link's own, without the hostile value. */
  answers: AnswersInput;
  /** The step the wizard opens at. */
  step: StepName;
  /**
   * Set when the hostile value was an answer Review needs: the wizard then
   * opens Service role instead, and the notice says so in a second line.
   */
  reviewLocked?: true;
  /**
   * Text from the hostile value that must reach no document or command (as it
   * is or JSON-escaped), no field and no notice. (The rewritten address is
   * compared whole with the link of `answers`.)
   */
  mustNotAppear: string[];
}

const ROLE_NAME_CHARACTERS = 'A role name uses only letters, digits and _+=,.@- (no spaces).';
const ACCOUNT_DIGITS = 'An account ID is 12 digits, such as 111122223333.';
const NOT_ENCODED =
  'The value is not correctly encoded (each % must start a valid %XX escape), so it was ignored.';
const UNKNOWN_OPERATION =
  'One item is not one of import, export, batch-inference, batch-segment, metric-reports, so it was left out.';
const ALIAS =
  'That is an alias. IAM policies and Personalize need the key ARN (…:key/…); the command “aws kms describe-key --key-id alias/NAME --query KeyMetadata.Arn --output text” prints it.';
const REPEATED = 'This parameter appears 2 times; only the first value was used.';
const INJECTED_JSON = 'x"},"Effect":"Allow","Principal":"*';
const LONG = 'A'.repeat(5000);

const HOSTILE_LINKS: HostileLink[] = [
  {
    name: 'short account',
    query: 'account=12345',
    param: 'account',
    message: 'An account ID has exactly 12 digits (this has 5). Keep any leading zeros.',
    answers: WITHOUT_ACCOUNT,
    step: 'role',
    reviewLocked: true,
    mustNotAppear: ['12345'],
  },
  {
    name: 'quote in account',
    query: "account=1111'22223333",
    param: 'account',
    message: ACCOUNT_DIGITS,
    answers: WITHOUT_ACCOUNT,
    step: 'role',
    reviewLocked: true,
    mustNotAppear: ["1111'2222"],
  },
  {
    name: 'letters in account',
    query: 'account=abc123456789',
    param: 'account',
    message: ACCOUNT_DIGITS,
    answers: WITHOUT_ACCOUNT,
    step: 'role',
    reviewLocked: true,
    mustNotAppear: ['abc123'],
  },
  {
    name: 'a letter ending a 12-character account, at the Service role step',
    query: 'account=11112222333a&step=role',
    param: 'account',
    message: ACCOUNT_DIGITS,
    answers: WITHOUT_ACCOUNT,
    step: 'role',
    mustNotAppear: ['11112222333a'],
  },
  {
    name: 'script tag as role',
    query: 'role=<script>alert(1)</script>&step=role',
    param: 'role',
    message: 'Enter the role name without its path; the path has its own field.',
    answers: WITHOUT_ROLE,
    step: 'role',
    mustNotAppear: ['<script>alert(1)</script>', '<script>', 'alert(1)'],
  },
  {
    name: 'JSON injection in role',
    query: `role=${encodeURIComponent(INJECTED_JSON)}`,
    param: 'role',
    message: ROLE_NAME_CHARACTERS,
    answers: WITHOUT_ROLE,
    step: 'role',
    reviewLocked: true,
    mustNotAppear: [INJECTED_JSON],
  },
  {
    name: 'a role that would end a JSON string, unencoded',
    query: 'role=x"}&step=role',
    param: 'role',
    message: ROLE_NAME_CHARACTERS,
    answers: WITHOUT_ROLE,
    step: 'role',
    mustNotAppear: ['x"}'],
  },
  {
    name: 'encoded markup as role',
    query: 'role=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
    param: 'role',
    message: ROLE_NAME_CHARACTERS,
    answers: WITHOUT_ROLE,
    step: 'role',
    reviewLocked: true,
    mustNotAppear: ['<img src=x onerror=alert(1)>', 'onerror'],
  },
  {
    name: 'NUL in role',
    query: 'role=Admin%00Role',
    param: 'role',
    message: ROLE_NAME_CHARACTERS,
    answers: WITHOUT_ROLE,
    step: 'role',
    reviewLocked: true,
    mustNotAppear: ['Admin\u0000Role'],
  },
  {
    name: 'path without slashes',
    query: 'path=service-role',
    param: 'path',
    message: 'A role path starts and ends with a slash, such as / or /service-role/.',
    answers: VALID_ANSWERS,
    step: 'review',
    mustNotAppear: ['roleservice-role', 'role/service-role'],
  },
  {
    name: 'newline in path',
    query: 'path=/a%0Ab/',
    param: 'path',
    message: 'A role path uses printable characters only, no spaces, such as /service-role/.',
    answers: VALID_ANSWERS,
    step: 'review',
    mustNotAppear: ['/a\nb/'],
  },
  {
    name: 'unknown operation',
    query: 'ops=import,hack',
    param: 'ops',
    message: UNKNOWN_OPERATION,
    answers: VALID_ANSWERS,
    step: 'review',
    mustNotAppear: ['hack'],
  },
  {
    name: 'JSON as operations',
    query: 'ops=%7B%22a%22%3A1%7D',
    param: 'ops',
    message: UNKNOWN_OPERATION,
    answers: { ...VALID_ANSWERS, operations: [] },
    step: 'review',
    mustNotAppear: ['{"a":1}', '"a": 1'],
  },
  {
    name: 'boolean as encryption, at the Encryption step',
    query: 'enc=true&step=encryption',
    param: 'enc',
    message: 'One item is not one of bucket, dataset-group, so it was left out.',
    answers: { ...VALID_ANSWERS, bucketEncrypted: false, datasetGroupEncrypted: false },
    step: 'encryption',
    mustNotAppear: ['true'],
  },
  {
    name: 'unknown key layout, at the Encryption step',
    query: 'keys=maybe&step=encryption',
    param: 'keys',
    message: 'Choose "same" or "separate".',
    answers: { ...VALID_ANSWERS, keys: 'same' },
    step: 'encryption',
    mustNotAppear: ['maybe'],
  },
  {
    name: 'GovCloud partition, at the Service role step',
    query: 'partition=aws-us-gov&step=role',
    param: 'partition',
    message: 'Choose the aws or aws-cn partition.',
    answers: VALID_ANSWERS,
    step: 'role',
    mustNotAppear: ['aws-us-gov'],
  },
  {
    name: 'alias instead of key, at the Encryption step',
    query: 'key=alias/foo&step=encryption',
    param: 'key',
    message: ALIAS,
    answers: VALID_ANSWERS,
    step: 'encryption',
    mustNotAppear: ['alias/foo'],
  },
  {
    name: 'alias ARN instead of key',
    query: 'key=arn:aws:kms:us-east-1:111122223333:alias/foo',
    param: 'key',
    message: ALIAS,
    answers: VALID_ANSWERS,
    step: 'review',
    mustNotAppear: ['alias/foo'],
  },
  {
    name: 'S3 ARN as key',
    query: 'key=arn:aws:s3:::my-bucket',
    param: 'key',
    message: 'That is an ARN for s3, not a KMS key.',
    answers: VALID_ANSWERS,
    step: 'review',
    mustNotAppear: ['my-bucket'],
  },
  {
    name: 'key from another partition, at the Encryption step',
    query: `key=${CHINA_KEY}&step=encryption`,
    param: 'key',
    message:
      'This key is in the aws-cn partition, but the role is in aws. Choose the key’s partition or a key from the role’s partition.',
    answers: VALID_ANSWERS,
    step: 'encryption',
    mustNotAppear: [CHINA_KEY, 'aws-cn:kms', '1234abcd-12ab-34cd-56ef-1234567890ab'],
  },
  {
    name: 'not an ARN as dataset group key',
    query: 'dataset-group-key=not-an-arn',
    param: 'dataset-group-key',
    message: 'A key ARN looks like arn:aws:kms:us-east-1:111122223333:key/…',
    answers: VALID_ANSWERS,
    step: 'review',
    mustNotAppear: ['not-an-arn'],
  },
  {
    name: 'malformed percent-encoding, at the Service role step',
    query: 'account=%E0%A4%A&step=role',
    param: 'account',
    message: NOT_ENCODED,
    answers: WITHOUT_ACCOUNT,
    step: 'role',
    mustNotAppear: ['%E0', '\uFFFD'],
  },
  {
    name: 'invalid escape',
    query: 'role=%zz',
    param: 'role',
    message: NOT_ENCODED,
    answers: WITHOUT_ROLE,
    step: 'role',
    reviewLocked: true,
    mustNotAppear: ['%zz'],
  },
  {
    // Repetition is the point here: both values stand where VALID's account was.
    name: 'repeated account, the first one new',
    query: 'account=999999999999&account=888888888888',
    param: 'account',
    message: REPEATED,
    answers: { ...VALID_ANSWERS, accountId: '999999999999' },
    step: 'review',
    mustNotAppear: ['888888888888'],
  },
  {
    name: 'repeated account, the first one valid, at the Service role step',
    query: `account=${ACCOUNT}&account=444455556666&step=role`,
    param: 'account',
    message: REPEATED,
    answers: VALID_ANSWERS,
    step: 'role',
    mustNotAppear: ['444455556666'],
  },
  {
    name: 'very long role, at the Service role step',
    query: `role=${LONG}&step=role`,
    param: 'role',
    message: 'The value is longer than 2048 characters, so it was ignored.',
    answers: WITHOUT_ROLE,
    step: 'role',
    mustNotAppear: ['AAAAAAAAAA'],
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
  {
    name: 'unknown step',
    query: 'step=admin',
    param: 'step',
    message:
      'The step is one of operations, encryption, role, review; the wizard opens at the first.',
    answers: VALID_ANSWERS,
    step: 'operations',
    mustNotAppear: ['admin'],
  },
  {
    name: 'another format version',
    query: 'v=2',
    param: 'v',
    message:
      'This link was made by a different version of the wizard (link format 2); the parts this version understands were used. Check the answers.',
    answers: VALID_ANSWERS,
    step: 'review',
    mustNotAppear: ['v=2'],
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
 * VALID with the hostile parameters in place of its own (added to it, they
 * would come second and go unread), and new ones just before the step.
 */
function withHostile(hostileQuery: string): string {
  const valid = pairs(VALID);
  const hostile = pairs(hostileQuery);
  const added = hostile.filter(([name]) => !valid.some(([validName]) => validName === name));
  const link = valid.flatMap(([name, value]) => {
    const instead = hostile.filter(([hostileName]) => hostileName === name);
    const kept: [string, string][] = instead.length > 0 ? instead : [[name, value]];
    return name === 'step' ? [...added, ...kept] : kept;
  });
  return `?${link.map(([name, value]) => `${name}=${value}`).join('&')}`;
}

/** The text field a link's parameter fills, the step that shows it, and the value it should hold. */
function namedField(
  wizard: WizardPage,
  link: HostileLink,
): { step: StepName; field: Locator; value: string } | undefined {
  const answers = fullAnswers(link.answers);
  switch (link.param) {
    case 'account':
      return { step: 'role', field: wizard.accountField(), value: answers.accountId };
    case 'role':
      return { step: 'role', field: wizard.roleNameField(), value: answers.roleName };
    case 'path':
      return { step: 'role', field: wizard.rolePathField(), value: answers.rolePath };
    case 'key':
      return {
        step: 'encryption',
        field: wizard.exactField(keyArnLabel(link.answers)),
        value: answers.keyArn,
      };
    case 'dataset-group-key':
      return {
        step: 'encryption',
        field: wizard.exactField('Dataset group key ARN'),
        value: answers.datasetGroupKeyArn,
      };
    default:
      return undefined;
  }
}

test.describe('tampered share links', () => {
  for (const link of HOSTILE_LINKS) {
    test(`${link.name}: a notice names "${link.param}", the rest applies, nothing runs`, async ({
      wizard,
      page,
    }) => {
      const trouble = watchForTrouble(page);
      await wizard.open(withHostile(link.query));
      const notice = wizard.linkNotice();
      await expect(notice).toBeVisible();
      const lines = [`${link.param}: ${link.message}`];
      if (link.reviewLocked === true) lines.push(`step: ${REVIEW_LOCKED}`);
      await expect(notice.locator('code')).toHaveText(
        lines.map((line) => line.slice(0, line.indexOf(':'))),
      );
      // What was wrong with the value, not only that the parameter was repeated.
      await expect(notice.getByRole('listitem')).toHaveText(lines);

      // The rest of the link still applies.
      await wizard.expectStep(link.step);
      await wizard.expectDocumentsFor(link.answers);
      // The address is rewritten a moment after the page opens (the browser may already have
      // re-encoded the hostile one): wait for the link of the answers that still apply.
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

      // The field the parameter would fill, on the step that shows it, holds what still applies.
      const named = namedField(wizard, link);
      if (named !== undefined) {
        if (named.step !== link.step) await wizard.goToStep(named.step);
        await expect(named.field).toHaveValue(named.value);
      }
      const fields = await page
        .getByRole('textbox')
        .evaluateAll((elements) => elements.map((element) => (element as HTMLInputElement).value));
      if (named !== undefined) expect(fields.length).toBeGreaterThan(0);
      for (const bad of link.mustNotAppear) {
        for (const value of fields) expect(value).not.toContain(bad);
      }
      expect(trouble.errors).toEqual([]);
      expect(trouble.dialogs).toEqual([]);
    });
  }
});

/** What openRoleStep's link holds. */
const ROLE_STEP_ANSWERS: AnswersInput = { operations: ['import'], bucketEncrypted: true };

async function openRoleStep(wizard: WizardPage): Promise<void> {
  await wizard.open('?v=1&ops=import&enc=bucket&step=role');
  await wizard.expectStep('role');
}

// Also typed or pasted elsewhere: a role ARN with a path (pasted), with a space, a KMS alias or
// an alias name (journeys.spec.ts, Role ARN); an alias as a key ARN (journeys.spec.ts); a short
// account, a bad role name or path (journeys.spec.ts, Service role step checks its answers).
test.describe('typed and pasted input', () => {
  for (const [name, arn, message] of [
    ['of a user, not a role', 'arn:aws:iam::111122223333:user/alice', /not an IAM role/],
    ['from GovCloud', 'arn:aws-us-gov:iam::111122223333:role/R', /not available/],
    ['that is not an ARN', '"><svg/onload=alert(1)>', /looks like arn:aws:iam/],
  ] as const) {
    test(`a pasted role ARN ${name} is explained and fills nothing`, async ({ wizard, page }) => {
      const trouble = watchForTrouble(page);
      await openRoleStep(wizard);
      await wizard.paste(wizard.roleArnField(), arn);
      await wizard.expectFieldError(wizard.roleArnField(), message);
      await expect(wizard.accountField()).toHaveValue('');
      await expect(wizard.roleNameField()).toHaveValue('');
      await wizard.expectDocumentsFor(ROLE_STEP_ANSWERS);
      expect(await page.locator('svg[onload]').count()).toBe(0);
      expect(trouble.errors).toEqual([]);
      expect(trouble.dialogs).toEqual([]);
    });
  }

  for (const { label, field, value, message } of [
    {
      label: 'AWS account ID',
      field: (wizard: WizardPage) => wizard.accountField(),
      value: '1111 2222 3333',
      message: 'An account ID has no spaces: enter its 12 digits only.',
    },
    {
      label: 'Service role name',
      field: (wizard: WizardPage) => wizard.roleNameField(),
      value: 'Role"}',
      message: 'A role name uses only letters, digits and _+=,.@- (no spaces).',
    },
    {
      label: 'Service role name',
      field: (wizard: WizardPage) => wizard.roleNameField(),
      value: '<script>alert(1)</script>',
      message: 'Enter the role name without its path; the path has its own field.',
    },
  ]) {
    test(`typing "${value}" as ${label} shows why at the field and never reaches a document`, async ({
      wizard,
      page,
    }) => {
      const trouble = watchForTrouble(page);
      await openRoleStep(wizard);
      const input = field(wizard);
      await input.fill(value);
      await input.blur();
      await wizard.expectFieldError(input, message);
      // Exactly the documents without the value: it may not appear JSON-escaped or normalised.
      await wizard.expectDocumentsFor(ROLE_STEP_ANSWERS);
      expect(trouble.errors).toEqual([]);
      expect(trouble.dialogs).toEqual([]);
    });
  }
});
