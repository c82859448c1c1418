/**
 * An independent check that the companion documents WORK: each one is
 * evaluated by the IAM policy simulator @cloud-copilot/iam-simulate, and the
 * verdicts are compared with what the rules file
 * (/work/shared/reference/personalize-kms-rules.md, section 3) requires. The
 * expected actions are written out by hand, not read from S3_ACCESS_RULES.
 *
 * The simulator is AGPL-licensed: a devDependency that only tests import.
 *
 * What the simulator models (read from its Sts/Iam/S3 authorizers and
 * confirmed by the verdicts below):
 * - S3, same account: the role's identity policy allows on its own; the bucket
 *   policy names only the service principal, so it adds nothing for the role.
 * - Service principals are allowed only by a resource policy (the bucket
 *   policy, the trust policy); they have no identity policies.
 * - Trust policies: sts:AssumeRole on the role ARN with the trust policy as
 *   the resource policy, conditions evaluated against the request's context
 *   keys (aws:SourceAccount, aws:SourceArn), which the test supplies as
 *   Personalize would send them.
 * - iam:PassRole: an identity-policy check with iam:PassedToService as a
 *   context key.
 * It does not model what Personalize actually sends, VPC-only bucket
 * policies, or S3 Block Public Access; these tests check the policies.
 */
import { describe, expect, it, test } from 'vitest';

import { OPERATIONS, type Answers, type Operation } from './answers';
import type { BuiltDocument, DocumentId } from './build';
import { buildCompanionDocuments } from './companions';
import type { PolicyDocument } from './document';
import { answersWith } from './test-support/answers';
import { neededOf } from './test-support/documents';
import { decide as decideRequest, type Request, type Verdict } from './test-support/simulator';

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '999988887777';
const REGION = 'us-east-1';
const BUCKET = 'my-personalize-data';
const OTHER_BUCKET = 'someone-elses-bucket';
const ROLE_NAME = 'PersonalizeRole';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/${ROLE_NAME}`;
const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/${ROLE_NAME}/personalize-session`;
const SERVICE = 'personalize.amazonaws.com';
const DEVELOPER = `arn:aws:iam::${ACCOUNT}:user/ml-developer`;

const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const OBJECT_ARN = `arn:aws:s3:::${BUCKET}/input/users.csv`;
const OTHER_BUCKET_ARN = `arn:aws:s3:::${OTHER_BUCKET}`;
const OTHER_OBJECT_ARN = `arn:aws:s3:::${OTHER_BUCKET}/input/users.csv`;

/** A request the tests check: an action on a resource, named for the verdict tables. */
interface Check {
  name: string;
  action: string;
  resource: string;
  /** Our bucket (so its bucket policy applies), another bucket, or no S3 resource. */
  on: 'our-bucket' | 'other-bucket' | 'none';
}

const CHECKS: readonly Check[] = [
  { name: 'GetObject', action: 's3:GetObject', resource: OBJECT_ARN, on: 'our-bucket' },
  { name: 'PutObject', action: 's3:PutObject', resource: OBJECT_ARN, on: 'our-bucket' },
  { name: 'ListBucket', action: 's3:ListBucket', resource: BUCKET_ARN, on: 'our-bucket' },
  { name: 'DeleteObject', action: 's3:DeleteObject', resource: OBJECT_ARN, on: 'our-bucket' },
  { name: 'PutBucketPolicy', action: 's3:PutBucketPolicy', resource: BUCKET_ARN, on: 'our-bucket' },
  { name: 'GetBucketPolicy', action: 's3:GetBucketPolicy', resource: BUCKET_ARN, on: 'our-bucket' },
  { name: 'DeleteBucket', action: 's3:DeleteBucket', resource: BUCKET_ARN, on: 'our-bucket' },
  {
    name: 'GetObject (other bucket)',
    action: 's3:GetObject',
    resource: OTHER_OBJECT_ARN,
    on: 'other-bucket',
  },
  {
    name: 'PutObject (other bucket)',
    action: 's3:PutObject',
    resource: OTHER_OBJECT_ARN,
    on: 'other-bucket',
  },
  {
    name: 'ListBucket (other bucket)',
    action: 's3:ListBucket',
    resource: OTHER_BUCKET_ARN,
    on: 'other-bucket',
  },
  { name: 'PutMetricData', action: 'cloudwatch:PutMetricData', resource: '*', on: 'none' },
];

