/**
 * Section 1 of shared/reference/personalize-kms-rules.md (the January 2023
 * guide), written out by hand: the actions each key's Personalize statement
 * needs. Deliberately not read from src/policy/rules.ts, so a mistake there
 * shows up in the tests. Test-only.
 */

/** An encrypted S3 bucket, with any operation: key policy and service role IAM policy. */
export const BUCKET_ACTIONS: readonly string[] = [
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'kms:DescribeKey',
  'kms:ListGrants',
];

/** An encrypted dataset group: key policy only (no IAM change). */
export const DATASET_GROUP_ACTIONS: readonly string[] = ['kms:Decrypt'];

/** An encrypted dataset group whose data is exported: key policy only. */
export const DATASET_GROUP_EXPORT_ACTIONS: readonly string[] = [
  'kms:Decrypt',
  'kms:GenerateDataKeyWithoutPlaintext',
];
