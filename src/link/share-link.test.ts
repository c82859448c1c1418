import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  DEFAULT_ANSWERS,
  OPERATIONS,
  parseAnswers,
  PERSONALIZE_REGIONS,
  type Answers,
} from '../policy';
import readme from '../../README.md?raw';
import {
  decodeShareLink,
  encodeShareLink,
  SHARE_LINK_LIMITS,
  STEP_IDS,
  WHOLE_LINK,
  type StepId,
} from './share-link';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const MRK_KEY = 'arn:aws:kms:eu-west-1:444455556666:key/mrk-1234abcd12ab34cd56ef1234567890ab';
const CN_KEY = 'arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
/** A role name that would end its JSON string and open the policy to anyone. */
const INJECTED_JSON = 'x"},"Effect":"Allow","Principal":"*';
const ROLE_NAME_CHARACTERS =
  /^A role name uses only letters, digits and _\+=,\.@- \(no spaces\)\.$/;
/** Every parameter a version 1 link can carry (share-link.ts, PARAMS and v). */
const PARAM_NAMES = [
  'v',
  'guide',
  'ops',
  'enc',
  'keys',
  'account',
  'role',
  'path',
  'partition',
  'key',
  'dataset-group-key',
  'bucket',
  'region',
  'hardening',
  'step',
];

interface Row {
  link: string;
  answers?: Partial<Answers>;
  step?: StepId;
  /** Expected notices in order: the parameter and a pattern its message must match. */
  notices?: [string, RegExp][];
  /** Text that must not appear in any notice (injected payloads). */
  forbid?: string[];
}

