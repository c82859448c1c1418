/**
 * Validation of the answers, from section 5 (input rules) and section 4 (key
 * ARNs) of shared/reference/personalize-kms-rules.md.
 */
import { describe, expect, it, test } from 'vitest';

import {
  DEFAULT_ANSWERS,
  GUIDE_EDITIONS,
  OPERATIONS,
  parseAnswers,
  parseRoleArn,
  salvageAnswers,
  type Answers,
  type Finding,
} from './index';
import { validAnswers } from './test-support/answers';
import { coveredOperations, EDITIONS_AND_OPERATIONS } from './test-support/kms-rules';

const VALID: Answers = {
  guide: '2023-01',
  operations: ['import', 'export'],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  keys: 'separate',
  accountId: '111122223333',
  roleName: 'PersonalizeKmsRole',
  rolePath: '/service-role/',
  partition: 'aws',
  keyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  datasetGroupKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef',
  bucketName: 'personalize-data',
  region: '',
  confusedDeputy: false,
};

const UUID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const MRK = 'mrk-0123456789abcdef0123456789abcdef';

function findingsOf(input: unknown): Finding[] {
  const result = parseAnswers(input);
  return result.ok ? [] : result.findings;
}

/** The field a finding is about: `operations.1` is about `operations`. */
function fieldOf(finding: Finding): string {
  return finding.path.split('.')[0] ?? '';
}

/** Rejected, with a finding on that field (and only on that field), each with a message. */
function expectFindingOn(input: Record<string, unknown>, field: string): Finding[] {
  const result = parseAnswers(input);
  expect(result.ok, `${field}=${JSON.stringify(input[field])} should be rejected`).toBe(false);
  const findings = result.ok ? [] : result.findings;
  expect(findings.length).toBeGreaterThan(0);
  for (const finding of findings) {
    expect(finding.message.trim()).not.toBe('');
  }
  expect(findings.map(fieldOf)).toEqual(findings.map(() => field));
  return findings;
}

describe('valid answers', () => {
  it('accepts a complete set and the defaults', () => {
    expect(validAnswers(VALID)).toEqual(VALID);
    expect(validAnswers({ ...DEFAULT_ANSWERS })).toEqual(DEFAULT_ANSWERS);
  });

  it('accepts empty account ID and role name (placeholders) and empty key ARNs', () => {
    const answers = { ...VALID, accountId: '', roleName: '', keyArn: '', datasetGroupKeyArn: '' };
    expect(validAnswers(answers)).toEqual(answers);
  });

  it('drops unknown fields rather than passing them through', () => {
    const parsed = validAnswers({ ...VALID, extra: '<script>' } as Answers);
    expect(parsed).not.toHaveProperty('extra');
  });
});

describe('account ID: exactly 12 digits, as a string', () => {
  test.each([
    ['12 digits', '111122223333'],
    ['leading zeros', '000011112222'],
    ['all zeros', '000000000000'],
  ])('accepts %s (%s) and keeps it as given', (_, accountId) => {
    expect(validAnswers({ ...VALID, accountId }).accountId).toBe(accountId);
  });

  test.each([
    ['11 digits', '11112222333'],
    ['13 digits', '1111222233334'],
    ['a letter', '11112222333a'],
    ['letters only', 'my-account'],
    ['spaces between groups', '1111 2222 3333'],
    ['dashes between groups', '1111-2222-3333'],
    ['a leading space', ' 111122223333'],
    ['a trailing newline', '111122223333\n'],
    ['full-width digits', '１１１１２２２２３３３３'],
    ['a role ARN', 'arn:aws:iam::111122223333:role/x'],
  ])('rejects %s', (_, accountId) => {
    expectFindingOn({ ...VALID, accountId }, 'accountId');
  });

  test.each([
    ['a number', 111122223333],
    ['a number with leading zeros lost', 11112222],
    ['null', null],
  ])('rejects %s instead of a string', (_, accountId) => {
    expectFindingOn({ ...VALID, accountId }, 'accountId');
  });
});

