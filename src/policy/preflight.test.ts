/**
 * The pre-flight checks (preflight.ts): sizes at and past each limit,
 * principals, IAM's grammar, placeholders, regions and keys.
 */
import { describe, expect, test } from 'vitest';

import type { Answers } from './answers';
import type { NeededDocument } from './build';
import type { PolicyDocument } from './document';
import { preflight, preflightChecks, type PreflightLevel } from './preflight';
import { PLACEHOLDERS_ONLY } from './test-support/answers';
import { kmsDocuments, neededDocument, neededOf } from './test-support/documents';
import {
  ACCOUNT,
  CHINA,
  everything,
  GROUP_KEY_ID,
  KEY_ID,
  ONE_KEY,
  REALISTIC,
} from './test-support/export-scenarios';

/** A document whose JSON measures exactly `size` by `measure`, padded in a letters-only Sid. */
function sized(
  base: NeededDocument,
  size: number,
  measure: (json: string) => number,
): NeededDocument {
  const [first, ...rest] = base.policy.Statement;
  const build = (padding: number): NeededDocument =>
    neededDocument(base, {
      ...base.policy,
      Statement: [
        {
          ...(first ?? { Effect: 'Allow', Action: '*', Resource: '*' }),
          Sid: `Pad${'X'.repeat(padding)}`,
        },
        ...rest,
      ],
    });
  const padding = size - measure(build(0).json);
  expect(padding).toBeGreaterThanOrEqual(0);
  const result = build(padding);
  expect(measure(result.json)).toBe(size);
  return result;
}

const bytes = (json: string) => new TextEncoder().encode(json).length;
const withoutWhitespace = (json: string) => json.replace(/\s/g, '').length;

const REAL = everything(REALISTIC);
const ONE_KEY_DOCUMENTS = everything(ONE_KEY);
const keyPolicy = neededOf(ONE_KEY_DOCUMENTS, 'key-policy');
const iamPolicy = neededOf(ONE_KEY_DOCUMENTS, 'iam-policy');
const s3Policy = neededOf(ONE_KEY_DOCUMENTS, 's3-access-policy');
const bucketPolicy = neededOf(ONE_KEY_DOCUMENTS, 'bucket-policy');
const trustPolicy = neededOf(ONE_KEY_DOCUMENTS, 'trust-policy');
const passRolePolicy = neededOf(ONE_KEY_DOCUMENTS, 'passrole-policy');
const inlineRest = 10_240 - withoutWhitespace(iamPolicy.json);

function withStatement(
  document: NeededDocument,
  change: Partial<PolicyDocument['Statement'][number]>,
): NeededDocument {
  return neededDocument(document, {
    ...document.policy,
    Statement: document.policy.Statement.map((statement, index) =>
      index === 0 ? { ...statement, ...change } : statement,
    ),
  });
}

/** Documents of a preflight row: given, or made from the row's answers. */
type PreflightDocuments = NeededDocument[] | ((answers: Answers) => NeededDocument[]);

