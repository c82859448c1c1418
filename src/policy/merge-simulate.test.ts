/**
 * An independent check that a merged key policy WORKS: the console's default
 * policy (root, key administrators, key users, persistent resources) is merged
 * with the builder's Personalize statement, and the IAM policy simulator
 * (@cloud-copilot/iam-simulate) evaluates every principal against the policy
 * before and after. Everyone the user's policy allowed keeps exactly what they
 * had; the Personalize role and service principal gain exactly the guide's
 * actions (rules file, section 1); the account can still manage the key
 * (section 4).
 *
 * The simulator is AGPL-licensed: a devDependency only test files import.
 * See simulate.test.ts for how it evaluates KMS.
 */
import { describe, expect, it, test } from 'vitest';

import { buildPolicies, type PolicyStatement } from './index';
import { mergeKeyPolicy, type MergeResult } from './merge';
import { validAnswers } from './test-support/answers';
import {
  consoleKeyAdminsStatement,
  consoleKeyPolicy,
  consoleKeyUsersStatement,
  consolePersistentResourcesStatement,
  consoleRootStatement,
} from './test-support/console-key-policy';
import { neededOf } from './test-support/documents';
import { BUCKET_ACTIONS, coveredOperations } from './test-support/kms-rules';
import {
  ALLOW_ALL_KMS,
  allowedOnly,
  CHECKED_KMS_ACTIONS,
  kmsVerdicts,
} from './test-support/simulator';

