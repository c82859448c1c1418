import type { Page } from '@playwright/test';

import { expect, test, type AnswersInput, type StepName, type WizardPage } from './fixtures';

const ACCOUNT = '111122223333';

const VALID =
  'v=1&ops=import&enc=bucket,dataset-group&keys=separate&account=111122223333&role=PersonalizeRole&step=review';

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
  /** Replaces VALID's parameter of the same name (added when VALID has none). */
  query: string;
  /** The parameter the notice must name. */
  param: string;
  /** What the notice says about it: its one line, after `param: `. */
  message: string;
  /** The answers that still apply: the link's own, without the hostile value. */
  answers: AnswersInput;
  /** The step the wizard opens at (VALID's review unless the step is what is hostile). */
  step?: StepName;
  /** Text from the hostile value that must appear in no document, as it is or JSON-escaped. */
  mustNotAppear: string[];
}

const LONG = 'A'.repeat(5000);

const ROLE_NAME_CHARACTERS = 'A role name uses only letters, digits and _+=,.@- (no spaces).';
const ACCOUNT_DIGITS = 'An account ID is 12 digits, such as 111122223333.';
const NOT_ENCODED =
  'The value is not correctly encoded (each % must start a valid %XX escape), so it was ignored.';
const UNKNOWN_OPERATION =
  'One item is not one of import, export, batch-inference, batch-segment, metric-reports, so it was left out.';
const ALIAS =
  'That is an alias. IAM policies and Personalize need the key ARN (…:key/…); `aws kms describe-key --key-id alias/NAME` prints it.';
const INJECTED_JSON = 'x"},"Effect":"Allow","Principal":"*';

