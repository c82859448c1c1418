/**
 * Pasted policies are untrusted JSON: whatever their shape, the evaluator answers without
 * throwing, and every "cannot tell" says why.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

import { denyingStatements, evaluateRequest, statementsMatching } from './index';
import type { EvaluationRequest, PolicyKind } from './types';

const A = '111122223333';
const REQUESTS: EvaluationRequest[] = [
  {
    principal: 'personalize.amazonaws.com',
    action: 'kms:Decrypt',
    resource: `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    resourceAccount: A,
  },
  {
    principal: `arn:aws:iam::${A}:role/service-role/PersonalizeRole`,
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::data-bucket/input/users.csv',
    resourceAccount: A,
    context: { 'aws:SourceAccount': A, 'aws:CalledVia': ['personalize.amazonaws.com'] },
  },
  {
    principal: 'personalize.amazonaws.com',
    action: 'sts:AssumeRole',
    resource: `arn:aws:iam::${A}:role/service-role/PersonalizeRole`,
    resourceAccount: A,
    absentKeys: ['aws:SourceArn'],
  },
];
// Shallow values: deep ones cost generation time and reach no other code path.
const json = () => fc.jsonValue({ maxDepth: 2 });
const KINDS: PolicyKind[] = ['identity', 'key-policy', 'bucket-policy', 'trust-policy'];

/** Statements that are nearly right: the elements AWS defines, with values of any shape. */
const statementLike = fc.record(
  {
    Sid: fc.oneof(fc.string(), json()),
    Effect: fc.oneof(fc.constantFrom('Allow', 'Deny', 'allow'), json()),
    Principal: fc.oneof(
      fc.constant('*'),
      fc.dictionary(fc.constantFrom('AWS', 'Service', 'Federated', 'Other'), json()),
      json(),
    ),
    NotPrincipal: json(),
    Action: fc.oneof(fc.constantFrom('*', 'kms:*', 's3:Get*', 'sts:AssumeRole'), json()),
    NotAction: json(),
    Resource: fc.oneof(fc.constantFrom('*', 'arn:aws:s3:::data-bucket/*'), json()),
    NotResource: json(),
    Condition: fc.oneof(
      fc.dictionary(
        fc.constantFrom('StringEquals', 'ForAnyValue:StringLike', 'Null', 'NumericLessThan', 'Foo'),
        fc.dictionary(fc.constantFrom('aws:SourceAccount', 'aws:CalledVia', 'k'), json()),
      ),
      json(),
    ),
    Extra: json(),
  },
  { requiredKeys: [] },
);

const documents = fc.oneof(
  json(),
  fc.record({ Version: json(), Statement: json() }, { requiredKeys: [] }),
  fc.record(
    {
      Version: fc.constant('2012-10-17'),
      Statement: fc.oneof(statementLike, fc.array(statementLike, { maxLength: 4 })),
    },
    { requiredKeys: ['Statement'] },
  ),
);

describe('untrusted policies', () => {
  test('never throw, and every cannot-tell has a reason', () => {
    fc.assert(
      fc.property(
        documents,
        fc.array(documents, { maxLength: 2 }),
        fc.constantFrom(...REQUESTS),
        fc.constantFrom(...KINDS),
        (resource, identities, request, kind) => {
          const result = evaluateRequest(request, {
            resourcePolicy: { name: 'resource', document: resource },
            identityPolicies: identities.map((document, index) => ({
              name: `identity ${index + 1}`,
              document,
            })),
          });
          if (result.decision === 'cannot-tell') expect(result.unknowns.length).toBeGreaterThan(0);
          const { verdicts } = statementsMatching({ name: 'p', document: resource }, request, kind);
          for (const verdict of verdicts) {
            if (verdict.applies === 'unknown') expect(verdict.reasons.length).toBeGreaterThan(0);
          }
          denyingStatements({ name: 'p', document: resource }, request, kind);
        },
      ),
      { numRuns: 600, seed: 20260101 },
    );
  });
});

describe('a condition operator named like a property every object has', () => {
  test.each(['valueOf', 'constructor', 'toString', 'hasOwnProperty', '__proto__'])(
    '%s is not supported, and says so',
    (operator) => {
      const condition: Record<string, unknown> = {};
      Object.defineProperty(condition, operator, {
        value: { 'aws:SourceAccount': A },
        enumerable: true,
      });
      const { verdicts } = statementsMatching(
        {
          name: 'p',
          document: {
            Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }],
          },
        },
        {
          principal: `arn:aws:iam::${A}:role/R`,
          action: 's3:GetObject',
          resource: 'arn:aws:s3:::data-bucket/x',
          resourceAccount: A,
          context: { 'aws:SourceAccount': A },
        },
        'identity',
      );
      expect(verdicts[0]?.applies).toBe('unknown');
      expect(verdicts[0]?.reasons.join(' ')).toContain(`"${operator}" is not supported`);
    },
  );
});
