/**
 * Properties of the builders over random answers (fast-check): how the
 * guide's rows combine. Each row alone is checked in build.test.ts; here,
 * over random editions, operations, encryption, key layouts, names and key
 * ARNs, every document grants exactly the union of the rows that apply, kept
 * per key, to the right principals, on the right resources, in the same bytes
 * whatever the order of the answers.
 *
 * The expected actions come from sections 1 to 3 of
 * shared/reference/personalize-kms-rules.md, written out by hand in
 * test-support; the limits and principals from section 4; the input rules
 * from section 5.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  buildCompanionDocuments,
  buildPolicies,
  buildPoliciesFromInput,
  DEFAULT_ANSWERS,
  GUIDE_EDITIONS,
  KEY_LAYOUTS,
  OPERATIONS,
  parseAnswers,
  PARTITIONS,
  salvageAnswers,
  type Answers,
  type PolicyStatement,
} from './index';
import { buildValid } from './test-support/answers';
import { allJson, asList, onlyNeeded, principalList } from './test-support/documents';
import { unknownKmsActions } from './test-support/kms-api';
import {
  coveredOperations,
  ENCRYPTED,
  ENCRYPTED_FIELD,
  expectedKmsDocuments,
  guideNeeds,
} from './test-support/kms-rules';
import { BUCKET_POLICY_ACTIONS, ROLE_S3_ACTIONS, s3Needs } from './test-support/s3-rules';
import {
  accountIdArb,
  DIGITS,
  HEX,
  keyIdArb,
  REGIONS,
  ROLE_NAME_CHARS,
  roleNameArb,
  rolePathArb,
} from './test-support/arbitraries';

const NUM_RUNS = 300;

const SERVICE = 'personalize.amazonaws.com';
const KEY_POLICY_MAX_BYTES = 32_768;
const IAM_MANAGED_POLICY_MAX_CHARS = 6_144;

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

/** The operations in OPERATIONS' order: what any other order must give the same bytes as. */
function inCanonicalOrder(answers: Answers): Answers {
  return { ...answers, operations: OPERATIONS.filter((op) => answers.operations.includes(op)) };
}

function keyAccountOf(arn: string): string | undefined {
  return /^arn:[^:]+:kms:[^:]+:(\d{12}):key\//.exec(arn)?.[1];
}

// ---------------------------------------------------------------------------
// Arbitraries for valid answers (rules file, sections 4 and 5).

function keyArnArb(partition: 'aws' | 'aws-cn', accountId: string) {
  return fc.oneof(
    fc.constant(''),
    fc
      .tuple(
        fc.constantFrom(...REGIONS[partition]),
        accountId === '' ? accountIdArb : fc.oneof(fc.constant(accountId), accountIdArb),
        keyIdArb,
      )
      .map(([region, account, keyId]) => `arn:${partition}:kms:${region}:${account}:key/${keyId}`),
  );
}

/** Valid answers: each edition with any order of any of the operations it covers. */
const validAnswersArb: fc.Arbitrary<Answers> = fc
  .constantFrom(...GUIDE_EDITIONS)
  .chain((guide) =>
    fc.record({
      guide: fc.constant(guide),
      operations: fc.shuffledSubarray(coveredOperations(guide)),
      bucketEncrypted: fc.boolean(),
      datasetGroupEncrypted: fc.boolean(),
      keys: fc.constantFrom(...KEY_LAYOUTS),
      accountId: fc.oneof(
        { weight: 1, arbitrary: fc.constant('') },
        { weight: 4, arbitrary: accountIdArb },
      ),
      roleName: fc.oneof(
        { weight: 1, arbitrary: fc.constant('') },
        { weight: 4, arbitrary: roleNameArb },
      ),
      rolePath: rolePathArb(510),
      partition: fc.constantFrom(...PARTITIONS),
      bucketName: fc.constantFrom('', 'my-personalize-data', 'data.example-1'),
      confusedDeputy: fc.constant(false),
    }),
  )
  .chain((base) =>
    fc
      .tuple(
        keyArnArb(base.partition, base.accountId),
        keyArnArb(base.partition, base.accountId),
        fc.oneof(fc.constant(''), fc.constantFrom(...REGIONS[base.partition])),
      )
      .map(([keyArn, datasetGroupKeyArn, region]) => ({
        ...base,
        keyArn,
        datasetGroupKeyArn,
        region,
      })),
  );

