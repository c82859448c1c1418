/**
 * The builder against the guide's tables (shared/reference/personalize-kms-rules.md,
 * sections 1, 2 and 4), both editions.
 *
 * The expected actions come from test-support/kms-rules.ts, written by hand
 * from the rules file; they do not read the module's RULES table. Each row of
 * the tables (edition, operation or none, encrypted resource) is checked once,
 * on its own: its actions are in the key policy and the IAM policy, and
 * nothing else is. How rows combine (several operations, both resources on one
 * key or two) is checked by the property tests in properties.test.ts.
 */
import { describe, expect, it, test } from 'vitest';

import {
  buildPoliciesFromInput,
  DEFAULT_ANSWERS,
  GUIDE_EDITIONS,
  KEY_LAYOUTS,
  RULES,
  type Answers,
  type DocumentId,
  type GuideEdition,
  type NeededDocument,
  type PolicySet,
  type PolicyStatement,
} from './index';
import { buildValid } from './test-support/answers';
import { allJson, asList, documentOf, neededOf, principalList } from './test-support/documents';
import { unknownKmsActions } from './test-support/kms-api';
import {
  BUCKET_ACTIONS,
  coveredOperations,
  DATASET_GROUP_EXPORT_ACTIONS,
  ENCRYPTED,
  ENCRYPTED_FIELD,
  expectedKmsDocuments,
  GUIDE_TABLES,
  guideRow,
  TRIGGERS,
} from './test-support/kms-rules';

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

/** How each edition's explanations cite it. */
const CITATION: Readonly<Record<GuideEdition, RegExp>> = {
  '2023-01': /January 2023/,
  current: /\(current\)/,
};

/** The current guide's warning (section 2), shown with its documents. */
const CURRENT_WARNING = /filters and recommendations/;

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