interface Allowed {
  /** Checks the role is allowed (rules file, section 3, role column). */
  role: string[];
  /** Checks the service principal is allowed (section 3, bucket-policy column). */
  service: string[];
}

/** Section 3, one row per operation: keyed by operation, so each of OPERATIONS needs one. */
const BY_OPERATION: Readonly<Record<Operation, Allowed>> = {
  import: {
    role: ['GetObject', 'ListBucket'],
    service: ['GetObject', 'ListBucket'],
  },
  export: {
    role: ['PutObject', 'ListBucket'],
    service: ['PutObject', 'ListBucket'],
  },
  'batch-inference': {
    role: ['GetObject', 'PutObject', 'ListBucket'],
    service: ['GetObject', 'PutObject', 'ListBucket'],
  },
  'batch-segment': {
    role: ['GetObject', 'PutObject', 'ListBucket'],
    service: ['GetObject', 'PutObject', 'ListBucket'],
  },
  'metric-reports': {
    role: ['PutObject', 'PutMetricData'],
    service: ['PutObject'],
  },
};

interface Case {
  operations: Operation[];
  /** What is allowed; undefined for an operation section 3 has no row for, which then fails. */
  allowed: Allowed | undefined;
}

const CASES: Case[] = [
  ...OPERATIONS.map((operation) => ({
    operations: [operation],
    allowed: (BY_OPERATION as Partial<Record<string, Allowed>>)[operation],
  })),
  // Two operations: the union of their rows.
  {
    operations: ['import', 'metric-reports'],
    allowed: {
      role: ['GetObject', 'PutObject', 'ListBucket', 'PutMetricData'],
      service: ['GetObject', 'PutObject', 'ListBucket'],
    },
  },
];

function allowedIn(c: { operations: readonly Operation[]; allowed: Allowed | undefined }): Allowed {
  if (!c.allowed) throw new Error(`Section 3 has no row for ${c.operations.join(', ')}`);
  return c.allowed;
}

// --- helpers ---------------------------------------------------------------

/** Our role and bucket, which every answers below start from. */
const OURS: Partial<Answers> = {
  accountId: ACCOUNT,
  roleName: ROLE_NAME,
  rolePath: '/service-role/',
  bucketName: BUCKET,
  region: REGION,
};

function policyOf(documents: BuiltDocument[], id: DocumentId): PolicyDocument {
  return neededOf(documents, id).policy;
}

/** A request to the simulator; every resource here is in ACCOUNT. */
const decide = (request: Omit<Request, 'resourceAccount'>) =>
  decideRequest({ ...request, resourceAccount: ACCOUNT });

/** The verdict for every check, with the bucket policy on our bucket only. */
async function s3Verdicts(
  principal: string,
  identityPolicies: readonly PolicyDocument[],
  bucketPolicy: PolicyDocument | undefined,
): Promise<Record<string, Verdict>> {
  const entries = await Promise.all(
    CHECKS.map(async (check) => {
      const verdict = await decide({
        principal,
        action: check.action,
        resource: check.resource,
        identityPolicies,
        resourcePolicy: check.on === 'our-bucket' ? bucketPolicy : undefined,
      });
      return [check.name, verdict] as const;
    }),
  );
  return Object.fromEntries(entries);
}

function allowedOnly(allowed: readonly string[]): Record<string, Verdict> {
  for (const name of allowed) {
    if (!CHECKS.some((check) => check.name === name)) throw new Error(`unknown check ${name}`);
  }
  return Object.fromEntries(
    CHECKS.map((check) => [
      check.name,
      allowed.includes(check.name) ? 'Allowed' : 'ImplicitlyDenied',
    ]),
  );
}

