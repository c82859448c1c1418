/**
 * Pasted values are cleaned the way the AWS console writes them (the spaces
 * around a value, the dashes of an account ID), never into another valid
 * value; and each text answer has AWS's length limit, for the form's
 * maxLength and in the schema.
 */
import { describe, expect, it, test } from 'vitest';

import { decodeShareLink } from '../link/share-link';
import {
  ANSWER_MAX_LENGTH,
  answersSchema,
  cleanAnswer,
  DEFAULT_ANSWERS,
  parseAnswers,
  TEXT_FIELDS,
  type TextField,
} from './index';

const UUID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY = `arn:aws:kms:us-east-1:111122223333:key/${UUID}`;

/** The field's own schema's verdict, as the form and the link check it. */
function fieldProblem(field: TextField, value: string): string | undefined {
  const result = answersSchema.shape[field].safeParse(value);
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'rejected');
}

const SPACES = 'Removed the spaces around the value.';
const LINE_BREAKS = 'Removed the spaces and line breaks around the value.';

interface CleanRow {
  field: TextField;
  raw: string;
  value: string;
  cleaned: string | undefined;
}

const CLEANED: CleanRow[] = [
  {
    field: 'accountId',
    raw: '1111-2222-3333',
    value: '111122223333',
    cleaned: 'Removed the dashes the console shows.',
  },
  {
    field: 'accountId',
    raw: '1111 2222 3333',
    value: '111122223333',
    cleaned: 'Removed the spaces between the digits.',
  },
  {
    field: 'accountId',
    raw: '1111-2222 3333',
    value: '111122223333',
    cleaned: 'Removed the dashes and spaces between the digits.',
  },
  {
    field: 'accountId',
    raw: ' 1111-2222-3333\n',
    value: '111122223333',
    cleaned:
      'Removed the dashes the console shows and the spaces and line breaks around the value.',
  },
  { field: 'accountId', raw: '\t111122223333 ', value: '111122223333', cleaned: SPACES },
  { field: 'roleName', raw: 'MyRole ', value: 'MyRole', cleaned: SPACES },
  { field: 'roleName', raw: '\u00a0MyRole', value: 'MyRole', cleaned: SPACES },
  { field: 'rolePath', raw: ' /service-role/ ', value: '/service-role/', cleaned: SPACES },
  { field: 'keyArn', raw: `${KEY}\n`, value: KEY, cleaned: LINE_BREAKS },
  { field: 'datasetGroupKeyArn', raw: `\r\n${KEY}`, value: KEY, cleaned: LINE_BREAKS },
  { field: 'bucketName', raw: '\u200bmy-bucket', value: 'my-bucket', cleaned: SPACES },
  { field: 'region', raw: ' us-east-1 ', value: 'us-east-1', cleaned: SPACES },
];

/** Left as they are: valid values, and invalid ones whose fix would be a guess. */
const UNCHANGED: { field: TextField; raw: string }[] = [
  { field: 'accountId', raw: '111122223333' },
  { field: 'accountId', raw: '012345678901' },
  // 11 or 16 digits: no 12-digit account the person surely meant.
  { field: 'accountId', raw: '1111-2222-333' },
  { field: 'accountId', raw: '1111-2222-3333-4444' },
  { field: 'accountId', raw: '1111--2222--3333' },
  { field: 'accountId', raw: '1111.2222.3333' },
  { field: 'roleName', raw: 'MyRole' },
  { field: 'roleName', raw: 'My Role' },
  { field: 'roleName', raw: 'MyRole+' },
  { field: 'rolePath', raw: '/' },
  { field: 'rolePath', raw: '/service role/' },
  { field: 'keyArn', raw: KEY },
  { field: 'keyArn', raw: 'arn:aws:kms:us-east-1:1111-2222-3333:key/x' },
  { field: 'bucketName', raw: 'my-bucket' },
  { field: 'region', raw: 'us-east-1' },
  { field: 'region', raw: '' },
];

describe('cleanAnswer', () => {
  test.each(CLEANED)('$field $raw -> $value', ({ field, raw, value, cleaned }) => {
    expect(cleanAnswer(field, raw)).toEqual({ value, cleaned });
    // Rejected as pasted, accepted once cleaned.
    expect(fieldProblem(field, raw)).toBeDefined();
    expect(fieldProblem(field, value)).toBeUndefined();
  });

  test.each(UNCHANGED)('$field $raw is left as it is', ({ field, raw }) => {
    expect(cleanAnswer(field, raw)).toEqual({ value: raw });
  });

  it('never turns one valid value into another, and never an invalid one into a valid one it was not', () => {
    for (const { field, raw } of [...CLEANED, ...UNCHANGED]) {
      const { value, cleaned } = cleanAnswer(field, raw);
      if (fieldProblem(field, raw) === undefined) expect(value).toBe(raw);
      if (cleaned === undefined) {
        expect(value).toBe(raw);
      } else {
        // What cleaning removes: spaces around the value, and an account ID's separators.
        const kept = field === 'accountId' ? raw.replace(/[-\s]/g, '') : raw.trim();
        expect(kept.replace('\u200b', '')).toBe(value);
      }
    }
  });

  test.each(TEXT_FIELDS.map((field) => ({ field, max: ANSWER_MAX_LENGTH[field] })))(
    '$field: cleans pasted text up to 4 times its limit of $max, and leaves longer text to be rejected',
    ({ field, max }) => {
      const padded = (length: number) => `${' '.repeat(length - 1)}x`;
      expect(cleanAnswer(field, padded(4 * max))).toEqual({ value: 'x', cleaned: SPACES });
      const huge = padded(4 * max + 1);
      expect(cleanAnswer(field, huge)).toEqual({ value: huge });
      expect(fieldProblem(field, huge)).toBeDefined();
    },
  );
});