/** Named answers with the role given, on top of the defaults. */
function answersFor(overrides: Partial<Answers> = {}): Answers {
  return {
    ...DEFAULT_ANSWERS,
    accountId: ACCOUNT,
    roleName: ROLE_NAME,
    rolePath: ROLE_PATH,
    ...overrides,
  };
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

function union(...lists: (readonly string[])[]): string[] {
  return sorted(new Set(lists.flat()));
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
  actions: readonly string[],
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
  expect(sorted(got), `actions of ${doc.title}`).toEqual(sorted(actions));
  return statement;
}

/** A complete key policy: the root statement and the Personalize statement, and its statement-only view. */
function expectKeyPolicy(doc: NeededDocument, actions: readonly string[]): void {
  expect(doc.kind).toBe('key-policy');
  expect(doc.policy.Statement).toHaveLength(2);
  expectRootStatement(doc, ROOT_ARN);
  const statement = expectPersonalizeStatement(doc, ROLE_ARN, actions);
  expect(doc.statementOnly?.statement).toEqual(statement);
  expect(doc.statementOnly?.json).toBe(`${JSON.stringify(statement, null, 2)}\n`);
  expect(doc.statementOnly?.fileName).toMatch(/\.json$/);
  expect(doc.statementOnly?.fileName).not.toBe(doc.fileName);
}

/** The service role's IAM policy: these actions on "*" (no key ARN given), no Principal. */
function expectIamPolicy(doc: NeededDocument, actions: readonly string[]): void {
  expect(doc.kind).toBe('iam-policy');
  const got = doc.policy.Statement.flatMap((s) => asList(s.Action));
  expect(new Set(got).size, 'each action once').toBe(got.length);
  expect(sorted(got), 'actions of the IAM policy').toEqual(sorted(actions));
  for (const statement of doc.policy.Statement) {
    expect(statement.Effect).toBe('Allow');
    expect(statement.Principal).toBeUndefined();
    expect(asList(statement.Resource)).toEqual(['*']);
    expect(statement.Sid).toMatch(/^[A-Za-z0-9]+$/);
  }
  expect(doc.statementOnly).toBeUndefined();
}

/** Every action explained, each reason citing the edition's guide with a link. */
function expectExplained(doc: NeededDocument, edition: GuideEdition): void {
  const actions = new Set(doc.policy.Statement.flatMap((s) => asList(s.Action)));
  expect(
    sorted(doc.explanations.map((e) => e.action)),
    `explained actions of ${doc.title}`,
  ).toEqual(sorted(actions));
  for (const explanation of doc.explanations) {
    expect(explanation.purpose.trim()).not.toBe('');
    expect(explanation.because.length, `because of ${explanation.action}`).toBeGreaterThan(0);
    for (const because of explanation.because) {
      expect(because.reason.trim()).not.toBe('');
      expect(because.answer).toMatch(/^[A-Z].*\.$/);
      expect(because.source.url).toMatch(/^https:\/\/\S+$/);
      if (explanation.action !== 'kms:*') {
        expect(because.source.title).toMatch(CITATION[edition]);
        // The section of the guide, after the edition's name.
        expect(because.source.title).toMatch(/: \S/);
      }
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
// The guide's tables, row by row.

describe('the guide tables', () => {
  test('have a row for no operation and for each operation of OPERATIONS, in every edition', () => {
    expect(sorted(Object.keys(GUIDE_TABLES))).toEqual(sorted(GUIDE_EDITIONS));
    for (const edition of GUIDE_EDITIONS) {
      expect(sorted(Object.keys(GUIDE_TABLES[edition])), edition).toEqual(sorted(TRIGGERS));
    }
  });

  test('have a column for each resource the rules table encrypts', () => {
    expect(sorted(ENCRYPTED)).toEqual(sorted(new Set(RULES.map((rule) => rule.encrypted))));
  });
});

const ROWS = GUIDE_EDITIONS.flatMap((edition) =>
  TRIGGERS.flatMap((trigger) =>
    ENCRYPTED.map((encrypted) => ({
      name: `${edition} guide, ${trigger}, ${encrypted} encrypted`,
      edition,
      trigger,
      encrypted,
      answers: answersFor({
        guide: edition,
        operations: trigger === 'no operation' ? [] : [trigger],
        [ENCRYPTED_FIELD[encrypted]]: true,
      }),
    })),
  ),
);

describe('each row of the guide tables, alone: its actions and nothing else', () => {
  test.each(ROWS.map((row) => [row.name, row] as const))('%s', (_, row) => {
    const { edition, trigger, encrypted, answers } = row;
    const guide = guideRow(edition, trigger);
    const result = buildPoliciesFromInput(answers);
    if (guide === 'not covered') {
      // The edition does not cover the operation: the answers are refused, not built.
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.findings.map((f) => f.path)).toEqual(['operations.0']);
      return;
    }
    if (!result.ok) throw new Error(JSON.stringify(result.findings));
    const set = result.policies;
    const { keyPolicy, iamPolicy } = guide[encrypted];

    expect(set.documents.map((d) => [d.id, d.title])).toEqual([
      [KEY_POLICY, TITLES[KEY_POLICY]],
      [IAM_POLICY, TITLES[IAM_POLICY]],
    ]);
    const key = documentOf(set.documents, KEY_POLICY);
    const iam = documentOf(set.documents, IAM_POLICY);
    expect(key.needed, 'key policy needed').toBe(keyPolicy.length > 0);
    expect(iam.needed, 'IAM policy needed').toBe(iamPolicy.length > 0);
    if (key.needed) expectKeyPolicy(key, keyPolicy);
    if (iam.needed) expectIamPolicy(iam, iamPolicy);
    for (const doc of set.documents) {
      if (doc.needed) {
        expectSerialised(doc);
        expectExplained(doc, edition);
      } else {
        expectOneSentence(doc.reason);
        expect(doc).not.toHaveProperty('policy');
      }
    }
    expect(set.placeholders).toEqual([]);
    expect(set.notes).toEqual(
      edition === 'current' ? [expect.stringMatching(CURRENT_WARNING)] : [],
    );
  });
});

// ---------------------------------------------------------------------------
// Both resources encrypted: the documents of each key layout.

const LAYOUT_DOCUMENTS: Readonly<Record<(typeof KEY_LAYOUTS)[number], DocumentId[]>> = {
  same: [KEY_POLICY, IAM_POLICY],
  separate: [BUCKET_KEY_POLICY, DATASET_GROUP_KEY_POLICY, IAM_POLICY],
};

describe('both resources encrypted, every operation the edition covers', () => {
  const rows = GUIDE_EDITIONS.flatMap((edition) =>
    KEY_LAYOUTS.map((keys) => ({
      name: `${edition} guide, ${keys} keys`,
      edition,
      keys,
      answers: answersFor({
        guide: edition,
        operations: coveredOperations(edition),
        bucketEncrypted: true,
        datasetGroupEncrypted: true,
        keys,
      }),
    })),
  );

  test.each(rows.map((row) => [row.name, row] as const))(
    '%s: one key policy per key, each complete',
    (_, row) => {
      const { edition, keys, answers } = row;
      const set = buildValid(answers);
      expect(set.documents.map((d) => [d.id, d.title])).toEqual(
        LAYOUT_DOCUMENTS[keys].map((id) => [id, TITLES[id]]),
      );
      const expected = expectedKmsDocuments(answers);
      for (const { id, actions } of expected.keyPolicies) {
        const doc = neededOf(set.documents, id);
        expectKeyPolicy(doc, actions);
        expectExplained(doc, edition);
      }
      expectIamPolicy(neededOf(set.documents, IAM_POLICY), expected.iamPolicy);
      expect(new Set(set.documents.map((d) => (d.needed ? d.fileName : d.id))).size).toBe(
        set.documents.length,
      );
    },
  );
});

// ---------------------------------------------------------------------------
// Other answers, on the January 2023 guide with everything it covers.

const FULL = answersFor({
  operations: coveredOperations('2023-01'),
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  keys: 'same',
});
const FULL_SEPARATE: Answers = { ...FULL, keys: 'separate' };
/** What a key holding both the bucket and the dataset group needs then. */
const BOTH_ON_ONE_KEY = union(BUCKET_ACTIONS, DATASET_GROUP_EXPORT_ACTIONS);

function build(answers: Answers, overrides: Partial<Answers> = {}): PolicySet {
  return buildValid({ ...answers, ...overrides });
}

describe('nothing encrypted', () => {
  test.each(GUIDE_EDITIONS)('%s guide: no document is needed, each says why', (guide) => {
    const set = build(FULL, {
      guide,
      operations: coveredOperations(guide),
      bucketEncrypted: false,
      datasetGroupEncrypted: false,
    });
    expect(set.documents.map((d) => d.id)).toEqual([KEY_POLICY, IAM_POLICY]);
    for (const doc of set.documents) {
      expect(doc.needed).toBe(false);
      if (!doc.needed) {
        expectOneSentence(doc.reason);
        expect(doc.reason).toMatch(/Neither the S3 bucket nor the dataset group is encrypted/);
      }
    }
    expect(set.notes).toEqual([]);
  });
});

describe('role path', () => {
  it("puts the role's path in the key policy's role ARN", () => {
    const doc = neededOf(build(FULL).documents, KEY_POLICY);
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
      const doc = neededOf(build(FULL_SEPARATE, { rolePath }).documents, id);
      const statement = onlyOne(personalizeStatements(doc), 'Personalize statement');
      expect(principalList(statement, 'AWS')).toEqual([arn]);
    }
  });
});

describe('key ARNs', () => {
  it('scope the IAM policy to the single key ARN', () => {
    const set = build(FULL, { keyArn: KEY_A });
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
    const set = build(FULL_SEPARATE, { keyArn: KEY_A, datasetGroupKeyArn: KEY_B });
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
    expect(keysOf({ ...FULL, keyArn: KEY_A })).toEqual([
      [KEY_POLICY, { arn: KEY_A, placeholder: '<key-arn>' }],
      [IAM_POLICY, undefined],
    ]);
    expect(keysOf({ ...FULL_SEPARATE, keyArn: KEY_A, datasetGroupKeyArn: KEY_B })).toEqual([
      [BUCKET_KEY_POLICY, { arn: KEY_A, placeholder: '<bucket-key-arn>' }],
      [DATASET_GROUP_KEY_POLICY, { arn: KEY_B, placeholder: '<dataset-group-key-arn>' }],
      [IAM_POLICY, undefined],
    ]);
    expect(keysOf(FULL_SEPARATE)).toEqual([
      [BUCKET_KEY_POLICY, { arn: '', placeholder: '<bucket-key-arn>' }],
      [DATASET_GROUP_KEY_POLICY, { arn: '', placeholder: '<dataset-group-key-arn>' }],
      [IAM_POLICY, undefined],
    ]);
    // A key policy that is not needed still names its key.
    expect(keysOf({ ...FULL, bucketEncrypted: false, datasetGroupEncrypted: false })).toEqual([
      [KEY_POLICY, { arn: '', placeholder: '<key-arn>' }],
      [IAM_POLICY, undefined],
    ]);
  });

  it('keep "*" in the IAM policy while the key ARN is unknown', () => {
    const iam = neededOf(build(FULL).documents, IAM_POLICY);
    expect(iam.policy.Statement.flatMap((s) => asList(s.Resource))).toEqual(['*']);
  });

  it('do not make a needless IAM policy when only the dataset group is encrypted', () => {
    const set = build(FULL, { bucketEncrypted: false, keyArn: KEY_A, datasetGroupKeyArn: '' });
    expect(documentOf(set.documents, IAM_POLICY).needed).toBe(false);
  });

  it('give one key policy with the union of actions when "separate" keys are the same key', () => {
    // Rules file, section 1: same key, one key policy with the union of actions.
    // PutKeyPolicy replaces the whole document, so two policies for one key
    // would silently drop the first one's statement.
    const set = build(FULL_SEPARATE, { keyArn: KEY_A, datasetGroupKeyArn: KEY_A });
    const keyPolicies = set.documents.filter((d) => d.kind === 'key-policy');
    expect(keyPolicies.map((d) => d.id)).toEqual([KEY_POLICY]);
    const doc = neededOf(keyPolicies, KEY_POLICY);
    expectRootStatement(doc, ROOT_ARN);
    expectPersonalizeStatement(doc, ROLE_ARN, BOTH_ON_ONE_KEY);
    // The IAM policy names the one key once, and a note says why there is one policy.
    const iam = neededOf(set.documents, IAM_POLICY);
    expect(iam.policy.Statement.flatMap((s) => asList(s.Resource))).toEqual([KEY_A]);
    expect(set.notes).toEqual([expect.stringMatching(/^Both key ARNs name the same key\b/)]);
  });
});

describe('a key in another account', () => {
  it("uses the key's account in the root statement and notes both accounts", () => {
    const set = build(FULL, { keyArn: FOREIGN_KEY });
    const doc = neededOf(set.documents, KEY_POLICY);
    expectRootStatement(doc, `arn:aws:iam::${OTHER_ACCOUNT}:root`);
    expect(rootStatements(doc, ROOT_ARN)).toEqual([]);
    // The Personalize statement still names the role in the role's account.
    expectPersonalizeStatement(doc, ROLE_ARN, BOTH_ON_ONE_KEY);
    const iam = neededOf(set.documents, IAM_POLICY);
    expect(iam.policy.Statement.flatMap((s) => asList(s.Resource))).toEqual([FOREIGN_KEY]);
    expect(
      set.notes.some((note) => note.includes(ACCOUNT) && note.includes(OTHER_ACCOUNT)),
      `notes: ${JSON.stringify(set.notes)}`,
    ).toBe(true);
  });

  it('works per key with separate keys', () => {
    const set = build(FULL_SEPARATE, { keyArn: KEY_A, datasetGroupKeyArn: FOREIGN_KEY });
    expectRootStatement(neededOf(set.documents, BUCKET_KEY_POLICY), ROOT_ARN);
    const datasetGroupKey = neededOf(set.documents, DATASET_GROUP_KEY_POLICY);
    expectRootStatement(datasetGroupKey, `arn:aws:iam::${OTHER_ACCOUNT}:root`);
    expect(rootStatements(datasetGroupKey, ROOT_ARN)).toEqual([]);
    expect(set.notes.some((note) => note.includes(ACCOUNT) && note.includes(OTHER_ACCOUNT))).toBe(
      true,
    );
  });

  it('has no cross-account note when the key is in the role account', () => {
    const set = build(FULL, { keyArn: KEY_A });
    expect(set.notes.some((note) => note.includes(OTHER_ACCOUNT))).toBe(false);
  });
});

describe('unanswered account and role name', () => {
  const set = build(FULL, { accountId: '', roleName: '' });

  it("shows the guide's placeholders in the JSON", () => {
    const doc = neededOf(set.documents, KEY_POLICY);
    expectPersonalizeStatement(
      doc,
      'arn:aws:iam::<account-id>:role/service-role/<personalize-role-name>',
      BOTH_ON_ONE_KEY,
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
    const onlyName = build(FULL, { roleName: '' });
    expect(onlyName.placeholders).toEqual([
      { field: 'roleName', placeholder: '<personalize-role-name>' },
    ]);
    expect(allJson(onlyName)).not.toContain('<account-id>');
    expect(allJson(onlyName)).toContain(ROOT_ARN);
  });
});

describe('aws-cn partition', () => {
  const cnKey = `arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const set = build(FULL, { partition: 'aws-cn', keyArn: cnKey });

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
      BOTH_ON_ONE_KEY,
    );
  });

  it('notes that the service principal is uncertain there', () => {
    expect(set.notes.some((n) => n.includes('aws-cn') && n.includes(SERVICE))).toBe(true);
    expect(build(FULL).notes.some((n) => n.includes('aws-cn'))).toBe(false);
  });

  it('keeps the placeholder ARNs in aws-cn too', () => {
    const placeholders = build(FULL, { partition: 'aws-cn', accountId: '' });
    expect(allJson(placeholders)).toContain('arn:aws-cn:iam::<account-id>:root');
    expect(allJson(placeholders)).not.toContain('arn:aws:');
  });
});