const PREFLIGHT: [
  string,
  Answers,
  PreflightDocuments,
  Record<string, PreflightLevel | undefined>,
][] = [
  [
    'the realistic setup passes, with the VPC reminder',
    REALISTIC,
    REAL,
    {
      'size:key-policy-bucket': 'ok',
      'size:key-policy-dataset-group': 'ok',
      'size:role-inline-policies': 'ok',
      'size:bucket-policy': 'ok',
      'size:trust-policy': 'ok',
      'size:passrole-policy': 'ok',
      principals: 'ok',
      sids: 'ok',
      region: 'ok',
      partition: 'ok',
      'key:key-policy-bucket': 'ok',
      'key:key-policy-dataset-group': 'ok',
      'vpc-bucket': 'warning',
      'bucket-name': undefined,
      'trust-resource': undefined,
    },
  ],
  [
    'key policy at 32,768 bytes',
    ONE_KEY,
    [sized(keyPolicy, 32_768, bytes)],
    { 'size:key-policy': 'ok' },
  ],
  [
    'key policy at 32,769 bytes',
    ONE_KEY,
    [sized(keyPolicy, 32_769, bytes)],
    { 'size:key-policy': 'error' },
  ],
  [
    'bucket policy at 20,480 bytes',
    ONE_KEY,
    [sized(bucketPolicy, 20_480, bytes)],
    { 'size:bucket-policy': 'ok' },
  ],
  [
    'bucket policy at 20,481 bytes',
    ONE_KEY,
    [sized(bucketPolicy, 20_481, bytes)],
    { 'size:bucket-policy': 'error' },
  ],
  [
    'managed policy at 6,144 characters',
    ONE_KEY,
    [sized(passRolePolicy, 6_144, withoutWhitespace)],
    { 'size:passrole-policy': 'ok' },
  ],
  [
    'managed policy at 6,145 characters',
    ONE_KEY,
    [sized(passRolePolicy, 6_145, withoutWhitespace)],
    { 'size:passrole-policy': 'error' },
  ],
  [
    'trust policy at 2,048 characters',
    ONE_KEY,
    [sized(trustPolicy, 2_048, withoutWhitespace)],
    { 'size:trust-policy': 'ok' },
  ],
  [
    'trust policy at 2,049 characters',
    ONE_KEY,
    [sized(trustPolicy, 2_049, withoutWhitespace)],
    { 'size:trust-policy': 'error' },
  ],
  [
    'inline policies together at 10,240 characters',
    ONE_KEY,
    [iamPolicy, sized(s3Policy, inlineRest, withoutWhitespace)],
    { 'size:role-inline-policies': 'ok', 'size:s3-access-policy': undefined },
  ],
  [
    'inline policies together at 10,241 characters',
    ONE_KEY,
    [iamPolicy, sized(s3Policy, inlineRest + 1, withoutWhitespace)],
    { 'size:role-inline-policies': 'error' },
  ],
  [
    'the PassRole policy does not count towards the role’s inline policies',
    ONE_KEY,
    [iamPolicy, s3Policy, sized(passRolePolicy, 6_000, withoutWhitespace)],
    { 'size:role-inline-policies': 'ok', 'size:passrole-policy': 'ok' },
  ],
  [
    'placeholders left in the documents',
    PLACEHOLDERS_ONLY,
    everything,
    {
      'missing:accountId': 'missing',
      'missing:roleName': 'missing',
      'missing:bucketName': 'missing',
      'missing:region': 'missing',
      region: undefined,
      'key:key-policy': 'warning',
      principals: 'ok',
    },
  ],
  [
    'key in another region than Personalize',
    { ...ONE_KEY, keyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY_ID}` },
    everything,
    { 'key:key-policy': 'error', region: 'ok' },
  ],
  [
    'dataset group key in another region, bucket key fine',
    { ...REALISTIC, datasetGroupKeyArn: `arn:aws:kms:us-west-2:${ACCOUNT}:key/${GROUP_KEY_ID}` },
    kmsDocuments,
    { 'key:key-policy-bucket': 'ok', 'key:key-policy-dataset-group': 'error' },
  ],
  [
    'no region, key where Personalize does not run',
    { ...ONE_KEY, region: '', keyArn: `arn:aws:kms:eu-north-1:${ACCOUNT}:key/${KEY_ID}` },
    kmsDocuments,
    { region: 'warning', 'key:key-policy': 'warning' },
  ],
  [
    'a region Personalize does not run in',
    { ...ONE_KEY, region: 'eu-north-1' },
    kmsDocuments(ONE_KEY),
    { region: 'error' },
  ],
  [
    'aws-cn',
    CHINA,
    kmsDocuments,
    { partition: 'warning', region: 'ok', 'key:key-policy': 'ok', principals: 'ok' },
  ],
  [
    'a user instead of a role as principal',
    ONE_KEY,
    [withStatement(bucketPolicy, { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` } })],
    { principals: 'error' },
  ],
  [
    'everyone as principal',
    ONE_KEY,
    [withStatement(bucketPolicy, { Principal: '*' })],
    { principals: 'error' },
  ],
  [
    'a principal from another partition',
    ONE_KEY,
    [withStatement(bucketPolicy, { Principal: { AWS: `arn:aws-cn:iam::${ACCOUNT}:role/R` } })],
    { principals: 'error' },
  ],
  [
    'a malformed service principal',
    ONE_KEY,
    [withStatement(bucketPolicy, { Principal: { Service: 'personalize' } })],
    { principals: 'error' },
  ],
  ['no document with a principal', ONE_KEY, [iamPolicy], { principals: undefined }],
  [
    'a Sid with spaces in an IAM policy',
    ONE_KEY,
    [withStatement(s3Policy, { Sid: 'Allow S3' })],
    { sids: 'error' },
  ],
  ['a Sid with spaces in a key policy is fine', ONE_KEY, [keyPolicy], { sids: undefined }],
  [
    'a trust policy with a Resource',
    ONE_KEY,
    [withStatement(trustPolicy, { Resource: '*' })],
    { 'trust-resource': 'error' },
  ],
  [
    'a legacy bucket name',
    { ...ONE_KEY, bucketName: 'My_Old_Bucket' },
    kmsDocuments(ONE_KEY),
    { 'bucket-name': 'warning', 'vpc-bucket': 'warning' },
  ],
  ['no documents at all', ONE_KEY, [], { 'vpc-bucket': undefined, region: 'ok', partition: 'ok' }],
];

