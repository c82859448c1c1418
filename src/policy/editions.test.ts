/**
 * The current edition of the guide, table-tested like the January 2023 one:
 * every combination of its five operations x encryption x key layout against
 * expectations written by hand from section 2 of the rules file.
 */
import { describe, expect, test } from 'vitest';

import {
  buildPolicies,
  compareEditions,
  DEFAULT_ANSWERS,
  type Answers,
  type BuiltDocument,
  type Operation,
} from './index';
import { asList, subsetsOf } from './test-support/documents';

const OPS: readonly Operation[] = [
  'import',
  'export',
  'batch-inference',
  'batch-segment',
  'metric-reports',
];
const FOUR = ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants'];
const KEY_FIVE = [...FOUR, 'kms:CreateGrant'];
const WITHOUT_PLAINTEXT = 'kms:GenerateDataKeyWithoutPlaintext';

interface Case {
  name: string;
  answers: Answers;
  /** Document title -> actions granted to Personalize; [] = not needed. */
  expected: Record<string, string[]>;
}

/** Section 2 of the rules file, by hand. */
function expectedFor(
  ops: readonly Operation[],
  bucket: boolean,
  group: boolean,
  keys: 'same' | 'separate',
) {
  const bucketKey = bucket && ops.length > 0 ? [...KEY_FIVE] : [];
  const bucketIam = bucket && ops.some((op) => op !== 'import') ? [...FOUR] : [];
  const groupKey = group
    ? [...KEY_FIVE, ...(ops.includes('export') ? [WITHOUT_PLAINTEXT] : [])]
    : [];
  const groupIam = group ? [...FOUR] : [];
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
  const expected: Record<string, string[]> = {};
  if (bucket && group && keys === 'separate') {
    expected['KMS key policy (bucket key)'] = bucketKey;
    expected['KMS key policy (dataset group key)'] = groupKey;
  } else {
    expected['KMS key policy'] = union(bucketKey, groupKey);
  }
  expected['Service role IAM policy'] = union(bucketIam, groupIam);
  return expected;
}

const CASES: Case[] = subsetsOf(OPS).flatMap((ops) =>
  [false, true].flatMap((bucket) =>
    [false, true].flatMap((group) =>
      (['same', 'separate'] as const).map((keys) => ({
        name: `${ops.join('+') || 'no operations'}, bucket ${bucket ? 'encrypted' : 'plain'}, dataset group ${group ? 'encrypted' : 'plain'}, ${keys} keys`,
        answers: {
          ...DEFAULT_ANSWERS,
          guide: 'current' as const,
          operations: ops,
          bucketEncrypted: bucket,
          datasetGroupEncrypted: group,
          keys,
          accountId: '111122223333',
          roleName: 'PersonalizeRole',
        },
        expected: expectedFor(ops, bucket, group, keys),
      })),
    ),
  ),
);

function grantedActions(document: BuiltDocument): string[] {
  if (!document.needed) return [];
  return document.policy.Statement.filter((statement) => statement.Action !== 'kms:*').flatMap(
    (statement) => asList(statement.Action),
  );
}

describe('current guide: every combination', () => {
  test('covers 5 operations x bucket x dataset group x key layout', () => {
    expect(CASES).toHaveLength(256);
  });

  test.each(CASES)('$name', ({ answers, expected }) => {
    const { documents } = buildPolicies(answers);
    expect(documents.map((document) => document.title)).toEqual(Object.keys(expected));
    for (const document of documents) {
      const want = expected[document.title] ?? [];
      expect(document.needed, document.title).toBe(want.length > 0);
      expect(new Set(grantedActions(document)), document.title).toEqual(new Set(want));
      if (document.needed) {
        // CreateGrant belongs to key policies only.
        if (document.kind === 'iam-policy') {
          expect(grantedActions(document)).not.toContain('kms:CreateGrant');
        }
        for (const explanation of document.explanations) {
          expect(explanation.because.length).toBeGreaterThan(0);
        }
      } else {
        expect(document.reason.length).toBeGreaterThan(20);
      }
    }
  });
});

describe('what differs between the editions', () => {
  const base = {
    ...DEFAULT_ANSWERS,
    accountId: '111122223333',
    roleName: 'PersonalizeRole',
  };

  test.each<[string, Partial<Answers>, string[]]>([
    ['nothing encrypted', { operations: ['import'] }, []],
    [
      'bucket with import only',
      { operations: ['import'], bucketEncrypted: true },
      [
        'KMS key policy: the current AWS guide adds kms:CreateGrant.',
        'Service role IAM policy: needed under the January 2023 guide, not under the current AWS guide.',
      ],
    ],
    [
      'bucket with batch inference',
      { operations: ['batch-inference'], bucketEncrypted: true },
      ['KMS key policy: the current AWS guide adds kms:CreateGrant.'],
    ],
    [
      'dataset group only',
      { datasetGroupEncrypted: true },
      [
        'KMS key policy: the current AWS guide adds kms:GenerateDataKey, kms:DescribeKey, kms:CreateGrant and kms:ListGrants.',
        'Service role IAM policy: needed under the current AWS guide, not under the January 2023 guide.',
      ],
    ],
    [
      'batch segment jobs',
      { guide: 'current', operations: ['batch-segment'], bucketEncrypted: true },
      [
        'Batch segment jobs: only the current AWS guide covers them.',
        'KMS key policy: needed under the current AWS guide, not under the January 2023 guide.',
        'Service role IAM policy: needed under the current AWS guide, not under the January 2023 guide.',
      ],
    ],
  ])('%s', (_name, overrides, differences) => {
    const answers = { ...base, ...overrides };
    const comparison = compareEditions(answers);
    expect(comparison.differences).toEqual(differences);
    expect(comparison.shown).toBe(answers.guide);
    expect(comparison.other).not.toBe(answers.guide);
  });
});
