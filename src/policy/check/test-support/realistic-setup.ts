/**
 * A realistic setup to check, for timing: every operation of the January 2023 guide, separate
 * bucket and dataset group keys whose policies the KMS console wrote (administrators, users and
 * the root statement) with the Personalize statement merged in, three key policy fields filled,
 * ten role policies (the wizard's two and eight about other services) and the wizard's bucket and
 * trust policies. Every operation works with it. Test-only.
 */
import type { Answers } from '../../answers';
import { answersWith } from '../../test-support/answers';
import {
  consoleKeyAdminsStatement,
  consoleKeyUsersStatement,
  consolePersistentResourcesStatement,
  consoleRootStatement,
} from '../../test-support/console-key-policy';
import type { CheckTexts } from '../types';
import { ACCOUNT, BUCKET, GROUP_KEY_ARN, KEY_ARN, ROLE_NAME, wizardTexts } from './broken-setups';

export const REALISTIC_ANSWERS: Answers = answersWith({
  operations: ['import', 'export', 'batch-inference', 'metric-reports'],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  keys: 'separate',
  keyArn: KEY_ARN,
  datasetGroupKeyArn: GROUP_KEY_ARN,
  accountId: ACCOUNT,
  roleName: ROLE_NAME,
  rolePath: '/service-role/',
  bucketName: BUCKET,
  region: 'us-east-1',
});

/** The console's key policy with the wizard's Personalize statement in place of its own root. */
function consoleKeyPolicy(wizardKeyPolicy: string): string {
  const { Statement: statements } = JSON.parse(wizardKeyPolicy) as { Statement: unknown[] };
  const user = `arn:aws:iam::${ACCOUNT}:role/AppUser`;
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        consoleRootStatement(ACCOUNT),
        consoleKeyAdminsStatement(`arn:aws:iam::${ACCOUNT}:role/KeyAdmin`),
        consoleKeyUsersStatement(user),
        consolePersistentResourcesStatement(user),
        ...statements.slice(1),
      ],
    },
    null,
    2,
  );
}

/** A role policy about other services, as teams attach them (logs, ECR, S3 elsewhere, SSM). */
function otherServicesPolicy(index: number): string {
  const n = String(index);
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: `Logs${n}`,
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:PutLogEvents'],
          Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/app/${n}:*`,
        },
        { Sid: `Ecr${n}`, Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        {
          Sid: `OtherData${n}`,
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: [`arn:aws:s3:::other-${n}`, `arn:aws:s3:::other-${n}/*`],
        },
        { Sid: `NoBucketDeletion${n}`, Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
        {
          Sid: `Parameters${n}`,
          Effect: 'Allow',
          Action: 'ssm:GetParameter',
          Resource: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/app/${n}`,
          Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
        },
      ],
    },
    null,
    2,
  );
}

const own = wizardTexts(REALISTIC_ANSWERS);

export const REALISTIC_TEXTS: CheckTexts = {
  ...own,
  errorMessage: 'Insufficient privileges for accessing data in S3',
  // The third field is not used with separate keys; it is read all the same.
  'key-policy': consoleKeyPolicy(own['key-policy-bucket']),
  'key-policy-bucket': consoleKeyPolicy(own['key-policy-bucket']),
  'key-policy-dataset-group': consoleKeyPolicy(own['key-policy-dataset-group']),
  rolePolicies: [
    own.rolePolicies,
    ...Array.from({ length: 8 }, (_, i) => otherServicesPolicy(i + 1)),
  ].join('\n'),
};
