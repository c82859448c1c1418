/**
 * Exhaustive table test of the builder against the January 2023 guide's rules
 * (shared/reference/personalize-kms-rules.md, sections 1 and 4).
 *
 * The expected values below are written by hand from the rules file; they do
 * not read the module's RULES table.
 */
import { describe, expect, it, test } from 'vitest';

import {
  DEFAULT_ANSWERS,
  type Answers,
  type DocumentId,
  type NeededDocument,
  type Operation,
  type PolicyStatement,
} from './index';
import { buildValid } from './test-support/answers';
import {
  allJson,
  asList,
  documentOf,
  neededOf,
  principalList,
  subsetsOf,
} from './test-support/documents';
import { unknownKmsActions } from './test-support/kms-api';
import {
  BUCKET_ACTIONS,
  DATASET_GROUP_ACTIONS,
  DATASET_GROUP_EXPORT_ACTIONS,
} from './test-support/kms-rules';

// ---------------------------------------------------------------------------
// The expected table, from section 1 of the rules file.

const ALL_OPS: readonly Operation[] = ['import', 'export', 'batch-inference', 'metric-reports'];

const KEY_POLICY: DocumentId = 'key-policy';
const BUCKET_KEY_POLICY: DocumentId = 'key-policy-bucket';
const DATASET_GROUP_KEY_POLICY: DocumentId = 'key-policy-dataset-group';
const IAM_POLICY: DocumentId = 'iam-policy';

/** The heading each document has in the app. */
const TITLES: Partial<Record<DocumentId, string>> = {
  [KEY_POLICY]: 'KMS key policy',
  [BUCKET_KEY_POLICY]: 'KMS key policy (bucket key)',
  [DATASET_GROUP_KEY_POLICY]: 'KMS key policy (dataset group key)',
  [IAM_POLICY]: 'Service role IAM policy',
};