describe('role name: 1-64 of letters, digits and _+=,.@-', () => {
  test.each([
    ['one letter', 'a'],
    ['64 characters', 'R'.repeat(64)],
    ['every allowed symbol', 'my_role+x=y,z.w@v-u'],
    ['digits only', '0123'],
  ])('accepts %s', (_, roleName) => {
    expect(validAnswers({ ...VALID, roleName }).roleName).toBe(roleName);
  });

  test.each([
    ['65 characters', 'R'.repeat(65)],
    ['a space', 'My Role'],
    ['a trailing space', 'MyRole '],
    ['a path', 'service-role/MyRole'],
    ['a leading slash', '/MyRole'],
    ['a role ARN', 'arn:aws:iam::111122223333:role/MyRole'],
    ['a quote', 'My"Role'],
    ['a single quote', "My'Role"],
    ['markup', '<script>'],
    ['a wildcard', 'Personalize*'],
    ['a colon', 'my:role'],
    ['a non-ASCII letter', 'Rôle'],
    ['a tab', 'My\tRole'],
  ])('rejects %s', (_, roleName) => {
    expectFindingOn({ ...VALID, roleName }, 'roleName');
  });
});

describe('role path: "/" or /printable ASCII/, at most 512 characters', () => {
  test.each([
    ['the root path', '/'],
    ['the console path', '/service-role/'],
    ['nested', '/division_abc/subdivision_xyz/'],
    ['512 characters', `/${'p'.repeat(510)}/`],
  ])('accepts %s', (_, rolePath) => {
    expect(validAnswers({ ...VALID, rolePath }).rolePath).toBe(rolePath);
  });

  test.each([
    ['513 characters', `/${'p'.repeat(511)}/`],
    ['no leading slash', 'service-role/'],
    ['no trailing slash', '/service-role'],
    ['no slashes', 'service-role'],
    // Nothing between the slashes: IAM's pattern is / or /[\u0021-\u007E]+/.
    ['an empty segment', '//'],
    ['a wildcard a key policy principal cannot hold', '/team*/'],
    ['a question-mark wildcard', '/team?/'],
    ['empty', ''],
    ['a space', '/service role/'],
    ['a leading space', ' /service-role/'],
    ['a tab', '/service\trole/'],
    ['a non-ASCII character', '/rôle/'],
  ])('rejects %s', (_, rolePath) => {
    expectFindingOn({ ...VALID, rolePath }, 'rolePath');
  });
});

describe('key ARNs: arn:PARTITION:kms:REGION:ACCOUNT:key/(UUID | mrk-32 hex)', () => {
  test.each([
    ['aws', 'UUID', `arn:aws:kms:us-east-1:111122223333:key/${UUID}`],
    ['aws', 'multi-Region', `arn:aws:kms:eu-west-1:111122223333:key/${MRK}`],
    ['aws-cn', 'UUID', `arn:aws-cn:kms:cn-north-1:111122223333:key/${UUID}`],
    ['aws-cn', 'multi-Region', `arn:aws-cn:kms:cn-north-1:111122223333:key/${MRK}`],
  ] as const)('accepts an %s %s key ARN in either key field', (partition, _, arn) => {
    for (const field of ['keyArn', 'datasetGroupKeyArn'] as const) {
      const answers = { ...VALID, partition, keyArn: '', datasetGroupKeyArn: '', [field]: arn };
      expect(validAnswers(answers)[field]).toBe(arn);
    }
  });

  const invalid: [string, string, RegExp?][] = [
    ['an alias name', 'alias/my-key', /alias/i],
    ['an alias ARN', 'arn:aws:kms:us-east-1:111122223333:alias/my-key', /alias/i],
    ['an AWS managed key alias', 'alias/aws/personalize', /alias/i],
    ['a key ID alone', UUID],
    ['a multi-Region key ID alone', MRK],
    ['an S3 ARN', 'arn:aws:s3:::my-bucket'],
    ['an IAM role ARN', 'arn:aws:iam::111122223333:role/MyRole'],
    ['an uppercase UUID', `arn:aws:kms:us-east-1:111122223333:key/${UUID.toUpperCase()}`],
    ['a short mrk ID', 'arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef'],
    ['no region', `arn:aws:kms::111122223333:key/${UUID}`],
    ['an 11-digit account', `arn:aws:kms:us-east-1:11112222333:key/${UUID}`],
    ['no account', `arn:aws:kms:us-east-1::key/${UUID}`],
    ['GovCloud', `arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/${UUID}`],
    ['a space inside', `arn:aws:kms:us-east-1:111122223333:key/ ${UUID}`],
    ['a trailing space', `arn:aws:kms:us-east-1:111122223333:key/${UUID} `],
    ['a wildcard', 'arn:aws:kms:us-east-1:111122223333:key/*'],
    ['a quote', `arn:aws:kms:us-east-1:111122223333:key/${UUID}"`],
    ['junk', 'not an ARN'],
  ];

  test.each(invalid)('rejects %s in keyArn', (_, keyArn, message) => {
    const [finding] = expectFindingOn({ ...VALID, keyArn }, 'keyArn');
    if (message) expect(finding?.message).toMatch(message);
  });

  test.each(invalid)('rejects %s in datasetGroupKeyArn', (_, datasetGroupKeyArn, message) => {
    const [finding] = expectFindingOn({ ...VALID, datasetGroupKeyArn }, 'datasetGroupKeyArn');
    if (message) expect(finding?.message).toMatch(message);
  });

  test.each([
    ['keyArn', 'aws', `arn:aws-cn:kms:cn-north-1:111122223333:key/${UUID}`],
    ['keyArn', 'aws-cn', `arn:aws:kms:us-east-1:111122223333:key/${UUID}`],
    ['datasetGroupKeyArn', 'aws', `arn:aws-cn:kms:cn-north-1:111122223333:key/${MRK}`],
    ['datasetGroupKeyArn', 'aws-cn', `arn:aws:kms:us-east-1:111122223333:key/${MRK}`],
  ] as const)('rejects a %s in another partition than the selected %s', (field, partition, arn) => {
    const other = field === 'keyArn' ? 'datasetGroupKeyArn' : 'keyArn';
    const findings = expectFindingOn({ ...VALID, partition, [field]: arn, [other]: '' }, field);
    expect(findings.map((f) => f.message).join(' ')).toMatch(/partition/);
  });
});

