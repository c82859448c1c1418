/**
 * The January 2023 guide's known gap, as data: with an encrypted dataset
 * group its key policy grants kms:Decrypt only, and AWS's corrected text (a
 * month later) asks for Decrypt, GenerateDataKey, DescribeKey, CreateGrant and
 * ListGrants in the key policy and the four without CreateGrant in the role's
 * IAM policy (rules file, section 2). The expected actions are written out
 * here from that file, not read from RULES.
 */
import { describe, expect, it, test } from 'vitest';

import {
  buildPolicies,
  DEFAULT_ANSWERS,
  editionGap,
  type Answers,
  type DocumentId,
  type NeededDocument,
} from './index';
import { validAnswers } from './test-support/answers';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const DATASET_GROUP_KEY =
  'arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ba0987654321';

/** What the current guide adds for an encrypted dataset group, beyond kms:Decrypt. */
const KEY_POLICY_GAP = [
  'kms:GenerateDataKey',
  'kms:DescribeKey',
  'kms:CreateGrant',
  'kms:ListGrants',
];
/** The role's IAM policy: the 2023-01 guide asks for nothing for a dataset group. */
const IAM_GAP = ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants'];

interface Row {
  name: string;
  answers: Partial<Answers>;
  /** Missing actions per document; undefined when there is no gap. */
  gap: Partial<Record<DocumentId, string[]>> | undefined;
}

const ROWS: Row[] = [
  {
    name: 'dataset group only, import',
    answers: { datasetGroupEncrypted: true, operations: ['import'] },
    gap: { 'key-policy': KEY_POLICY_GAP, 'iam-policy': IAM_GAP },
  },
  {
    name: 'dataset group only, no operation',
    answers: { datasetGroupEncrypted: true },
    gap: { 'key-policy': KEY_POLICY_GAP, 'iam-policy': IAM_GAP },
  },
  {
    name: 'dataset group, export (GenerateDataKeyWithoutPlaintext is in both editions)',
    answers: { datasetGroupEncrypted: true, operations: ['export'] },
    gap: { 'key-policy': KEY_POLICY_GAP, 'iam-policy': IAM_GAP },
  },
  {
    name: 'dataset group and bucket, one key: only CreateGrant is missing',
    answers: { datasetGroupEncrypted: true, bucketEncrypted: true, operations: ['import'] },
    gap: { 'key-policy': ['kms:CreateGrant'] },
  },
  {
    name: 'separate keys with ARNs: the IAM policy is scoped to the bucket key',
    answers: {
      datasetGroupEncrypted: true,
      bucketEncrypted: true,
      keys: 'separate',
      keyArn: KEY,
      datasetGroupKeyArn: DATASET_GROUP_KEY,
      operations: ['batch-inference'],
    },
    gap: { 'key-policy-dataset-group': KEY_POLICY_GAP, 'iam-policy': IAM_GAP },
  },
  {
    name: 'separate keys without ARNs: the IAM policy\u2019s "*" reaches the dataset group key',
    answers: {
      datasetGroupEncrypted: true,
      bucketEncrypted: true,
      keys: 'separate',
      operations: ['batch-inference'],
    },
    gap: { 'key-policy-dataset-group': KEY_POLICY_GAP },
  },
  {
    name: 'dataset group, with the confused-deputy conditions (statements split)',
    answers: { datasetGroupEncrypted: true, operations: ['import'], confusedDeputy: true },
    gap: { 'key-policy': KEY_POLICY_GAP, 'iam-policy': IAM_GAP },
  },
  {
    name: 'bucket only',
    answers: { bucketEncrypted: true, operations: ['import'] },
    gap: undefined,
  },
  { name: 'nothing encrypted', answers: { operations: ['import'] }, gap: undefined },
  {
    name: 'dataset group on the current guide',
    answers: { guide: 'current', datasetGroupEncrypted: true, operations: ['import'] },
    gap: undefined,
  },
];

const gapByDocument = (answers: Answers) =>
  editionGap(answers)?.documents.reduce<Partial<Record<DocumentId, string[]>>>(
    (byId, document) => ({ ...byId, [document.id]: document.missing }),
    {},
  );

function neededDocument(answers: Answers, id: DocumentId): NeededDocument {
  const document = buildPolicies(answers).documents.find((d) => d.id === id);
  if (!document?.needed) throw new Error(`${id} is not needed`);
  return document;
}

const actionsIn = (document: NeededDocument) =>
  document.policy.Statement.flatMap((statement) =>
    typeof statement.Action === 'string' ? [statement.Action] : statement.Action,
  );

describe('editionGap', () => {
  test.each(ROWS)('$name', ({ answers, gap }) => {
    expect(gapByDocument(validAnswers(answers))).toEqual(gap);
  });

  test.each(ROWS.filter((row) => row.gap !== undefined))(
    '$name: the current guide has every missing action, in the same document',
    ({ answers, gap }) => {
      const current = validAnswers({ ...answers, guide: 'current' });
      expect(editionGap(current)).toBeUndefined();
      for (const [id, missing] of Object.entries(gap ?? {})) {
        expect(actionsIn(neededDocument(current, id as DocumentId))).toEqual(
          expect.arrayContaining(missing),
        );
      }
    },
  );

  it('says which actions, that AWS corrected the guide in February 2023, and that jobs may fail', () => {
    const gap = editionGap(validAnswers({ datasetGroupEncrypted: true, operations: ['import'] }));
    expect(gap).toMatchObject({ edition: '2023-01', correctedBy: 'current' });
    expect(gap?.message).toBe(
      'With an encrypted dataset group, the January 2023 guide leaves kms:GenerateDataKey, kms:DescribeKey, kms:CreateGrant and kms:ListGrants out of the KMS key policy, and kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey and kms:ListGrants out of the service role IAM policy.',
    );
    expect(gap?.reason).toBe(
      'AWS corrected the guide in February 2023 because jobs need them: without them, jobs that use the dataset group may fail. The current AWS guide includes them.',
    );
    expect(gap?.source.url).toBe(
      'https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-key-access.html',
    );
  });

  it('speaks of one missing action as "it"', () => {
    const gap = editionGap(
      validAnswers({ datasetGroupEncrypted: true, bucketEncrypted: true, operations: ['import'] }),
    );
    expect(gap?.message).toBe(
      'With an encrypted dataset group, the January 2023 guide leaves kms:CreateGrant out of the KMS key policy.',
    );
    expect(gap?.reason).toBe(
      'AWS corrected the guide in February 2023 because jobs need it: without it, jobs that use the dataset group may fail. The current AWS guide includes it.',
    );
  });

  it('leaves the default edition at January 2023', () => {
    expect(DEFAULT_ANSWERS.guide).toBe('2023-01');
  });
});