const SERVICE = 'personalize.amazonaws.com';
const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const ROLE_NAME = 'PersonalizeKmsRole';
const ROLE_PATH = '/service-role/';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/${ROLE_NAME}`;
const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;
const KEY_A = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const KEY_B = `arn:aws:kms:us-east-1:${ACCOUNT}:key/mrk-0123456789abcdef0123456789abcdef`;
const FOREIGN_KEY = `arn:aws:kms:us-east-1:${OTHER_ACCOUNT}:key/abcdef12-3456-7890-abcd-ef1234567890`;

interface Combination {
  name: string;
  operations: Operation[];
  bucketEncrypted: boolean;
  datasetGroupEncrypted: boolean;
  keys: 'same' | 'separate';
}

interface ExpectedKeyPolicy {
  id: DocumentId;
  /** Actions of the Personalize statement; empty means "not needed". */
  actions: string[];
}

interface Expected {
  keyPolicies: ExpectedKeyPolicy[];
  /** Actions of the service role's IAM policy; empty means "not needed". */
  iamActions: string[];
}

function union(...lists: (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}

/** Section 1 of the rules file, as plainly as possible. */
function expectedFor(c: Combination): Expected {
  const bucketActions = c.bucketEncrypted && c.operations.length > 0 ? BUCKET_ACTIONS : [];
  let datasetGroupActions: readonly string[] = [];
  if (c.datasetGroupEncrypted) {
    datasetGroupActions = c.operations.includes('export')
      ? DATASET_GROUP_EXPORT_ACTIONS
      : DATASET_GROUP_ACTIONS;
  }
  const iamActions = union(bucketActions); // the dataset group changes no IAM policy
  if (c.bucketEncrypted && c.datasetGroupEncrypted && c.keys === 'separate') {
    return {
      keyPolicies: [
        { id: BUCKET_KEY_POLICY, actions: union(bucketActions) },
        { id: DATASET_GROUP_KEY_POLICY, actions: union(datasetGroupActions) },
      ],
      iamActions,
    };
  }
  return {
    keyPolicies: [{ id: KEY_POLICY, actions: union(bucketActions, datasetGroupActions) }],
    iamActions,
  };
}

const COMBINATIONS: Combination[] = subsetsOf(ALL_OPS).flatMap((operations) =>
  [false, true].flatMap((bucketEncrypted) =>
    [false, true].flatMap((datasetGroupEncrypted) =>
      (['same', 'separate'] as const).map((keys) => ({
        name: `ops=[${operations.join(',')}] bucket=${bucketEncrypted ? 'encrypted' : 'plain'} datasetGroup=${datasetGroupEncrypted ? 'encrypted' : 'plain'} keys=${keys}`,
        operations,
        bucketEncrypted,
        datasetGroupEncrypted,
        keys,
      })),
    ),
  ),
);

// ---------------------------------------------------------------------------
// Helpers.

function answersFor(c: Combination, overrides: Partial<Answers> = {}): Answers {
  return {
    ...DEFAULT_ANSWERS,
    operations: [...c.operations],
    bucketEncrypted: c.bucketEncrypted,
    datasetGroupEncrypted: c.datasetGroupEncrypted,
    keys: c.keys,
    accountId: ACCOUNT,
    roleName: ROLE_NAME,
    rolePath: ROLE_PATH,
    ...overrides,
  };
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

function personalizeStatements(doc: NeededDocument): PolicyStatement[] {
  return doc.policy.Statement.filter((s) => principalList(s, 'Service').includes(SERVICE));
}

function rootStatements(doc: NeededDocument, rootArn: string): PolicyStatement[] {
  return doc.policy.Statement.filter((s) => principalList(s, 'AWS').includes(rootArn));
}

function onlyOne<T>(items: T[], what: string): T {
  expect(items, what).toHaveLength(1);
  const item = items[0];
  if (item === undefined) throw new Error(`missing ${what}`);
  return item;
}

function expectOneSentence(text: string): void {
  expect(text.trim()).not.toBe('');
  expect(text).toMatch(/^[A-Z][^]*\.$/);
  expect(text.slice(0, -1)).not.toMatch(/[.!?]\s/);
}

function expectRootStatement(doc: NeededDocument, rootArn: string): void {
  const root = onlyOne(rootStatements(doc, rootArn), `root statement of ${doc.title}`);
  expect(root.Effect).toBe('Allow');
  expect(principalList(root, 'AWS')).toEqual([rootArn]);
  expect(principalList(root, 'Service')).toEqual([]);
  expect(asList(root.Action)).toEqual(['kms:*']);
  expect(root.Resource).toBe('*');
  expect(root.Condition).toBeUndefined();
}

function expectPersonalizeStatement(
  doc: NeededDocument,
  roleArn: string,
  actions: string[],
): PolicyStatement {
  const statement = onlyOne(personalizeStatements(doc), `Personalize statement of ${doc.title}`);
  expect(statement.Effect).toBe('Allow');
  expect(principalList(statement, 'AWS')).toEqual([roleArn]);
  expect(principalList(statement, 'Service')).toEqual([SERVICE]);
  expect(statement.Resource).toBe('*');
  // No kms:ViaService / kms:CallerAccount by default (rules file, section 4).
  expect(statement.Condition).toBeUndefined();
  const got = asList(statement.Action);
  expect(new Set(got).size, 'actions are listed once each').toBe(got.length);
  expect(sorted(got)).toEqual(actions);
  return statement;
}

function expectExplained(doc: NeededDocument): void {
  const actions = new Set(doc.policy.Statement.flatMap((s) => asList(s.Action)));
  const explained = new Map(doc.explanations.map((e) => [e.action, e]));
  expect(sorted(explained.keys()), `explained actions of ${doc.title}`).toEqual(sorted(actions));
  for (const action of actions) {
    const explanation = explained.get(action);
    expect(explanation, `explanation of ${action}`).toBeDefined();
    expect(explanation?.purpose.trim()).not.toBe('');
    expect(explanation?.because.length, `because of ${action}`).toBeGreaterThan(0);
    for (const because of explanation?.because ?? []) {
      expect(because.reason.trim()).not.toBe('');
      expect(because.answer.trim()).not.toBe('');
      expect(because.source.url).toMatch(/^https:\/\/\S+$/);
    }
  }
}

function expectSerialised(doc: NeededDocument): void {
  expect(doc.json).toBe(`${JSON.stringify(doc.policy, null, 2)}\n`);
  expect(JSON.parse(doc.json)).toEqual(doc.policy);
  expect(doc.policy.Version).toBe('2012-10-17');
  // Every action is one KMS has (the guide's bullet list misspells ListGrants).
  expect(unknownKmsActions(doc.policy.Statement)).toEqual([]);
  expect(doc.fileName).toMatch(/\.json$/);
}

// ---------------------------------------------------------------------------
// The 128 combinations.

test('the table has every combination once', () => {
  expect(COMBINATIONS).toHaveLength(128);
  expect(new Set(COMBINATIONS.map((c) => c.name)).size).toBe(128);
});

describe.each(COMBINATIONS.map((c) => [c.name, c] as const))('%s', (_, c) => {
  const expected = expectedFor(c);
  const set = buildValid(answersFor(c));

  it('has exactly the expected documents, needed or with a reason', () => {
    const ids = [...expected.keyPolicies.map((k) => k.id), IAM_POLICY];
    expect(sorted(set.documents.map((d) => d.id))).toEqual(sorted(ids));
    expect(set.documents.map((d) => d.title)).toEqual(set.documents.map((d) => TITLES[d.id]));
    for (const keyPolicy of expected.keyPolicies) {
      const doc = documentOf(set.documents, keyPolicy.id);
      expect(doc.kind).toBe('key-policy');
      expect(doc.needed, `${keyPolicy.id} needed`).toBe(keyPolicy.actions.length > 0);
    }
    const iam = documentOf(set.documents, IAM_POLICY);
    expect(iam.kind).toBe('iam-policy');
    expect(iam.needed, 'IAM policy needed').toBe(expected.iamActions.length > 0);
    for (const doc of set.documents) {
      if (doc.needed) {
        expect(doc).not.toHaveProperty('reason');
      } else {
        expectOneSentence(doc.reason);
        expect(doc).not.toHaveProperty('json');
        expect(doc).not.toHaveProperty('policy');
      }
    }
    expect(set.placeholders).toEqual([]);
    expect(set.notes).toEqual([]);
  });

  it('key policies: root statement kept, Personalize statement with the expected actions', () => {
    for (const keyPolicy of expected.keyPolicies.filter((k) => k.actions.length > 0)) {
      const doc = neededOf(set.documents, keyPolicy.id);
      expect(doc.policy.Statement).toHaveLength(2);
      expectRootStatement(doc, ROOT_ARN);
      const statement = expectPersonalizeStatement(doc, ROLE_ARN, keyPolicy.actions);
      expect(doc.statementOnly?.statement).toEqual(statement);
      expect(doc.statementOnly?.json).toBe(`${JSON.stringify(statement, null, 2)}\n`);
      expect(doc.statementOnly?.fileName).toMatch(/\.json$/);
      expect(doc.statementOnly?.fileName).not.toBe(doc.fileName);
      for (const s of doc.policy.Statement) expect(s.Principal).not.toBe('*');
    }
  });

  it('IAM policy: the expected actions on Resource "*", alphanumeric Sids, no Principal', () => {
    if (expected.iamActions.length === 0) {
      expect(documentOf(set.documents, IAM_POLICY).needed).toBe(false);
      return;
    }
    const doc = neededOf(set.documents, IAM_POLICY);
    const actions = doc.policy.Statement.flatMap((s) => asList(s.Action));
    expect(new Set(actions).size, 'each action once').toBe(actions.length);
    expect(sorted(actions)).toEqual(expected.iamActions);
    for (const statement of doc.policy.Statement) {
      expect(statement.Effect).toBe('Allow');
      expect(statement.Principal).toBeUndefined();
      expect(asList(statement.Resource)).toEqual(['*']);
      if (statement.Sid !== undefined) expect(statement.Sid).toMatch(/^[A-Za-z0-9]+$/);
    }
    expect(doc.statementOnly).toBeUndefined();
  });

  it('every needed document is serialised exactly and every action is explained', () => {
    for (const doc of set.documents) {
      if (!doc.needed) continue;
      expectSerialised(doc);
      expectExplained(doc);
    }
    expect(allJson(set)).not.toContain('<account-id>');
    expect(allJson(set)).not.toContain('<personalize-role-name>');
  });
});

// ---------------------------------------------------------------------------
// Other answers.

const FULL: Combination = {
  name: 'everything',
  operations: [...ALL_OPS],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  keys: 'same',
};
const FULL_SEPARATE: Combination = { ...FULL, keys: 'separate' };

describe('role path', () => {
  it("puts the role's path in the key policy's role ARN", () => {
    const doc = neededOf(buildValid(answersFor(FULL)).documents, KEY_POLICY);
    const statement = onlyOne(personalizeStatements(doc), 'Personalize statement');
    expect(principalList(statement, 'AWS')).toEqual([
      'arn:aws:iam::111122223333:role/service-role/PersonalizeKmsRole',
    ]);
    expect(doc.statementOnly?.json).toContain('role/service-role/PersonalizeKmsRole');
  });

  it.each([
    ['/', 'arn:aws:iam::111122223333:role/PersonalizeKmsRole'],
    ['/a/b/', 'arn:aws:iam::111122223333:role/a/b/PersonalizeKmsRole'],
  ])('path %s gives %s', (rolePath, arn) => {
    for (const id of [BUCKET_KEY_POLICY, DATASET_GROUP_KEY_POLICY]) {
      const doc = neededOf(buildValid(answersFor(FULL_SEPARATE, { rolePath })).documents, id);
      const statement = onlyOne(personalizeStatements(doc), 'Personalize statement');
      expect(principalList(statement, 'AWS')).toEqual([arn]);
    }
  });
});

describe('key ARNs', () => {
  it('scope the IAM policy to the single key ARN', () => {
    const set = buildValid(answersFor(FULL, { keyArn: KEY_A }));
    const iam = neededOf(set.documents, IAM_POLICY);
    expect(iam.policy.Statement.flatMap((s) => asList(s.Resource))).toEqual([KEY_A]);
    expect(sorted(iam.policy.Statement.flatMap((s) => asList(s.Action)))).toEqual(
      sorted(BUCKET_ACTIONS),
    );
    // In a key policy "*" means "this key": it stays "*".
    const key = neededOf(set.documents, KEY_POLICY);
    for (const s of key.policy.Statement) expect(s.Resource).toBe('*');
    expect(set.notes).toEqual([]);
  });

  it("scope the IAM policy to the bucket key with separate keys (the dataset group's key needs no IAM permissions)", () => {
    const set = buildValid(answersFor(FULL_SEPARATE, { keyArn: KEY_A, datasetGroupKeyArn: KEY_B }));
    const iam = neededOf(set.documents, IAM_POLICY);
    expect(iam.policy.Statement.flatMap((s) => asList(s.Resource))).toEqual([KEY_A]);
    expect(sorted(iam.policy.Statement.flatMap((s) => asList(s.Action)))).toEqual(
      sorted(BUCKET_ACTIONS),
    );
    for (const s of iam.policy.Statement) expect(s.Sid ?? 'none').toMatch(/^[A-Za-z0-9]+$/);
    for (const id of [BUCKET_KEY_POLICY, DATASET_GROUP_KEY_POLICY]) {
      const key = neededOf(set.documents, id);
      for (const s of key.policy.Statement) expect(s.Resource).toBe('*');
    }
  });

  it('are on each key policy: the answered ARN, or "" and the placeholder the commands show', () => {
    const keysOf = (answers: Answers) =>
      buildValid(answers).documents.map((d) => [d.id, d.key] as const);
    expect(keysOf(answersFor(FULL, { keyArn: KEY_A }))).toEqual([
      [KEY_POLICY, { arn: KEY_A, placeholder: '<key-arn>' }],
      [IAM_POLICY, undefined],
    ]);
    expect(keysOf(answersFor(FULL_SEPARATE, { keyArn: KEY_A, datasetGroupKeyArn: KEY_B }))).toEqual(
      [
        [BUCKET_KEY_POLICY, { arn: KEY_A, placeholder: '<bucket-key-arn>' }],
        [DATASET_GROUP_KEY_POLICY, { arn: KEY_B, placeholder: '<dataset-group-key-arn>' }],
        [IAM_POLICY, undefined],
      ],
    );
    expect(keysOf(answersFor(FULL_SEPARATE))).toEqual([
      [BUCKET_KEY_POLICY, { arn: '', placeholder: '<bucket-key-arn>' }],
      [DATASET_GROUP_KEY_POLICY, { arn: '', placeholder: '<dataset-group-key-arn>' }],
      [IAM_POLICY, undefined],
    ]);
    // A key policy that is not needed still names its key.
    const unencrypted = { ...FULL, bucketEncrypted: false, datasetGroupEncrypted: false };
    expect(keysOf(answersFor(unencrypted))).toEqual([
      [KEY_POLICY, { arn: '', placeholder: '<key-arn>' }],
      [IAM_POLICY, undefined],
    ]);
  });

  it('keep "*" in the IAM policy while the key ARN is unknown', () => {
    const iam = neededOf(buildValid(answersFor(FULL)).documents, IAM_POLICY);
    expect(iam.policy.Statement.flatMap((s) => asList(s.Resource))).toEqual(['*']);
  });

  it('do not make a needless IAM policy when only the dataset group is encrypted', () => {
    const set = buildValid(
      answersFor({ ...FULL, bucketEncrypted: false }, { keyArn: KEY_A, datasetGroupKeyArn: '' }),
    );
    expect(documentOf(set.documents, IAM_POLICY).needed).toBe(false);
  });

  it('give one key policy with the union of actions when "separate" keys are the same key', () => {
    // Rules file, section 1: same key, one key policy with the union of actions.
    // PutKeyPolicy replaces the whole document, so two policies for one key
    // would silently drop the first one's statement.
    const set = buildValid(answersFor(FULL_SEPARATE, { keyArn: KEY_A, datasetGroupKeyArn: KEY_A }));
    const keyPolicies = set.documents.filter((d) => d.kind === 'key-policy');
    expect(keyPolicies.map((d) => d.id)).toEqual([KEY_POLICY]);
    const doc = neededOf(keyPolicies, KEY_POLICY);
    expectRootStatement(doc, ROOT_ARN);
    expectPersonalizeStatement(doc, ROLE_ARN, union(BUCKET_ACTIONS, DATASET_GROUP_EXPORT_ACTIONS));
    // The IAM policy names the one key once, and a note says why there is one policy.
    const iam = neededOf(set.documents, IAM_POLICY);
    expect(iam.policy.Statement.flatMap((s) => asList(s.Resource))).toEqual([KEY_A]);
    expect(set.notes).toEqual([expect.stringMatching(/^Both key ARNs name the same key\b/)]);
  });
});

describe('a key in another account', () => {
  it("uses the key's account in the root statement and notes both accounts", () => {
    const set = buildValid(answersFor(FULL, { keyArn: FOREIGN_KEY }));
    const doc = neededOf(set.documents, KEY_POLICY);
    expectRootStatement(doc, `arn:aws:iam::${OTHER_ACCOUNT}:root`);
    expect(rootStatements(doc, ROOT_ARN)).toEqual([]);
    // The Personalize statement still names the role in the role's account.
    expectPersonalizeStatement(doc, ROLE_ARN, union(BUCKET_ACTIONS, DATASET_GROUP_EXPORT_ACTIONS));
    const iam = neededOf(set.documents, IAM_POLICY);
    expect(iam.policy.Statement.flatMap((s) => asList(s.Resource))).toEqual([FOREIGN_KEY]);
    expect(
      set.notes.some((note) => note.includes(ACCOUNT) && note.includes(OTHER_ACCOUNT)),
      `notes: ${JSON.stringify(set.notes)}`,
    ).toBe(true);
  });

  it('works per key with separate keys', () => {
    const set = buildValid(
      answersFor(FULL_SEPARATE, { keyArn: KEY_A, datasetGroupKeyArn: FOREIGN_KEY }),
    );
    expectRootStatement(neededOf(set.documents, BUCKET_KEY_POLICY), ROOT_ARN);
    const datasetGroupKey = neededOf(set.documents, DATASET_GROUP_KEY_POLICY);
    expectRootStatement(datasetGroupKey, `arn:aws:iam::${OTHER_ACCOUNT}:root`);
    expect(rootStatements(datasetGroupKey, ROOT_ARN)).toEqual([]);
    expect(set.notes.some((note) => note.includes(ACCOUNT) && note.includes(OTHER_ACCOUNT))).toBe(
      true,
    );
  });

  it('has no cross-account note when the key is in the role account', () => {
    const set = buildValid(answersFor(FULL, { keyArn: KEY_A }));
    expect(set.notes.some((note) => note.includes(OTHER_ACCOUNT))).toBe(false);
  });
});

describe('unanswered account and role name', () => {
  const set = buildValid(answersFor(FULL, { accountId: '', roleName: '' }));

  it("shows the guide's placeholders in the JSON", () => {
    const doc = neededOf(set.documents, KEY_POLICY);
    expectPersonalizeStatement(
      doc,
      'arn:aws:iam::<account-id>:role/service-role/<personalize-role-name>',
      union(BUCKET_ACTIONS, DATASET_GROUP_EXPORT_ACTIONS),
    );
    expectRootStatement(doc, 'arn:aws:iam::<account-id>:root');
    expect(doc.json).toContain('<account-id>');
    expect(doc.json).toContain('<personalize-role-name>');
  });

  it('lists the placeholders', () => {
    expect(set.placeholders).toEqual(
      expect.arrayContaining([
        { field: 'accountId', placeholder: '<account-id>' },
        { field: 'roleName', placeholder: '<personalize-role-name>' },
      ]),
    );
    expect(set.placeholders).toHaveLength(2);
  });

  it('lists only the missing one', () => {
    const onlyName = buildValid(answersFor(FULL, { roleName: '' }));
    expect(onlyName.placeholders).toEqual([
      { field: 'roleName', placeholder: '<personalize-role-name>' },
    ]);
    expect(allJson(onlyName)).not.toContain('<account-id>');
    expect(allJson(onlyName)).toContain(ROOT_ARN);
  });
});

describe('aws-cn partition', () => {
  const cnKey = `arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const set = buildValid(answersFor(FULL, { partition: 'aws-cn', keyArn: cnKey }));

  it('uses arn:aws-cn: in every ARN', () => {
    const json = allJson(set);
    const arns = json.match(/"arn:[^"]*"/g) ?? [];
    expect(arns.length).toBeGreaterThan(0);
    for (const arn of arns) expect(arn).toMatch(/^"arn:aws-cn:/);
    const doc = neededOf(set.documents, KEY_POLICY);
    expectRootStatement(doc, `arn:aws-cn:iam::${ACCOUNT}:root`);
    expectPersonalizeStatement(
      doc,
      `arn:aws-cn:iam::${ACCOUNT}:role/service-role/${ROLE_NAME}`,
      union(BUCKET_ACTIONS, DATASET_GROUP_EXPORT_ACTIONS),
    );
  });

  it('notes that the service principal is uncertain there', () => {
    expect(set.notes.some((n) => n.includes('aws-cn') && n.includes(SERVICE))).toBe(true);
    const aws = buildValid(answersFor(FULL));
    expect(aws.notes.some((n) => n.includes('aws-cn'))).toBe(false);
  });

  it('keeps the placeholder ARNs in aws-cn too', () => {
    const placeholders = buildValid(answersFor(FULL, { partition: 'aws-cn', accountId: '' }));
    expect(allJson(placeholders)).toContain('arn:aws-cn:iam::<account-id>:root');
    expect(allJson(placeholders)).not.toContain('arn:aws:');
  });
});

