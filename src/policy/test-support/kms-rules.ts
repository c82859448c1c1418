/**
 * Sections 1 and 2 of shared/reference/personalize-kms-rules.md, written out
 * by hand as the guide's tables: for each edition of the guide and each
 * operation (or none), what an encrypted S3 bucket and an encrypted dataset
 * group need in the key's policy and in the service role's IAM policy.
 * Deliberately not read from src/policy/rules.ts, so a mistake there shows up
 * in the tests. Test-only.
 *
 * The tables have a row for each operation of OPERATIONS: a new operation
 * without a row here fails in guideRow, and in the test that compares the
 * tables with OPERATIONS.
 */
import {
  GUIDE_EDITIONS,
  OPERATIONS,
  type Answers,
  type DocumentId,
  type GuideEdition,
  type Operation,
} from '../index';
import type { Encrypted } from '../rules';

/** An encrypted S3 bucket, with any operation: key policy and service role IAM policy. */
export const BUCKET_ACTIONS: readonly string[] = [
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'kms:DescribeKey',
  // The guide's bullet list says "ListGrant"; its JSON and KMS say ListGrants.
  'kms:ListGrants',
];

/** An encrypted dataset group: key policy only (no IAM change). */
export const DATASET_GROUP_ACTIONS: readonly string[] = ['kms:Decrypt'];

/** An encrypted dataset group whose data is exported: key policy only. */
export const DATASET_GROUP_EXPORT_ACTIONS: readonly string[] = [
  'kms:Decrypt',
  'kms:GenerateDataKeyWithoutPlaintext',
];

/** The current guide's key policy set: the same four plus CreateGrant, in the key policy only. */
export const CURRENT_KEY_ACTIONS: readonly string[] = [...BUCKET_ACTIONS, 'kms:CreateGrant'];

/** What one encrypted resource needs: actions in its key's policy and in the role's IAM policy. */
export interface Needs {
  keyPolicy: readonly string[];
  iamPolicy: readonly string[];
}

/** The answer a row is about: one operation, or none selected. */
export type Trigger = Operation | 'no operation';

/** What each encrypted resource needs for one trigger, or that the edition does not cover it. */
export type GuideRow = Readonly<Record<Encrypted, Needs>> | 'not covered';

const NOTHING: Needs = { keyPolicy: [], iamPolicy: [] };

// Section 1, the January 2023 guide.
/** "S3 bucket": the four actions in both policies, for any of its four operations. */
const JANUARY_BUCKET: Needs = { keyPolicy: BUCKET_ACTIONS, iamPolicy: BUCKET_ACTIONS };
/** "Dataset group": always, Decrypt in the key policy, no change to the IAM policy. */
const JANUARY_DATASET_GROUP: Needs = { keyPolicy: DATASET_GROUP_ACTIONS, iamPolicy: [] };
/** "Dataset group, and data is exported from it". */
const JANUARY_DATASET_GROUP_EXPORT: Needs = {
  keyPolicy: DATASET_GROUP_EXPORT_ACTIONS,
  iamPolicy: [],
};

// Section 2, the current guide.
/** Every listed operation: CreateGrant added to the key policy; the IAM policy keeps the four. */
const CURRENT_BUCKET: Needs = { keyPolicy: CURRENT_KEY_ACTIONS, iamPolicy: BUCKET_ACTIONS };
/** "Not needed for dataset import jobs alone": the key policy only. */
const CURRENT_BUCKET_IMPORT: Needs = { keyPolicy: CURRENT_KEY_ACTIONS, iamPolicy: [] };
/** Dataset groups folded into the general list: the full set, in both policies. */
const CURRENT_DATASET_GROUP: Needs = { keyPolicy: CURRENT_KEY_ACTIONS, iamPolicy: BUCKET_ACTIONS };
/** Exporting from it adds GenerateDataKeyWithoutPlaintext (the guide's prose). */
const CURRENT_DATASET_GROUP_EXPORT: Needs = {
  keyPolicy: [...CURRENT_KEY_ACTIONS, 'kms:GenerateDataKeyWithoutPlaintext'],
  iamPolicy: BUCKET_ACTIONS,
};