describe('operations', () => {
  test.each(EDITIONS_AND_OPERATIONS)(
    'accepts none, one, or every operation the $edition guide covers, in the order chosen',
    ({ edition, operations }) => {
      for (const chosen of [[], operations.slice(0, 1), [...operations].reverse()]) {
        expect(validAnswers({ ...VALID, guide: edition, operations: chosen }).operations).toEqual(
          chosen,
        );
      }
    },
  );

  test.each(
    GUIDE_EDITIONS.flatMap((edition) =>
      OPERATIONS.filter((op) => !coveredOperations(edition).includes(op)).map((operation) => ({
        edition,
        operation,
      })),
    ),
  )(
    'rejects $operation under the $edition guide, which does not cover it',
    ({ edition, operation }) => {
      const findings = expectFindingOn(
        { ...VALID, guide: edition, operations: [operation] },
        'operations',
      );
      expect(findings.map((f) => f.message).join(' ')).toMatch(/current guide/);
    },
  );

  test.each([
    ['a duplicate', ['import', 'import']],
    ['a duplicate among others', ['export', 'import', 'export']],
    ['an unknown operation', ['import', 'delete-everything']],
    ['a capitalised operation', ['Import']],
    ['a number', [1]],
    ['a string instead of a list', 'import'],
    ['null', null],
    ['an object', { import: true }],
  ])('rejects %s', (_, operations) => {
    expectFindingOn({ ...VALID, operations }, 'operations');
  });
});

describe('the other fields', () => {
  test.each([
    ['bucketEncrypted', 'true'],
    ['bucketEncrypted', 1],
    ['datasetGroupEncrypted', 'yes'],
    ['datasetGroupEncrypted', null],
    ['keys', 'both'],
    ['keys', ''],
    ['partition', 'aws-us-gov'],
    ['partition', 'AWS'],
    ['partition', ''],
  ])('rejects %s = %j', (field, value) => {
    expectFindingOn({ ...VALID, [field]: value }, field);
  });

  test.each(Object.keys(VALID))('rejects answers without %s', (field) => {
    const input = Object.fromEntries(Object.entries(VALID).filter(([key]) => key !== field));
    expect(input).not.toHaveProperty(field);
    expectFindingOn(input, field);
  });

  it('reports every bad field, each on its own path', () => {
    const findings = findingsOf({ ...VALID, accountId: '123', roleName: 'a b', rolePath: 'x' });
    expect(new Set(findings.map(fieldOf))).toEqual(new Set(['accountId', 'roleName', 'rolePath']));
  });
});