describe('preflight checks', () => {
  test.each(PREFLIGHT)('%s', (_name, answers, documents, expected) => {
    const checks = preflight(
      answers,
      typeof documents === 'function' ? documents(answers) : documents,
    );
    const levels = Object.fromEntries(checks.map((check) => [check.id, check.level]));
    for (const [id, level] of Object.entries(expected))
      expect([id, levels[id]]).toEqual([id, level]);
    expect(new Set(checks.map((check) => check.id)).size).toBe(checks.length);
    for (const check of checks) expect(check.message.length).toBeGreaterThan(10);
  });

  test('each missing answer names its field and the documents it completes', () => {
    const missing = preflight(PLACEHOLDERS_ONLY, everything(PLACEHOLDERS_ONLY)).filter(
      (item) => item.level === 'missing',
    );
    expect(missing.map((item) => [item.id, item.fields, item.documents])).toEqual([
      ['missing:accountId', ['accountId'], ['key-policy', 'trust-policy', 'passrole-policy']],
      ['missing:roleName', ['roleName'], ['key-policy', 'passrole-policy']],
      ['missing:bucketName', ['bucketName'], ['s3-access-policy', 'bucket-policy']],
      ['missing:region', ['region'], ['trust-policy']],
    ]);
    expect(missing.find((item) => item.id === 'missing:bucketName')?.message).toBe(
      'Not answered yet: the name of the S3 bucket Personalize reads and writes. The S3 access policy and the Bucket policy show <bucket-name> until it is given.',
    );
    expect(missing.find((item) => item.id === 'missing:region')?.message).toBe(
      'Not answered yet: the region of your Personalize resources, such as us-east-1. The Trust policy shows <region> until it is given.',
    );
  });

  test('with the confused-deputy conditions and no region, the key and bucket policies wait for it too', () => {
    const answers: Answers = { ...REALISTIC, confusedDeputy: true, region: '' };
    const missing = preflight(answers, everything(answers)).filter(
      (item) => item.level === 'missing',
    );
    expect(missing.map((item) => [item.id, item.documents])).toEqual([
      [
        'missing:region',
        ['key-policy-bucket', 'key-policy-dataset-group', 'bucket-policy', 'trust-policy'],
      ],
    ]);
  });

  test('import and batch inference from an encrypted bucket, without bucket name and region: no error, two missing answers', () => {
    const answers: Answers = {
      ...ONE_KEY,
      operations: ['import', 'batch-inference'],
      keyArn: '',
      bucketName: '',
      region: '',
    };
    const items = preflight(answers, everything(answers));
    expect(items.filter((item) => item.level === 'error')).toEqual([]);
    expect(items.filter((item) => item.level === 'missing').map((item) => item.fields)).toEqual([
      ['bucketName'],
      ['region'],
    ]);
    // No key ARN, so no key's region to compare: no region check at all.
    expect(items.map((item) => item.id)).not.toContain('region');
  });

  test('nothing encrypted and no companion documents: nothing to fix', () => {
    const answers: Answers = { ...ONE_KEY, bucketEncrypted: false };
    expect(kmsDocuments(answers)).toEqual([]);
    const items = preflight(answers, kmsDocuments(answers));
    expect(items.filter((item) => item.level !== 'ok')).toEqual([]);
  });

  test('a valid IAM path that looks like a placeholder is not a missing answer', () => {
    const answers: Answers = { ...REALISTIC, rolePath: '/<account-id>/' };
    const items = preflight(answers, everything(answers));
    expect(items.filter((item) => item.level === 'missing' || item.level === 'error')).toEqual([]);
  });

  test('size messages give the measured size and the limit', () => {
    const [check] = preflightChecks(ONE_KEY, [sized(keyPolicy, 32_769, bytes)]);
    expect(check?.message).toContain('32,769');
    expect(check?.message).toContain('32,768');
  });

  test('the region mismatch says which regions', () => {
    const answers = { ...ONE_KEY, keyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY_ID}` };
    const check = preflightChecks(answers, kmsDocuments(answers)).find(
      (c) => c.id === 'key:key-policy',
    );
    expect(check?.message).toMatch(/eu-west-1.*us-east-1/);
  });
});
