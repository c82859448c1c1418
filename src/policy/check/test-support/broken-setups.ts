/**
 * Broken setups of our own, each with the diagnosis the Check step must give: the finding, its
 * status, and for a failure the action, the document and the kind of fix. The pasted texts are
 * the wizard's own documents with one thing broken, the way a setup drifts in real accounts.
 * Test-only.
 */
import type { Answers } from '../../answers';
import { buildPolicies } from '../../build';
import { buildCompanionDocuments } from '../../companions';
import type { DocumentId } from '../../document-facts';
import type { PolicyKind } from '../../evaluate';
import { answersWith } from '../../test-support/answers';
import { EMPTY_TEXTS } from '../fields';
import type { CheckTexts, FindingStatus, SetupFacts } from '../types';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const REGION = 'us-east-1';
export const ROLE_NAME = 'PersonalizeRole';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/${ROLE_NAME}`;
export const SERVICE = 'personalize.amazonaws.com';
export const BUCKET = 'my-personalize-data';
export const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const GROUP_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;

/** How a fix reads: add the wizard's statement, put its whole document, or take a statement out. */
export type FixKind = 'add-statement' | 'put-document' | 'remove-statement' | 'other';

export function fixKind(summary: string): FixKind {
  if (/^Add (this statement|these statements)/.test(summary)) return 'add-statement';
  if (summary.startsWith('Put the')) return 'put-document';
  if (summary.startsWith('Remove or narrow')) return 'remove-statement';
  return 'other';
}

export interface Diagnosis {
  /** The finding's id: `operation:import`, `setup:vpc-only-bucket`, … */
  finding: string;
  status: FindingStatus;
  /** For a failure: one of its failures names this principal, action and document. */
  principal?: string;
  action?: string;
  document?: PolicyKind;
  /** The denying statement's label. */
  statement?: string;
  fix?: FixKind;
}

export interface BrokenSetup {
  name: string;
  answers: Answers;
  texts: CheckTexts;
  facts?: SetupFacts;
  expected: readonly Diagnosis[];
}

/** Import and batch inference from a bucket encrypted with one key, everything answered. */
export const BASE_ANSWERS: Partial<Answers> = {
  operations: ['import', 'batch-inference'],
  bucketEncrypted: true,
  keyArn: KEY_ARN,
  accountId: ACCOUNT,
  roleName: ROLE_NAME,
  rolePath: '/service-role/',
  bucketName: BUCKET,
  region: REGION,
};

const KEY_FIELDS = ['key-policy', 'key-policy-bucket', 'key-policy-dataset-group'] as const;

/** The wizard's own documents for the answers, pasted into the fields where they belong. */
export function wizardTexts(answers: Answers): CheckTexts {
  const documents = [...buildPolicies(answers).documents, ...buildCompanionDocuments(answers)];
  const json = (id: DocumentId) => {
    const document = documents.find((candidate) => candidate.id === id);
    return document?.needed ? document.json : '';
  };
  const texts: Record<string, string> = { ...EMPTY_TEXTS };
  for (const field of KEY_FIELDS) texts[field] = json(field);
  return {
    ...EMPTY_TEXTS,
    ...texts,
    // Several values one after another, as the CLI prints two get-role-policy calls.
    rolePolicies: [json('iam-policy'), json('s3-access-policy')].filter(Boolean).join(''),
    bucketPolicy: json('bucket-policy'),
    trustPolicy: json('trust-policy'),
  };
}

function policy(...statements: unknown[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

const ROOT = {
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: 'kms:*',
  Resource: '*',
};

const SECURE_TRANSPORT = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

function withStatements(text: string, ...statements: unknown[]): string {
  const document = JSON.parse(text) as { Statement: unknown[] };
  return policy(...document.Statement, ...statements);
}

/** The policy with `action` taken out of every statement. */
function withoutAction(text: string, action: string): string {
  const document = JSON.parse(text) as { Statement: { Action: string | string[] }[] };
  return policy(
    ...document.Statement.map((statement) => ({
      ...statement,
      Action: [statement.Action].flat().filter((candidate) => candidate !== action),
    })),
  );
}

function setup(
  name: string,
  overrides: Partial<Answers>,
  change: (texts: CheckTexts) => Partial<CheckTexts>,
  expected: readonly Diagnosis[],
  facts?: SetupFacts,
): BrokenSetup {
  const answers = answersWith({ ...BASE_ANSWERS, ...overrides });
  const texts = wizardTexts(answers);
  return {
    name,
    answers,
    texts: { ...texts, ...change(texts) },
    expected,
    ...(facts ? { facts } : {}),
  };
}

export const BROKEN_SETUPS: readonly BrokenSetup[] = [
  setup('the wizard’s own documents, pasted back', {}, () => ({}), [
    { finding: 'operation:import', status: 'works' },
    { finding: 'operation:batch-inference', status: 'works' },
  ]),
  setup(
    'a bucket policy without Personalize',
    {},
    () => ({ bucketPolicy: policy(SECURE_TRANSPORT) }),
    [
      {
        finding: 'operation:import',
        status: 'fails',
        principal: SERVICE,
        action: 's3:GetObject',
        document: 'bucket-policy',
        fix: 'add-statement',
      },
      {
        finding: 'operation:batch-inference',
        status: 'fails',
        principal: SERVICE,
        action: 's3:PutObject',
        document: 'bucket-policy',
        fix: 'add-statement',
      },
    ],
  ),
  setup(
    'a key policy without Personalize (the default key policy)',
    {},
    () => ({
      'key-policy': policy(ROOT),
    }),
    [
      {
        finding: 'operation:import',
        status: 'fails',
        principal: SERVICE,
        action: 'kms:Decrypt',
        document: 'key-policy',
        fix: 'add-statement',
      },
    ],
  ),
  setup(
    'a role without kms:GenerateDataKey, the key policy leaving the role to IAM',
    {},
    () => ({
      'key-policy': policy(ROOT, {
        Sid: 'AllowPersonalizeService',
        Effect: 'Allow',
        Principal: { Service: SERVICE },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants'],
        Resource: '*',
      }),
      rolePolicies: [
        policy({
          Sid: 'Kms',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:ListGrants'],
          Resource: KEY_ARN,
        }),
        policy({
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
          Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
        }),
      ].join('\n'),
    }),
    [
      {
        finding: 'operation:batch-inference',
        status: 'fails',
        principal: ROLE_ARN,
        action: 'kms:GenerateDataKey',
        document: 'identity',
        fix: 'add-statement',
      },
    ],
  ),
  setup(
    'a trust policy for another account',
    {},
    (texts) => ({ trustPolicy: texts.trustPolicy.replaceAll(ACCOUNT, OTHER_ACCOUNT) }),
    [
      {
        finding: 'operation:import',
        status: 'fails',
        principal: SERVICE,
        action: 'sts:AssumeRole',
        document: 'trust-policy',
        fix: 'put-document',
      },
      { finding: 'setup:trust-source-account:0', status: 'fails' },
      { finding: 'setup:trust-source-arn:0', status: 'fails' },
    ],
  ),
  setup(
    'a trust policy that does not admit Personalize',
    {},
    () => ({
      trustPolicy: policy({
        Effect: 'Allow',
        Principal: { Service: 'sagemaker.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
    }),
    [
      {
        finding: 'operation:import',
        status: 'fails',
        action: 'sts:AssumeRole',
        document: 'trust-policy',
      },
      { finding: 'setup:trust-principal', status: 'fails', fix: 'put-document' },
    ],
  ),
  setup(
    'a role in another account (aws iam get-role output)',
    {},
    (texts) => ({
      trustPolicy: JSON.stringify({
        Role: {
          Arn: ROLE_ARN.replace(ACCOUNT, OTHER_ACCOUNT),
          AssumeRolePolicyDocument: JSON.parse(texts.trustPolicy) as unknown,
        },
      }),
    }),
    [{ finding: 'setup:pasted-role', status: 'fails' }],
  ),
  setup(
    'a VPC-only bucket',
    {},
    (texts) => ({
      bucketPolicy: withStatements(texts.bucketPolicy, {
        Sid: 'DenyOutsideVpce',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
        Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
      }),
    }),
    [
      {
        finding: 'operation:import',
        status: 'fails',
        principal: SERVICE,
        action: 's3:GetObject',
        document: 'bucket-policy',
        statement: 'statement 3 ("DenyOutsideVpce")',
        fix: 'remove-statement',
      },
      { finding: 'setup:vpc-only-bucket', status: 'fails', fix: 'remove-statement' },
    ],
  ),
  setup('a key in another region', { keyArn: KEY_ARN.replace(REGION, 'eu-west-1') }, () => ({}), [
    { finding: 'setup:key-region:key-policy', status: 'fails' },
    // The policies themselves are right: only the region is wrong.
    { finding: 'operation:import', status: 'works' },
  ]),
  setup(
    'a Deny with a Sid in the key policy',
    {},
    (texts) => ({
      'key-policy': withStatements(texts['key-policy'], {
        Sid: 'NoServiceDecrypt',
        Effect: 'Deny',
        Principal: { Service: SERVICE },
        Action: 'kms:Decrypt',
        Resource: '*',
      }),
    }),
    [
      {
        finding: 'operation:import',
        status: 'fails',
        principal: SERVICE,
        action: 'kms:Decrypt',
        document: 'key-policy',
        statement: 'statement 3 ("NoServiceDecrypt")',
        fix: 'remove-statement',
      },
    ],
  ),
  setup(
    'a key in another account, the role’s policies without the key',
    { keyArn: KEY_ARN.replace(ACCOUNT, OTHER_ACCOUNT) },
    (texts) => ({
      rolePolicies: texts.rolePolicies.slice(texts.rolePolicies.indexOf('}\n{') + 2),
    }),
    [
      {
        finding: 'operation:import',
        status: 'fails',
        principal: ROLE_ARN,
        action: 'kms:Decrypt',
        document: 'identity',
        fix: 'add-statement',
      },
      { finding: 'setup:cross-account-key:key-policy', status: 'fails' },
    ],
  ),
  setup(
    'a disabled key (collected facts)',
    {},
    () => ({}),
    [{ finding: 'setup:key-state:' + KEY_ARN, status: 'fails', fix: 'other' }],
    { keys: [{ arn: KEY_ARN, region: REGION, state: 'Disabled' }] },
  ),
  setup(
    'a key pending deletion (collected facts)',
    {},
    () => ({}),
    [{ finding: 'setup:key-state:' + KEY_ARN, status: 'fails' }],
    { keys: [{ arn: KEY_ARN, region: REGION, state: 'PendingDeletion' }] },
  ),
  setup(
    'the bucket’s default encryption uses another key (collected facts)',
    {},
    () => ({}),
    [{ finding: 'setup:bucket-encryption', status: 'fails' }],
    { bucket: { encryption: 'aws:kms', encryptionKey: GROUP_KEY_ARN, bucketKeyEnabled: true } },
  ),
  setup(
    'a VPC-only bucket (collected facts)',
    {},
    () => ({}),
    [{ finding: 'setup:vpc-only-bucket', status: 'fails' }],
    { bucket: { vpcOnly: true } },
  ),
  setup(
    'an encrypted dataset group whose key lacks GenerateDataKeyWithoutPlaintext for exports',
    {
      operations: ['export'],
      datasetGroupEncrypted: true,
      keys: 'separate',
      datasetGroupKeyArn: GROUP_KEY_ARN,
    },
    (texts) => ({
      'key-policy-dataset-group': withoutAction(
        texts['key-policy-dataset-group'],
        'kms:GenerateDataKeyWithoutPlaintext',
      ),
    }),
    [
      {
        finding: 'operation:export',
        status: 'fails',
        principal: SERVICE,
        action: 'kms:GenerateDataKeyWithoutPlaintext',
        document: 'key-policy',
        fix: 'add-statement',
      },
      { finding: 'operation:dataset-group', status: 'works' },
    ],
  ),
  setup(
    'empty fields: not checked, never “works”',
    {},
    () => ({
      bucketPolicy: '',
      trustPolicy: '',
    }),
    [
      { finding: 'operation:import', status: 'not-checked' },
      { finding: 'operation:batch-inference', status: 'not-checked' },
    ],
  ),
  setup(
    'a role with kms:* on every key',
    {},
    (texts) => ({
      rolePolicies: `${texts.rolePolicies}\n${policy({ Sid: 'Everything', Effect: 'Allow', Action: 'kms:*', Resource: '*' })}`,
    }),
    [
      { finding: 'operation:import', status: 'works' },
      { finding: 'over-grant:rolePolicies:the role’s policy 3:0', status: 'warning' },
    ],
  ),
  setup(
    'a bucket policy giving the service s3:*',
    {},
    () => ({
      bucketPolicy: policy({
        Effect: 'Allow',
        Principal: { Service: SERVICE },
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
      }),
    }),
    [
      { finding: 'operation:import', status: 'works' },
      { finding: 'over-grant:bucketPolicy:the bucket policy:0', status: 'warning' },
    ],
  ),
  setup(
    'a trust policy without the confused-deputy conditions',
    {},
    () => ({
      trustPolicy: policy({
        Effect: 'Allow',
        Principal: { Service: SERVICE },
        Action: 'sts:AssumeRole',
      }),
    }),
    [
      { finding: 'operation:import', status: 'works' },
      { finding: 'over-grant:trustPolicy:0', status: 'warning', fix: 'put-document' },
    ],
  ),
];
