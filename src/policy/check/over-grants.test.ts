import { describe, expect, test } from 'vitest';

import { answersWith } from '../test-support/answers';
import { checkSetup } from './findings';
import { BASE_ANSWERS, BUCKET, ROLE_ARN, SERVICE, wizardTexts } from './test-support/broken-setups';
import type { CheckTexts } from './types';

const policy = (...statements: unknown[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const statementsOf = (text: string) => (JSON.parse(text) as { Statement: unknown[] }).Statement;
const BUCKET_ARNS = [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`];

const answers = answersWith({ ...BASE_ANSWERS });
const own = wizardTexts(answers);

function overGrants(texts: Partial<CheckTexts>) {
  return checkSetup(answers, { texts: { ...own, ...texts } }).findings.filter(
    (finding) => finding.group === 'over-grant',
  );
}

describe('grants beyond what the chosen operations need, as least-privilege advice', () => {
  test.each<[string, Partial<CheckTexts>, RegExp[]]>([
    [
      'kms:* to the service in the key policy',
      {
        'key-policy': policy(...statementsOf(own['key-policy']), {
          Sid: 'Broad',
          Effect: 'Allow',
          Principal: { Service: SERVICE },
          Action: 'kms:*',
          Resource: '*',
        }),
      },
      [/Statement 3 \("Broad"\) of the key policy/, /kms:PutKeyPolicy/, /kms:ScheduleKeyDeletion/],
    ],
    [
      'a key policy action no chosen operation needs, to the role',
      {
        'key-policy': policy(...statementsOf(own['key-policy']), {
          Effect: 'Allow',
          Principal: { AWS: ROLE_ARN },
          Action: 'kms:Encrypt',
          Resource: '*',
        }),
      },
      [/It allows the service role kms:Encrypt, which none of the chosen operations needs/],
    ],
    [
      'the role’s KMS actions on every key',
      {
        rolePolicies: policy({
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants'],
          Resource: '*',
        }),
      },
      [/of the role’s policy 1/, /kms:Decrypt.* on resources beyond the key and bucket/],
    ],
    [
      's3:* to the service in the bucket policy',
      {
        bucketPolicy: policy({
          Effect: 'Allow',
          Principal: { Service: SERVICE },
          Action: 's3:*',
          Resource: BUCKET_ARNS,
        }),
      },
      [/s3:DeleteObject/, /s3:PutBucketPolicy/, /s3:DeleteBucket/],
    ],
    [
      'every action but one (NotAction) to the role',
      {
        rolePolicies: `${own.rolePolicies}${policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })}`,
      },
      [/of the role’s policy 3/, /kms:ScheduleKeyDeletion/, /s3:DeleteBucket/],
    ],
  ])('%s', (_name, texts, words) => {
    const findings = overGrants(texts);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.status).toBe('warning');
    const shown = [finding?.title, ...(finding?.details ?? [])].join(' ');
    for (const word of words) expect(shown).toMatch(word);
  });

  test.each<[string, Partial<CheckTexts>]>([
    ['the wizard’s own documents', {}],
    [
      'a Deny, however broad',
      {
        'key-policy': policy(...statementsOf(own['key-policy']), {
          Effect: 'Deny',
          Principal: '*',
          Action: 'kms:ScheduleKeyDeletion',
          Resource: '*',
        }),
      },
    ],
    [
      'the account’s root statement (it names the account, not the role)',
      { 'key-policy': own['key-policy'] },
    ],
    [
      'the role’s grants on other services',
      {
        rolePolicies: `${own.rolePolicies}${policy({ Effect: 'Allow', Action: 'logs:*', Resource: '*' })}`,
      },
    ],
  ])('none for %s', (_name, texts) => {
    expect(overGrants(texts)).toEqual([]);
  });

  test('a trust policy without the confused-deputy conditions', () => {
    const findings = overGrants({
      trustPolicy: policy({
        Effect: 'Allow',
        Principal: { Service: SERVICE },
        Action: 'sts:AssumeRole',
      }),
    });
    expect(findings.map((finding) => finding.title)).toEqual([
      'Statement 1 of the trust policy lets Personalize assume the role for any account’s resources',
    ]);
    expect(findings[0]?.fix?.copy).toBe(own.trustPolicy);
  });
});
