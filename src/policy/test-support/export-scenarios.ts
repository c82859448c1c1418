/**
 * The answers and documents the export tests share (runbook, CloudFormation,
 * Terraform, pre-flight checks), and functions that read an export back.
 * What "right" means comes from sections 4 and 6 of
 * shared/reference/personalize-kms-rules.md, written out here by hand.
 * Test-only.
 */
import { DEFAULT_ANSWERS, type Answers } from '../answers';
import type { DocumentId, NeededDocument } from '../build';
import { PLACEHOLDERS_ONLY } from './answers';
import { companions, kmsDocuments } from './documents';

// ---------------------------------------------------------------------------
// Fixtures

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
export const GROUP_KEY_ID = '0987dcba-09fe-87dc-65ba-ab0987654321';
export const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`;
export const GROUP_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${GROUP_KEY_ID}`;
export const FOREIGN_KEY = `arn:aws:kms:us-east-1:${OTHER_ACCOUNT}:key/${KEY_ID}`;

/** Bucket and dataset group encrypted, separate keys, import + export + batch inference. */
export const REALISTIC: Answers = {
  ...DEFAULT_ANSWERS,
  operations: ['import', 'export', 'batch-inference'],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  keys: 'separate',
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
  rolePath: '/service-role/',
  keyArn: KEY,
  datasetGroupKeyArn: GROUP_KEY,
  bucketName: 'my-personalize-data',
  region: 'us-east-1',
};

export function everything(answers: Answers): NeededDocument[] {
  return [...kmsDocuments(answers), ...companions(answers)];
}

export interface Scenario {
  answers: Answers;
  documents: NeededDocument[];
  /** The account whose credentials each document needs. */
  accounts: Partial<Record<DocumentId, string>>;
  /** The placeholders left in the runbook's commands and in the policy files, written out by hand. */
  placeholders: { script: string[]; files: string[] };
}

const NO_PLACEHOLDERS = { script: [], files: [] };

export const ONE_KEY: Answers = {
  ...DEFAULT_ANSWERS,
  operations: ['import'],
  bucketEncrypted: true,
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
  rolePath: '/service-role/',
  keyArn: KEY,
  bucketName: 'my-personalize-data',
  region: 'us-east-1',
};
export const CROSS_ACCOUNT: Answers = { ...ONE_KEY, keyArn: FOREIGN_KEY };
export const MIXED_ACCOUNTS: Answers = { ...REALISTIC, keyArn: FOREIGN_KEY };
const SEPARATE_NO_KEYS: Answers = { ...REALISTIC, keyArn: '', datasetGroupKeyArn: '' };
export const CHINA: Answers = {
  ...ONE_KEY,
  partition: 'aws-cn',
  region: 'cn-north-1',
  keyArn: `arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/${KEY_ID}`,
};

export const SCENARIOS: [string, Scenario][] = [
  [
    'realistic: separate keys, every document',
    {
      answers: REALISTIC,
      documents: everything(REALISTIC),
      accounts: {
        'key-policy-bucket': ACCOUNT,
        'key-policy-dataset-group': ACCOUNT,
        'iam-policy': ACCOUNT,
        's3-access-policy': ACCOUNT,
        'bucket-policy': ACCOUNT,
        'trust-policy': ACCOUNT,
        'passrole-policy': ACCOUNT,
      },
      placeholders: NO_PLACEHOLDERS,
    },
  ],
  [
    'one key, KMS documents only',
    {
      answers: ONE_KEY,
      documents: kmsDocuments(ONE_KEY),
      accounts: { 'key-policy': ACCOUNT, 'iam-policy': ACCOUNT },
      placeholders: NO_PLACEHOLDERS,
    },
  ],
  [
    'cross-account key',
    {
      answers: CROSS_ACCOUNT,
      documents: everything(CROSS_ACCOUNT),
      accounts: {
        'key-policy': OTHER_ACCOUNT,
        'iam-policy': ACCOUNT,
        's3-access-policy': ACCOUNT,
        'bucket-policy': ACCOUNT,
        'trust-policy': ACCOUNT,
        'passrole-policy': ACCOUNT,
      },
      placeholders: NO_PLACEHOLDERS,
    },
  ],
  [
    'bucket key in another account, dataset group key in the role’s',
    {
      answers: MIXED_ACCOUNTS,
      documents: everything(MIXED_ACCOUNTS),
      accounts: {
        'key-policy-bucket': OTHER_ACCOUNT,
        'key-policy-dataset-group': ACCOUNT,
        'iam-policy': ACCOUNT,
        's3-access-policy': ACCOUNT,
      },
      placeholders: NO_PLACEHOLDERS,
    },
  ],
  [
    'placeholders everywhere',
    {
      answers: PLACEHOLDERS_ONLY,
      documents: everything(PLACEHOLDERS_ONLY),
      accounts: { 'key-policy': '<account-id>', 'bucket-policy': '<account-id>' },
      placeholders: {
        script: ['<account-id>', '<key-arn>', '<personalize-role-name>', '<bucket-name>'],
        files: ['<account-id>', '<personalize-role-name>', '<bucket-name>', '<region>'],
      },
    },
  ],
  [
    'separate keys without ARNs',
    {
      answers: SEPARATE_NO_KEYS,
      documents: kmsDocuments(SEPARATE_NO_KEYS),
      accounts: { 'key-policy-bucket': ACCOUNT },
      placeholders: { script: ['<bucket-key-arn>', '<dataset-group-key-arn>'], files: [] },
    },
  ],
  [
    'companion documents only',
    {
      answers: REALISTIC,
      documents: companions(REALISTIC),
      accounts: { 'trust-policy': ACCOUNT },
      placeholders: NO_PLACEHOLDERS,
    },
  ],
  [
    'trust and bucket policies only',
    {
      answers: REALISTIC,
      documents: companions(REALISTIC).filter(
        (d) => d.kind === 'bucket-policy' || d.kind === 'trust-policy',
      ),
      accounts: { 'bucket-policy': ACCOUNT },
      placeholders: NO_PLACEHOLDERS,
    },
  ],
  [
    'aws-cn',
    {
      answers: CHINA,
      documents: everything(CHINA),
      accounts: { 'key-policy': ACCOUNT },
      placeholders: NO_PLACEHOLDERS,
    },
  ],
];

// ---------------------------------------------------------------------------
// Functions that read an export back

export function lines(text: string): string[] {
  return text.split('\n');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Uncomments the blocks that start with a line `<indent># <code>` matching
 * `start` and run to the next empty line, removing "# " after the indent.
 */
export function uncomment(text: string, start: RegExp): string {
  let inBlock = false;
  return lines(text)
    .map((line) => {
      if (start.test(line)) inBlock = true;
      if (line === '') inBlock = false;
      return inBlock ? line.replace(/^(\s*)# /, '$1') : line;
    })
    .join('\n');
}

export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
