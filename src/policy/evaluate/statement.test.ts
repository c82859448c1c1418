/**
 * One statement at a time (statementsMatching): Action/NotAction, Resource/NotResource,
 * Principal/NotPrincipal of every shape, the element rules of each policy kind, and anything
 * malformed, which is unknown with a reason and never throws.
 */
import { describe, expect, test } from 'vitest';

import { statementsMatching } from './index';
import type { EvaluationRequest, PolicyKind, StatementVerdict } from './types';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/PersonalizeRole`;
const SERVICE = 'personalize.amazonaws.com';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OBJECT = 'arn:aws:s3:::data-bucket/input/users.csv';

function request(principal: string, action = 'kms:Decrypt', resource = KEY): EvaluationRequest {
  return { principal, action, resource, resourceAccount: ACCOUNT, context: {}, absentKeys: [] };
}

function verdictOf(statement: unknown, kind: PolicyKind, req: EvaluationRequest): StatementVerdict {
  const { verdicts, problems } = statementsMatching(
    { name: 'policy', document: { Version: '2012-10-17', Statement: [statement] } },
    req,
    kind,
  );
  expect(problems).toEqual([]);
  const [verdict] = verdicts;
  if (!verdict) throw new Error('no verdict');
  return verdict;
}

type Expected = [applies: string, directly: string, viaAccount: string];

function run(
  kind: PolicyKind,
  rows: Record<string, { statement: unknown; req: EvaluationRequest; expected: Expected }>,
) {
  test.each(Object.entries(rows))('%s', (_name, { statement, req, expected }) => {
    const verdict = verdictOf(statement, kind, req);
    expect([verdict.applies, verdict.appliesDirectly, verdict.appliesViaAccount]).toEqual(expected);
    if (verdict.applies === 'unknown') expect(verdict.reasons.length).toBeGreaterThan(0);
    else expect(verdict.reasons).toEqual([]);
  });
}

/** A statement as JSON would give it: a field set to undefined is left out. */
function statementWith(base: Record<string, unknown>, fields: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries({ ...base, ...fields }).filter(([, value]) => value !== undefined),
  );
}

const keyStatement = (fields: Record<string, unknown>) =>
  statementWith(
    { Effect: 'Allow', Principal: { Service: SERVICE }, Action: 'kms:Decrypt', Resource: '*' },
    fields,
  );

describe('Action and NotAction', () => {
  const svc = request(SERVICE);
  run('key-policy', {
    exact: { statement: keyStatement({}), req: svc, expected: ['yes', 'yes', 'no'] },
    'any case': {
      statement: keyStatement({ Action: 'KMS:decrypt' }),
      req: svc,
      expected: ['yes', 'yes', 'no'],
    },
    '*': { statement: keyStatement({ Action: '*' }), req: svc, expected: ['yes', 'yes', 'no'] },
    'kms:*': {
      statement: keyStatement({ Action: 'kms:*' }),
      req: svc,
      expected: ['yes', 'yes', 'no'],
    },
    'kms:De*': {
      statement: keyStatement({ Action: 'kms:De*' }),
      req: svc,
      expected: ['yes', 'yes', 'no'],
    },
    '?': {
      statement: keyStatement({ Action: 'kms:Decryp?' }),
      req: svc,
      expected: ['yes', 'yes', 'no'],
    },
    'another action': {
      statement: keyStatement({ Action: ['kms:Encrypt', 'kms:Describe*'] }),
      req: svc,
      expected: ['no', 'no', 'no'],
    },
    'another service': {
      statement: keyStatement({ Action: 's3:Decrypt' }),
      req: svc,
      expected: ['no', 'no', 'no'],
    },
    'NotAction excluding it': {
      statement: keyStatement({ Action: undefined, NotAction: 'kms:Decrypt' }),
      req: svc,
      expected: ['no', 'no', 'no'],
    },
    'NotAction excluding others': {
      statement: keyStatement({ Action: undefined, NotAction: ['kms:Encrypt', 's3:*'] }),
      req: svc,
      expected: ['yes', 'yes', 'no'],
    },
    'a wildcard in the service prefix': {
      statement: keyStatement({ Action: 'km*:Decrypt' }),
      req: svc,
      expected: ['unknown', 'unknown', 'no'],
    },
    'a wildcard service prefix beside a match': {
      statement: keyStatement({ Action: ['km*:Decrypt', 'kms:Decrypt'] }),
      req: svc,
      expected: ['yes', 'yes', 'no'],
    },
    'no colon': {
      statement: keyStatement({ Action: 'Decrypt' }),
      req: svc,
      expected: ['unknown', 'unknown', 'no'],
    },
    'a space in the name': {
      statement: keyStatement({ Action: 'kms:Decrypt ' }),
      req: svc,
      expected: ['unknown', 'unknown', 'no'],
    },
    'an empty list': {
      statement: keyStatement({ Action: [] }),
      req: svc,
      expected: ['unknown', 'unknown', 'no'],
    },
    'both Action and NotAction': {
      statement: keyStatement({ NotAction: 'kms:Encrypt' }),
      req: svc,
      expected: ['unknown', 'unknown', 'no'],
    },
    'neither Action nor NotAction': {
      statement: keyStatement({ Action: undefined }),
      req: svc,
      expected: ['unknown', 'unknown', 'no'],
    },
  });
});

describe('Resource and NotResource', () => {
  const role = request(ROLE, 's3:GetObject', OBJECT);
  const identity = (fields: Record<string, unknown>) =>
    statementWith({ Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECT }, fields);
  run('identity', {
    exact: { statement: identity({}), req: role, expected: ['yes', 'yes', 'no'] },
    '*': { statement: identity({ Resource: '*' }), req: role, expected: ['yes', 'yes', 'no'] },
    'bucket/*': {
      statement: identity({ Resource: 'arn:aws:s3:::data-bucket/*' }),
      req: role,
      expected: ['yes', 'yes', 'no'],
    },
    'the bucket, not its objects': {
      statement: identity({ Resource: 'arn:aws:s3:::data-bucket' }),
      req: role,
      expected: ['no', 'no', 'no'],
    },
    'a bucket name wildcard': {
      statement: identity({ Resource: 'arn:aws:s3:::data-*/input/*' }),
      req: role,
      expected: ['yes', 'yes', 'no'],
    },
    '?': {
      statement: identity({ Resource: 'arn:aws:s3:::data-bucke?/input/users.csv' }),
      req: role,
      expected: ['yes', 'yes', 'no'],
    },
    'case-sensitive': {
      statement: identity({ Resource: 'arn:aws:s3:::data-bucket/INPUT/*' }),
      req: role,
      expected: ['no', 'no', 'no'],
    },
    'a service part in another case: AWS does not say': {
      statement: identity({ Resource: 'arn:aws:S3:::data-bucket/*' }),
      req: role,
      expected: ['unknown', 'unknown', 'no'],
    },
    'a partition in another case, and another bucket': {
      statement: identity({ Resource: 'arn:AWS:s3:::other-bucket/*' }),
      req: role,
      expected: ['no', 'no', 'no'],
    },
    'NotResource excluding it': {
      statement: identity({ Resource: undefined, NotResource: 'arn:aws:s3:::data-bucket/*' }),
      req: role,
      expected: ['no', 'no', 'no'],
    },
    'NotResource excluding others': {
      statement: identity({ Resource: undefined, NotResource: ['arn:aws:s3:::other/*'] }),
      req: role,
      expected: ['yes', 'yes', 'no'],
    },
    'an ARN cut short after a *': {
      statement: identity({ Resource: 'arn:aws:s3:*' }),
      req: role,
      expected: ['yes', 'yes', 'no'],
    },
    'an ARN cut short': {
      statement: identity({ Resource: 'arn:aws:s3' }),
      req: role,
      expected: ['unknown', 'unknown', 'no'],
    },
    'a wildcard in the service': {
      statement: identity({ Resource: 'arn:aws:s*:::data-bucket/*' }),
      req: role,
      expected: ['unknown', 'unknown', 'no'],
    },
    'a policy variable': {
      statement: identity({ Resource: 'arn:aws:s3:::data-bucket/${aws:username}/*' }),
      req: role,
      expected: ['unknown', 'unknown', 'no'],
    },
    'not an ARN': {
      statement: identity({ Resource: 'data-bucket' }),
      req: role,
      expected: ['unknown', 'unknown', 'no'],
    },
    'no Resource': {
      statement: identity({ Resource: undefined }),
      req: role,
      expected: ['unknown', 'unknown', 'no'],
    },
    'a Principal in an identity policy': {
      statement: identity({ Principal: '*' }),
      req: role,
      expected: ['unknown', 'unknown', 'no'],
    },
  });
  run('key-policy', {
    'a key ARN': {
      statement: keyStatement({ Resource: KEY }),
      req: request(SERVICE),
      expected: ['yes', 'yes', 'no'],
    },
    'a wildcard in the resource type': {
      statement: keyStatement({ Resource: `arn:aws:kms:us-east-1:${ACCOUNT}:k*/*` }),
      req: request(SERVICE),
      expected: ['unknown', 'unknown', 'no'],
    },
    'a region in another case': {
      statement: keyStatement({ Resource: `arn:aws:kms:US-EAST-1:${ACCOUNT}:key/*` }),
      req: request(SERVICE),
      expected: ['unknown', 'unknown', 'no'],
    },
    'another key': {
      statement: keyStatement({ Resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/other` }),
      req: request(SERVICE),
      expected: ['no', 'no', 'no'],
    },
    'no Resource': {
      statement: keyStatement({ Resource: undefined }),
      req: request(SERVICE),
      expected: ['unknown', 'unknown', 'no'],
    },
  });
  // A key policy pasted before the key's ARN is given: the request names no key.
  const noKey: EvaluationRequest = { ...request(SERVICE), resource: undefined };
  run('key-policy', {
    'no key given: "*" covers it': {
      statement: keyStatement({ Resource: '*' }),
      req: noKey,
      expected: ['yes', 'yes', 'no'],
    },
    'no key given: a key ARN may be it': {
      statement: keyStatement({ Resource: KEY }),
      req: noKey,
      expected: ['unknown', 'unknown', 'no'],
    },
    'no key given: key/* may cover it': {
      statement: keyStatement({ Resource: [`arn:aws:kms:us-east-1:${ACCOUNT}:key/*`] }),
      req: noKey,
      expected: ['unknown', 'unknown', 'no'],
    },
    'no key given: NotResource "*" leaves it out': {
      statement: keyStatement({ Resource: undefined, NotResource: '*' }),
      req: noKey,
      expected: ['no', 'no', 'no'],
    },
    'no key given: NotResource on a key ARN may leave it out': {
      statement: keyStatement({ Resource: undefined, NotResource: KEY }),
      req: noKey,
      expected: ['unknown', 'unknown', 'no'],
    },
  });
  test('without the key, the reason says the key’s ARN is not given', () => {
    const verdict = verdictOf(keyStatement({ Sid: 'OneKey', Resource: KEY }), 'key-policy', noKey);
    expect(verdict.reasons).toEqual([
      `statement 1 ("OneKey"): whether its resource "${KEY}" is the one asked for is not known: the key's ARN is not given`,
    ]);
  });
  const assume = request(SERVICE, 'sts:AssumeRole', ROLE);
  run('trust-policy', {
    'no Resource, as AWS wants': {
      statement: { Effect: 'Allow', Principal: { Service: SERVICE }, Action: 'sts:AssumeRole' },
      req: assume,
      expected: ['yes', 'yes', 'no'],
    },
    'a Resource in a trust policy': {
      statement: {
        Effect: 'Allow',
        Principal: { Service: SERVICE },
        Action: 'sts:AssumeRole',
        Resource: '*',
      },
      req: assume,
      expected: ['unknown', 'unknown', 'no'],
    },
  });
});

describe('Principal and NotPrincipal', () => {
  const role = request(ROLE);
  const svc = request(SERVICE);
  const withPrincipal = (principal: unknown, not = false) =>
    keyStatement({ Principal: undefined, [not ? 'NotPrincipal' : 'Principal']: principal });
  run('key-policy', {
    '"*" names a role': {
      statement: withPrincipal('*'),
      req: role,
      expected: ['yes', 'yes', 'no'],
    },
    '"*" names a service': {
      statement: withPrincipal('*'),
      req: svc,
      expected: ['yes', 'yes', 'no'],
    },
    'AWS "*"': { statement: withPrincipal({ AWS: '*' }), req: svc, expected: ['yes', 'yes', 'no'] },
    'the role ARN': {
      statement: withPrincipal({ AWS: ROLE }),
      req: role,
      expected: ['yes', 'yes', 'no'],
    },
    'the role ARN in a list': {
      statement: withPrincipal({ AWS: [`arn:aws:iam::${ACCOUNT}:role/Other`, ROLE] }),
      req: role,
      expected: ['yes', 'yes', 'no'],
    },
    'the role ARN without its path': {
      statement: withPrincipal({ AWS: `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole` }),
      req: role,
      expected: ['no', 'no', 'no'],
    },
    'the account ID': {
      statement: withPrincipal({ AWS: ACCOUNT }),
      req: role,
      expected: ['yes', 'no', 'yes'],
    },
    'the account root': {
      statement: withPrincipal({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
      req: role,
      expected: ['yes', 'no', 'yes'],
    },
    'the root of another partition': {
      statement: withPrincipal({ AWS: `arn:aws-cn:iam::${ACCOUNT}:root` }),
      req: role,
      expected: ['no', 'no', 'no'],
    },
    'another account': {
      statement: withPrincipal({ AWS: OTHER }),
      req: role,
      expected: ['no', 'no', 'no'],
    },
    'the account and the role': {
      statement: withPrincipal({ AWS: [ACCOUNT, ROLE] }),
      req: role,
      expected: ['yes', 'yes', 'yes'],
    },
    'an account names no service': {
      statement: withPrincipal({ AWS: ACCOUNT }),
      req: svc,
      expected: ['no', 'no', 'no'],
    },
    'the service': {
      statement: withPrincipal({ Service: SERVICE }),
      req: svc,
      expected: ['yes', 'yes', 'no'],
    },
    'the service names no role': {
      statement: withPrincipal({ Service: SERVICE }),
      req: role,
      expected: ['no', 'no', 'no'],
    },
    'another service': {
      statement: withPrincipal({ Service: 's3.amazonaws.com' }),
      req: svc,
      expected: ['no', 'no', 'no'],
    },
    'a service lookalike in another case': {
      statement: withPrincipal({ Service: 'Personalize.amazonaws.com' }),
      req: svc,
      expected: ['unknown', 'unknown', 'unknown'],
    },
    'a service with a wildcard': {
      statement: withPrincipal({ Service: '*.amazonaws.com' }),
      req: svc,
      expected: ['unknown', 'unknown', 'unknown'],
    },
    'the role and the service, asked by the service': {
      statement: withPrincipal({ AWS: ROLE, Service: SERVICE }),
      req: svc,
      expected: ['yes', 'yes', 'no'],
    },
    'a role ARN with a wildcard': {
      statement: withPrincipal({ AWS: `arn:aws:iam::${ACCOUNT}:role/*` }),
      req: role,
      expected: ['unknown', 'unknown', 'unknown'],
    },
    'the role ARN in another case': {
      statement: withPrincipal({ AWS: ROLE.toLowerCase() }),
      req: role,
      expected: ['unknown', 'unknown', 'unknown'],
    },
    'one session of the role': {
      statement: withPrincipal({
        AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/PersonalizeRole/session-1`,
      }),
      req: role,
      expected: ['unknown', 'unknown', 'no'],
    },
    'a session of another role': {
      statement: withPrincipal({ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/Other/session-1` }),
      req: role,
      expected: ['no', 'no', 'no'],
    },
    'a user': {
      statement: withPrincipal({ AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }),
      req: role,
      expected: ['no', 'no', 'no'],
    },
    'a unique ID': {
      statement: withPrincipal({ AWS: 'AROA1234567890EXAMPLE' }),
      req: role,
      expected: ['unknown', 'unknown', 'unknown'],
    },
    Federated: {
      statement: withPrincipal({ Federated: 'cognito-identity.amazonaws.com' }),
      req: role,
      expected: ['no', 'no', 'no'],
    },
    CanonicalUser: {
      statement: withPrincipal({ CanonicalUser: '79a59df900b949e55d96a1e698fbaced' }),
      req: svc,
      expected: ['no', 'no', 'no'],
    },
    'a key AWS does not define': {
      statement: withPrincipal({ Aws: ROLE }),
      req: role,
      expected: ['unknown', 'unknown', 'unknown'],
    },
    'a bare account string': {
      statement: withPrincipal(ACCOUNT),
      req: role,
      expected: ['unknown', 'unknown', 'unknown'],
    },
    'no Principal in a key policy': {
      statement: withPrincipal(undefined),
      req: role,
      expected: ['unknown', 'unknown', 'unknown'],
    },
    'NotPrincipal of others applies to the service': {
      statement: withPrincipal({ AWS: ROLE }, true),
      req: svc,
      expected: ['yes', 'yes', 'no'],
    },
    'NotPrincipal of the service': {
      statement: withPrincipal({ Service: SERVICE }, true),
      req: svc,
      expected: ['no', 'no', 'no'],
    },
    'NotPrincipal "*"': {
      statement: withPrincipal({ AWS: '*' }, true),
      req: svc,
      expected: ['no', 'no', 'no'],
    },
    'NotPrincipal of others applies to the role': {
      statement: withPrincipal({ AWS: [OTHER, `arn:aws:iam::${ACCOUNT}:role/Other`] }, true),
      req: role,
      expected: ['yes', 'yes', 'no'],
    },
    'NotPrincipal of the role: its sessions depend on being named': {
      statement: withPrincipal({ AWS: ROLE }, true),
      req: role,
      expected: ['unknown', 'unknown', 'no'],
    },
    'NotPrincipal of the account': {
      statement: withPrincipal({ AWS: `arn:aws:iam::${ACCOUNT}:root` }, true),
      req: role,
      expected: ['unknown', 'unknown', 'no'],
    },
  });
});

describe('Statements that are not understood', () => {
  const svc = request(SERVICE);
  run('key-policy', {
    'an Effect in lower case': {
      statement: keyStatement({ Effect: 'deny' }),
      req: svc,
      expected: ['unknown', 'unknown', 'no'],
    },
    'no Effect': {
      statement: keyStatement({ Effect: undefined }),
      req: svc,
      expected: ['unknown', 'unknown', 'no'],
    },
    'an element AWS does not define': {
      statement: keyStatement({ Resources: '*' }),
      req: svc,
      expected: ['unknown', 'unknown', 'no'],
    },
    'a Sid that is not a string': {
      statement: keyStatement({ Sid: 1 }),
      req: svc,
      expected: ['unknown', 'unknown', 'no'],
    },
    'an unknown element, but another action': {
      statement: keyStatement({ Resources: '*', Action: 's3:*' }),
      req: svc,
      expected: ['no', 'no', 'no'],
    },
    'a condition operator AWS does not define': {
      statement: keyStatement({ Condition: { StringEqualsFoo: { 'aws:SourceAccount': ACCOUNT } } }),
      req: svc,
      expected: ['unknown', 'unknown', 'no'],
    },
  });

  test('the reason names the statement', () => {
    const verdict = verdictOf(
      keyStatement({ Sid: 'X', Condition: { StringEqualsFoo: { k: 'v' } } }),
      'key-policy',
      svc,
    );
    expect(verdict.reasons).toEqual([
      'statement 1 ("X"): the condition operator "StringEqualsFoo" is not supported',
    ]);
    expect(verdict.ref).toEqual({ policy: 'policy', index: 0, sid: 'X', effect: 'Allow' });
  });
});

describe('Policies that are not understood', () => {
  test.each([
    ['not an object', 'policy', ['the policy is not a JSON object']],
    ['a list', [], ['the policy is not a JSON object']],
    ['null', null, ['the policy is not a JSON object']],
    ['no Statement', { Version: '2012-10-17' }, ['the policy has no Statement object or list']],
    [
      'an unknown Version',
      { Version: '2012-10-18', Statement: [] },
      ['the policy\'s Version "2012-10-18" is not 2012-10-17 or 2008-10-17'],
    ],
    [
      'an unknown element',
      { Statement: [], Comment: 'x' },
      ['the policy has an element "Comment" AWS does not define'],
    ],
  ])('%s', (_name, document, problems) => {
    expect(statementsMatching({ name: 'p', document }, request(SERVICE), 'key-policy')).toEqual({
      verdicts: [],
      problems,
    });
  });

  test('Statement may be one object', () => {
    const { verdicts } = statementsMatching(
      { name: 'p', document: { Statement: keyStatement({}) } },
      request(SERVICE),
      'key-policy',
    );
    expect(verdicts.map((verdict) => verdict.applies)).toEqual(['yes']);
  });

  test('a statement that is not an object is unknown', () => {
    const { verdicts } = statementsMatching(
      { name: 'p', document: { Statement: ['Allow', null] } },
      request(SERVICE),
      'key-policy',
    );
    expect(
      verdicts.map((verdict) => [verdict.applies, verdict.ref.effect, verdict.reasons]),
    ).toEqual([
      ['unknown', 'unknown', ['statement 1: it is not a JSON object']],
      ['unknown', 'unknown', ['statement 2: it is not a JSON object']],
    ]);
  });

  test.each([
    'alice',
    // IAM's path pattern has a name between any two slashes.
    'arn:aws:iam::111122223333:role//PersonalizeRole',
  ])('a request by %s is not understood', (principal) => {
    expect(
      statementsMatching({ name: 'p', document: {} }, request(principal), 'key-policy').problems,
    ).toEqual([
      `the request's principal "${principal}" is neither an IAM role ARN nor a service principal`,
    ]);
  });
});
