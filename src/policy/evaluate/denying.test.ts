/**
 * What the key policy merge asks: which statements of a pasted key policy deny, or may deny, the
 * Personalize service principal or the service role an action it needs. Found by evaluating
 * each statement, so a Deny written with Principal "*", NotPrincipal, NotAction or a condition is
 * named as surely as one that names the service.
 */
import { describe, expect, test } from 'vitest';

import { KMS_ACTIONS } from '../rules';
import { consoleRootStatement } from '../test-support/console-key-policy';
import { denyingStatements, describeStatement } from './index';
import type { EvaluationRequest, Tri } from './index';

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/PersonalizeRole`;
const SERVICE = 'personalize.amazonaws.com';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const PASTED = {
  Version: '2012-10-17',
  Statement: [
    consoleRootStatement(ACCOUNT),
    {
      Sid: 'NoDeletion',
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:ScheduleKeyDeletion',
      Resource: '*',
    },
    {
      Sid: 'OnlyOurAccount',
      Effect: 'Deny',
      Principal: '*',
      NotAction: ['kms:Describe*', 'kms:List*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:PrincipalAccount': ACCOUNT } },
    },
    {
      Sid: 'OnlyTheAccountDecrypts',
      Effect: 'Deny',
      NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:Decrypt',
      Resource: '*',
    },
    {
      Sid: 'TlsOnly',
      Effect: 'Deny',
      Principal: { Service: SERVICE },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    {
      Sid: 'Allow\u200Buse',
      Effect: 'Deny',
      Principal: { AWS: ROLE },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Effect: 'Deny',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Other` },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'NoServices',
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:*',
      Resource: '*',
      Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } },
    },
  ],
};

function denying(principal: string, action: string): Record<number, Tri> {
  const request: EvaluationRequest = {
    principal,
    action,
    resource: KEY,
    resourceAccount: ACCOUNT,
  };
  const { verdicts, problems } = denyingStatements(
    { name: 'pasted key policy', document: PASTED },
    request,
    'key-policy',
  );
  expect(problems).toEqual([]);
  return Object.fromEntries(verdicts.map((verdict) => [verdict.ref.index, verdict.applies]));
}

describe('denyingStatements, for the merge', () => {
  test.each([
    // OnlyOurAccount: the service's account is not known; TlsOnly: whether TLS is used is not known.
    [SERVICE, 'kms:Decrypt', { 2: 'unknown', 3: 'yes', 7: 'yes' }],
    [SERVICE, 'kms:GenerateDataKey', { 2: 'unknown', 4: 'unknown', 7: 'yes' }],
    [SERVICE, 'kms:DescribeKey', { 7: 'yes' }],
    [SERVICE, 'kms:ListGrants', { 7: 'yes' }],
    // The role's account is filled from its ARN, so OnlyOurAccount leaves it alone; whether
    // NotPrincipal leaves a session of the role out is not known.
    [ROLE, 'kms:Decrypt', { 3: 'unknown', 5: 'yes' }],
    [ROLE, 'kms:GenerateDataKey', { 5: 'yes' }],
    [ROLE, 'kms:DescribeKey', { 5: 'yes' }],
  ] as const)('%s, %s', (principal, action, expected) => {
    expect(denying(principal, action)).toEqual(expected);
  });

  test('every needed action is checked the same way', () => {
    for (const action of KMS_ACTIONS) {
      expect(Object.keys(denying(SERVICE, action))).toContain('7');
    }
  });

  test('a statement that may deny says why, and a lookalike Sid shows its difference', () => {
    const { verdicts } = denyingStatements(
      { name: 'pasted key policy', document: PASTED },
      {
        principal: SERVICE,
        action: 'kms:GenerateDataKey',
        resource: KEY,
        resourceAccount: ACCOUNT,
      },
      'key-policy',
    );
    const tls = verdicts.find((verdict) => verdict.ref.sid === 'TlsOnly');
    expect(tls?.reasons).toEqual([
      'statement 5 ("TlsOnly"): the condition key aws:SecureTransport is neither given nor known to be absent',
    ]);
    expect(describeStatement(PASTED.Statement[5], 5).summary).toBe(
      `statement 6 ("Allow[U+200B]use"): Deny ${ROLE} kms:*`,
    );
  });

  test('known context settles a conditional Deny', () => {
    const { verdicts } = denyingStatements(
      { name: 'pasted key policy', document: PASTED },
      {
        principal: SERVICE,
        action: 'kms:GenerateDataKey',
        resource: KEY,
        resourceAccount: ACCOUNT,
        context: { 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': ACCOUNT },
      },
      'key-policy',
    );
    expect(verdicts.map((verdict) => verdict.ref.sid)).toEqual(['NoServices']);
  });
});