describe('parseAnswers never throws', () => {
  const weird: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a string', 'answers'],
    ['a JSON string', JSON.stringify(VALID)],
    ['true', true],
    ['a bigint', 10n],
    ['a symbol', Symbol('answers')],
    ['a function', () => VALID],
    ['a date', new Date(0)],
    ['an empty array', []],
    ['an array of answers', [VALID]],
    ['an empty object', {}],
    ['an object without prototype', Object.create(null) as unknown],
    ['every field null', Object.fromEntries(Object.keys(VALID).map((k) => [k, null]))],
    ['every field a number', Object.fromEntries(Object.keys(VALID).map((k) => [k, 7]))],
    ['every field an object', Object.fromEntries(Object.keys(VALID).map((k) => [k, {}]))],
    ['every field an array', Object.fromEntries(Object.keys(VALID).map((k) => [k, ['x']]))],
    ['a __proto__ key', JSON.parse('{"__proto__": {"accountId": "111122223333"}}') as unknown],
    ['a huge string', { ...VALID, roleName: 'x'.repeat(100_000) }],
  ];

  test.each(weird)('%s: findings, each with a path and a message', (_, input) => {
    let result: ReturnType<typeof parseAnswers> | undefined;
    expect(() => (result = parseAnswers(input))).not.toThrow();
    expect(result?.ok).toBe(false);
    const findings = result?.ok === false ? result.findings : [];
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.path.trim()).not.toBe('');
      expect(finding.message.trim()).not.toBe('');
    }
  });

  test.each(weird)('%s: salvageAnswers gives valid answers', (_, input) => {
    let salvaged: ReturnType<typeof salvageAnswers> | undefined;
    expect(() => (salvaged = salvageAnswers(input))).not.toThrow();
    expect(parseAnswers(salvaged?.answers).ok).toBe(true);
    expect(salvaged?.findings.length).toBeGreaterThan(0);
  });
});

describe('salvageAnswers keeps valid answers and resets only the bad ones', () => {
  it('returns valid answers unchanged, without findings', () => {
    expect(salvageAnswers(VALID)).toEqual({ answers: VALID, findings: [], restarted: false });
  });

  test.each([
    ['accountId', '11112222333', ''],
    ['accountId', 111122223333, ''],
    ['roleName', 'My Role', ''],
    ['rolePath', 'service-role', '/'],
    ['keyArn', 'alias/my-key', ''],
    ['datasetGroupKeyArn', UUID, ''],
    ['operations', ['import', 'nope'], ['import']],
    ['operations', ['export', 'batch-segment'], ['export']],
    ['operations', ['import', 'import'], []],
    ['bucketEncrypted', 'yes', false],
    ['keys', 'both', 'same'],
  ])('salvages a bad %s (%j) as %j', (field, bad, reset) => {
    const { answers, findings } = salvageAnswers({ ...VALID, [field]: bad });
    expect(answers).toEqual({ ...VALID, [field]: reset });
    expect(findings.map(fieldOf)).toContain(field);
  });

  it('resets several bad fields at once', () => {
    const { answers, findings } = salvageAnswers({
      ...VALID,
      accountId: 'abc',
      roleName: '<script>',
      rolePath: '/a b/',
    });
    expect(answers).toEqual({ ...VALID, accountId: '', roleName: '', rolePath: '/' });
    expect(new Set(findings.map(fieldOf))).toEqual(new Set(['accountId', 'roleName', 'rolePath']));
  });

  it('resets a key ARN from another partition and keeps the rest', () => {
    const keyArn = `arn:aws-cn:kms:cn-north-1:111122223333:key/${UUID}`;
    const { answers, findings } = salvageAnswers({ ...VALID, keyArn });
    expect(answers).toEqual({ ...VALID, keyArn: '' });
    expect(findings.map(fieldOf)).toEqual(['keyArn']);
  });

  it('keeps the valid fields of a partial object and defaults the missing ones', () => {
    const { answers } = salvageAnswers({ accountId: '012345678901', roleName: 'Role' });
    expect(answers).toEqual({ ...DEFAULT_ANSWERS, accountId: '012345678901', roleName: 'Role' });
  });

  it('keeps the valid fields when a bad field and a partition mismatch come together', () => {
    // The role name is bad and the key ARN is in another partition than the
    // role: only those two should be reset.
    const keyArn = `arn:aws-cn:kms:cn-north-1:111122223333:key/${UUID}`;
    const { answers } = salvageAnswers({ ...VALID, roleName: 'My Role', keyArn });
    expect(answers).toEqual({ ...VALID, roleName: '', keyArn: '' });
  });

  it('keeps the valid fields when an invalid partition is reset', () => {
    // aws-us-gov is reset to aws; the aws-cn key then no longer fits and must
    // be reset too, but the account, role and operations must be kept.
    const keyArn = `arn:aws-cn:kms:cn-north-1:111122223333:key/${UUID}`;
    const { answers } = salvageAnswers({
      ...VALID,
      partition: 'aws-us-gov',
      keyArn,
      datasetGroupKeyArn: '',
    });
    expect(answers).toEqual({ ...VALID, partition: 'aws', keyArn: '', datasetGroupKeyArn: '' });
  });
});

