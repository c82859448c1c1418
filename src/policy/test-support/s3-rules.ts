/**
 * Section 3 of shared/reference/personalize-kms-rules.md, written out by hand:
 * what each operation needs from S3, in the service role's S3 access policy
 * and in the bucket policy. Deliberately not read from
 * src/policy/companion-rules.ts, so a mistake there shows up in the tests.
 * Keyed by operation, so an operation of OPERATIONS without a row fails to
 * type-check, and s3Needs throws for it. Test-only.
 */
import type { Operation } from '../index';

/** "Role IAM policy (S3)" column. */
export const ROLE_S3_ACTIONS: Readonly<Record<Operation, readonly string[]>> = {
  import: ['s3:GetObject', 's3:ListBucket'],
  // Batch segment jobs use the same batch workflow permissions as batch inference.
  'batch-inference': ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
  'batch-segment': ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
  export: ['s3:PutObject', 's3:ListBucket'],
  'metric-reports': ['s3:PutObject', 'cloudwatch:PutMetricData'],
};

/** "Bucket policy" column (Principal: the Personalize service). */
export const BUCKET_POLICY_ACTIONS: Readonly<Record<Operation, readonly string[]>> = {
  import: ['s3:GetObject', 's3:ListBucket'],
  'batch-inference': ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
  'batch-segment': ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
  export: ['s3:PutObject', 's3:ListBucket'],
  'metric-reports': ['s3:PutObject'],
};

/** The union of a column's rows for these operations, sorted; throws for an operation without a row. */
export function s3Needs(
  column: Readonly<Record<Operation, readonly string[]>>,
  operations: readonly Operation[],
): string[] {
  const rows: Partial<Record<string, readonly string[]>> = column;
  return [
    ...new Set(
      operations.flatMap((operation) => {
        const row = rows[operation];
        if (row === undefined) throw new Error(`Section 3 has no row for ${operation}`);
        return row;
      }),
    ),
  ].sort();
}
