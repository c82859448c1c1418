/**
 * The Personalize KMS guide, as data: its January 2023 edition (the default)
 * and its current one. The builder reads these tables to decide every action
 * in every document, and the UI reads the same tables to explain them: no rule
 * lives anywhere else. The rules of the rest of the setup (S3 access, trust,
 * PassRole) are the same kind of table in companion-rules.ts, kept apart so
 * that they load with the companion documents, when asked for.
 */
import type { GuideEdition, Operation } from './operations';

/** A page that states a rule: where an explanation sends the reader. */
export interface Source {
  title: string;
  url: string;
}

export const GUIDE_URL =
  'https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-key-access.html';

/** KMS actions the wizard can emit, in the order documents list them. */
export const KMS_ACTIONS = [
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:DescribeKey',
  'kms:CreateGrant',
  'kms:ListGrants',
] as const;
export type KmsAction = (typeof KMS_ACTIONS)[number];

/** What each action lets the caller do, in one line. */
export const KMS_ACTION_PURPOSE: Readonly<Record<KmsAction, string>> = {
  'kms:Decrypt': 'Decrypt data encrypted under the key.',
  'kms:GenerateDataKey': 'Create data keys to encrypt new objects, such as job output in S3.',
  'kms:GenerateDataKeyWithoutPlaintext':
    'Create encrypted data keys without seeing their plaintext, used when exporting from an encrypted dataset group.',
  'kms:DescribeKey': 'Read the key’s metadata to check that it can be used.',
  'kms:CreateGrant':
    'Create grants on the key, which let Personalize use it for resources it manages for you.',
  'kms:ListGrants': 'List the grants on the key.',
};

export const GUIDE_EDITION_INFO: Readonly<
  Record<GuideEdition, { inSentence: string; citation: string; description: string }>
> = {
  '2023-01': {
    inSentence: 'January 2023 guide',
    citation: 'Personalize KMS guide (January 2023)',
    description:
      'The guide as it stood on 31 January 2023: bucket and dataset group in their own sections, no CreateGrant.',
  },
  current: {
    inSentence: 'current AWS guide',
    citation: 'Personalize KMS guide (current)',
    description:
      'AWS’s current text: adds kms:CreateGrant to the key policy and batch segment jobs, gives dataset groups the full set of actions in both policies, and needs only the key policy for dataset import jobs alone.',
  },
};

export const OPERATION_INFO: Readonly<
  Record<
    Operation,
    {
      label: string;
      description: string;
      /** The January 2023 guide does not cover it. */
      currentGuideOnly: boolean;
    }
  >
> = {
  import: {
    label: 'Dataset import jobs',
    description: 'Read your training data (CSV files) from the S3 bucket into a dataset.',
    currentGuideOnly: false,
  },
  export: {
    label: 'Dataset export jobs',
    description: 'Write the data of a dataset to the S3 bucket.',
    currentGuideOnly: false,
  },
  'batch-inference': {
    label: 'Batch inference jobs',
    description: 'Read input (JSON lines) from the S3 bucket and write recommendations back to it.',
    currentGuideOnly: false,
  },
  'batch-segment': {
    label: 'Batch segment jobs',
    description:
      'Read input from the S3 bucket and write user segments back to it (current guide only).',
    currentGuideOnly: true,
  },
  'metric-reports': {
    label: 'Metric attribution reports to Amazon S3',
    description: 'Publish metric attribution reports to the S3 bucket.',
    currentGuideOnly: false,
  },
};

/** Operations only the current guide covers. */
export const CURRENT_GUIDE_ONLY: readonly Operation[] = (
  Object.keys(OPERATION_INFO) as Operation[]
).filter((operation) => OPERATION_INFO[operation].currentGuideOnly);

export type Encrypted = 'bucket' | 'datasetGroup';

export interface GuideSource {
  /** The guide's edition this rule comes from. */
  edition: GuideEdition;
  /** Which part of the guide says so, as a person would look for it. */
  section: string;
  url: string;
}

export interface Rule {
  id: string;
  /** The edition of the guide that states this rule. */
  edition: GuideEdition;
  /** The rule applies only when this is encrypted with a KMS key. */
  encrypted: Encrypted;
  /** The rule applies when any of these is selected; `always` when it applies regardless. */
  operations: readonly Operation[] | 'always';
  /** Actions the key's policy grants to the role and the Personalize service principal. */
  keyPolicyActions: readonly KmsAction[];
  /** Actions the service role's IAM policy grants on the key. */
  iamPolicyActions: readonly KmsAction[];
  /** Why, in a sentence a person reads beside the action. */
  reason: string;
  source: GuideSource;
}