describe('parseRoleArn: a pasted role ARN fills account, path and name', () => {
  test.each([
    [
      'with the console path',
      'arn:aws:iam::111122223333:role/service-role/MyRole',
      {
        partition: 'aws',
        accountId: '111122223333',
        rolePath: '/service-role/',
        roleName: 'MyRole',
      },
    ],
    [
      'without a path',
      'arn:aws:iam::111122223333:role/MyRole',
      { partition: 'aws', accountId: '111122223333', rolePath: '/', roleName: 'MyRole' },
    ],
    [
      'with a nested path',
      'arn:aws:iam::012345678901:role/a/b/c/My.Role@x',
      { partition: 'aws', accountId: '012345678901', rolePath: '/a/b/c/', roleName: 'My.Role@x' },
    ],
    [
      'in aws-cn',
      'arn:aws-cn:iam::111122223333:role/service-role/MyRole',
      {
        partition: 'aws-cn',
        accountId: '111122223333',
        rolePath: '/service-role/',
        roleName: 'MyRole',
      },
    ],
    [
      'pasted with surrounding whitespace',
      '  arn:aws:iam::111122223333:role/MyRole\n',
      { partition: 'aws', accountId: '111122223333', rolePath: '/', roleName: 'MyRole' },
    ],
  ])('parses a role ARN %s', (_, arn, role) => {
    const result = parseRoleArn(arn);
    expect(result).toEqual({ ok: true, role });
    // What it fills in is itself valid.
    if (result.ok) {
      validAnswers({
        ...VALID,
        accountId: result.role.accountId,
        rolePath: result.role.rolePath,
        roleName: result.role.roleName,
        partition: result.role.partition,
        keyArn: '',
        datasetGroupKeyArn: '',
      });
    }
  });

  test.each([
    ['a space in the name', 'arn:aws:iam::111122223333:role/My Role'],
    ['a space in the path', 'arn:aws:iam::111122223333:role/service role/MyRole'],
    ['a user', 'arn:aws:iam::111122223333:user/Bob'],
    ['an instance profile', 'arn:aws:iam::111122223333:instance-profile/MyRole'],
    ['an S3 bucket', 'arn:aws:s3:::my-bucket'],
    ['a KMS key', `arn:aws:kms:us-east-1:111122223333:key/${UUID}`],
    ['GovCloud', 'arn:aws-us-gov:iam::111122223333:role/MyRole'],
    ['an 11-digit account', 'arn:aws:iam::11112222333:role/MyRole'],
    ['no account', 'arn:aws:iam:::role/MyRole'],
    ['a region', 'arn:aws:iam:us-east-1:111122223333:role/MyRole'],
    ['no name', 'arn:aws:iam::111122223333:role/'],
    ['a name too long', `arn:aws:iam::111122223333:role/${'R'.repeat(65)}`],
    ['a name alone', 'MyRole'],
    ['an empty string', ''],
    ['an assumed-role session', 'arn:aws:sts::111122223333:assumed-role/MyRole/session'],
  ])('rejects %s with a message', (_, arn) => {
    let result: ReturnType<typeof parseRoleArn> | undefined;
    expect(() => (result = parseRoleArn(arn))).not.toThrow();
    expect(result?.ok).toBe(false);
    if (result?.ok === false) expect(result.message.trim()).not.toBe('');
  });
});
