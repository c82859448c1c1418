/**
 * The key policy the KMS console writes for a key with administrators and
 * users, statement by statement, for test fixtures. Written by hand from
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html.
 * Test-only.
 */

/** The actions of the console's "Allow access for Key Administrators" statement. */
const CONSOLE_KEY_ADMIN_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
];

/** The root statement: the account's IAM policies decide who may use the key. */
export function consoleRootStatement(account: string) {
  return {
    Sid: 'Enable IAM User Permissions',
    Effect: 'Allow' as const,
    Principal: { AWS: `arn:aws:iam::${account}:root` },
    Action: 'kms:*',
    Resource: '*',
  };
}

/** The key administrators' statement, for one ARN or several. */
export function consoleKeyAdminsStatement(admins: string | string[]) {
  return {
    Sid: 'Allow access for Key Administrators',
    Effect: 'Allow',
    Principal: { AWS: admins },
    Action: CONSOLE_KEY_ADMIN_ACTIONS,
    Resource: '*',
  };
}

/** The key users' statement: cryptographic use of the key. */
export function consoleKeyUsersStatement(user: string) {
  return {
    Sid: 'Allow use of the key',
    Effect: 'Allow',
    Principal: { AWS: user },
    Action: [
      'kms:Encrypt',
      'kms:Decrypt',
      'kms:ReEncrypt*',
      'kms:GenerateDataKey*',
      'kms:DescribeKey',
    ],
    Resource: '*',
  };
}

/** The key users' grants, for AWS services that attach the key to resources. */
export function consolePersistentResourcesStatement(user: string) {
  return {
    Sid: 'Allow attachment of persistent resources',
    Effect: 'Allow',
    Principal: { AWS: user },
    Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
    Resource: '*',
    Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
  };
}

/** A console key policy with these statements, its fields in the console's order. */
export function consoleKeyPolicy<T>(statements: T[]) {
  return { Id: 'key-consolepolicy-3', Version: '2012-10-17' as const, Statement: statements };
}
