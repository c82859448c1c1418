import { describe, expect, test } from 'vitest';

import { describeStatement, statementLabel } from './describe';

describe('statementLabel', () => {
  test.each([
    [0, 'AllowUse', 'statement 1 ("AllowUse")'],
    [2, undefined, 'statement 3'],
    [2, '', 'statement 3'],
    [2, 42, 'statement 3'],
    [0, 'Allow\u200Buse', 'statement 1 ("Allow[U+200B]use")'],
    [0, 'Say "no"', 'statement 1 ("Say [U+0022]no[U+0022]")'],
    [4, `${'x'.repeat(60)}y`, `statement 5 ("${'x'.repeat(60)}…")`],
    [4, 'о'.repeat(61), `statement 5 ("${'[U+043E]'.repeat(60)}…")`],
    [4, 'x'.repeat(60), `statement 5 ("${'x'.repeat(60)}")`],
  ])('index %d, Sid %j: %s', (index, sid, label) => {
    expect(statementLabel(index, sid)).toBe(label);
  });
});

describe('describeStatement', () => {
  test.each([
    {
      name: 'a Deny on everyone',
      statement: { Sid: 'NoDecrypt', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt' },
      expected: {
        label: 'statement 1 ("NoDecrypt")',
        effect: 'Deny',
        principal: 'everyone (*)',
        actions: 'kms:Decrypt',
      },
    },
    {
      name: 'an Allow naming a role and the service',
      statement: {
        Effect: 'Allow',
        Principal: {
          AWS: 'arn:aws:iam::111122223333:role/R',
          Service: 'personalize.amazonaws.com',
        },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      },
      expected: {
        label: 'statement 1',
        effect: 'Allow',
        principal: 'arn:aws:iam::111122223333:role/R, personalize.amazonaws.com',
        actions: 'kms:Decrypt, kms:GenerateDataKey',
      },
    },
    {
      name: 'NotPrincipal and NotAction',
      statement: {
        Effect: 'Deny',
        NotPrincipal: { AWS: '111122223333' },
        NotAction: 'kms:Describe*',
      },
      expected: {
        label: 'statement 1',
        effect: 'Deny',
        principal: 'everyone except 111122223333',
        actions: 'every action except kms:Describe*',
      },
    },
    {
      name: '{"AWS": "*"}',
      statement: { Effect: 'Deny', Principal: { AWS: '*' }, Action: '*' },
      expected: {
        label: 'statement 1',
        effect: 'Deny',
        principal: 'everyone (AWS: *)',
        actions: '*',
      },
    },
    {
      name: 'an identity policy statement',
      statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      expected: {
        label: 'statement 1',
        effect: 'Allow',
        principal: 'the identity the policy is attached to',
        actions: 's3:GetObject',
      },
    },
    {
      name: 'a lookalike principal',
      statement: {
        Effect: 'Allow',
        Principal: { Service: 'pers\u043Enalize.amazonaws.com' },
        Action: 'kms:Decrypt',
      },
      expected: {
        label: 'statement 1',
        effect: 'Allow',
        principal: 'pers[U+043E]nalize.amazonaws.com',
        actions: 'kms:Decrypt',
      },
    },
    {
      name: 'nonsense',
      statement: { Effect: 'allow', Principal: 7, Action: [1] },
      expected: {
        label: 'statement 1',
        effect: 'an effect that is not Allow or Deny',
        principal: 'a principal that is not understood',
        actions: 'actions that are not understood',
      },
    },
    {
      name: 'not an object',
      statement: 'Statement',
      expected: {
        label: 'statement 1',
        effect: 'an effect that is not Allow or Deny',
        principal: 'the identity the policy is attached to',
        actions: 'no action',
      },
    },
  ])('$name', ({ statement, expected }) => {
    const description = describeStatement(statement, 0);
    expect(description).toMatchObject(expected);
    expect(description.summary).toBe(
      `${expected.label}: ${expected.effect} ${expected.principal} ${expected.actions}`,
    );
  });
});
