import { describe, expect, test } from 'vitest';

import { EMPTY_TEXTS } from './fields';
import { MAX_TEXT_LENGTH, readInputs } from './inputs';
import type { CheckTexts } from './types';
import { PLAIN_TRUST_POLICY } from './test-support/customer-policies';

const POLICY = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'A', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }],
};
const OTHER = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'B', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
};
const json = (value: unknown) => JSON.stringify(value, null, 2);

function read(texts: Partial<CheckTexts>) {
  return readInputs({ ...EMPTY_TEXTS, ...texts });
}

describe('a resource policy field takes the document or the AWS CLI output that holds it', () => {
  test.each<[string, Partial<CheckTexts>, (r: ReturnType<typeof read>) => unknown, unknown]>([
    [
      'a key policy document',
      { 'key-policy': json(POLICY) },
      (r) => r.keyPolicies['key-policy'],
      { state: 'read', value: { name: 'the key policy', document: POLICY } },
    ],
    [
      'aws kms get-key-policy output',
      { 'key-policy': json({ Policy: JSON.stringify(POLICY), PolicyName: 'default' }) },
      (r) => r.keyPolicies['key-policy'],
      { state: 'read', value: { name: 'the key policy', document: POLICY } },
    ],
    [
      'aws s3api get-bucket-policy output',
      { bucketPolicy: json({ Policy: JSON.stringify(OTHER) }) },
      (r) => r.bucketPolicy,
      { state: 'read', value: { name: 'the bucket policy', document: OTHER } },
    ],
    [
      'the NoSuchBucketPolicy error: the bucket has no policy',
      {
        bucketPolicy:
          'An error occurred (NoSuchBucketPolicy) when calling the GetBucketPolicy operation: The bucket policy does not exist',
      },
      (r) => r.bucketPolicy,
      { state: 'read', value: null },
    ],
    [
      'aws iam get-role output',
      {
        trustPolicy: json({
          Role: { RoleName: 'R', AssumeRolePolicyDocument: PLAIN_TRUST_POLICY },
        }),
      },
      (r) => r.trustPolicy,
      { state: 'read', value: { name: 'the trust policy', document: PLAIN_TRUST_POLICY } },
    ],
    [
      'the raw API’s URL-encoded trust policy',
      {
        trustPolicy: json({
          Role: {
            AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(PLAIN_TRUST_POLICY)),
          },
        }),
      },
      (r) => r.trustPolicy,
      { state: 'read', value: { name: 'the trust policy', document: PLAIN_TRUST_POLICY } },
    ],
    ['an empty field', { trustPolicy: '  \n' }, (r) => r.trustPolicy, { state: 'empty' }],
  ])('%s', (_name, texts, pick, expected) => {
    const result = read(texts);
    expect(pick(result)).toEqual(expected);
    expect(result.problems).toEqual([]);
  });
});

describe('the role’s policies: one, a list, or several values as the CLI prints them, each named', () => {
  test.each<[string, string, string[]]>([
    ['one document', json(POLICY), ['policy 1']],
    ['a JSON list', json([POLICY, OTHER]), ['policy 1', 'policy 2']],
    [
      'several values one after another',
      `${json(POLICY)}\n${json(OTHER)}`,
      ['policy 1', 'policy 2'],
    ],
    [
      'get-role-policy output, named by PolicyName',
      `${json({ RoleName: 'R', PolicyName: 'KmsAccess', PolicyDocument: POLICY })}\n${json({ RoleName: 'R', PolicyName: 'S3Access', PolicyDocument: OTHER })}`,
      ['policy "KmsAccess"', 'policy "S3Access"'],
    ],
    [
      'get-policy-version output (URL-encoded, as the raw API gives it)',
      json({
        PolicyVersion: {
          Document: encodeURIComponent(JSON.stringify(POLICY)),
          VersionId: 'v3',
          IsDefaultVersion: true,
        },
      }),
      ['policy 1 (version v3)'],
    ],
    [
      'two policies with the same name, told apart',
      json([
        { PolicyName: 'Same', PolicyDocument: POLICY },
        { PolicyName: 'Same', PolicyDocument: OTHER },
      ]),
      ['policy "Same"', 'policy "Same" (policy 2)'],
    ],
  ])('%s', (_name, text, names) => {
    const result = read({ rolePolicies: text });
    expect(result.problems).toEqual([]);
    expect(result.rolePolicies.state).toBe('read');
    if (result.rolePolicies.state === 'read') {
      expect(result.rolePolicies.value.map((policy) => policy.name)).toEqual(names);
    }
  });
});

