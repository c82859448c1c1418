/**
 * One table of what each document is and where it goes: its title, kind and
 * file name, the console page it is pasted into and the AWS CLI command that
 * puts it, and whom it is for. The builders, the documents panel, the
 * per-document instructions (apply.ts) and the exports all read it, so each
 * of these is written once. It loads with the first visit (each document's
 * destination line); the names only the exports give a document (in
 * CloudFormation, Terraform and IAM) are in export-facts.ts, which loads with
 * them, in a table keyed the same way.
 *
 * Source: the rules file's "Applying the documents" table.
 */

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
  /**
   * Where it is pasted in the AWS console, in one line. `{role}` and
   * `{bucket}` stand for the role's and the bucket's names.
   */
  console: string;
  /** The AWS CLI command that puts it in place. */
  cliCommand: string;
  /** Whom or what it is for, in a sentence, shown above the document. */
  purpose: string;
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
    console: KEY_CONSOLE,
    cliCommand: 'aws kms put-key-policy',
    purpose: 'A complete key policy for the key.',
  },
  'key-policy-bucket': {
    title: 'KMS key policy (bucket key)',
    kind: 'key-policy',
    fileStem: 'personalize-kms-key-policy-bucket-key',
    console: KEY_CONSOLE,
    cliCommand: 'aws kms put-key-policy',
    purpose: 'A complete key policy for the bucket’s key.',
  },
  'key-policy-dataset-group': {
    title: 'KMS key policy (dataset group key)',
    kind: 'key-policy',
    fileStem: 'personalize-kms-key-policy-dataset-group-key',
    console: KEY_CONSOLE,
    cliCommand: 'aws kms put-key-policy',
    purpose: 'A complete key policy for the dataset group’s key.',
  },
  'iam-policy': {
    title: 'Service role IAM policy',
    kind: 'iam-policy',
    fileStem: 'personalize-service-role-kms-policy',
    console: INLINE_CONSOLE,
    cliCommand: 'aws iam put-role-policy',
    purpose: 'Attach to the service role that Personalize assumes.',
  },
  's3-access-policy': {
    title: 'S3 access policy',
    kind: 'iam-policy',
    fileStem: 'personalize-service-role-s3-policy',
    console: INLINE_CONSOLE,
    cliCommand: 'aws iam put-role-policy',
    purpose: 'Attach to the service role that Personalize assumes.',
  },
  'bucket-policy': {
    title: 'Bucket policy',
    kind: 'bucket-policy',
    fileStem: 'personalize-bucket-policy',
    console: 'S3 console → Buckets → {bucket} → Permissions → Bucket policy → Edit',
    cliCommand: 'aws s3api put-bucket-policy',
    purpose:
      'Put on the S3 bucket. A bucket has one policy: add these statements to its current one.',
  },
  'trust-policy': {
    title: 'Trust policy',
    kind: 'trust-policy',
    fileStem: 'personalize-service-role-trust-policy',
    console: 'IAM console → Roles → {role} → Trust relationships → Edit trust policy',
    cliCommand: 'aws iam update-assume-role-policy',
    purpose:
      'The service role’s trust policy: it lets only Personalize, for your account and region, assume the role.',
  },
  'passrole-policy': {
    title: 'PassRole policy',
    kind: 'managed-policy',
    fileStem: 'personalize-passrole-policy',
    console: 'IAM console → Policies → Create policy → JSON',
    cliCommand: 'aws iam create-policy',
    purpose:
      'Attach to the people, roles or pipelines that create Personalize resources with this role.',
  },
};

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
