/**
 * What only the exports and the pre-flight checks need to know about the
 * documents, kept apart from document-facts.ts so that it loads with them
 * (the review step), not with the first visit: the answers each document's
 * commands need, and a per-kind table of what every document of a kind shares
 * (apply order, size limit, grammar).
 *
 * Source: the rules file's sections 4 and 6. The size limits themselves, with
 * their AWS pages, are LIMITS (document.ts).
 */
import type { AnswerField, Answers } from './answers';
import type { NeededDocument } from './build';
import { byteLength, iamPolicyLength, LIMITS } from './document';
import type { DocumentId, DocumentKind } from './document-facts';

/** The names a document's resource gets in the exports and in the user's account. */
export interface ExportNames {
  /** Its resource's logical ID in the CloudFormation template. */
  logicalId: string;
  /** Its resource's name in the Terraform configuration. */
  terraformName: string;
  /**
   * The name IAM stores an IAM policy under; none for key, bucket and trust
   * policies. It ends up in the user's account, where it cannot be renamed.
   */
  iamPolicyName: string | undefined;
}

/**
 * Each document's row of DOCUMENT_FACTS (document-facts.ts), continued with
 * what only the exports read. Every document is listed, so a new one is a
 * compile error until its names are written.
 */
export const EXPORT_NAMES: Readonly<Record<DocumentId, ExportNames>> = {
  'key-policy': {
    logicalId: 'PersonalizeKey',
    terraformName: 'personalize',
    iamPolicyName: undefined,
  },
  'key-policy-bucket': {
    logicalId: 'PersonalizeBucketKey',
    terraformName: 'personalize_bucket_key',
    iamPolicyName: undefined,
  },
  'key-policy-dataset-group': {
    logicalId: 'PersonalizeDatasetGroupKey',
    terraformName: 'personalize_dataset_group_key',
    iamPolicyName: undefined,
  },
  'iam-policy': {
    logicalId: 'PersonalizeKmsAccessPolicy',
    terraformName: 'personalize_kms_access',
    iamPolicyName: 'PersonalizeKmsAccess',
  },
  's3-access-policy': {
    logicalId: 'PersonalizeS3AccessPolicy',
    terraformName: 'personalize_s3_access',
    iamPolicyName: 'PersonalizeS3Access',
  },
  'bucket-policy': {
    logicalId: 'PersonalizeBucketPolicy',
    terraformName: 'personalize',
    iamPolicyName: undefined,
  },
  'trust-policy': {
    logicalId: 'PersonalizeServiceRole',
    terraformName: 'personalize',
    iamPolicyName: undefined,
  },
  'passrole-policy': {
    logicalId: 'PersonalizePassRolePolicy',
    terraformName: 'personalize_passrole',
    iamPolicyName: 'PersonalizePassRole',
  },
};

/**
 * The answers a document's commands need besides those its JSON shows
 * placeholders for: the key's ARN, the names the commands act on, and the
 * account whose credentials run them.
 */
const COMMAND_ANSWERS: Readonly<Record<DocumentId, readonly AnswerField[]>> = {
  'key-policy': ['keyArn'],
  'key-policy-bucket': ['keyArn'],
  'key-policy-dataset-group': ['datasetGroupKeyArn'],
  'iam-policy': ['accountId', 'roleName'],
  's3-access-policy': ['accountId', 'roleName'],
  'bucket-policy': ['accountId'],
  'trust-policy': ['roleName'],
  'passrole-policy': [],
};

/** Whether an answer gives a key's ARN, which the commands show as the key's own placeholder. */
export function isKeyArnAnswer(field: AnswerField): boolean {
  return field === 'keyArn' || field === 'datasetGroupKeyArn';
}

/** The answer that gives a key policy's key ARN; none for a document that is not a key policy. */
export function keyArnAnswer(id: DocumentId): AnswerField | undefined {
  return COMMAND_ANSWERS[id].find(isKeyArnAnswer);
}

/**
 * The answers a document still lacks: those its JSON shows placeholders for
 * (as its builder recorded them), then those its commands need. Read from
 * the answers, never from the text, where a valid value (an IAM path such as
 * `/<account-id>/`) may look like a placeholder.
 */
export function missingAnswers(
  document: Pick<NeededDocument, 'id' | 'placeholders'>,
  answers: Answers,
): AnswerField[] {
  const needed = COMMAND_ANSWERS[document.id].filter((field) => answers[field] === '');
  return [...new Set([...document.placeholders, ...needed])];
}

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
    sizeLimit: { limit: LIMITS.bucketPolicyBytes, measured: BYTES },
    cloudFormationExample: false,
  },
  'trust-policy': {
    applyOrder: 3,
    replacesWholePolicy: true,
    iamGrammar: true,
    sizeLimit: { limit: LIMITS.trustPolicyChars, measured: IAM_CHARACTERS },
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