export const GUIDE_TABLES: Readonly<Record<GuideEdition, Readonly<Record<Trigger, GuideRow>>>> = {
  '2023-01': {
    // "Bucket encrypted but none of the four operations selected: nothing bucket-related is needed."
    'no operation': { bucket: NOTHING, datasetGroup: JANUARY_DATASET_GROUP },
    import: { bucket: JANUARY_BUCKET, datasetGroup: JANUARY_DATASET_GROUP },
    export: { bucket: JANUARY_BUCKET, datasetGroup: JANUARY_DATASET_GROUP_EXPORT },
    'batch-inference': { bucket: JANUARY_BUCKET, datasetGroup: JANUARY_DATASET_GROUP },
    'batch-segment': 'not covered',
    'metric-reports': { bucket: JANUARY_BUCKET, datasetGroup: JANUARY_DATASET_GROUP },
  },
  current: {
    'no operation': { bucket: NOTHING, datasetGroup: CURRENT_DATASET_GROUP },
    import: { bucket: CURRENT_BUCKET_IMPORT, datasetGroup: CURRENT_DATASET_GROUP },
    export: { bucket: CURRENT_BUCKET, datasetGroup: CURRENT_DATASET_GROUP_EXPORT },
    'batch-inference': { bucket: CURRENT_BUCKET, datasetGroup: CURRENT_DATASET_GROUP },
    'batch-segment': { bucket: CURRENT_BUCKET, datasetGroup: CURRENT_DATASET_GROUP },
    'metric-reports': { bucket: CURRENT_BUCKET, datasetGroup: CURRENT_DATASET_GROUP },
  },
};

/** Every trigger: none, then each operation of OPERATIONS. */
export const TRIGGERS: readonly Trigger[] = ['no operation', ...OPERATIONS];

/** The answer that says a resource is encrypted. */
export const ENCRYPTED_FIELD: Readonly<
  Record<Encrypted, 'bucketEncrypted' | 'datasetGroupEncrypted'>
> = {
  bucket: 'bucketEncrypted',
  datasetGroup: 'datasetGroupEncrypted',
};

/** The resources an answer can encrypt, in the order the documents come. */
export const ENCRYPTED = Object.keys(ENCRYPTED_FIELD) as Encrypted[];

/** The row of the tables, which must be there: an edition or operation without one throws. */
export function guideRow(edition: GuideEdition, trigger: Trigger): GuideRow {
  const tables: Partial<Record<string, Partial<Record<string, GuideRow>>>> = GUIDE_TABLES;
  const row = tables[edition]?.[trigger];
  if (row === undefined) {
    throw new Error(`The guide tables have no row for ${trigger} in the ${edition} edition`);
  }
  return row;
}

/**
 * The operations an edition of the guide covers, in OPERATIONS' order. An
 * operation without a row counts as covered, so the tests that use it build
 * with it and fail (in guideRow) instead of leaving it out.
 */
export function coveredOperations(edition: GuideEdition): Operation[] {
  const rows: Partial<Record<string, GuideRow>> = GUIDE_TABLES[edition];
  return OPERATIONS.filter((operation) => rows[operation] !== 'not covered');
}

/** Every edition with the operations it covers. */
export const EDITIONS_AND_OPERATIONS = GUIDE_EDITIONS.map((edition) => ({
  edition,
  operations: coveredOperations(edition),
}));

function union(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}

/**
 * What an encrypted resource needs for a set of operations: a rule applies
 * when any operation that triggers it is selected, so the row without an
 * operation united with each selected operation's row. Sorted.
 */
export function guideNeeds(
  edition: GuideEdition,
  operations: readonly Operation[],
  encrypted: Encrypted,
): { keyPolicy: string[]; iamPolicy: string[] } {
  const rows = (['no operation', ...operations] as const).map((trigger) => {
    const row = guideRow(edition, trigger);
    if (row === 'not covered') throw new Error(`The ${edition} guide does not cover ${trigger}`);
    return row[encrypted];
  });
  return {
    keyPolicy: union(rows.map((needs) => needs.keyPolicy)),
    iamPolicy: union(rows.map((needs) => needs.iamPolicy)),
  };
}

/** The KMS documents the guide asks for: each key policy's Personalize actions and the IAM policy's, sorted ([] = not needed). */
export interface ExpectedKmsDocuments {
  keyPolicies: { id: DocumentId; actions: string[] }[];
  iamPolicy: string[];
}

/**
 * What the guide asks for these answers. Same key: one key policy with the
 * union of actions; separate keys: one per key (section 1); two "separate"
 * ARNs that name the same key are one key.
 */
export function expectedKmsDocuments(answers: Answers): ExpectedKmsDocuments {
  const encrypted = ENCRYPTED.filter((resource) => answers[ENCRYPTED_FIELD[resource]]);
  const needs = (resources: readonly Encrypted[]) =>
    resources.map((resource) => guideNeeds(answers.guide, answers.operations, resource));
  const keyActions = (resources: readonly Encrypted[]) =>
    union(needs(resources).map((n) => n.keyPolicy));
  const iamPolicy = union(needs(encrypted).map((n) => n.iamPolicy));
  const sameKeyTwice = answers.keyArn !== '' && answers.keyArn === answers.datasetGroupKeyArn;
  if (encrypted.length === 2 && answers.keys === 'separate' && !sameKeyTwice) {
    return {
      keyPolicies: [
        { id: 'key-policy-bucket', actions: keyActions(['bucket']) },
        { id: 'key-policy-dataset-group', actions: keyActions(['datasetGroup']) },
      ],
      iamPolicy,
    };
  }
  return { keyPolicies: [{ id: 'key-policy', actions: keyActions(encrypted) }], iamPolicy };
}
