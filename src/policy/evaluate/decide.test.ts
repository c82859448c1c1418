/**
 * The decision and the combination rules (decide.ts), one row per rule: KMS keys, S3 buckets
 * and role trust, for a role in the resource's account, a role in another account, and a
 * service principal; then explicit denies, unknowns and what is not given.
 */
import { describe, expect, test } from 'vitest';

import { evaluateRequest } from './index';
import type { EvaluationRequest, EvaluationResult, NamedPolicy, PolicySet } from './types';

const A = '111122223333';
const B = '444455556666';
const ROLE_A = `arn:aws:iam::${A}:role/service-role/PersonalizeRole`;
const OTHER_ROLE_A = `arn:aws:iam::${A}:role/Deployer`;
const ROLE_B = `arn:aws:iam::${B}:role/CrossRole`;
const SERVICE = 'personalize.amazonaws.com';
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OBJECT = 'arn:aws:s3:::data-bucket/input/users.csv';

function policy(name: string, ...statements: unknown[]): NamedPolicy {
  return { name, document: { Version: '2012-10-17', Statement: statements } };
}

const allowIn = (principal: unknown, action: string, extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: action,
  Resource: '*',
  ...extra,
});
const allowOn = (action: string, resource = '*', extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});

function request(
  principal: string,
  action: string,
  resource: string,
  resourceAccount = A,
  context: Record<string, string> = {},
  absentKeys: string[] = [],
): EvaluationRequest {
  return { principal, action, resource, resourceAccount, context, absentKeys };
}

interface Row {
  req: EvaluationRequest;
  policies: PolicySet;
  expected: Partial<EvaluationResult>;
}

function run(rows: Record<string, Row>) {
  test.each(Object.entries(rows))('%s', (_name, { req, policies, expected }) => {
    const result = evaluateRequest(req, policies);
    expect(result).toMatchObject(expected);
    if (result.decision === 'cannot-tell') expect(result.unknowns.length).toBeGreaterThan(0);
    else expect(result.unknowns).toEqual([]);
  });
}

const identityAllowsKey = policy('role policy', allowOn('kms:Decrypt', KEY));
const ref = (name: string, index: number, effect: 'Allow' | 'Deny', sid?: string) =>
  sid === undefined ? { policy: name, index, effect } : { policy: name, index, sid, effect };