const ACCOUNT = '111122223333';
const STRANGER_ACCOUNT = '999988887777';
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/PersonalizeRole`;
const ROLE_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/PersonalizeRole/personalize-session`;
const KEY_ADMIN = `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`;
const KEY_USER = `arn:aws:iam::${ACCOUNT}:role/AppUser`;
const KEY_USER_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/AppUser/app`;
const ACCOUNT_ADMIN = `arn:aws:iam::${ACCOUNT}:role/Admin`;
const SERVICE = 'personalize.amazonaws.com';

// What the console's statements grant, expanded by hand from their wildcards.
const KEY_USER_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GenerateDataKeyPair',
  'kms:DescribeKey',
];
const KEY_USER_GRANT_ACTIONS = ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'];
const KEY_ADMIN_ACTIONS = [
  'kms:CreateGrant',
  'kms:DescribeKey',
  'kms:EnableKey',
  'kms:ListGrants',
  'kms:PutKeyPolicy',
  'kms:UpdateKeyDescription',
  'kms:RevokeGrant',
  'kms:DisableKey',
  'kms:GetKeyPolicy',
  'kms:TagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
];

const ROOT = consoleRootStatement(ACCOUNT);

const CONSOLE_STATEMENTS = [
  consoleKeyAdminsStatement(KEY_ADMIN),
  consoleKeyUsersStatement(KEY_USER),
  consolePersistentResourcesStatement(KEY_USER),
];

/** The builder's Personalize statement (its statement-only view). */
function personalizeStatement(): PolicyStatement {
  const answers = validAnswers({
    accountId: ACCOUNT,
    roleName: 'PersonalizeRole',
    rolePath: '/service-role/',
    bucketEncrypted: true,
    operations: coveredOperations('2023-01'),
    keyArn: KEY_ARN,
  });
  const statement = neededOf(buildPolicies(answers).documents, 'key-policy').statementOnly
    ?.statement;
  if (!statement) throw new Error('the builder gave no statement-only view');
  return statement;
}

function mergedPolicy(result: MergeResult): unknown {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.policy;
}

/** The simulator's verdict for every checked action on the key. */
const verdicts = (
  principal: string,
  keyPolicy: unknown,
  identityPolicies: readonly unknown[],
  context: Record<string, string> = {},
) =>
  kmsVerdicts({
    principal,
    resource: KEY_ARN,
    resourcePolicy: keyPolicy,
    identityPolicies,
    context,
  });

const GRANT_FOR_AWS_RESOURCE = { 'kms:GrantIsForAWSResource': 'true' };

interface Row {
  who: string;
  principal: string;
  identityPolicies?: readonly unknown[];
  context?: Record<string, string>;
  before: readonly string[];
  after: readonly string[];
}

const ROWS: Row[] = [
  {
    who: 'key user (role)',
    principal: KEY_USER,
    before: KEY_USER_ACTIONS,
    after: KEY_USER_ACTIONS,
  },
  {
    who: 'key user (assumed-role session)',
    principal: KEY_USER_SESSION,
    before: KEY_USER_ACTIONS,
    after: KEY_USER_ACTIONS,
  },
  {
    who: 'key user, grant for an AWS resource',
    principal: KEY_USER,
    context: GRANT_FOR_AWS_RESOURCE,
    before: [...KEY_USER_ACTIONS, ...KEY_USER_GRANT_ACTIONS],
    after: [...KEY_USER_ACTIONS, ...KEY_USER_GRANT_ACTIONS],
  },
  {
    who: 'key administrator',
    principal: KEY_ADMIN,
    before: KEY_ADMIN_ACTIONS,
    after: KEY_ADMIN_ACTIONS,
  },
  {
    who: 'account admin with a kms:* IAM policy',
    principal: ACCOUNT_ADMIN,
    identityPolicies: [ALLOW_ALL_KMS],
    before: CHECKED_KMS_ACTIONS,
    after: CHECKED_KMS_ACTIONS,
  },
  { who: 'account admin without IAM policies', principal: ACCOUNT_ADMIN, before: [], after: [] },
  { who: 'Personalize role', principal: ROLE_ARN, before: [], after: BUCKET_ACTIONS },
  { who: 'Personalize role session', principal: ROLE_SESSION, before: [], after: BUCKET_ACTIONS },
  { who: 'Personalize service principal', principal: SERVICE, before: [], after: BUCKET_ACTIONS },
  {
    who: 'another account’s admin with kms:*',
    principal: `arn:aws:iam::${STRANGER_ACCOUNT}:role/Admin`,
    identityPolicies: [ALLOW_ALL_KMS],
    before: [],
    after: [],
  },
];

describe('a merged console key policy, evaluated by @cloud-copilot/iam-simulate', () => {
  const statement = personalizeStatement();
  const context = { keyAccountId: ACCOUNT, partition: 'aws' } as const;
  const original = consoleKeyPolicy([ROOT, ...CONSOLE_STATEMENTS]);
  const merged = mergedPolicy(
    mergeKeyPolicy(JSON.stringify(original, null, 2), statement, context),
  );

  test.each(ROWS)(
    '$who: before the merge',
    async ({ principal, identityPolicies = [], context: variables, before }) => {
      expect(await verdicts(principal, original, identityPolicies, variables)).toEqual(
        allowedOnly(before),
      );
    },
  );

  test.each(ROWS)(
    '$who: after the merge',
    async ({ principal, identityPolicies = [], context: variables, after }) => {
      expect(await verdicts(principal, merged, identityPolicies, variables)).toEqual(
        allowedOnly(after),
      );
    },
  );

  it('updating an older Personalize statement in place gives the role the new actions and nobody else anything', async () => {
    const older = { ...statement, Action: 'kms:Decrypt' };
    const withOlder = consoleKeyPolicy([ROOT, ...CONSOLE_STATEMENTS, older]);
    const result = mergeKeyPolicy(JSON.stringify(withOlder), statement, context);
    expect(result.ok && result.changes.map((change) => change.kind)).toEqual(['updated']);
    const updated = mergedPolicy(result);
    expect(await verdicts(ROLE_ARN, withOlder, [])).toEqual(allowedOnly(['kms:Decrypt']));
    expect(await verdicts(ROLE_ARN, updated, [])).toEqual(allowedOnly(BUCKET_ACTIONS));
    expect(await verdicts(KEY_USER, updated, [])).toEqual(allowedOnly(KEY_USER_ACTIONS));
    expect(await verdicts(ACCOUNT_ADMIN, updated, [ALLOW_ALL_KMS])).toEqual(
      allowedOnly(CHECKED_KMS_ACTIONS),
    );
  });

  describe('a console policy without the root statement (the lockout warning)', () => {
    const withoutRoot = consoleKeyPolicy(CONSOLE_STATEMENTS);
    const text = JSON.stringify(withoutRoot, null, 2);

    it('merged as it is: warns, and the account admin cannot PutKeyPolicy through IAM', async () => {
      const result = mergeKeyPolicy(text, statement, context);
      expect(result.ok && result.warnings.map((warning) => warning.code)).toEqual(['lockout-risk']);
      const policy = mergedPolicy(result);
      expect(await verdicts(ACCOUNT_ADMIN, policy, [ALLOW_ALL_KMS])).toEqual(allowedOnly([]));
      // Only the named key administrator can still change the policy.
      expect((await verdicts(KEY_ADMIN, policy, []))['kms:PutKeyPolicy']).toBe('Allowed');
      expect(await verdicts(SERVICE, policy, [])).toEqual(allowedOnly(BUCKET_ACTIONS));
    });

    it('merged with addRootStatement: the account admin can PutKeyPolicy again, the others keep theirs', async () => {
      const result = mergeKeyPolicy(text, statement, context, { addRootStatement: true });
      expect(result.ok && result.warnings).toEqual([]);
      const policy = mergedPolicy(result);
      expect(await verdicts(ACCOUNT_ADMIN, policy, [ALLOW_ALL_KMS])).toEqual(
        allowedOnly(CHECKED_KMS_ACTIONS),
      );
      expect(await verdicts(KEY_USER, policy, [])).toEqual(allowedOnly(KEY_USER_ACTIONS));
      expect(await verdicts(KEY_ADMIN, policy, [])).toEqual(allowedOnly(KEY_ADMIN_ACTIONS));
      expect(await verdicts(ROLE_ARN, policy, [])).toEqual(allowedOnly(BUCKET_ACTIONS));
    });
  });
});
