import { describe, expect, test } from 'vitest';

import type { Answers } from '../answers';
import { answersWith } from '../test-support/answers';
import { EMPTY_TEXTS } from './fields';
import { checkSetup } from './findings';
import {
  BASE_ANSWERS,
  BROKEN_SETUPS,
  fixKind,
  GROUP_KEY_ARN,
  KEY_ARN,
  wizardTexts,
} from './test-support/broken-setups';
import { REALISTIC_ANSWERS, REALISTIC_TEXTS } from './test-support/realistic-setup';
import type { CheckFinding, KeyPolicyField } from './types';

function findingOf(findings: readonly CheckFinding[], id: string): CheckFinding {
  const finding = findings.find((candidate) => candidate.id === id);
  if (!finding) {
    throw new Error(
      `No finding ${id}; found ${findings.map((f) => `${f.id} (${f.status})`).join(', ')}`,
    );
  }
  return finding;
}

describe('the broken setups of our own are diagnosed: operation, status, action, document and fix', () => {
  test.each(BROKEN_SETUPS.map((setup) => [setup.name, setup] as const))('%s', (_name, setup) => {
    const report = checkSetup(setup.answers, {
      texts: setup.texts,
      ...(setup.facts ? { facts: setup.facts } : {}),
    });
    expect(report.problems).toEqual([]);
    for (const expected of setup.expected) {
      const finding = findingOf(report.findings, expected.finding);
      expect(finding.status, `${expected.finding}: ${JSON.stringify(finding, null, 2)}`).toBe(
        expected.status,
      );
      if (expected.action !== undefined || expected.document !== undefined) {
        const failure = finding.failures?.find(
          (candidate) =>
            (expected.action === undefined || candidate.action === expected.action) &&
            (expected.document === undefined || candidate.document === expected.document) &&
            (expected.principal === undefined || candidate.principal === expected.principal) &&
            (expected.statement === undefined || candidate.statement === expected.statement),
        );
        expect(failure, JSON.stringify(finding.failures, null, 2)).toBeDefined();
        expect(failure?.because).not.toBe('');
      }
      if (expected.fix !== undefined) {
        expect(finding.fix, JSON.stringify(finding, null, 2)).toBeDefined();
        expect(fixKind(finding.fix?.summary ?? '')).toBe(expected.fix);
      }
    }
  });
});

describe('the fix gives the wizard’s own text to copy', () => {
  test('a key policy without Personalize: the statement-only view, for merging', () => {
    const setup = BROKEN_SETUPS.find((candidate) =>
      candidate.name.startsWith('a key policy without'),
    );
    if (!setup) throw new Error('missing setup');
    const finding = findingOf(
      checkSetup(setup.answers, { texts: setup.texts }).findings,
      'operation:import',
    );
    const copied = JSON.parse(finding.fix?.copy ?? '') as { Sid: string; Action: string[] };
    expect(copied.Sid).toBe('Allow Amazon Personalize to use the key');
    expect(copied.Action).toContain('kms:Decrypt');
  });

  test('several statements for one document: one fix that copies them all', () => {
    const setup = BROKEN_SETUPS.find((candidate) =>
      candidate.name.startsWith('a bucket policy without'),
    );
    if (!setup) throw new Error('missing setup');
    const finding = findingOf(
      checkSetup(setup.answers, { texts: setup.texts }).findings,
      'operation:import',
    );
    expect(finding.fix?.summary).toMatch(/^Add these statements to the bucket policy/);
    const statements = JSON.parse(`[${finding.fix?.copy ?? ''}]`) as { Sid: string }[];
    expect(statements.map((statement) => statement.Sid).sort()).toEqual([
      'AllowPersonalizeServiceListBucket',
      'AllowPersonalizeServiceObjectAccess',
    ]);
    expect(finding.details).toEqual([]);
    for (const failure of finding.failures ?? []) {
      expect(Object.keys(failure).sort()).toEqual([
        'action',
        'because',
        'document',
        'principal',
        'resource',
      ]);
    }
  });

  test('a role without a KMS action: the IAM policy statement for the key', () => {
    const setup = BROKEN_SETUPS.find((candidate) => candidate.name.startsWith('a role without'));
    if (!setup) throw new Error('missing setup');
    const finding = findingOf(
      checkSetup(setup.answers, { texts: setup.texts }).findings,
      'operation:batch-inference',
    );
    expect(JSON.parse(finding.fix?.copy ?? '')).toMatchObject({
      Effect: 'Allow',
      Action: expect.arrayContaining(['kms:GenerateDataKey']) as unknown,
      Resource: KEY_ARN,
    });
  });
});