describe('serialisation', () => {
  it.each([FULL, FULL_SEPARATE])(
    'json is JSON.stringify(policy, null, 2) plus a newline ($keys)',
    (c) => {
      const set = buildValid(answersFor(c, { keyArn: KEY_A }));
      for (const doc of set.documents) {
        if (!doc.needed) continue;
        expect(doc.json).toBe(`${JSON.stringify(doc.policy, null, 2)}\n`);
        expect(JSON.parse(doc.json)).toEqual(doc.policy);
        expect(doc.json.endsWith('}\n')).toBe(true);
      }
    },
  );

  it('does not depend on the order of the operations', () => {
    const permutations = (items: readonly Operation[]): Operation[][] =>
      items.length <= 1
        ? [[...items]]
        : items.flatMap((item, index) =>
            permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [
              item,
              ...rest,
            ]),
          );
    const orders = permutations(ALL_OPS);
    expect(orders).toHaveLength(24);
    for (const c of [FULL, FULL_SEPARATE]) {
      const reference = JSON.stringify(buildValid(answersFor(c)));
      for (const operations of orders) {
        expect(JSON.stringify(buildValid(answersFor({ ...c, operations })))).toBe(reference);
      }
    }
    for (const subset of subsetsOf(ALL_OPS)) {
      const c = { ...FULL, operations: subset };
      const reversed = { ...c, operations: [...subset].reverse() };
      expect(JSON.stringify(buildValid(answersFor(reversed)))).toBe(
        JSON.stringify(buildValid(answersFor(c))),
      );
    }
  });
});
