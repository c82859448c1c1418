import { describe, expect, test } from 'vitest';

import type { Answers } from '../answers';
import { answersWith } from '../test-support/answers';
import { checkSetup } from './findings';
import {
  ACCOUNT,
  BASE_ANSWERS,
  BUCKET,
  GROUP_KEY_ARN,
  KEY_ARN,
  OTHER_ACCOUNT,
  ROLE_ARN,
  SERVICE,
  wizardTexts,
} from './test-support/broken-setups';
import type { CheckFinding, CheckTexts, SetupFacts } from './types';

const policy = (...statements: unknown[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

const trustWith = (condition: unknown) =>
  policy({
    Sid: 'Trust',
    Effect: 'Allow',
    Principal: { Service: SERVICE },
    Action: 'sts:AssumeRole',
    Condition: condition,
  });

interface Case {
  name: string;
  answers?: Partial<Answers>;
  texts?: (texts: CheckTexts) => Partial<CheckTexts>;
  facts?: SetupFacts;
  /** The setup findings expected, as `id status`, and words the first one shows. */
  expected: string[];
  words?: RegExp;
}

const CASES: Case[] = [
  {
    name: 'a Deny outside a VPC endpoint: the bucket is VPC-only',
    texts: (texts) => ({
      bucketPolicy: policy(
        ...(JSON.parse(texts.bucketPolicy) as { Statement: unknown[] }).Statement,
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: `arn:aws:s3:::${BUCKET}/*`,
          Condition: { StringNotEqualsIfExists: { 'aws:SourceVpc': 'vpc-111' } },
        },
      ),
    }),
    expected: ['setup:vpc-only-bucket fails'],
    words: /Statement 3 of the bucket policy denies requests that do not come from a VPC/,
  },
  {
    name: 'a Deny without TLS is no VPC rule',
    texts: () => ({
      bucketPolicy: policy({
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: `arn:aws:s3:::${BUCKET}/*`,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    }),
    expected: [],
  },
  {
    name: 'a Deny outside a VPC of an action Personalize does not use is no VPC rule for it',
    texts: (texts) => ({
      bucketPolicy: policy(
        ...(JSON.parse(texts.bucketPolicy) as { Statement: unknown[] }).Statement,
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:DeleteBucket',
          Resource: `arn:aws:s3:::${BUCKET}`,
          Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-111' } },
        },
      ),
    }),
    expected: [],
  },
  {
    name: 'a Deny from inside a VPC (StringEquals) is no VPC-only rule',
    texts: (texts) => ({
      bucketPolicy: policy(
        ...(JSON.parse(texts.bucketPolicy) as { Statement: unknown[] }).Statement,
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${BUCKET}/*`,
          Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-untrusted' } },
        },
      ),
    }),
    expected: [],
  },
  {
    name: 'every Allow to Personalize only from a VPC endpoint: the bucket is VPC-only',
    texts: () => ({
      bucketPolicy: policy({
        Effect: 'Allow',
        Principal: { Service: 'personalize.amazonaws.com' },
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
        Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-111' } },
      }),
    }),
    expected: ['setup:vpc-only-bucket fails'],
    words: /Every statement of the bucket policy that allows Personalize allows it only from a VPC/,
  },
  {
    name: 'the collected facts say the bucket is VPC-only',
    facts: { bucket: { vpcOnly: true } },
    expected: ['setup:vpc-only-bucket fails'],
    words: /The collected facts say the bucket policy limits access to a VPC/,
  },
  {
    name: 'a key in another region than the resources',
    answers: { keyArn: KEY_ARN.replace('us-east-1', 'eu-west-1') },
    expected: ['setup:key-region:key-policy fails'],
    words: /The key is in eu-west-1, the Personalize resources in us-east-1/,
  },
  {
    name: 'a disabled key: enable it',
    facts: { keys: [{ arn: KEY_ARN, state: 'Disabled' }] },
    expected: [`setup:key-state:${KEY_ARN} fails`],
    words: /The key is disabled/,
  },
  {
    name: 'a key of another setup in the facts is not this setup’s problem',
    facts: { keys: [{ arn: GROUP_KEY_ARN, state: 'Disabled' }] },
    expected: [],
  },
  {
    name: 'a key in another account whose key policy names neither the role nor its account',
    answers: { keyArn: KEY_ARN.replace(ACCOUNT, OTHER_ACCOUNT) },
    texts: () => ({
      'key-policy': policy({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
        Action: 'kms:*',
        Resource: '*',
      }),
    }),
    expected: [`setup:cross-account-key:key-policy fails`],
    words: /The key is in account 444455556666, the service role in account 111122223333/,
  },
  {
    name: 'aws:SourceAccount of another account',
    texts: () => ({
      trustPolicy: trustWith({ StringEquals: { 'aws:SourceAccount': OTHER_ACCOUNT } }),
    }),
    expected: ['setup:trust-source-account:0 fails'],
    words: /aws:SourceAccount names 444455556666, not 111122223333/,
  },
  {
    name: 'aws:SourceArn in another region',
    texts: () => ({
      trustPolicy: trustWith({
        ArnLike: { 'aws:SourceArn': `arn:aws:personalize:eu-west-1:${ACCOUNT}:*` },
      }),
    }),
    expected: ['setup:trust-source-arn:0 fails'],
    words: /does not match account 111122223333 in us-east-1/,
  },
  {
    name: 'a wildcard account in aws:SourceAccount is not a mismatch',
    texts: () => ({ trustPolicy: trustWith({ StringLike: { 'aws:SourceAccount': '1111*' } }) }),
    expected: [],
  },
  {
    name: 'a trust policy for another service',
    texts: () => ({
      trustPolicy: policy({
        Effect: 'Allow',
        Principal: { Service: 'glue.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
    }),
    expected: ['setup:trust-principal fails'],
    words: /does not let personalize\.amazonaws\.com assume the role/,
  },
  {
    name: 'get-role output of a role with another name in the same account',
    texts: (texts) => ({
      trustPolicy: JSON.stringify({
        Role: {
          Arn: ROLE_ARN.replace('PersonalizeRole', 'OtherRole'),
          AssumeRolePolicyDocument: JSON.parse(texts.trustPolicy) as unknown,
        },
      }),
    }),
    expected: ['setup:pasted-role warning'],
    words: /The pasted role is not the role in the answers/,
  },
  {
    name: 'the bucket encrypts with another key',
    facts: { bucket: { encryption: 'aws:kms', encryptionKey: GROUP_KEY_ARN } },
    expected: ['setup:bucket-encryption fails'],
  },
  {
    name: 'the bucket encrypts with the answered key, given by its ID',
    facts: { bucket: { encryption: 'aws:kms', encryptionKey: KEY_ARN.split('/')[1] ?? '' } },
    expected: [],
  },
  {
    name: 'the bucket encrypts with an alias: cannot tell',
    facts: { bucket: { encryption: 'aws:kms', encryptionKey: 'alias/data' } },
    expected: ['setup:bucket-encryption cannot-tell'],
  },
  {
    name: 'the bucket encrypts with a KMS key the answers leave out',
    answers: { bucketEncrypted: false },
    facts: { bucket: { encryption: 'aws:kms', encryptionKey: KEY_ARN } },
    expected: ['setup:bucket-encryption fails'],
    words: /the answers say it is not encrypted/,
  },
  {
    name: 'SSE-S3 where the answers say KMS',
    facts: { bucket: { encryption: 'AES256' } },
    expected: ['setup:bucket-encryption warning'],
  },
];

function setupFindings(entry: Case): CheckFinding[] {
  const answers = answersWith({ ...BASE_ANSWERS, ...entry.answers });
  const texts = wizardTexts(answers);
  const report = checkSetup(answers, {
    texts: { ...texts, ...entry.texts?.(texts) },
    ...(entry.facts ? { facts: entry.facts } : {}),
  });
  return report.findings.filter((finding) => finding.group === 'setup');
}

describe('setup facts that break Personalize whatever the policies say', () => {
  test.each(CASES.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const findings = setupFindings(entry);
    expect(findings.map((finding) => `${finding.id} ${finding.status}`)).toEqual(entry.expected);
    if (entry.words) {
      const [first] = findings;
      expect([first?.title, ...(first?.details ?? [])].join(' ')).toMatch(entry.words);
    }
  });

  test('the fix for a key pending deletion gives the commands', () => {
    const [finding] = setupFindings({
      name: '',
      facts: { keys: [{ arn: KEY_ARN, state: 'PendingDeletion' }] },
      expected: [],
    });
    expect(finding?.title).toBe('The key is scheduled for deletion');
    expect(finding?.fix?.copy).toBe(
      `aws kms cancel-key-deletion --key-id ${KEY_ARN}\naws kms enable-key --key-id ${KEY_ARN}\n`,
    );
  });
});