describe('what cannot be read is a problem at its field, in words, and the field counts as not given', () => {
  test.each<[string, Partial<CheckTexts>, RegExp]>([
    [
      'not JSON',
      { 'key-policy': '{"Version": "2012-10-17",' },
      /^The Current key policy is not valid JSON: .*\(line 1, column \d+\)\.$/,
    ],
    [
      'duplicate keys (JSON.parse would keep the last)',
      { bucketPolicy: '{"Statement": [], "Statement": []}' },
      /^The Bucket policy is not valid JSON: the property "Statement" appears twice/,
    ],
    [
      'a policy without Statement',
      { trustPolicy: '{"Version": "2012-10-17"}' },
      /has no Statement/,
    ],
    [
      'two policies in a key policy field',
      { 'key-policy': `${json(POLICY)}${json(POLICY)}` },
      /holds 2 JSON values: paste one policy/,
    ],
    [
      'list-role-policies output: names only',
      { rolePolicies: json({ PolicyNames: ['KmsAccess'] }) },
      /lists policy names only\. The documents come from aws iam get-role-policy/,
    ],
    [
      'list-attached-role-policies output',
      {
        rolePolicies: json({
          AttachedPolicies: [{ PolicyName: 'P', PolicyArn: 'arn:aws:iam::111122223333:policy/P' }],
        }),
      },
      /aws iam get-policy-version --policy-arn ARN --version-id ID/,
    ],
    [
      'a policy version that is not the default',
      {
        rolePolicies: json({
          PolicyVersion: { Document: POLICY, VersionId: 'v1', IsDefaultVersion: false },
        }),
      },
      /policy 1 \(version v1\), which is not its policy's default version/,
    ],
    [
      'get-role output under the role’s policies',
      { rolePolicies: json({ Role: { AssumeRolePolicyDocument: PLAIN_TRUST_POLICY } }) },
      /holds the role itself \(aws iam get-role\), whose trust policy goes under Trust policy/,
    ],
    [
      'a Policy string that is not JSON',
      { 'key-policy': json({ Policy: '{nope' }) },
      /has a Policy that is not valid JSON/,
    ],
    [
      'a text longer than any policy',
      { bucketPolicy: `{"Statement": [], "x": "${'a'.repeat(MAX_TEXT_LENGTH)}"}` },
      /is longer than 400,000 characters/,
    ],
  ])('%s', (_name, texts, message) => {
    const result = read(texts);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toMatch(message);
    const [field] = Object.keys(texts) as (keyof CheckTexts)[];
    expect(result.problems[0]?.field).toBe(field);
  });

  test('one unreadable policy among the role’s leaves the whole field unread (it could be the one that denies)', () => {
    const result = read({ rolePolicies: json([POLICY, { PolicyNames: [] }]) });
    expect(result.rolePolicies).toEqual({ state: 'unreadable' });
  });

  test.each([
    ['null', 'null'],
    ['a number', '12'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['a lone quote', '"'],
    ['binary noise', '\u0000\u0001{'],
  ])('never throws: %s', (_name, text) => {
    for (const field of ['key-policy', 'rolePolicies', 'bucketPolicy', 'trustPolicy'] as const) {
      const result = read({ [field]: text });
      expect(result.problems.length).toBeGreaterThan(0);
    }
  });
});