const BUCKET_ACTIONS = [
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'kms:DescribeKey',
  // The guide's bullet list says "ListGrant"; no such action exists. Its own
  // JSON, and the KMS API, use ListGrants.
  'kms:ListGrants',
] as const satisfies readonly KmsAction[];

/** The current guide's key policy set: the same four plus CreateGrant (key policy only). */
const CURRENT_KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'kms:DescribeKey',
  'kms:CreateGrant',
  'kms:ListGrants',
] as const satisfies readonly KmsAction[];

export const RULES: readonly Rule[] = [
  {
    id: 'bucket',
    edition: '2023-01',
    encrypted: 'bucket',
    operations: ['import', 'export', 'batch-inference', 'metric-reports'],
    keyPolicyActions: BUCKET_ACTIONS,
    iamPolicyActions: BUCKET_ACTIONS,
    reason:
      'Personalize reads and writes the encrypted S3 bucket with the service role, so both the key policy and the role’s IAM policy must allow the key’s use.',
    source: { edition: '2023-01', section: 'Encrypted Amazon S3 bucket', url: GUIDE_URL },
  },
  {
    id: 'dataset-group',
    edition: '2023-01',
    encrypted: 'datasetGroup',
    operations: 'always',
    keyPolicyActions: ['kms:Decrypt'],
    iamPolicyActions: [],
    reason:
      'A dataset group created with a KMS key needs the key policy to let Personalize decrypt its data; the role’s IAM policy does not change.',
    source: { edition: '2023-01', section: 'Encrypted dataset group', url: GUIDE_URL },
  },
  {
    id: 'dataset-group-export',
    edition: '2023-01',
    encrypted: 'datasetGroup',
    operations: ['export'],
    keyPolicyActions: ['kms:Decrypt', 'kms:GenerateDataKeyWithoutPlaintext'],
    iamPolicyActions: [],
    reason:
      'Exporting data from an encrypted dataset group also needs GenerateDataKeyWithoutPlaintext in the key policy.',
    source: {
      edition: '2023-01',
      section: 'Encrypted dataset group, exporting data',
      url: GUIDE_URL,
    },
  },
  {
    id: 'current-bucket-key',
    edition: 'current',
    encrypted: 'bucket',
    operations: ['import', 'export', 'batch-inference', 'batch-segment', 'metric-reports'],
    keyPolicyActions: CURRENT_KEY_ACTIONS,
    iamPolicyActions: [],
    reason:
      'The current guide asks the key policy to allow these actions for every listed operation that uses the encrypted bucket, CreateGrant included.',
    source: { edition: 'current', section: 'Key policy example', url: GUIDE_URL },
  },
  {
    id: 'current-bucket-iam',
    edition: 'current',
    encrypted: 'bucket',
    operations: ['export', 'batch-inference', 'batch-segment', 'metric-reports'],
    keyPolicyActions: [],
    iamPolicyActions: BUCKET_ACTIONS,
    reason:
      'The current guide asks the role’s IAM policy to allow the key for these operations, but not for dataset import jobs alone.',
    source: { edition: 'current', section: 'IAM policy example', url: GUIDE_URL },
  },
  {
    id: 'current-dataset-group',
    edition: 'current',
    encrypted: 'datasetGroup',
    operations: 'always',
    keyPolicyActions: CURRENT_KEY_ACTIONS,
    iamPolicyActions: BUCKET_ACTIONS,
    reason:
      'The current guide lists dataset groups with the other resources: the full set of actions, in both the key policy and the role’s IAM policy.',
    source: { edition: 'current', section: 'Key policy and IAM policy examples', url: GUIDE_URL },
  },
  {
    id: 'current-dataset-group-export',
    edition: 'current',
    encrypted: 'datasetGroup',
    operations: ['export'],
    keyPolicyActions: ['kms:GenerateDataKeyWithoutPlaintext'],
    iamPolicyActions: [],
    reason:
      'Exporting data from a dataset group created with a key also needs GenerateDataKeyWithoutPlaintext in the key policy.',
    source: { edition: 'current', section: 'Key policy example', url: GUIDE_URL },
  },
];

/**
 * Where an edition's documents fall short of what jobs need, and AWS later
 * corrected the guide: the January 2023 text gave an encrypted dataset
 * group's key kms:Decrypt alone, and a month later AWS asked for the full set
 * (the `current-dataset-group` rule above) in the key policy and the role's
 * IAM policy. What is missing is read from RULES; this table only says which
 * edition corrects which.
 */
export interface EditionCorrection {
  /** The edition whose documents fall short. */
  edition: GuideEdition;
  /** The edition with AWS's corrected text. */
  correctedBy: GuideEdition;
  /** The correction matters when this is encrypted. */
  encrypted: Encrypted;
  /** When AWS corrected the text, as a person says it. */
  correctedIn: string;
  source: GuideSource;
}