const ROWS = CASES.map((c) => ({
  ...c,
  name: c.operations.join(' + '),
  documents: buildCompanionDocuments(answersWith({ ...OURS, operations: c.operations })),
}));

// --- tests -----------------------------------------------------------------

describe('companion documents, evaluated by @cloud-copilot/iam-simulate', () => {
  describe('S3 access policy and bucket policy', () => {
    test.each(ROWS)(
      '$name: the role (and its session) is allowed exactly the required actions',
      async (row) => {
        const { role } = allowedIn(row);
        const { documents } = row;
        const identity = [policyOf(documents, 's3-access-policy')];
        const bucketPolicy = policyOf(documents, 'bucket-policy');
        for (const principal of [ROLE_ARN, SESSION_ARN]) {
          expect({
            principal,
            verdicts: await s3Verdicts(principal, identity, bucketPolicy),
          }).toEqual({
            principal,
            verdicts: allowedOnly(role),
          });
        }
      },
    );

    test.each(ROWS)(
      '$name: the bucket policy alone gives the role nothing (it names only the service)',
      async ({ documents }) => {
        expect(await s3Verdicts(ROLE_ARN, [], policyOf(documents, 'bucket-policy'))).toEqual(
          allowedOnly([]),
        );
      },
    );

    test.each(ROWS)(
      '$name: the Personalize service principal is allowed what the bucket policy grants',
      async (row) => {
        expect(await s3Verdicts(SERVICE, [], policyOf(row.documents, 'bucket-policy'))).toEqual(
          allowedOnly(allowedIn(row).service),
        );
      },
    );

    it('another service principal gets nothing from the bucket policy', async () => {
      const documents = buildCompanionDocuments(
        answersWith({ ...OURS, operations: ['batch-inference'] }),
      );
      expect(
        await s3Verdicts('sagemaker.amazonaws.com', [], policyOf(documents, 'bucket-policy')),
      ).toEqual(allowedOnly([]));
    });
  });

  describe('trust policy (the simulator evaluates trust policies: sts:AssumeRole with the trust policy as resource policy)', () => {
    const trust = policyOf(buildCompanionDocuments(answersWith(OURS)), 'trust-policy');
    const sourceArn = (account: string, region = REGION) =>
      `arn:aws:personalize:${region}:${account}:dataset-import-job/import-users`;

    const rows: { name: string; context: Record<string, string>; verdict: Verdict }[] = [
      {
        name: 'matching aws:SourceAccount and aws:SourceArn',
        context: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': sourceArn(ACCOUNT) },
        verdict: 'Allowed',
      },
      {
        name: 'a batch job of the same account',
        context: {
          'aws:SourceAccount': ACCOUNT,
          'aws:SourceArn': `arn:aws:personalize:${REGION}:${ACCOUNT}:batch-inference-job/nightly`,
        },
        verdict: 'Allowed',
      },
      {
        name: 'another account in aws:SourceAccount',
        context: { 'aws:SourceAccount': OTHER_ACCOUNT, 'aws:SourceArn': sourceArn(ACCOUNT) },
        verdict: 'ImplicitlyDenied',
      },
      {
        name: 'another account in aws:SourceArn',
        context: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': sourceArn(OTHER_ACCOUNT) },
        verdict: 'ImplicitlyDenied',
      },
      {
        name: 'another account in both',
        context: { 'aws:SourceAccount': OTHER_ACCOUNT, 'aws:SourceArn': sourceArn(OTHER_ACCOUNT) },
        verdict: 'ImplicitlyDenied',
      },
      {
        name: 'another region in aws:SourceArn',
        context: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': sourceArn(ACCOUNT, 'eu-west-1') },
        verdict: 'ImplicitlyDenied',
      },
      {
        name: 'no source context at all',
        context: {},
        verdict: 'ImplicitlyDenied',
      },
    ];
    test.each(rows)('personalize.amazonaws.com, $name: $verdict', async ({ context, verdict }) => {
      expect(
        await decide({
          principal: SERVICE,
          action: 'sts:AssumeRole',
          resource: ROLE_ARN,
          resourcePolicy: trust,
          context,
        }),
      ).toBe(verdict);
    });

    it('another service principal cannot assume the role, even with matching context', async () => {
      expect(
        await decide({
          principal: 'sagemaker.amazonaws.com',
          action: 'sts:AssumeRole',
          resource: ROLE_ARN,
          resourcePolicy: trust,
          context: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': sourceArn(ACCOUNT) },
        }),
      ).toBe('ImplicitlyDenied');
    });

    it('a user of the same account with sts:AssumeRole on "*" cannot assume it', async () => {
      expect(
        await decide({
          principal: DEVELOPER,
          action: 'sts:AssumeRole',
          resource: ROLE_ARN,
          identityPolicies: [
            {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
            },
          ],
          resourcePolicy: trust,
        }),
      ).toBe('ImplicitlyDenied');
    });

    it('aws-cn: the same conditions with aws-cn ARNs', async () => {
      const cnTrust = policyOf(
        buildCompanionDocuments(
          answersWith({ ...OURS, partition: 'aws-cn', region: 'cn-north-1' }),
        ),
        'trust-policy',
      );
      const cnRole = `arn:aws-cn:iam::${ACCOUNT}:role/service-role/${ROLE_NAME}`;
      const cnSource = (account: string) =>
        `arn:aws-cn:personalize:cn-north-1:${account}:dataset-import-job/import-users`;
      const verdictFor = (account: string, arnAccount: string) =>
        decide({
          principal: SERVICE,
          action: 'sts:AssumeRole',
          resource: cnRole,
          resourcePolicy: cnTrust,
          context: { 'aws:SourceAccount': account, 'aws:SourceArn': cnSource(arnAccount) },
        });
      expect(await verdictFor(ACCOUNT, ACCOUNT)).toBe('Allowed');
      expect(await verdictFor(OTHER_ACCOUNT, ACCOUNT)).toBe('ImplicitlyDenied');
      expect(await verdictFor(ACCOUNT, OTHER_ACCOUNT)).toBe('ImplicitlyDenied');
    });
  });

  describe('PassRole policy', () => {
    const passRole = policyOf(buildCompanionDocuments(answersWith(OURS)), 'passrole-policy');

    test.each([
      { name: 'the role, to Personalize', role: ROLE_ARN, to: SERVICE, verdict: 'Allowed' },
      {
        name: 'the role, to EC2',
        role: ROLE_ARN,
        to: 'ec2.amazonaws.com',
        verdict: 'ImplicitlyDenied',
      },
      {
        name: 'the role, to Lambda',
        role: ROLE_ARN,
        to: 'lambda.amazonaws.com',
        verdict: 'ImplicitlyDenied',
      },
      {
        name: 'the role, no service named',
        role: ROLE_ARN,
        to: undefined,
        verdict: 'ImplicitlyDenied',
      },
      {
        name: 'a role of the same name without the path, to Personalize',
        role: `arn:aws:iam::${ACCOUNT}:role/${ROLE_NAME}`,
        to: SERVICE,
        verdict: 'ImplicitlyDenied',
      },
      {
        name: 'an admin role, to Personalize',
        role: `arn:aws:iam::${ACCOUNT}:role/Admin`,
        to: SERVICE,
        verdict: 'ImplicitlyDenied',
      },
    ])('passing $name: $verdict', async ({ role, to, verdict }) => {
      expect(
        await decide({
          principal: DEVELOPER,
          action: 'iam:PassRole',
          resource: role,
          identityPolicies: [passRole],
          context: to === undefined ? {} : { 'iam:PassedToService': to },
        }),
      ).toBe(verdict);
    });
  });
});