describe('KMS keys', () => {
  const decrypt = (principal: string) => request(principal, 'kms:Decrypt', KEY);
  run({
    'same account, the key policy names the role: enough on its own': {
      req: decrypt(ROLE_A),
      policies: { resourcePolicy: policy('key policy', allowIn({ AWS: ROLE_A }, 'kms:Decrypt')) },
      expected: { decision: 'allowed', allowedBy: [ref('key policy', 0, 'Allow')] },
    },
    'same account, the key policy names the account and an identity policy allows': {
      req: decrypt(ROLE_A),
      policies: {
        resourcePolicy: policy('key policy', allowIn({ AWS: `arn:aws:iam::${A}:root` }, 'kms:*')),
        identityPolicies: [identityAllowsKey],
      },
      expected: {
        decision: 'allowed',
        allowedBy: [ref('key policy', 0, 'Allow'), ref('role policy', 0, 'Allow')],
      },
    },
    'same account, the key policy names the account, no identity grant': {
      req: decrypt(ROLE_A),
      policies: {
        resourcePolicy: policy('key policy', allowIn({ AWS: A }, 'kms:*')),
        identityPolicies: [policy('role policy', allowOn('s3:GetObject'))],
      },
      expected: { decision: 'implicitly-denied', missing: ['identity'] },
    },
    'same account, an identity grant alone is not enough': {
      req: decrypt(ROLE_A),
      policies: {
        resourcePolicy: policy('key policy', allowIn({ Service: SERVICE }, 'kms:Decrypt')),
        identityPolicies: [identityAllowsKey],
      },
      expected: { decision: 'implicitly-denied', missing: ['key-policy'] },
    },
    'another account, the key policy names the role and the identity policy allows': {
      req: decrypt(ROLE_B),
      policies: {
        resourcePolicy: policy('key policy', allowIn({ AWS: ROLE_B }, 'kms:Decrypt')),
        identityPolicies: [identityAllowsKey],
      },
      expected: {
        decision: 'allowed',
        allowedBy: [ref('key policy', 0, 'Allow'), ref('role policy', 0, 'Allow')],
      },
    },
    'another account, the key policy names its account and the identity policy allows': {
      req: decrypt(ROLE_B),
      policies: {
        resourcePolicy: policy('key policy', allowIn({ AWS: `arn:aws:iam::${B}:root` }, 'kms:*')),
        identityPolicies: [identityAllowsKey],
      },
      expected: { decision: 'allowed' },
    },
    'another account, the key policy names the role, no identity grant': {
      req: decrypt(ROLE_B),
      policies: { resourcePolicy: policy('key policy', allowIn({ AWS: ROLE_B }, 'kms:Decrypt')) },
      expected: { decision: 'implicitly-denied', missing: ['identity'] },
    },
    'another account, an identity grant, nothing in the key policy': {
      req: decrypt(ROLE_B),
      policies: {
        resourcePolicy: policy('key policy', allowIn({ AWS: A }, 'kms:*')),
        identityPolicies: [identityAllowsKey],
      },
      expected: { decision: 'implicitly-denied', missing: ['key-policy'] },
    },
    'another account, neither': {
      req: decrypt(ROLE_B),
      policies: { resourcePolicy: policy('key policy', allowIn({ AWS: A }, 'kms:*')) },
      expected: { decision: 'implicitly-denied', missing: ['key-policy', 'identity'] },
    },
    'the service, named by the key policy': {
      req: decrypt(SERVICE),
      policies: {
        resourcePolicy: policy(
          'key policy',
          allowIn({ AWS: ROLE_A, Service: SERVICE }, 'kms:Decrypt'),
        ),
      },
      expected: { decision: 'allowed', allowedBy: [ref('key policy', 0, 'Allow')] },
    },
    'the service is not in the account: the root statement does not name it': {
      req: decrypt(SERVICE),
      policies: {
        resourcePolicy: policy('key policy', allowIn({ AWS: `arn:aws:iam::${A}:root` }, 'kms:*')),
        identityPolicies: [identityAllowsKey],
      },
      expected: { decision: 'implicitly-denied', missing: ['key-policy'] },
    },
  });
});