describe('what is not pasted is not checked, and the finding says which field would settle it', () => {
  test('nothing pasted', () => {
    const answers = answersWith(BASE_ANSWERS);
    const { findings } = checkSetup(answers, { texts: EMPTY_TEXTS });
    const operations = findings.filter((finding) => finding.group === 'operation');
    expect(operations.map((finding) => finding.status)).toEqual(['not-checked', 'not-checked']);
    expect(operations[0]?.details.join(' ')).toMatch(
      /Paste the Current key policy, Service role’s policies, Bucket policy and Trust policy/,
    );
  });

  test('a field that cannot be read counts as not given, and says so', () => {
    const answers = answersWith(BASE_ANSWERS);
    const report = checkSetup(answers, {
      texts: { ...wizardTexts(answers), trustPolicy: '{"Statement": ' },
    });
    expect(report.problems.map((problem) => problem.field)).toEqual(['trustPolicy']);
    const finding = findingOf(report.findings, 'operation:import');
    expect(finding.status).toBe('not-checked');
    expect(finding.details.join(' ')).toMatch(/The Trust policy could not be read/);
  });

  test('answers not given yet: cannot tell, naming them', () => {
    const answers = answersWith({ ...BASE_ANSWERS, accountId: '', roleName: '' });
    const finding = findingOf(
      checkSetup(answers, { texts: wizardTexts(answers) }).findings,
      'operation:import',
    );
    expect(finding.status).toBe('cannot-tell');
    expect(finding.details.join(' ')).toMatch(/the account ID and the service role’s name/);
  });

  test('a condition the evaluator does not know: cannot tell, with its reason', () => {
    const answers = answersWith(BASE_ANSWERS);
    const texts = wizardTexts(answers);
    const bucket = JSON.parse(texts.bucketPolicy) as { Statement: unknown[] };
    bucket.Statement.push({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: 'arn:aws:s3:::my-personalize-data/*',
      Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
    });
    const finding = findingOf(
      checkSetup(answers, { texts: { ...texts, bucketPolicy: JSON.stringify(bucket) } }).findings,
      'operation:import',
    );
    expect(finding.status).toBe('cannot-tell');
    expect(finding.details.join(' ')).toMatch(/aws:PrincipalOrgID/);
  });
});

describe('the same inputs give the same report', () => {
  test('deterministic', () => {
    for (const setup of BROKEN_SETUPS) {
      const inputs = { texts: setup.texts, ...(setup.facts ? { facts: setup.facts } : {}) };
      expect(checkSetup(setup.answers, inputs)).toEqual(checkSetup(setup.answers, inputs));
    }
  });
});

describe('nothing to check without operations or encryption', () => {
  test('no finding at all', () => {
    const answers: Answers = answersWith({});
    expect(checkSetup(answers, { texts: EMPTY_TEXTS })).toEqual({ findings: [], problems: [] });
  });
});

describe('a realistic setup (console key policies, ten role policies) pasted in full', () => {
  test('every operation works, with nothing to report', () => {
    const report = checkSetup(REALISTIC_ANSWERS, { texts: REALISTIC_TEXTS });
    expect(report.problems).toEqual([]);
    expect(report.findings.map((finding) => `${finding.id} ${finding.status}`)).toEqual([
      'operation:import works',
      'operation:export works',
      'operation:batch-inference works',
      'operation:metric-reports works',
      'operation:dataset-group works',
    ]);
  });
});

describe('a field the answers do not show is checked as empty, whoever calls the check', () => {
  // Texts stay stored while their field is hidden, for when the answers bring it back; a text
  // that cannot be read shows at once whether the check read it.
  const nothingEncrypted: Partial<Answers> = { ...BASE_ANSWERS, bucketEncrypted: false };
  const separateKeys: Partial<Answers> = {
    ...BASE_ANSWERS,
    datasetGroupEncrypted: true,
    keys: 'separate',
    datasetGroupKeyArn: GROUP_KEY_ARN,
  };
  test.each<[string, Partial<Answers>, KeyPolicyField, boolean]>([
    ['nothing encrypted: the key policy', nothingEncrypted, 'key-policy', false],
    ['the bucket encrypted: the key policy', BASE_ANSWERS, 'key-policy', true],
    ['one key: the bucket key’s policy', BASE_ANSWERS, 'key-policy-bucket', false],
    ['one key: the dataset group key’s policy', BASE_ANSWERS, 'key-policy-dataset-group', false],
    ['separate keys: the one key’s policy', separateKeys, 'key-policy', false],
    ['separate keys: the bucket key’s policy', separateKeys, 'key-policy-bucket', true],
    [
      'separate keys: the dataset group key’s policy',
      separateKeys,
      'key-policy-dataset-group',
      true,
    ],
  ])('%s', (_name, overrides, field, shown) => {
    const answers = answersWith(overrides);
    const report = checkSetup(answers, { texts: { ...EMPTY_TEXTS, [field]: '{ not JSON' } });
    expect(report.problems.map((problem) => problem.field)).toEqual(shown ? [field] : []);
    if (!shown) expect(report).toEqual(checkSetup(answers, { texts: EMPTY_TEXTS }));
  });
});