export const EDITION_CORRECTIONS: readonly EditionCorrection[] = [
  {
    edition: '2023-01',
    correctedBy: 'current',
    encrypted: 'datasetGroup',
    correctedIn: 'February 2023',
    source: { edition: 'current', section: 'Key policy and IAM policy examples', url: GUIDE_URL },
  },
];

/** The answers an edition's correction depends on. */
interface CorrectionAnswers {
  guide: GuideEdition;
  bucketEncrypted: boolean;
  datasetGroupEncrypted: boolean;
}

/** Whether a correction is about these answers: their edition, with what it is about encrypted. */
export function correctionApplies(
  answers: CorrectionAnswers,
  correction: EditionCorrection,
): boolean {
  const encrypted =
    correction.encrypted === 'bucket' ? answers.bucketEncrypted : answers.datasetGroupEncrypted;
  return answers.guide === correction.edition && encrypted;
}

/**
 * Whether these answers might show an edition's correction. Cheap, so the first
 * visit can tell whether to wait for the warning's code.
 */
export function mightShowEditionGap(answers: CorrectionAnswers): boolean {
  return EDITION_CORRECTIONS.some((correction) => correctionApplies(answers, correction));
}

/**
 * The statement every complete key policy keeps. Without it KMS's lockout
 * safety check rejects the policy, nobody can manage the key, and IAM policies
 * grant nothing on it.
 * Source: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export const ROOT_STATEMENT = {
  sid: 'Enable IAM User Permissions',
  action: 'kms:*',
  purpose: 'Every KMS action on this key, for the key’s own account (its administrators).',
  answer: 'Every complete key policy keeps this statement.',
  reason:
    'Keeps the key manageable by the account and lets IAM policies, including the service role’s, grant access to it. Without it KMS rejects the policy (lockout safety check).',
  source: {
    title: 'AWS KMS: default key policy',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam',
  },
} as const;

/** What the current guide warns about, shown with its documents. */
export const CURRENT_GUIDE_WARNING =
  'The current guide warns: if you remove Personalize’s access to the key after creating resources with it, filters and recommendations that depend on them can stop working.';

/**
 * Opt-in hardening, off by default: the confused-deputy conditions of the
 * trust policy (aws:SourceAccount, aws:SourceArn) on the Personalize service
 * principal in the key policy and the bucket policy too. AWS shows them only
 * in the trust policy, so the wizard marks them untested and says how to test.
 * https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html
 */
export const CONFUSED_DEPUTY = {
  label: 'Confused-deputy conditions in the key and bucket policies (untested)',
  description:
    'Lets the Personalize service use the key and the bucket only for your own account’s Personalize resources. AWS shows these conditions only in the trust policy and has not documented them here: run a test dataset import job after applying.',
  answer:
    'You chose the confused-deputy conditions for the key and bucket policies (off by default, untested).',
  reason:
    'The aws:SourceAccount and aws:SourceArn conditions let the Personalize service use this permission only for Personalize resources of your account; the service role has a statement of its own and is not affected. AWS’s Personalize examples show these conditions only in the trust policy; no AWS page shows or tests them in a key policy or a bucket policy. After applying, run a test dataset import job, and remove the conditions if it fails with an access error.',
  grantReason:
    'kms:GrantIsForAWSResource lets Personalize create grants on the key only for the AWS resources it manages for you. AWS’s Personalize pages do not show this condition either: the same test import job checks it.',
  note: 'The confused-deputy conditions in the key and bucket policies are untested: AWS’s Personalize examples show them only in the trust policy. After applying, run a test dataset import job; if it fails with an access error, apply the documents without these conditions.',
  source: {
    title: 'Amazon Personalize: Cross-service confused deputy prevention',
    url: 'https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html',
  },
  grantSource: {
    title: 'AWS KMS: kms:GrantIsForAWSResource',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource',
  },
} as const;

/** Sids of the statements the wizard writes; IAM Sids must be alphanumeric. */
export const SIDS = {
  keyPolicy: 'Allow Amazon Personalize to use the key',
  /** With the confused-deputy conditions, the role and the service have statements of their own. */
  keyPolicyRole: 'Allow the Personalize service role to use the key',
  keyPolicyService: 'Allow the Personalize service to use the key for this account',
  keyPolicyServiceGrants: 'Allow the Personalize service to create grants for AWS resources',
  iamPolicy: 'AllowPersonalizeUseOfKmsKey',
  iamPolicyBucketKey: 'AllowPersonalizeUseOfBucketKey',
  iamPolicyDatasetGroupKey: 'AllowPersonalizeUseOfDatasetGroupKey',
} as const;