const HOSTILE_LINKS: HostileLink[] = [
  {
    name: 'short account',
    query: 'account=12345',
    param: 'account',
    message: 'An account ID has exactly 12 digits (this has 5). Keep any leading zeros.',
    answers: WITHOUT_ACCOUNT,
    mustNotAppear: ['12345'],
  },
  {
    name: 'quote in account',
    query: "account=1111'22223333",
    param: 'account',
    message: ACCOUNT_DIGITS,
    answers: WITHOUT_ACCOUNT,
    mustNotAppear: ["1111'2222"],
  },
  {
    name: 'letters in account',
    query: 'account=abc123456789',
    param: 'account',
    message: ACCOUNT_DIGITS,
    answers: WITHOUT_ACCOUNT,
    mustNotAppear: ['abc123'],
  },
  {
    name: 'script tag as role',
    query: 'role=<script>alert(1)</script>',
    param: 'role',
    message: 'Enter the role name without its path; the path has its own field.',
    answers: WITHOUT_ROLE,
    mustNotAppear: ['<script>alert(1)</script>', 'alert(1)'],
  },
  {
    name: 'JSON injection in role',
    query: `role=${encodeURIComponent(INJECTED_JSON)}`,
    param: 'role',
    message: ROLE_NAME_CHARACTERS,
    answers: WITHOUT_ROLE,
    mustNotAppear: [INJECTED_JSON],
  },
  {
    name: 'encoded markup as role',
    query: 'role=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
    param: 'role',
    message: ROLE_NAME_CHARACTERS,
    answers: WITHOUT_ROLE,
    mustNotAppear: ['<img src=x onerror=alert(1)>', 'onerror'],
  },
  {
    name: 'NUL in role',
    query: 'role=Admin%00Role',
    param: 'role',
    message: ROLE_NAME_CHARACTERS,
    answers: WITHOUT_ROLE,
    mustNotAppear: ['Admin\u0000Role'],
  },
  {
    name: 'path without slashes',
    query: 'path=service-role',
    param: 'path',
    message: 'A role path starts and ends with a slash, such as / or /service-role/.',
    answers: VALID_ANSWERS,
    mustNotAppear: ['roleservice-role', 'role/service-role'],
  },
  {
    name: 'newline in path',
    query: 'path=/a%0Ab/',
    param: 'path',
    message: 'A role path uses printable characters only, no spaces, such as /service-role/.',
    answers: VALID_ANSWERS,
    mustNotAppear: ['/a\nb/'],
  },
  {
    name: 'unknown operation',
    query: 'ops=import,hack',
    param: 'ops',
    message: UNKNOWN_OPERATION,
    answers: VALID_ANSWERS,
    mustNotAppear: ['hack'],
  },
  {
    name: 'JSON as operations',
    query: 'ops=%7B%22a%22%3A1%7D',
    param: 'ops',
    message: UNKNOWN_OPERATION,
    answers: { ...VALID_ANSWERS, operations: [] },
    mustNotAppear: ['{"a":1}', '"a": 1'],
  },
  {
    name: 'boolean as encryption',
    query: 'enc=true',
    param: 'enc',
    message: 'One item is not one of bucket, dataset-group, so it was left out.',
    answers: { ...VALID_ANSWERS, bucketEncrypted: false, datasetGroupEncrypted: false },
    mustNotAppear: ['true'],
  },
  {
    name: 'unknown key layout',
    query: 'keys=maybe',
    param: 'keys',
    message: 'Choose "same" or "separate".',
    answers: { ...VALID_ANSWERS, keys: 'same' },
    mustNotAppear: ['maybe'],
  },
  {
    name: 'GovCloud partition',
    query: 'partition=aws-us-gov',
    param: 'partition',
    message: 'Choose the aws or aws-cn partition.',
    answers: VALID_ANSWERS,
    mustNotAppear: ['aws-us-gov'],
  },
  {
    name: 'alias instead of key',
    query: 'key=alias/foo',
    param: 'key',
    message: ALIAS,
    answers: VALID_ANSWERS,
    mustNotAppear: ['alias/foo'],
  },
  {
    name: 'alias ARN instead of key',
    query: 'key=arn:aws:kms:us-east-1:111122223333:alias/foo',
    param: 'key',
    message: ALIAS,
    answers: VALID_ANSWERS,
    mustNotAppear: ['alias/foo'],
  },
  {
    name: 'S3 ARN as key',
    query: 'key=arn:aws:s3:::my-bucket',
    param: 'key',
    message: 'That is an ARN for s3, not a KMS key.',
    answers: VALID_ANSWERS,
    mustNotAppear: ['my-bucket'],
  },
  {
    name: 'key from another partition',
    query: 'key=arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    param: 'key',
    message:
      "This key is in the aws-cn partition, but the role is in aws. Choose the key's partition or a key from the role's partition.",
    answers: VALID_ANSWERS,
    mustNotAppear: ['aws-cn:kms', '1234abcd-12ab-34cd-56ef-1234567890ab'],
  },
  {
    name: 'not an ARN as dataset group key',
    query: 'dataset-group-key=not-an-arn',
    param: 'dataset-group-key',
    message: 'A key ARN looks like arn:aws:kms:us-east-1:111122223333:key/…',
    answers: VALID_ANSWERS,
    mustNotAppear: ['not-an-arn'],
  },
  {
    name: 'malformed percent-encoding',
    query: 'account=%E0%A4%A',
    param: 'account',
    message: NOT_ENCODED,
    answers: WITHOUT_ACCOUNT,
    mustNotAppear: ['%E0', '\uFFFD'],
  },
  {
    name: 'invalid escape',
    query: 'role=%zz',
    param: 'role',
    message: NOT_ENCODED,
    answers: WITHOUT_ROLE,
    mustNotAppear: ['%zz'],
  },
  {
    // The one row about repetition: both values stand where VALID's account was.
    name: 'repeated account',
    query: 'account=999999999999&account=888888888888',
    param: 'account',
    message: 'This parameter appears 2 times; only the first value was used.',
    answers: { ...VALID_ANSWERS, accountId: '999999999999' },
    mustNotAppear: ['888888888888'],
  },
  {
    name: 'very long role',
    query: `role=${LONG}`,
    param: 'role',
    message: 'The value is longer than 2048 characters, so it was ignored.',
    answers: WITHOUT_ROLE,
    mustNotAppear: ['AAAAAAAAAA'],
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
 * VALID with the hostile parameters in place of its own (the app reads only
 * the first of a repeated parameter, so adding them would leave them unread).
 */
function withHostile(hostileQuery: string): string {
  const valid = pairs(VALID);
  const hostile = pairs(hostileQuery);
  const replaced = valid.flatMap(([name, value]) => {
    const instead = hostile.filter(([hostileName]) => hostileName === name);
    return instead.length > 0 ? instead : [[name, value] as [string, string]];
  });
  const added = hostile.filter(([name]) => !valid.some(([validName]) => validName === name));
  return [...replaced, ...added].map(([name, value]) => `${name}=${value}`).join('&');
}

async function allDocumentText(page: Page): Promise<string> {
  const texts = await page.locator('section pre').allTextContents();
  return texts.join('\n');
}

function watchForTrouble(page: Page): { errors: string[]; dialogs: string[] } {
  const trouble = { errors: [] as string[], dialogs: [] as string[] };
  page.on('pageerror', (error) => trouble.errors.push(error.message));
  page.on('dialog', (dialog) => {
    trouble.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return trouble;
}

test.describe('tampered share links', () => {
  for (const link of HOSTILE_LINKS) {
    test(`${link.name}: a notice names "${link.param}" and the value reaches no document`, async ({
      wizard,
      page,
    }) => {
      const trouble = watchForTrouble(page);
      await wizard.open(`?${withHostile(link.query)}`);
      const notice = wizard.linkNotice();
      await expect(notice).toBeVisible();
      await expect(notice.locator('code', { hasText: new RegExp(`^${link.param}$`) })).toHaveCount(
        1,
      );
      // The notice says what was wrong with the value, not only that the parameter was repeated.
      await expect(notice.getByRole('listitem')).toHaveText([`${link.param}: ${link.message}`]);
      // The rest of the link still applies.
      await wizard.expectStep(link.step ?? 'review');
      await wizard.expectDocumentsFor(link.answers);
      const documents = (await wizard.allPreTexts()).join('\n');
      for (const text of link.mustNotAppear) {
        expect(documents).not.toContain(text);
        // Inside a JSON string it would be escaped.
        expect(documents).not.toContain(JSON.stringify(text).slice(1, -1));
      }
      expect(await page.locator('script:not([src])').count()).toBe(0);
      expect(await page.locator('img').count()).toBe(0);
      expect(trouble.errors).toEqual([]);
      expect(trouble.dialogs).toEqual([]);
    });
  }
});

async function openRoleStep(wizard: WizardPage): Promise<void> {
  await wizard.open('?v=1&ops=import&enc=bucket&step=role');
  await expect(wizard.stepHeading()).toHaveText('Service role');
}

test.describe('typed and pasted input', () => {
  test('a pasted role ARN with a path fills account, path and name', async ({ wizard, page }) => {
    await openRoleStep(wizard);
    await wizard
      .field('Role ARN (optional)')
      .fill('arn:aws:iam::111122223333:role/service-role/PersonalizeRole');
    await expect(wizard.field('AWS account ID')).toHaveValue('111122223333');
    await expect(wizard.field('Role path')).toHaveValue('/service-role/');
    await expect(wizard.field('Service role name')).toHaveValue('PersonalizeRole');
    await expect(page.getByText('Filled in the account ID')).toBeVisible();
    expect(await wizard.documentText('KMS key policy')).toContain(
      '"arn:aws:iam::111122223333:role/service-role/PersonalizeRole"',
    );
  });

  for (const [name, arn, message] of [
    ['with spaces', 'arn:aws:iam::111122223333:role/My Role', /no spaces/],
    ['of a user, not a role', 'arn:aws:iam::111122223333:user/alice', /not an IAM role/],
    ['from GovCloud', 'arn:aws-us-gov:iam::111122223333:role/R', /not available/],
    ['that is not an ARN', '"><svg/onload=alert(1)>', /looks like arn:aws:iam/],
  ] as const) {
    test(`a pasted role ARN ${name} is explained and fills nothing`, async ({ wizard, page }) => {
      const trouble = watchForTrouble(page);
      await openRoleStep(wizard);
      await wizard.field('Role ARN (optional)').fill(arn);
      await expect(page.locator('#role-arn-help')).toHaveText(message);
      await expect(wizard.field('Role ARN (optional)')).toHaveAttribute('aria-invalid', 'true');
      await expect(wizard.field('AWS account ID')).toHaveValue('');
      expect(await page.locator('svg[onload]').count()).toBe(0);
      expect(trouble.errors).toEqual([]);
      expect(trouble.dialogs).toEqual([]);
    });
  }

  for (const [label, value, message] of [
    ['AWS account ID', '1111 2222 3333', 'An account ID has no spaces: enter its 12 digits only.'],
    [
      'AWS account ID',
      '11112222333',
      'An account ID has exactly 12 digits (this has 11). Keep any leading zeros.',
    ],
    [
      'Service role name',
      'Role"}',
      'A role name uses only letters, digits and _+=,.@- (no spaces).',
    ],
    [
      'Service role name',
      '<script>alert(1)</script>',
      'Enter the role name without its path; the path has its own field.',
    ],
    [
      'Role path',
      'service-role',
      'A role path starts and ends with a slash, such as / or /service-role/.',
    ],
  ] as const) {
    test(`typing "${value}" as ${label} shows why at the field and never reaches a document`, async ({
      wizard,
      page,
    }) => {
      const trouble = watchForTrouble(page);
      await openRoleStep(wizard);
      const field = wizard.field(label);
      await field.fill(value);
      await field.blur();
      await wizard.expectFieldError(field, message);
      expect(await allDocumentText(page)).not.toContain(value);
      expect(trouble.errors).toEqual([]);
      expect(trouble.dialogs).toEqual([]);
    });
  }

  test('an alias typed as the key ARN is explained and the IAM policy stays on "*"', async ({
    wizard,
    page,
  }) => {
    await wizard.open('?v=1&ops=import&enc=bucket&account=111122223333&role=R&step=encryption');
    const field = wizard.field('Bucket key ARN');
    await field.fill('arn:aws:kms:us-east-1:111122223333:alias/personalize');
    await field.blur();
    await expect(page.getByText(/That is an alias/)).toBeVisible();
    const iam = (await wizard.documentJson('Service role IAM policy')) as {
      Statement: { Resource: unknown }[];
    };
    expect(iam.Statement[0]?.Resource).toBe('*');
  });
});
