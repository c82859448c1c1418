/**
 * What the panel says differs between the two editions of the guide
 * (compareEditions), for answers where section 2 of the rules file says what
 * changes. The documents each edition builds are checked row by row against
 * the guide's tables in build.test.ts.
 */
import { describe, expect, test } from 'vitest';

import { compareEditions, DEFAULT_ANSWERS, type Answers } from './index';

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
