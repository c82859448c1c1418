/**
 * The rules of the rest of a Personalize setup, as data: what each operation
 * needs from S3 (the service role's S3 access policy and the bucket policy),
 * and why the trust and PassRole policies are as they are. The companion
 * builders read these tables, and the explanations read the same ones. Kept
 * apart from rules.ts (the KMS guide's tables) so that they load with the
 * companion documents, when asked for.
 */
import type { Operation } from './answers';
import type { Source } from './rules';

const S3_ACCESS_SOURCE: Source = {
  title: 'Amazon Personalize: Giving Amazon Personalize access to Amazon S3 resources',
  url: 'https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-s3-access.html',
};

const CONFUSED_DEPUTY_SOURCE: Source = {
  title: 'Amazon Personalize: Cross-service confused deputy prevention',
  url: 'https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html',
};

const PASS_ROLE_SOURCE: Source = {
  title: 'IAM User Guide: Grant a user permissions to pass a role to an AWS service',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
};

export type S3Action = 's3:GetObject' | 's3:PutObject' | 's3:ListBucket';

/** Every action the S3 access policy can grant: the S3 ones and CloudWatch's. */
export type S3AccessAction = S3Action | 'cloudwatch:PutMetricData';

/**
 * What an action applies to, which decides its Resource: the bucket
 * (`arn:PARTITION:s3:::BUCKET`), the bucket's objects (`…/*`), or anything
 * (`"*"`, for actions that have no resource to scope to).
 */
export type ActionScope = 'bucket' | 'objects' | 'any';

export const S3_ACCESS_ACTION_INFO: Readonly<
  Record<S3AccessAction, { purpose: string; scope: ActionScope }>
> = {
  's3:GetObject': {
    purpose: 'Read objects from the bucket, such as training data and batch input.',
    scope: 'objects',
  },
  's3:PutObject': {
    purpose: 'Write objects to the bucket, such as exported data, batch output and reports.',
    scope: 'objects',
  },
  's3:ListBucket': {
    purpose: 'List the objects in the bucket, to find the files under a path.',
    scope: 'bucket',
  },
  'cloudwatch:PutMetricData': {
    purpose: 'Publish metric attribution metrics to Amazon CloudWatch.',
    scope: 'any',
  },
};

/** One row of the rules file's section 3 table: what an operation needs from S3. */
export interface S3AccessRule {
  operation: Operation;
  /** The answer that brings the rule in, as a sentence. */
  answer: string;
  /** Actions the service role's identity policy grants. */
  roleActions: readonly S3AccessAction[];
  /** Actions the bucket policy grants to the Personalize service principal. */
  bucketPolicyActions: readonly S3Action[];
  reason: string;
  source: Source;
}

export const S3_ACCESS_RULES: readonly S3AccessRule[] = [
  {
    operation: 'import',
    answer: 'You run dataset import jobs.',
    roleActions: ['s3:GetObject', 's3:ListBucket'],
    bucketPolicyActions: ['s3:GetObject', 's3:ListBucket'],
    reason:
      'A dataset import job lists the input path and reads the data files from the bucket, through the service role and the bucket policy.',
    source: S3_ACCESS_SOURCE,
  },
  {
    operation: 'export',
    answer: 'You run dataset export jobs.',
    roleActions: ['s3:PutObject', 's3:ListBucket'],
    bucketPolicyActions: ['s3:PutObject', 's3:ListBucket'],
    reason:
      'A dataset export job lists the output path and writes the exported data to the bucket.',
    source: S3_ACCESS_SOURCE,
  },
  {
    operation: 'batch-inference',
    answer: 'You run batch inference jobs.',
    roleActions: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
    bucketPolicyActions: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
    reason:
      'A batch inference job reads its input from the bucket and writes its recommendations back to it (the batch workflow permissions).',
    source: S3_ACCESS_SOURCE,
  },
  {
    operation: 'batch-segment',
    answer: 'You run batch segment jobs.',
    roleActions: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
    bucketPolicyActions: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
    reason:
      'A batch segment job uses the same batch workflow permissions as batch inference: it reads its input from the bucket and writes the segments back.',
    source: S3_ACCESS_SOURCE,
  },
  {
    operation: 'metric-reports',
    answer: 'You publish metric attribution reports to Amazon S3.',
    roleActions: ['s3:PutObject', 'cloudwatch:PutMetricData'],
    bucketPolicyActions: ['s3:PutObject'],
    reason:
      'A metric attribution writes its reports to the bucket and publishes its metrics to CloudWatch; the bucket policy needs only the write.',
    source: S3_ACCESS_SOURCE,
  },
];

/**
 * A bucket policy that allows access only from a VPC blocks Personalize (the
 * rules file's section 3); the companion notes and the pre-flight check say it.
 */
export const VPC_ONLY_BUCKET =
  'Amazon Personalize cannot use a bucket whose policy allows access only from a VPC.';

/** Why the trust policy is as it is, for its one action. */
export const TRUST_RULE = {
  action: 'sts:AssumeRole',
  purpose: 'Let Amazon Personalize assume the service role to act on your behalf.',
  answer: 'Every Personalize service role needs a trust policy.',
  reason:
    'Personalize assumes the role to reach your bucket and keys. The aws:SourceAccount and aws:SourceArn conditions let it do so only for Personalize resources of your own account (confused deputy prevention), so both name the same account. AWS’s own example on that page shows two different account IDs in the two conditions; no request matches both, so the role could never be assumed.',
  source: CONFUSED_DEPUTY_SOURCE,
} as const;

/** Why the PassRole policy is as it is, for its one action. */
export const PASS_ROLE_RULE = {
  action: 'iam:PassRole',
  purpose:
    'Hand the service role to Amazon Personalize when creating a dataset group, import or export job, batch job or metric attribution.',
  answer:
    'The people or pipelines that create Personalize resources pass the service role to Personalize.',
  reason:
    'Passing a role needs iam:PassRole on that role. The iam:PassedToService condition limits it to Personalize, so the role cannot be handed to another service, and the Resource names only this role (path included).',
  source: PASS_ROLE_SOURCE,
} as const;

/** Sids of the companion statements; IAM Sids must be alphanumeric. */
export const COMPANION_SIDS = {
  roleListBucket: 'PersonalizeListBucket',
  roleObjects: 'PersonalizeObjectAccess',
  roleMetrics: 'PersonalizeCloudWatchMetrics',
  bucketListBucket: 'AllowPersonalizeServiceListBucket',
  bucketObjects: 'AllowPersonalizeServiceObjectAccess',
  trust: 'AllowPersonalizeAssumeRole',
  passRole: 'AllowPassRoleToPersonalize',
} as const;
