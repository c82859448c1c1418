/**
 * One table of what each document is and where it goes: its title, kind and
 * file name, its names in CloudFormation, Terraform and IAM, the console page
 * it is pasted into and the AWS CLI command that puts it. The builders, the
 * per-document instructions (apply.ts), the runbook, the CloudFormation
 * template and the Terraform configuration all read it, so a name is written
 * once. A second, per-kind table holds what every document of a kind shares
 * (apply order, size limit, grammar).
 *
 * Sources: the rules file's "Applying the documents" table;
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html;
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/BucketRestrictions.html (bucket policy size).
 */
import type { AnswerField, Answers } from './answers';
import { byteLength, iamPolicyLength, LIMITS } from './document';

export type DocumentId =
  | 'key-policy'
  | 'key-policy-bucket'
  | 'key-policy-dataset-group'
  | 'iam-policy'
  // The companion documents the same setup needs (src/policy/companions.ts).
  | 's3-access-policy'
  | 'bucket-policy'
  | 'trust-policy'
  | 'passrole-policy';

/**
 * What kind of policy a document is, which decides where it is applied:
 * a key's policy, an inline policy of the service role, a managed policy for
 * the people and pipelines that pass the role, a bucket's policy, or the
 * role's trust policy.
 */
export type DocumentKind =
  'key-policy' | 'iam-policy' | 'managed-policy' | 'bucket-policy' | 'trust-policy';

export interface DocumentFacts {
  /** The document's heading; also the accessible name of its region in the UI. */
  title: string;
  kind: DocumentKind;
  /** The downloaded file's name without `.json`. */
  fileStem: string;
  /** Its resource's logical ID in the CloudFormation template. */
  logicalId: string;
  /** Its resource's name in the Terraform configuration. */
  terraformName: string;
  /**
   * The name IAM stores an IAM policy under; none for key, bucket and trust
   * policies. It ends up in the user's account, where it cannot be renamed.
   */
  iamPolicyName: string | undefined;
  /**
   * Where it is pasted in the AWS console, in one line. `{role}` and
   * `{bucket}` stand for the role's and the bucket's names.
   */
  console: string;
  /** The AWS CLI command that puts it in place. */
  cliCommand: string;
  /** The answers its JSON shows a placeholder for until they are given. */
  fills: readonly AnswerField[];
  /**
   * The answers its commands need besides: the key's ARN, the names the
   * commands act on, and the account whose credentials run them.
   */
  commandNeeds: readonly AnswerField[];
}

const KEY_CONSOLE = 'KMS console → Customer managed keys → your key → Key policy → Edit';
const INLINE_CONSOLE =
  'IAM console → Roles → {role} → Add permissions → Create inline policy → JSON';

/** Every document is listed, so a new one is a compile error until its facts are written. */
export const DOCUMENT_FACTS: Readonly<Record<DocumentId, DocumentFacts>> = {
  'key-policy': {
    title: 'KMS key policy',
    kind: 'key-policy',
    fileStem: 'personalize-kms-key-policy',
    logicalId: 'PersonalizeKey',
    terraformName: 'personalize',
    iamPolicyName: undefined,
    console: KEY_CONSOLE,
    cliCommand: 'aws kms put-key-policy',
    fills: ['accountId', 'roleName'],
    commandNeeds: ['keyArn'],
  },
  'key-policy-bucket': {
    title: 'KMS key policy (bucket key)',
    kind: 'key-policy',
    fileStem: 'personalize-kms-key-policy-bucket-key',
    logicalId: 'PersonalizeBucketKey',
    terraformName: 'personalize_bucket_key',
    iamPolicyName: undefined,
    console: KEY_CONSOLE,
    cliCommand: 'aws kms put-key-policy',
    fills: ['accountId', 'roleName'],
    commandNeeds: ['keyArn'],
  },
  'key-policy-dataset-group': {
    title: 'KMS key policy (dataset group key)',
    kind: 'key-policy',
    fileStem: 'personalize-kms-key-policy-dataset-group-key',
    logicalId: 'PersonalizeDatasetGroupKey',
    terraformName: 'personalize_dataset_group_key',
    iamPolicyName: undefined,
    console: KEY_CONSOLE,
    cliCommand: 'aws kms put-key-policy',
    fills: ['accountId', 'roleName'],
    commandNeeds: ['datasetGroupKeyArn'],
  },
  'iam-policy': {
    title: 'Service role IAM policy',
    kind: 'iam-policy',
    fileStem: 'personalize-service-role-kms-policy',
    logicalId: 'PersonalizeKmsAccessPolicy',
    terraformName: 'personalize_kms_access',
    iamPolicyName: 'PersonalizeKmsAccess',
    console: INLINE_CONSOLE,
    cliCommand: 'aws iam put-role-policy',
    fills: [],
    commandNeeds: ['accountId', 'roleName'],
  },
  's3-access-policy': {
    title: 'S3 access policy',
    kind: 'iam-policy',
    fileStem: 'personalize-service-role-s3-policy',
    logicalId: 'PersonalizeS3AccessPolicy',
    terraformName: 'personalize_s3_access',
    iamPolicyName: 'PersonalizeS3Access',
    console: INLINE_CONSOLE,
    cliCommand: 'aws iam put-role-policy',
    fills: ['bucketName'],
    commandNeeds: ['accountId', 'roleName'],
  },
  'bucket-policy': {
    title: 'Bucket policy',
    kind: 'bucket-policy',
    fileStem: 'personalize-bucket-policy',
    logicalId: 'PersonalizeBucketPolicy',
    terraformName: 'personalize',
    iamPolicyName: undefined,
    console: 'S3 console → Buckets → {bucket} → Permissions → Bucket policy → Edit',
    cliCommand: 'aws s3api put-bucket-policy',
    fills: ['bucketName'],
    commandNeeds: ['accountId'],
  },
  'trust-policy': {
    title: 'Trust policy',
    kind: 'trust-policy',
    fileStem: 'personalize-service-role-trust-policy',
    logicalId: 'PersonalizeServiceRole',
    terraformName: 'personalize',
    iamPolicyName: undefined,
    console: 'IAM console → Roles → {role} → Trust relationships → Edit trust policy',
    cliCommand: 'aws iam update-assume-role-policy',
    fills: ['accountId', 'region'],
    commandNeeds: ['roleName'],
  },
  'passrole-policy': {
    title: 'PassRole policy',
    kind: 'managed-policy',
    fileStem: 'personalize-passrole-policy',
    logicalId: 'PersonalizePassRolePolicy',
    terraformName: 'personalize_passrole',
    iamPolicyName: 'PersonalizePassRole',
    console: 'IAM console → Policies → Create policy → JSON',
    cliCommand: 'aws iam create-policy',
    fills: ['accountId', 'roleName'],
    commandNeeds: [],
  },
};