// ---------------------------------------------------------------------------
// (a) Valid answers.

describe('over random valid answers', () => {
  it('grants exactly the union of the guide rows that apply, per key, to no one else, on nothing else', () => {
    fc.assert(
      fc.property(validAnswersArb, (answers) => {
        const set = buildValid(answers);
        const expected = expectedKmsDocuments(answers);
        const account = answers.accountId || '<account-id>';
        const roleArn = `arn:${answers.partition}:iam::${account}:role${answers.rolePath}${answers.roleName || '<personalize-role-name>'}`;
        const keyArnOf: Record<string, string> = {
          'key-policy': answers.keyArn,
          'key-policy-bucket': answers.keyArn,
          'key-policy-dataset-group': answers.datasetGroupKeyArn,
        };

        // The documents: each key's policy (one, or one per key), then the IAM policy.
        expect(set.documents.map((d) => d.id)).toEqual([
          ...expected.keyPolicies.map((k) => k.id),
          'iam-policy',
        ]);
        for (const { id, actions } of expected.keyPolicies) {
          const doc = set.documents.find((d) => d.id === id);
          expect(doc?.needed, `${id} needed`).toBe(actions.length > 0);
          if (!doc?.needed) continue;
          const rootArn = `arn:${answers.partition}:iam::${keyAccountOf(keyArnOf[id] ?? '') ?? account}:root`;
          expect(doc.policy.Statement).toHaveLength(2);
          for (const statement of doc.policy.Statement) {
            expect(statement.Effect).toBe('Allow');
            // In a key policy "*" means "this key".
            expect(statement.Resource).toBe('*');
            expect(statement.Condition).toBeUndefined();
            if (asList(statement.Action).includes('kms:*')) {
              expect(statement.Principal).toEqual({ AWS: rootArn });
              expect(asList(statement.Action)).toEqual(['kms:*']);
            } else {
              expect(principalList(statement, 'AWS')).toEqual([roleArn]);
              expect(principalList(statement, 'Service')).toEqual([SERVICE]);
              expect(sorted(asList(statement.Action)), id).toEqual(actions);
            }
          }
        }

        const iam = set.documents.find((d) => d.id === 'iam-policy');
        expect(iam?.needed, 'IAM policy needed').toBe(expected.iamPolicy.length > 0);
        if (!iam?.needed) return;
        const actions = iam.policy.Statement.flatMap((s) => asList(s.Action));
        expect(sorted(new Set(actions))).toEqual(expected.iamPolicy);
        for (const statement of iam.policy.Statement) {
          expect(statement.Effect).toBe('Allow');
          expect(statement.Principal).toBeUndefined();
          expect(statement.Sid).toMatch(/^[A-Za-z0-9]+$/);
        }
        // Scoped to the key ARNs when every key that needs IAM permissions is known
        // (least privilege), each key with its own resources' actions; "*" otherwise.
        const keyOf = (resource: (typeof ENCRYPTED)[number]) =>
          expected.keyPolicies.length === 2 && resource === 'datasetGroup'
            ? answers.datasetGroupKeyArn
            : answers.keyArn;
        const byKey = new Map<string, Set<string>>();
        for (const resource of ENCRYPTED) {
          if (!answers[ENCRYPTED_FIELD[resource]]) continue;
          const needs = guideNeeds(answers.guide, answers.operations, resource).iamPolicy;
          if (needs.length === 0) continue;
          byKey.set(keyOf(resource), new Set([...(byKey.get(keyOf(resource)) ?? []), ...needs]));
        }
        const resources = iam.policy.Statement.flatMap((s) => asList(s.Resource));
        if (byKey.has('')) {
          expect(resources).toEqual(['*']);
        } else {
          expect(sorted(resources)).toEqual(sorted(byKey.keys()));
          for (const statement of iam.policy.Statement) {
            const key = asList(statement.Resource)[0] ?? '';
            expect(sorted(asList(statement.Action)), key).toEqual(sorted(byKey.get(key) ?? []));
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('the S3 access and bucket policies grant the union of the S3 rows of the operations, on the bucket or its objects', () => {
    fc.assert(
      fc.property(validAnswersArb, (answers) => {
        const documents = buildCompanionDocuments(answers);
        const bucketArn = `arn:${answers.partition}:s3:::${answers.bucketName || '<bucket-name>'}`;
        const resourceOf = (action: string) =>
          action === 's3:ListBucket'
            ? bucketArn
            : action.startsWith('s3:')
              ? `${bucketArn}/*`
              : '*';
        const expected = (column: typeof ROLE_S3_ACTIONS) =>
          s3Needs(column, answers.operations)
            .map((action) => `${action} on ${resourceOf(action)}`)
            .sort();
        const pairs = (statements: readonly PolicyStatement[]) =>
          statements
            .flatMap((s) =>
              asList(s.Action).flatMap((a) => asList(s.Resource).map((r) => `${a} on ${r}`)),
            )
            .sort();
        for (const [id, column] of [
          ['s3-access-policy', ROLE_S3_ACTIONS],
          ['bucket-policy', BUCKET_POLICY_ACTIONS],
        ] as const) {
          const doc = documents.find((d) => d.id === id);
          expect(doc?.needed, id).toBe(answers.operations.length > 0);
          if (!doc?.needed) continue;
          expect(pairs(doc.policy.Statement), id).toEqual(expected(column));
          for (const statement of doc.policy.Statement) {
            expect(statement.Principal).toEqual(
              id === 'bucket-policy' ? { Service: SERVICE } : undefined,
            );
            expect(statement.Condition).toBeUndefined();
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('every needed document parses back to its policy and explains each action it grants', () => {
    fc.assert(
      fc.property(validAnswersArb, (answers) => {
        const documents = [...buildValid(answers).documents, ...buildCompanionDocuments(answers)];
        for (const doc of onlyNeeded(documents)) {
          // One comparison per document: thousands of expect calls would make this slow.
          const sids = doc.policy.Statement.map((s) => s.Sid ?? '');
          const linkless = (because: readonly { source: { url: string } }[]) =>
            because.length === 0 || because.some((b) => !/^https:\/\/\S+$/.test(b.source.url));
          expect({
            title: doc.title,
            json: doc.json,
            parsed: JSON.parse(doc.json) as unknown,
            version: doc.policy.Version,
            statementOnly: doc.statementOnly && (JSON.parse(doc.statementOnly.json) as unknown),
            repeatedSids: sids.filter((sid, index) => sids.indexOf(sid) !== index),
            // IAM Sids must be alphanumeric; key policy Sids may contain spaces.
            badSids: doc.kind === 'key-policy' ? [] : sids.filter((s) => !/^[A-Za-z0-9]+$/.test(s)),
            explained: sorted(doc.explanations.map((e) => e.action)),
            unexplained: doc.explanations.filter((e) => linkless(e.because)).map((e) => e.action),
          }).toEqual({
            title: doc.title,
            json: `${JSON.stringify(doc.policy, null, 2)}\n`,
            parsed: doc.policy,
            version: '2012-10-17',
            statementOnly: doc.statementOnly?.statement,
            repeatedSids: [],
            badSids: [],
            explained: sorted(new Set(doc.policy.Statement.flatMap((s) => asList(s.Action)))),
            unexplained: [],
          });
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('uses only real KMS actions, and kms:* only in the root statement of a key policy', () => {
    fc.assert(
      fc.property(validAnswersArb, (answers) => {
        for (const doc of onlyNeeded(buildValid(answers).documents)) {
          expect(unknownKmsActions(doc.policy.Statement), doc.title).toEqual([]);
          for (const statement of doc.policy.Statement) {
            const actions = asList(statement.Action);
            expect(actions.length).toBeGreaterThan(0);
            if (!actions.includes('kms:*')) continue;
            expect(doc.kind).toBe('key-policy');
            const aws = principalList(statement, 'AWS');
            expect(aws).toHaveLength(1);
            expect(aws[0]).toMatch(/^arn:aws(-cn)?:iam::(\d{12}|<account-id>):root$/);
            expect(principalList(statement, 'Service')).toEqual([]);
            expect(actions).toEqual(['kms:*']);
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('stays within the size limits', () => {
    fc.assert(
      fc.property(validAnswersArb, (answers) => {
        for (const doc of onlyNeeded(buildValid(answers).documents)) {
          if (doc.kind === 'key-policy') {
            expect(new TextEncoder().encode(doc.json).length).toBeLessThanOrEqual(
              KEY_POLICY_MAX_BYTES,
            );
          } else {
            expect(doc.json.replace(/\s/g, '').length).toBeLessThanOrEqual(
              IAM_MANAGED_POLICY_MAX_CHARS,
            );
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('leaves its answers unchanged, so building them again gives the same bytes', () => {
    fc.assert(
      fc.property(validAnswersArb, (answers) => {
        const original = structuredClone(answers);
        const first = buildPolicies(answers);
        const firstCompanions = buildCompanionDocuments(answers);
        expect(answers).toEqual(original);
        expect(JSON.stringify(buildPolicies(answers))).toBe(JSON.stringify(first));
        expect(JSON.stringify(buildCompanionDocuments(answers))).toBe(
          JSON.stringify(firstCompanions),
        );
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('does not depend on the order of the operations', () => {
    fc.assert(
      fc.property(validAnswersArb, (answers) => {
        const canonical = inCanonicalOrder(answers);
        expect(JSON.stringify(buildValid(answers))).toBe(JSON.stringify(buildValid(canonical)));
        expect(JSON.stringify(buildCompanionDocuments(answers))).toBe(
          JSON.stringify(buildCompanionDocuments(canonical)),
        );
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

// ---------------------------------------------------------------------------
// (b) Invalid answers: one field of valid answers mutated to a bad value.

interface Mutation {
  field: keyof Answers;
  value: unknown;
  /** What salvageAnswers keeps of the field: its default unless said otherwise. */
  salvaged?: unknown;
}

function badString(field: keyof Answers, values: fc.Arbitrary<string>): fc.Arbitrary<Mutation> {
  return values.map((value) => ({ field, value }));
}

function mutationArb(answers: Answers): fc.Arbitrary<Mutation> {
  const otherPartition = answers.partition === 'aws' ? 'aws-cn' : 'aws';
  const otherRegion = otherPartition === 'aws' ? 'us-east-1' : 'cn-north-1';
  const covered: readonly string[] = coveredOperations(answers.guide);
  const badKeyArn = fc.oneof(
    fc
      .string({ unit: fc.constantFrom(...ROLE_NAME_CHARS), minLength: 1, maxLength: 20 })
      .map((name) => `alias/${name}`),
    fc
      .tuple(
        accountIdArb,
        fc.string({ unit: fc.constantFrom(...HEX), minLength: 1, maxLength: 20 }),
      )
      .map(([account, name]) => `arn:${answers.partition}:kms:us-east-1:${account}:alias/${name}`),
    keyIdArb,
    fc
      .tuple(accountIdArb, keyIdArb)
      .map(
        ([account, keyId]) => `arn:${otherPartition}:kms:${otherRegion}:${account}:key/${keyId}`,
      ),
    fc.tuple(accountIdArb, keyIdArb).map(([account, keyId]) => `arn:aws:s3:::${account}-${keyId}`),
  );
  return fc.oneof(
    badString(
      'accountId',
      fc.oneof(
        fc.string({ unit: fc.constantFrom(...DIGITS), minLength: 11, maxLength: 11 }),
        fc.string({ unit: fc.constantFrom(...DIGITS), minLength: 13, maxLength: 13 }),
        accountIdArb.map((id) => `${id.slice(0, 11)}x`),
        accountIdArb.map((id) => `${id.slice(0, 4)} ${id.slice(4)}`),
      ),
    ),
    badString(
      'roleName',
      fc.oneof(
        roleNameArb.map((name) => `${name.slice(0, 30)}"quote`),
        roleNameArb.map((name) => `${name.slice(0, 30)} space`),
        roleNameArb.map((name) => `<script>${name.slice(0, 30)}`),
        roleNameArb.map((name) => `path/${name.slice(0, 30)}`),
        fc.string({ unit: fc.constantFrom(...ROLE_NAME_CHARS), minLength: 65, maxLength: 80 }),
      ),
    ),
    badString(
      'rolePath',
      fc.oneof(
        roleNameArb.map((segment) => `${segment}/`),
        roleNameArb.map((segment) => `/${segment}`),
        roleNameArb.map((segment) => `/${segment} x/`),
        fc.constant(`/${'p'.repeat(511)}/`),
      ),
    ),
    badString('keyArn', badKeyArn),
    badString('datasetGroupKeyArn', badKeyArn),
    fc
      .constantFrom(
        // A repeated item spoils the whole list; an unknown one, or one the
        // answers' edition does not cover, goes alone.
        ...OPERATIONS.flatMap((operation) => [
          { value: [operation, operation], salvaged: [] },
          { value: [operation, 'delete-everything'], salvaged: [operation] },
        ]).filter(({ salvaged }) => salvaged.every((op) => covered.includes(op))),
        ...OPERATIONS.filter((operation) => !covered.includes(operation)).map((operation) => ({
          value: [operation],
          salvaged: [],
        })),
      )
      .map(({ value, salvaged }) => ({ field: 'operations' as const, value, salvaged })),
    fc
      .constantFrom('aws-us-gov', 'aws-iso')
      .map((value) => ({ field: 'partition' as const, value })),
  );
}

const invalidArb = validAnswersArb.chain((answers) =>
  mutationArb(answers).map((mutation) => ({ answers, mutation })),
);

/** The bad value as it would appear in a document (raw, or JSON-escaped). */
function appearances(value: unknown): string[] {
  const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value.map(String) : [];
  return texts
    .filter((text) => !([...OPERATIONS, ...PARTITIONS] as readonly string[]).includes(text))
    .flatMap((text) => [text, JSON.stringify(text).slice(1, -1)]);
}

describe('over random invalid answers', () => {
  it('returns findings on the bad field and no documents', () => {
    fc.assert(
      fc.property(invalidArb, ({ answers, mutation }) => {
        const input = { ...answers, [mutation.field]: mutation.value };
        const result = buildPoliciesFromInput(input);
        expect(result.ok).toBe(false);
        expect(result).not.toHaveProperty('policies');
        if (result.ok) return;
        const fields = result.findings.map((f) => f.path.split('.')[0]);
        expect(fields).toContain(mutation.field);
        for (const finding of result.findings) expect(finding.message.trim()).not.toBe('');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('salvageAnswers resets the bad field and keeps every other valid answer', () => {
    fc.assert(
      fc.property(invalidArb, ({ answers, mutation }) => {
        const input = { ...answers, [mutation.field]: mutation.value };
        const expected: Answers = {
          ...answers,
          [mutation.field]: mutation.salvaged ?? DEFAULT_ANSWERS[mutation.field],
        };
        // Resetting the partition can make a key ARN or a region of the old
        // partition invalid: that answer is then bad too, and only it is reset as well.
        for (const key of ['keyArn', 'datasetGroupKeyArn'] as const) {
          const partition = /^arn:([^:]+):/.exec(expected[key])?.[1];
          if (partition !== undefined && partition !== expected.partition) expected[key] = '';
        }
        const regions: readonly string[] = REGIONS[expected.partition];
        if (expected.region !== '' && !regions.includes(expected.region)) expected.region = '';
        expect(salvageAnswers(input).answers).toEqual(expected);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a live preview of the salvaged answers never shows the bad value', () => {
    fc.assert(
      fc.property(invalidArb, ({ answers, mutation }) => {
        const badTexts = appearances(mutation.value);
        // Skip the rare case where the documents contain the bad text anyway,
        // e.g. a bad path "e/" inside "role/".
        const reset = { ...answers, [mutation.field]: DEFAULT_ANSWERS[mutation.field] };
        const baseline = parseAnswers(reset).ok ? allJson(buildPolicies(reset)) : '';
        fc.pre(badTexts.every((text) => !baseline.includes(text)));
        const input = { ...answers, [mutation.field]: mutation.value };
        const { answers: salvaged, findings } = salvageAnswers(input);
        expect(findings.map((f) => f.path.split('.')[0])).toContain(mutation.field);
        expect(salvaged[mutation.field]).toEqual(
          mutation.salvaged ?? DEFAULT_ANSWERS[mutation.field],
        );
        const result = buildPoliciesFromInput(salvaged);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const shown = allJson(result.policies);
        for (const text of badTexts) expect(shown).not.toContain(text);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