describe('S3 buckets', () => {
  const get = (principal: string, bucketAccount = A) =>
    request(principal, 's3:GetObject', OBJECT, bucketAccount);
  const identityAllowsObject = policy(
    'role policy',
    allowOn('s3:GetObject', 'arn:aws:s3:::data-bucket/*'),
  );
  const bucket = (principal: unknown) =>
    policy('bucket policy', {
      Effect: 'Allow',
      Principal: principal,
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::data-bucket/*',
    });
  run({
    'same account, an identity grant and no bucket policy': {
      req: get(ROLE_A),
      policies: { identityPolicies: [identityAllowsObject], resourcePolicy: null },
      expected: { decision: 'allowed', allowedBy: [ref('role policy', 0, 'Allow')] },
    },
    'same account, the bucket policy names the role: enough on its own': {
      req: get(ROLE_A),
      policies: { resourcePolicy: bucket({ AWS: ROLE_A }) },
      expected: { decision: 'allowed', allowedBy: [ref('bucket policy', 0, 'Allow')] },
    },
    'same account, the bucket policy names the account only': {
      req: get(ROLE_A),
      policies: { resourcePolicy: bucket({ AWS: A }) },
      expected: { decision: 'implicitly-denied', missing: ['identity', 'bucket-policy'] },
    },
    'same account, nothing grants': {
      req: get(ROLE_A),
      policies: { identityPolicies: [], resourcePolicy: null },
      expected: { decision: 'implicitly-denied', missing: ['identity', 'bucket-policy'] },
    },
    'another account, the bucket policy names the role and the identity policy allows': {
      req: get(ROLE_B),
      policies: {
        identityPolicies: [identityAllowsObject],
        resourcePolicy: bucket({ AWS: ROLE_B }),
      },
      expected: { decision: 'allowed' },
    },
    'another account, the bucket policy names its account and the identity policy allows': {
      req: get(ROLE_B),
      policies: { identityPolicies: [identityAllowsObject], resourcePolicy: bucket({ AWS: B }) },
      expected: { decision: 'allowed' },
    },
    'another account, no identity grant': {
      req: get(ROLE_B),
      policies: { resourcePolicy: bucket({ AWS: ROLE_B }) },
      expected: { decision: 'implicitly-denied', missing: ['identity'] },
    },
    'another account, no bucket policy': {
      req: get(ROLE_B),
      policies: { identityPolicies: [identityAllowsObject], resourcePolicy: null },
      expected: { decision: 'implicitly-denied', missing: ['bucket-policy'] },
    },
    "the bucket in the role's account, as the request says": {
      req: get(ROLE_B, B),
      policies: { identityPolicies: [identityAllowsObject], resourcePolicy: null },
      expected: { decision: 'allowed' },
    },
    'the service, named by the bucket policy': {
      req: get(SERVICE),
      policies: { resourcePolicy: bucket({ Service: SERVICE }) },
      expected: { decision: 'allowed', allowedBy: [ref('bucket policy', 0, 'Allow')] },
    },
    'the service, no bucket policy': {
      req: get(SERVICE),
      policies: { resourcePolicy: null },
      expected: { decision: 'implicitly-denied', missing: ['bucket-policy'] },
    },
    'the bucket policy not given': {
      req: get(ROLE_A),
      policies: { identityPolicies: [identityAllowsObject] },
      expected: { decision: 'cannot-tell', unknowns: ['the bucket policy was not given'] },
    },
  });
});

describe('Role trust', () => {
  const assume = (principal: string, context: Record<string, string> = {}, absent: string[] = []) =>
    request(principal, 'sts:AssumeRole', ROLE_A, A, context, absent);
  const trust = (principal: unknown, condition?: unknown) =>
    policy('trust policy', {
      Effect: 'Allow',
      Principal: principal,
      Action: 'sts:AssumeRole',
      ...(condition === undefined ? {} : { Condition: condition }),
    });
  const confusedDeputy = {
    StringEquals: { 'aws:SourceAccount': A },
    ArnLike: { 'aws:SourceArn': `arn:aws:personalize:us-east-1:${A}:*` },
  };
  const personalizeSource = {
    'aws:SourceAccount': A,
    'aws:SourceArn': `arn:aws:personalize:us-east-1:${A}:dataset-import-job/import`,
  };
  run({
    'the service, named': {
      req: assume(SERVICE),
      policies: { resourcePolicy: trust({ Service: SERVICE }) },
      expected: { decision: 'allowed' },
    },
    'the service, not named': {
      req: assume(SERVICE),
      policies: { resourcePolicy: trust({ Service: 'lambda.amazonaws.com' }) },
      expected: { decision: 'implicitly-denied', missing: ['trust-policy'] },
    },
    'the service, with the confused-deputy conditions met': {
      req: assume(SERVICE, personalizeSource),
      policies: { resourcePolicy: trust({ Service: SERVICE }, confusedDeputy) },
      expected: { decision: 'allowed' },
    },
    'the service, from another account': {
      req: assume(SERVICE, { ...personalizeSource, 'aws:SourceAccount': B }),
      policies: { resourcePolicy: trust({ Service: SERVICE }, confusedDeputy) },
      expected: { decision: 'implicitly-denied', missing: ['trust-policy'] },
    },
    'the service, the source not known': {
      req: assume(SERVICE),
      policies: { resourcePolicy: trust({ Service: SERVICE }, confusedDeputy) },
      expected: {
        decision: 'cannot-tell',
        unknowns: [
          'trust policy, statement 1: the condition key aws:SourceAccount is neither given nor known to be absent',
          'trust policy, statement 1: the condition key aws:SourceArn is neither given nor known to be absent',
        ],
      },
    },
    'the service, the source known to be absent': {
      req: assume(SERVICE, {}, ['aws:SourceAccount', 'aws:SourceArn']),
      policies: { resourcePolicy: trust({ Service: SERVICE }, confusedDeputy) },
      expected: { decision: 'implicitly-denied' },
    },
    'a role of the same account, named: no identity grant needed': {
      req: assume(OTHER_ROLE_A),
      policies: { resourcePolicy: trust({ AWS: OTHER_ROLE_A }) },
      expected: { decision: 'allowed' },
    },
    'a role of the same account, its account named: the identity policy must allow': {
      req: assume(OTHER_ROLE_A),
      policies: { resourcePolicy: trust({ AWS: A }) },
      expected: { decision: 'implicitly-denied', missing: ['identity'] },
    },
    'a role of the same account, its account named, and an identity grant': {
      req: assume(OTHER_ROLE_A),
      policies: {
        resourcePolicy: trust({ AWS: A }),
        identityPolicies: [policy('deployer', allowOn('sts:AssumeRole', ROLE_A))],
      },
      expected: { decision: 'allowed' },
    },
    'a role of another account, named, without an identity grant': {
      req: assume(ROLE_B),
      policies: { resourcePolicy: trust({ AWS: ROLE_B }) },
      expected: { decision: 'implicitly-denied', missing: ['identity'] },
    },
    'the trust policy not given': {
      req: assume(SERVICE),
      policies: {},
      expected: { decision: 'cannot-tell', unknowns: ['the trust policy was not given'] },
    },
    'a role has a trust policy: null is not enough': {
      req: assume(SERVICE),
      policies: { resourcePolicy: null },
      expected: { decision: 'cannot-tell', unknowns: ['the trust policy was not given'] },
    },
  });
});

describe('Explicit denies and what cannot be told', () => {
  const decrypt = (context: Record<string, string> = {}, absent: string[] = []) =>
    request(SERVICE, 'kms:Decrypt', KEY, A, context, absent);
  const grant = allowIn({ Service: SERVICE }, 'kms:*');
  const denyUnless = (account: string, sid?: string) => ({
    ...(sid === undefined ? {} : { Sid: sid }),
    Effect: 'Deny',
    Principal: '*',
    Action: 'kms:*',
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:SourceAccount': account } },
  });
  run({
    'a Deny on everyone': {
      req: decrypt(),
      policies: {
        resourcePolicy: policy('key policy', grant, {
          Sid: 'NoOne',
          Effect: 'Deny',
          Principal: '*',
          Action: 'kms:Decrypt',
          Resource: '*',
        }),
      },
      expected: {
        decision: 'explicitly-denied',
        deniedBy: [ref('key policy', 1, 'Deny', 'NoOne')],
      },
    },
    'a Deny with NotPrincipal': {
      req: decrypt(),
      policies: {
        resourcePolicy: policy('key policy', grant, {
          Effect: 'Deny',
          NotPrincipal: { AWS: `arn:aws:iam::${A}:root` },
          Action: 'kms:*',
          Resource: '*',
        }),
      },
      expected: { decision: 'explicitly-denied', deniedBy: [ref('key policy', 1, 'Deny')] },
    },
    'a Deny with NotAction': {
      req: decrypt(),
      policies: {
        resourcePolicy: policy('key policy', grant, {
          Effect: 'Deny',
          Principal: { Service: SERVICE },
          NotAction: 'kms:Describe*',
          Resource: '*',
        }),
      },
      expected: { decision: 'explicitly-denied' },
    },
    'a Deny whose condition holds': {
      req: decrypt({ 'aws:SourceAccount': B }),
      policies: { resourcePolicy: policy('key policy', grant, denyUnless(A)) },
      expected: { decision: 'explicitly-denied', deniedBy: [ref('key policy', 1, 'Deny')] },
    },
    'a Deny whose condition does not hold': {
      req: decrypt({ 'aws:SourceAccount': A }),
      policies: { resourcePolicy: policy('key policy', grant, denyUnless(A)) },
      expected: { decision: 'allowed', allowedBy: [ref('key policy', 0, 'Allow')] },
    },
    'a Deny that may apply': {
      req: decrypt(),
      policies: { resourcePolicy: policy('key policy', grant, denyUnless(A, 'OnlyOurs')) },
      expected: {
        decision: 'cannot-tell',
        unknowns: [
          'key policy, statement 2 ("OnlyOurs"): the condition key aws:SourceAccount is neither given nor known to be absent',
        ],
      },
    },
    'a Deny that may apply, and one that does': {
      req: decrypt(),
      policies: {
        resourcePolicy: policy('key policy', grant, denyUnless(A), {
          Effect: 'Deny',
          Principal: '*',
          Action: '*',
          Resource: '*',
        }),
      },
      expected: { decision: 'explicitly-denied', deniedBy: [ref('key policy', 2, 'Deny')] },
    },
    'an identity Deny counts for a role': {
      req: request(ROLE_A, 'kms:Decrypt', KEY),
      policies: {
        resourcePolicy: policy('key policy', allowIn({ AWS: ROLE_A }, 'kms:*')),
        identityPolicies: [
          policy('role policy', { Effect: 'Deny', Action: 'kms:*', Resource: '*' }),
        ],
      },
      expected: { decision: 'explicitly-denied', deniedBy: [ref('role policy', 0, 'Deny')] },
    },
    'a statement whose Effect is not understood may deny': {
      req: decrypt(),
      policies: {
        resourcePolicy: policy('key policy', grant, { ...grant, Effect: 'deny' }),
      },
      expected: {
        decision: 'cannot-tell',
        unknowns: ['key policy, statement 2: its Effect "deny" is neither "Allow" nor "Deny"'],
      },
    },
    'a policy not understood as a whole': {
      req: decrypt(),
      policies: {
        resourcePolicy: { name: 'key policy', document: { Statement: [grant], Comment: 'x' } },
      },
      expected: {
        decision: 'cannot-tell',
        unknowns: ['key policy: the policy has an element "Comment" AWS does not define'],
      },
    },
    'an Allow the outcome depends on': {
      req: decrypt(),
      policies: {
        resourcePolicy: policy(
          'key policy',
          allowIn({ Service: SERVICE }, 'kms:Decrypt', {
            Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } },
          }),
        ),
      },
      expected: {
        decision: 'cannot-tell',
        unknowns: [
          'key policy, statement 1: the condition operator "DateLessThan" is not evaluated here',
        ],
      },
    },
    'an unknown Allow beside one that grants': {
      req: decrypt(),
      policies: {
        resourcePolicy: policy(
          'key policy',
          allowIn({ Service: SERVICE }, 'kms:Decrypt', {
            Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } },
          }),
          grant,
        ),
      },
      expected: { decision: 'allowed', allowedBy: [ref('key policy', 1, 'Allow')] },
    },
    'an unknown Deny on another action does not matter': {
      req: decrypt(),
      policies: {
        resourcePolicy: policy('key policy', grant, {
          Effect: 'Deny',
          Principal: '*',
          Action: 'kms:ScheduleKeyDeletion',
          Resource: '*',
          Condition: { StringEqualsFoo: { x: 'y' } },
        }),
      },
      expected: { decision: 'allowed' },
    },
  });
});

describe('Requests that are not understood', () => {
  run({
    'a user principal': {
      req: request(`arn:aws:iam::${A}:user/alice`, 'kms:Decrypt', KEY),
      policies: { resourcePolicy: policy('key policy') },
      expected: { decision: 'cannot-tell' },
    },
    'a wildcard action': {
      req: request(SERVICE, 'kms:*', KEY),
      policies: { resourcePolicy: policy('key policy') },
      expected: { decision: 'cannot-tell' },
    },
    'an S3 action on a key': {
      req: request(SERVICE, 's3:GetObject', KEY),
      policies: { resourcePolicy: policy('key policy') },
      expected: { decision: 'cannot-tell' },
    },
    'a key in another account than the request says': {
      req: request(SERVICE, 'kms:Decrypt', KEY, B),
      policies: { resourcePolicy: policy('key policy') },
      expected: { decision: 'cannot-tell' },
    },
    'no resource: a whole decision needs one': {
      req: { ...request(SERVICE, 'kms:Decrypt', KEY), resource: undefined },
      policies: { resourcePolicy: policy('key policy') },
      expected: { decision: 'cannot-tell', unknowns: ["the request's resource is not given"] },
    },
    'a resource of another kind': {
      req: request(ROLE_A, 'cloudwatch:PutMetricData', `arn:aws:cloudwatch:us-east-1:${A}:alarm:x`),
      policies: {},
      expected: { decision: 'cannot-tell' },
    },
  });
});