describe('ANSWER_MAX_LENGTH', () => {
  it('is the limit AWS sets for each text answer', () => {
    expect(ANSWER_MAX_LENGTH).toEqual({
      accountId: 12,
      roleName: 64,
      rolePath: 512,
      // arn:aws-cn:kms:cn-northwest-1:111122223333:key/ and a 36-character key ID.
      keyArn: 83,
      datasetGroupKeyArn: 83,
      // 63 for new buckets; older us-east-1 buckets have up to 255 (accepted with a warning).
      bucketName: 255,
      // ap-southeast-1, ap-northeast-1 and their like.
      region: 14,
    });
  });

  /** A valid value exactly at the limit, and a value one character over it. */
  const LIMIT_ROWS: { field: TextField; atLimit: string; over: string; message: RegExp }[] = [
    {
      field: 'accountId',
      atLimit: '111122223333',
      over: '1111222233334',
      message: /exactly 12 digits \(this has 13\)/,
    },
    {
      field: 'roleName',
      atLimit: 'R'.repeat(64),
      over: 'R'.repeat(65),
      message: /^A role name has at most 64 characters \(this has 65\)\.$/,
    },
    {
      field: 'rolePath',
      atLimit: `/${'p'.repeat(510)}/`,
      over: `/${'p'.repeat(511)}/`,
      message: /^A role path has at most 512 characters \(this has 513\)\.$/,
    },
    {
      field: 'keyArn',
      atLimit: `arn:aws-cn:kms:cn-northwest-1:111122223333:key/${UUID}`,
      // Well formed, but in a region longer than any where Personalize runs.
      over: `arn:aws:kms:ap-southeasterly-1:111122223333:key/${UUID}`,
      message: /^A key ARN has at most 83 characters \(this has 84\)\.$/,
    },
    {
      field: 'datasetGroupKeyArn',
      atLimit: `arn:aws-cn:kms:cn-northwest-1:111122223333:key/${UUID}`,
      over: `arn:aws:kms:ap-southeasterly-1:111122223333:key/${UUID}`,
      message: /^A key ARN has at most 83 characters \(this has 84\)\.$/,
    },
    {
      field: 'bucketName',
      atLimit: 'b'.repeat(255),
      over: 'b'.repeat(256),
      message: /3 to 63 characters \(older buckets up to 255\)/,
    },
    {
      field: 'region',
      atLimit: 'ap-southeast-1',
      over: 'ap-southeast-10',
      message: /region/,
    },
  ];

  test.each(LIMIT_ROWS)('$field: accepts a value at its limit, rejects a longer one', (row) => {
    expect(row.atLimit).toHaveLength(ANSWER_MAX_LENGTH[row.field]);
    expect(row.over.length).toBeGreaterThan(ANSWER_MAX_LENGTH[row.field]);
    expect(fieldProblem(row.field, row.atLimit)).toBeUndefined();
    expect(fieldProblem(row.field, row.over)).toMatch(row.message);
  });

  it('the longest key ARN passes the whole schema, with its partition chosen', () => {
    const keyArn = `arn:aws-cn:kms:cn-northwest-1:111122223333:key/${UUID}`;
    expect(
      parseAnswers({ ...DEFAULT_ANSWERS, partition: 'aws-cn', bucketEncrypted: true, keyArn }),
    ).toMatchObject({ ok: true });
  });
});

describe('a share link cleans values as the form does', () => {
  test.each([
    {
      link: '?account=1111-2222-3333',
      answers: { accountId: '111122223333' },
      notices: [{ param: 'account', message: 'Removed the dashes the console shows.' }],
    },
    {
      link: '?account=1111%202222%203333',
      answers: { accountId: '111122223333' },
      notices: [{ param: 'account', message: 'Removed the spaces between the digits.' }],
    },
    {
      link: '?role=MyRole%20&path=%20/service-role/',
      answers: { roleName: 'MyRole', rolePath: '/service-role/' },
      notices: [
        { param: 'role', message: SPACES },
        { param: 'path', message: SPACES },
      ],
    },
    {
      link: `?key=${KEY}%0A`,
      answers: { keyArn: KEY },
      notices: [{ param: 'key', message: LINE_BREAKS }],
    },
  ])('$link', ({ link, answers, notices }) => {
    const decoded = decodeShareLink(link);
    expect(decoded.answers).toEqual({ ...DEFAULT_ANSWERS, ...answers });
    expect(decoded.notices).toEqual(notices);
  });

  it('a + stays what it is: MyRole+ is not trimmed into the different role MyRole', () => {
    const decoded = decodeShareLink('?role=MyRole+');
    expect(decoded.answers.roleName).toBe(DEFAULT_ANSWERS.roleName);
    expect(decoded.notices).toEqual([
      { param: 'role', message: expect.stringMatching(/%2B/) as string },
    ]);
  });

  it('a value the encoder writes needs no cleaning and gets no notice', () => {
    const decoded = decodeShareLink(`?account=111122223333&role=MyRole&key=${KEY}`);
    expect(decoded.notices).toEqual([]);
  });
});