/**
 * The answers a document still lacks, in the table's order: those its JSON
 * shows placeholders for, then those its commands need. Read from the
 * answers, never from the text, where a valid value (an IAM path such as
 * `/<account-id>/`) may look like a placeholder.
 */
export function missingAnswers(
  id: DocumentId,
  answers: Answers,
  which: 'document' | 'commands' = 'commands',
): AnswerField[] {
  const { fills, commandNeeds } = DOCUMENT_FACTS[id];
  const fields = which === 'document' ? fills : [...fills, ...commandNeeds];
  return [...new Set(fields)].filter((field) => answers[field] === '');
}

/** The file a document downloads as. */
export function fileNameOf(id: DocumentId): string {
  return `${DOCUMENT_FACTS[id].fileStem}.json`;
}

/** The console path of a document, with the role's and bucket's names (or what stands for them). */
export function consolePath(id: DocumentId, names: { role: string; bucket: string }): string {
  return DOCUMENT_FACTS[id].console
    .replace('{role}', () => names.role)
    .replace('{bucket}', () => names.bucket);
}

/** Where a document goes, in one line: its console path and the CLI command that puts it. */
export function destinationOf(id: DocumentId, names: { role: string; bucket: string }): string {
  return `${consolePath(id, names)}; AWS CLI: ${DOCUMENT_FACTS[id].cliCommand}`;
}

// ---------------------------------------------------------------------------
// Per kind

/** Limits not in LIMITS (document.ts), from the S3 and IAM quota pages. */
const EXPORT_LIMITS = {
  /** Bucket policy, in bytes (20 KB). */
  bucketPolicyBytes: 20_480,
  /** Role trust policy, characters without whitespace (the default quota; up to 4,096 on request). */
  trustPolicyChars: 2_048,
} as const;

/** How AWS measures a document for its size limit, and the unit the size checks name. */
export interface SizeMeasure {
  measure: (json: string) => number;
  unit: string;
}

const BYTES: SizeMeasure = { measure: byteLength, unit: 'bytes' };
export const IAM_CHARACTERS: SizeMeasure = {
  measure: iamPolicyLength,
  unit: 'characters (whitespace not counted)',
};

/** What the exports and checks need to know about a kind of document. */
export interface KindFacts {
  /** Where documents of this kind come in the runbook, template and snippet: lowest first. */
  applyOrder: number;
  /**
   * Putting it replaces a whole policy that may hold other statements, so the
   * runbook saves the current one and compares it before putting it.
   */
  replacesWholePolicy: boolean;
  /** IAM reads it, so IAM's policy grammar applies (statement IDs of letters and digits only). */
  iamGrammar: boolean;
  /**
   * The most AWS accepts of one such document, and how it is measured. None
   * for the role's inline policies: IAM limits them together, not one by one.
   */
  sizeLimit: { limit: number; measured: SizeMeasure } | undefined;
  /**
   * CloudFormation sets it only on a resource the stack creates (a key's
   * KeyPolicy, a role's AssumeRolePolicyDocument), so the template has it as
   * a commented-out example, not as a resource to deploy.
   */
  cloudFormationExample: boolean;
}

export const KIND_FACTS: Readonly<Record<DocumentKind, KindFacts>> = {
  'key-policy': {
    applyOrder: 0,
    replacesWholePolicy: true,
    iamGrammar: false,
    sizeLimit: { limit: LIMITS.keyPolicyBytes, measured: BYTES },
    cloudFormationExample: true,
  },
  'iam-policy': {
    applyOrder: 1,
    replacesWholePolicy: false,
    iamGrammar: true,
    sizeLimit: undefined,
    cloudFormationExample: false,
  },
  'bucket-policy': {
    applyOrder: 2,
    replacesWholePolicy: true,
    iamGrammar: false,
    sizeLimit: { limit: EXPORT_LIMITS.bucketPolicyBytes, measured: BYTES },
    cloudFormationExample: false,
  },
  'trust-policy': {
    applyOrder: 3,
    replacesWholePolicy: true,
    iamGrammar: true,
    sizeLimit: { limit: EXPORT_LIMITS.trustPolicyChars, measured: IAM_CHARACTERS },
    cloudFormationExample: true,
  },
  'managed-policy': {
    applyOrder: 4,
    replacesWholePolicy: false,
    iamGrammar: true,
    sizeLimit: { limit: LIMITS.managedPolicyChars, measured: IAM_CHARACTERS },
    cloudFormationExample: false,
  },
};