/** The example link README.md gives (read from it, so the README cannot drift from the codec). */
function readmeExampleLink(): string {
  const link = /for example `(\?v=1[^`]*)`/.exec(readme)?.[1];
  if (link === undefined)
    throw new Error('README.md gives no example link ("for example `?v=1…`")');
  return link;
}

const rows: Record<string, Row> = {
  'an empty string is the defaults': { link: '' },
  'a lone ? is the defaults': { link: '?' },
  'v=1 alone is the defaults': { link: '?v=1' },
  'a link without ? is read the same': {
    link: 'v=1&ops=import,export',
    answers: { operations: ['import', 'export'] },
  },
  'a link without v is read as version 1': {
    link: '?account=111122223333',
    answers: { accountId: '111122223333' },
  },
  'the example link': {
    link:
      '?v=1&ops=import,export&enc=bucket&account=111122223333&role=PersonalizeS3Role&key=' + KEY,
    answers: {
      operations: ['import', 'export'],
      bucketEncrypted: true,
      accountId: '111122223333',
      roleName: 'PersonalizeS3Role',
      keyArn: KEY,
    },
  },
  'the example link in the README': {
    link: readmeExampleLink(),
    answers: {
      operations: ['import', 'batch-inference'],
      bucketEncrypted: true,
      accountId: '111122223333',
      roleName: 'PersonalizeRole',
    },
  },

  // ops
  'ops in any order come back in canonical order': {
    link: '?ops=metric-reports,batch-inference,export,import',
    answers: { operations: ['import', 'export', 'batch-inference', 'metric-reports'] },
  },
  'guide=current with batch segment jobs': {
    link: '?guide=current&ops=batch-segment,import',
    answers: { guide: 'current', operations: ['import', 'batch-segment'] },
  },
  'batch segment jobs without the current guide are left out, the others kept': {
    link: '?ops=batch-segment,import',
    answers: { operations: ['import'] },
    notices: [['ops', /current guide only/]],
  },
  'guide: an unknown edition': {
    link: '?guide=2099&ops=import',
    answers: { operations: ['import'] },
    notices: [['guide', /2023-01/]],
    forbid: ['2099'],
  },
  'bucket and region': {
    link: '?bucket=my-personalize-data&region=eu-west-1',
    answers: { bucketName: 'my-personalize-data', region: 'eu-west-1' },
  },
  'bucket: an s3:// address': {
    link: '?bucket=s3://my-bucket/data',
    answers: {},
    notices: [['bucket', /without s3:\/\//]],
  },
  'region: not a Personalize region': {
    link: '?region=us-west-1',
    answers: {},
    notices: [['region', /does not run in that region/]],
  },
  'region: from the other partition': {
    link: '?partition=aws-cn&region=us-east-1',
    answers: { partition: 'aws-cn' },
    notices: [['region', /cn-north-1/]],
  },
  'ops: an unknown item is left out, the others kept': {
    link: '?ops=import,hack',
    answers: { operations: ['import'] },
    notices: [
      [
        'ops',
        /^One item is not one of import, export, batch-inference, batch-segment, metric-reports/,
      ],
    ],
    forbid: ['hack'],
  },
  'ops: several unknown items': {
    link: '?ops=IMPORT,delete,export',
    answers: { operations: ['export'] },
    notices: [['ops', /^2 items are not one of/]],
  },
  'ops: a repeated item counts once': {
    link: '?ops=import,import',
    answers: { operations: ['import'] },
    notices: [['ops', /more than once counts once/]],
  },
  'ops: a JSON array is not a list': {
    link: '?ops=["import"]',
    notices: [['ops', /^One item is not one of/]],
    forbid: ['["import"]'],
  },
  'ops: encoded JSON is not a list': {
    link: '?ops=%7B%22a%22%3A1%7D',
    notices: [['ops', /^One item is not one of/]],
    forbid: ['"a"'],
  },
  'ops: plus signs are spaces, so the items run together': {
    link: '?ops=import+export',
    notices: [['ops', /not one of .*\+ stands for a space; a plus sign is written %2B/]],
  },

  // enc and keys
  'enc: both parts': {
    link: '?enc=dataset-group,bucket',
    answers: { bucketEncrypted: true, datasetGroupEncrypted: true },
  },
  'enc: the dataset group only, with no operations': {
    link: '?enc=dataset-group&account=111122223333&role=PersonalizeRole&step=encryption',
    answers: {
      datasetGroupEncrypted: true,
      accountId: '111122223333',
      roleName: 'PersonalizeRole',
    },
    step: 'encryption',
  },
  'enc=true is not a part': {
    link: '?enc=true',
    notices: [['enc', /not one of bucket, dataset-group/]],
  },
  'enc= (empty) means the default': { link: '?enc=' },
  'keys=separate': { link: '?keys=separate', answers: { keys: 'separate' } },
  'keys=same is the default, accepted': { link: '?keys=same' },
  'keys: the words are lowercase': {
    link: '?keys=SEPARATE',
    notices: [['keys', /^Choose "same" or "separate"\.$/]],
  },
  'keys: an unknown word': {
    link: '?keys=maybe',
    notices: [['keys', /^Choose "same" or "separate"\.$/]],
    forbid: ['maybe'],
  },

  // account
  'account: 12 digits': { link: '?account=012345678901', answers: { accountId: '012345678901' } },
  'account: an injected quote': {
    link: "?account=1111'22223333",
    notices: [['account', /^An account ID is 12 digits, such as 111122223333\.$/]],
    forbid: ["1111'2222"],
  },
  'account: letters': {
    link: '?account=abc123456789',
    notices: [['account', /^An account ID is 12 digits, such as 111122223333\.$/]],
    forbid: ['abc123'],
  },
  'account: 12 characters ending in a letter': {
    link: '?account=11112222333a',
    notices: [['account', /^An account ID is 12 digits, such as 111122223333\.$/]],
    forbid: ['11112222333a'],
  },
  'account: too few digits': {
    link: '?account=12345',
    notices: [['account', /exactly 12 digits \(this has 5\)/]],
  },
  'account: empty means not answered yet': { link: '?account=' },
  'account: a trailing plus sign is a space': {
    link: '?account=111122223333+',
    notices: [['account', /^An account ID has no spaces.*\+ stands for a space/]],
  },
  'account: JSON injection': {
    link: '?account={"accountId":"111122223333","roleName":"x"}',
    notices: [['account', /^An account ID is 12 digits/]],
    forbid: ['roleName', '{"'],
  },
  'account: encoded JSON injection, other parameters still apply': {
    link: '?account=%7B%22a%22%3A1%7D&role=Ok',
    answers: { roleName: 'Ok' },
    notices: [['account', /^An account ID is 12 digits/]],
  },
  'account: broken percent-encoding (truncated UTF-8)': {
    link: '?account=%E0%A4%A&role=Ok',
    answers: { roleName: 'Ok' },
    notices: [['account', /not correctly encoded/]],
  },
  'account: repeated, the first value is used': {
    link: '?account=111122223333&account=444455556666',
    answers: { accountId: '111122223333' },
    notices: [['account', /appears 2 times; only the first value was used/]],
  },
  'account: repeated with an invalid first value, the default stays': {
    link: '?account=x&account=444455556666',
    notices: [
      ['account', /appears 2 times/],
      ['account', /12 digits/],
    ],
  },

  // role
  'role: letters and symbols': {
    link: '?role=Team_Ops%2B1@x.com',
    answers: { roleName: 'Team_Ops+1@x.com' },
  },
  'role: markup': {
    link: '?role=<script>alert(1)</script>',
    notices: [['role', /^Enter the role name without its path/]],
    forbid: ['<', 'script', 'alert'],
  },
  'role: encoded markup': {
    link: '?role=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
    notices: [['role', /^A role name uses only letters, digits/]],
    forbid: ['<', 'img', 'onerror'],
  },
  'role: JSON that would end the string and add to the statement': {
    link: `?role=${encodeURIComponent(INJECTED_JSON)}`,
    notices: [['role', ROLE_NAME_CHARACTERS]],
    forbid: [INJECTED_JSON, 'Principal', '"'],
  },
  'role: a quote and a brace, not encoded': {
    link: '?role=x"}',
    notices: [['role', ROLE_NAME_CHARACTERS]],
    forbid: ['x"'],
  },
  'role: a NUL character': {
    link: '?role=Admin%00Role',
    notices: [['role', ROLE_NAME_CHARACTERS]],
    forbid: ['\u0000', 'Admin'],
  },
  'role: a plus sign in a hand-typed link is a space': {
    link: '?role=Admin+Ops',
    notices: [['role', /no spaces\)\..*written %2B/]],
  },
  'role: too long': {
    link: `?role=${'a'.repeat(65)}`,
    notices: [['role', /^A role name has at most 64 characters \(this has 65\)\.$/]],
  },
  'role: broken percent escape %zz': {
    link: '?role=%zz',
    notices: [['role', /not correctly encoded/]],
  },
  'role: a value over 2048 characters is not read': {
    link: `?role=${'a'.repeat(SHARE_LINK_LIMITS.valueLength + 1)}&account=111122223333`,
    answers: { accountId: '111122223333' },
    notices: [['role', /longer than 2048 characters/]],
  },

  // path and partition
  'path: a service-role path': {
    link: '?path=/service-role/',
    answers: { rolePath: '/service-role/' },
  },
  'path: without slashes': {
    link: '?path=service-role',
    notices: [['path', /^A role path starts and ends with a slash/]],
  },
  'path: a space inside': {
    link: '?path=/my%20team/',
    notices: [['path', /^A role path uses printable characters only/]],
  },
  'path: a line break inside': {
    link: '?path=/a%0Ab/',
    notices: [['path', /^A role path uses printable characters only/]],
    forbid: ['\n'],
  },
  'path: a lone %': { link: '?path=%', notices: [['path', /not correctly encoded/]] },
  'partition=aws-cn': { link: '?partition=aws-cn', answers: { partition: 'aws-cn' } },
  'partition: not one Personalize runs in': {
    link: '?partition=aws-us-gov',
    notices: [['partition', /^Choose the aws or aws-cn partition\.$/]],
  },

  // keys
  'key: a key ARN': { link: `?key=${KEY}`, answers: { keyArn: KEY } },
  'key: an alias': {
    link: '?key=alias/my-key',
    notices: [['key', /^That is an alias/]],
  },
  'key: an alias ARN': {
    link: '?key=arn:aws:kms:us-east-1:111122223333:alias/foo',
    notices: [['key', /^That is an alias/]],
  },
  'key: a multi-Region key in another account': {
    link: `?key=${MRK_KEY}`,
    answers: { keyArn: MRK_KEY },
  },
  'key: an S3 ARN (short, plain words may be repeated)': {
    link: '?key=arn:aws:s3:::my-bucket',
    notices: [['key', /^That is an ARN for s3, not a KMS key\.$/]],
  },
  'key: markup in the service is not repeated': {
    link: '?key=arn:aws:"><svg/onload=alert(1)>:us-east-1:111122223333:key/x',
    notices: [
      [
        'key',
        /^A key ARN looks like arn:aws:kms:us-east-1:111122223333:key\/ followed by the key ID\.$/,
      ],
    ],
    forbid: ['svg', 'onload', '"'],
  },
  'key: words in the partition are not repeated': {
    link: '?key=arn:Call-Support-Now:kms:us-east-1:111122223333:key/x',
    notices: [['key', /^A key ARN looks like/]],
    forbid: ['Call-Support-Now'],
  },
  'key: another partition is named': {
    link: '?key=arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    notices: [['key', /^Amazon Personalize is not available in the aws-us-gov partition\.$/]],
  },
  'key: an aws-cn key in the aws partition is dropped after the fields are read': {
    link: `?account=111122223333&key=${CN_KEY}`,
    answers: { accountId: '111122223333' },
    notices: [['key', /^This key is in the aws-cn partition, but the role is in aws\./]],
  },
  'key: an aws-cn key with partition=aws-cn': {
    link: `?partition=aws-cn&key=${CN_KEY}`,
    answers: { partition: 'aws-cn', keyArn: CN_KEY },
  },
  'dataset-group-key: a multi-Region key ARN': {
    link: `?keys=separate&dataset-group-key=${MRK_KEY}`,
    answers: { keys: 'separate', datasetGroupKeyArn: MRK_KEY },
  },
  'dataset-group-key: a key ID instead of an ARN': {
    link: '?dataset-group-key=1234abcd-12ab-34cd-56ef-1234567890ab',
    notices: [['dataset-group-key', /^That is a key ID/]],
  },
  'dataset-group-key: not an ARN': {
    link: '?dataset-group-key=not-an-arn',
    notices: [
      ['dataset-group-key', /^A key ARN looks like arn:aws:kms:us-east-1:111122223333:key\/…$/],
    ],
    forbid: ['not-an-arn'],
  },
  'dataset-group-key: wrong partition for the role': {
    link: `?partition=aws-cn&dataset-group-key=${KEY}`,
    answers: { partition: 'aws-cn' },
    notices: [
      ['dataset-group-key', /^This key is in the aws partition, but the role is in aws-cn\./],
    ],
  },

  // step
  'step=review': { link: '?step=review', step: 'review' },
  'step=check': { link: '?step=check', step: 'check' },
  'step: an unknown step opens the first': {
    link: '?step=finish',
    notices: [['step', /^The step is one of operations, encryption, role, review, check/]],
  },
  'step: markup': {
    link: '?step=<b>x</b>',
    notices: [['step', /^The step is one of/]],
    forbid: ['<b>'],
  },

  // version
  'v=2: read as far as possible, with a notice': {
    link: '?v=2&account=111122223333&colour=blue',
    answers: { accountId: '111122223333' },
    notices: [['v', /different version of the wizard \(link format 2\)/]],
  },
  'v=abc: read as version 1, with a notice': {
    link: '?v=abc&role=Ok',
    answers: { roleName: 'Ok' },
    notices: [['v', /^The link format version is a whole number/]],
    forbid: ['abc'],
  },
  'v= (empty) is version 1': { link: '?v=&role=Ok', answers: { roleName: 'Ok' } },

  // the link as a whole
  'unknown parameters are ignored silently': {
    link: '?utm_source=mail&answers=%7B%7D&__proto__=x&constructor=y&Account=1&account=111122223333',
    answers: { accountId: '111122223333' },
  },
  'names may be percent-encoded, as URLSearchParams reads them': {
    link: '?%61ccount=111122223333',
    answers: { accountId: '111122223333' },
  },
  'stray separators and names without values; a value runs from the first =': {
    link: '?&&=&=x&account&role==Ok&&',
    answers: { roleName: '=Ok' },
  },
  'a query over 8192 characters: only the start is read': {
    link: `?account=111122223333&junk=${'x'.repeat(9000)}&role=Late`,
    answers: { accountId: '111122223333' },
    notices: [[WHOLE_LINK, /longer than 8192 characters/]],
  },
  'a parameter cut by the 8192 limit is left out, not shortened': {
    link: `?junk=${'x'.repeat(8180)}&role=LongRoleName`,
    notices: [[WHOLE_LINK, /longer than 8192 characters/]],
  },
  'a query cut exactly at a separator keeps its last parameter': {
    link: `?junk=${'x'.repeat(8192 - 'junk=&role=Ok'.length)}&role=Ok&account=111122223333`,
    answers: { roleName: 'Ok' },
    notices: [[WHOLE_LINK, /longer than 8192 characters/]],
  },
};

describe('decodeShareLink', () => {
  it.each(Object.entries(rows))('%s', (_name, row) => {
    const decoded = decodeShareLink(row.link);
    expect(decoded.answers).toEqual({ ...DEFAULT_ANSWERS, ...row.answers });
    expect(decoded.step).toBe(row.step ?? 'operations');
    const expected = row.notices ?? [];
    expect(decoded.notices.map((n) => n.param)).toEqual(expected.map(([param]) => param));
    decoded.notices.forEach((notice, i) => {
      expect(notice.message).toMatch(expected[i]?.[1] ?? /^$/);
      expect(notice.message).not.toMatch(/[<>{}]/);
      for (const text of row.forbid ?? []) expect(notice.message).not.toContain(text);
    });
  });

  it('returns answers the caller may change without touching the defaults', () => {
    const { answers } = decodeShareLink('');
    answers.operations.push('import');
    expect(DEFAULT_ANSWERS.operations).toEqual([]);
  });
});

describe('encodeShareLink', () => {
  it('leaves every default out: only v=1 remains', () => {
    expect(encodeShareLink(DEFAULT_ANSWERS, 'operations')).toBe('?v=1');
  });

  it('writes the example link', () => {
    const answers: Answers = {
      ...DEFAULT_ANSWERS,
      operations: ['export', 'import'],
      bucketEncrypted: true,
      accountId: '111122223333',
    };
    expect(encodeShareLink(answers, 'operations')).toBe(
      '?v=1&ops=import,export&enc=bucket&account=111122223333',
    );
  });

  it('writes every parameter in the fixed order, ARNs and paths readable', () => {
    const answers: Answers = {
      guide: 'current',
      bucketName: 'personalize-data',
      region: 'eu-west-1',
      operations: [...OPERATIONS].reverse(),
      bucketEncrypted: true,
      datasetGroupEncrypted: true,
      keys: 'separate',
      accountId: '111122223333',
      roleName: 'Ops+Data@team',
      rolePath: '/service-role/',
      partition: 'aws',
      keyArn: KEY,
      datasetGroupKeyArn: MRK_KEY,
      confusedDeputy: true,
    };
    expect(encodeShareLink(answers, 'review')).toBe(
      '?v=1&guide=current&ops=import,export,batch-inference,batch-segment,metric-reports' +
        '&enc=bucket,dataset-group&keys=separate' +
        '&account=111122223333&role=Ops%2BData%40team&path=/service-role/' +
        `&key=${KEY}&dataset-group-key=${MRK_KEY}&bucket=personalize-data&region=eu-west-1` +
        '&hardening=confused-deputy&step=review',
    );
  });

  it('writes partition=aws-cn', () => {
    expect(encodeShareLink({ ...DEFAULT_ANSWERS, partition: 'aws-cn' }, 'role')).toBe(
      '?v=1&partition=aws-cn&step=role',
    );
  });

  it('encodes the characters a query or a chat app would misread', () => {
    // A role path cannot hold * or ? (no key policy can name such a role), so
    // those two are checked in a bucket-free value: the encoder alone.
    const rolePath = "/a&b=c+d%e#f'(h)!/";
    const link = encodeShareLink({ ...DEFAULT_ANSWERS, rolePath }, 'operations');
    expect(link).toBe('?v=1&path=/a%26b%3Dc%2Bd%25e%23f%27%28h%29%21/');
    expect(encodeShareLink({ ...DEFAULT_ANSWERS, roleName: 'a?b*c' }, 'operations')).toBe(
      '?v=1&role=a%3Fb%2Ac',
    );
    expect(new URLSearchParams(link).get('path')).toBe(rolePath);
    expect(decodeShareLink(link)).toEqual({
      answers: { ...DEFAULT_ANSWERS, rolePath },
      step: 'operations',
      notices: [],
    });
  });

  it('keeps the longest valid role path under the value limit', () => {
    const rolePath = `/${'%'.repeat(510)}/`;
    const link = encodeShareLink({ ...DEFAULT_ANSWERS, rolePath }, 'operations');
    expect(link.length).toBeLessThan(SHARE_LINK_LIMITS.valueLength);
    expect(decodeShareLink(link).answers.rolePath).toBe(rolePath);
  });

  it('does not throw on text that is not well-formed UTF-16', () => {
    const link = encodeShareLink({ ...DEFAULT_ANSWERS, roleName: 'a\uD800b' }, 'operations');
    expect(link).toBe('?v=1&role=a%EF%BF%BDb');
  });
});

// ---------------------------------------------------------------------------
// Properties

const chars = (text: string) => fc.constantFrom(...text.split(''));
const fixed = (unit: fc.Arbitrary<string>, length: number) =>
  fc.string({ unit, minLength: length, maxLength: length });
const DIGITS = '0123456789';
const HEX = '0123456789abcdef';
// Printable ASCII less the wildcards * and ?, which a role path cannot hold.
const printable = fc
  .integer({ min: 0x21, max: 0x7e })
  .map((code) => String.fromCharCode(code))
  .filter((char) => char !== '*' && char !== '?');

const keyArnFor = (partition: string) =>
  fc.oneof(
    fc.constant(''),
    fc
      .tuple(
        // A key's region is in its ARN's partition (Personalize's regions or not).
        fc.constantFrom(
          ...(partition === 'aws-cn'
            ? ['cn-north-1', 'cn-northwest-1']
            : ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-1']),
        ),
        fixed(chars(DIGITS), 12),
        fc.oneof(
          fc.uuid(),
          fixed(chars(HEX), 32).map((hex) => `mrk-${hex}`),
        ),
      )
      .map(([region, account, keyId]) => `arn:${partition}:kms:${region}:${account}:key/${keyId}`),
  );

const validAnswers: fc.Arbitrary<Answers> = fc.constantFrom('aws', 'aws-cn').chain((partition) =>
  fc
    .record({
      guide: fc.constantFrom('2023-01', 'current'),
      bucketName: fc.oneof(
        fc.constant(''),
        fc
          .string({ unit: chars('abz09.-'), minLength: 1, maxLength: 40 })
          .map((middle) => `b${middle}9`),
      ),
      region: fc.constantFrom('', ...PERSONALIZE_REGIONS[partition]),
      operations: fc.shuffledSubarray([...OPERATIONS]),
      bucketEncrypted: fc.boolean(),
      datasetGroupEncrypted: fc.boolean(),
      keys: fc.constantFrom('same', 'separate'),
      accountId: fc.oneof(fc.constant(''), fixed(chars(DIGITS), 12)),
      roleName: fc.oneof(
        fc.constant(''),
        fc.string({
          unit: chars('abcXYZ019_+=,.@-'),
          minLength: 1,
          maxLength: 64,
        }),
      ),
      rolePath: fc.oneof(
        fc.constant('/'),
        fc
          .array(fc.string({ unit: printable, minLength: 1, maxLength: 30 }), {
            minLength: 1,
            maxLength: 6,
          })
          .map((parts) => `/${parts.join('/')}/`),
      ),
      partition: fc.constant(partition),
      keyArn: keyArnFor(partition),
      datasetGroupKeyArn: keyArnFor(partition),
      confusedDeputy: fc.boolean(),
    })
    .map((answers) =>
      // Batch segment jobs need the current guide.
      answers.guide === 'current'
        ? answers
        : { ...answers, operations: answers.operations.filter((op) => op !== 'batch-segment') },
    ),
);

const step = fc.constantFrom(...STEP_IDS);

describe('properties', () => {
  it('round-trips any valid answers and step, with no notices', () => {
    fc.assert(
      fc.property(validAnswers, step, (answers, stepId) => {
        expect(parseAnswers(answers).ok).toBe(true);
        const link = encodeShareLink(answers, stepId);
        // A valid query that a URL parser leaves as it is and URLSearchParams reads the same.
        expect(new URL(`https://example.com/${link}`).search).toBe(link);
        if (answers.roleName !== '') {
          expect(new URLSearchParams(link).get('role')).toBe(answers.roleName);
        }
        const canonical = OPERATIONS.filter((op) => answers.operations.includes(op));
        expect(decodeShareLink(link)).toEqual({
          answers: { ...answers, operations: canonical },
          step: stepId,
          notices: [],
        });
      }),
      { numRuns: 500 },
    );
  });

  const knownValue = fc.constantFrom(
    '1',
    '2',
    'current',
    '2023-01',
    'import,export,hack',
    'batch-segment,import',
    'bucket,dataset-group',
    'separate',
    '111122223333',
    'MyRole',
    '/service-role/',
    'aws-cn',
    KEY,
    CN_KEY,
    'review',
    'my-personalize-data',
    's3://my-bucket/data',
    'us-east-1',
    'cn-north-1',
    'us-west-1',
    '%',
    '%E0%A4%A',
    '%zz',
    '%F0%9F%98%80',
    '%ED%A0%80',
    '+',
    '<script>',
    '{"a":1}',
    '',
  );
  const linkLike = fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...PARAM_NAMES), fc.string({ maxLength: 6 })),
        fc.oneof(knownValue, fc.string({ unit: 'binary', maxLength: 40 })),
        fc.constantFrom('=', '', '=='),
      ),
      { maxLength: 16 },
    )
    .map((pairs) => `?${pairs.map(([name, value, eq]) => `${name}${eq}${value}`).join('&')}`);
  const utf16 = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: utf16, maxLength: 200 }),
    linkLike,
  );

  it('never throws, and always returns valid answers a new link can carry', () => {
    fc.assert(
      fc.property(anyText, (search) => {
        const decoded = decodeShareLink(search);
        expect(parseAnswers(decoded.answers).ok).toBe(true);
        expect(STEP_IDS).toContain(decoded.step);
        for (const notice of decoded.notices) {
          expect([...PARAM_NAMES, WHOLE_LINK]).toContain(notice.param);
          expect(notice.message).not.toMatch(/[<>{}]/);
          expect(notice.message).not.toMatch(/could not be read|do not fit together/);
        }
        // Whatever a link decodes to, re-encoding it makes a clean link.
        const again = decodeShareLink(encodeShareLink(decoded.answers, decoded.step));
        expect(again.notices).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on long links', () => {
    fc.assert(
      fc.property(fc.array(linkLike, { minLength: 40, maxLength: 80 }), (parts) => {
        const search = parts.join('&').repeat(4);
        expect(() => decodeShareLink(search)).not.toThrow();
      }),
      { numRuns: 50 },
    );
  });

  it('encodes answers of any text without throwing, and the link decodes', () => {
    const anyString = fc.oneof(
      fc.string({ unit: utf16, maxLength: 30 }),
      fc.string({ maxLength: 30 }),
    );
    const looseAnswers = fc.record({
      operations: fc.shuffledSubarray([...OPERATIONS]),
      bucketEncrypted: fc.boolean(),
      datasetGroupEncrypted: fc.boolean(),
      keys: fc.constantFrom('same', 'separate'),
      accountId: anyString,
      roleName: anyString,
      rolePath: anyString,
      partition: fc.constantFrom('aws', 'aws-cn'),
      keyArn: anyString,
      datasetGroupKeyArn: anyString,
      guide: fc.constantFrom('2023-01', 'current'),
      bucketName: anyString,
      region: anyString,
      confusedDeputy: fc.boolean(),
    });
    fc.assert(
      fc.property(looseAnswers, step, (answers, stepId) => {
        const decoded = decodeShareLink(encodeShareLink(answers, stepId));
        expect(decoded.step).toBe(stepId);
        expect(parseAnswers(decoded.answers).ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
