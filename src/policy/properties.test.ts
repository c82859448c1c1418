/**
 * Properties of the builder over random answers (fast-check).
 *
 * The expected actions come from section 1 of
 * shared/reference/personalize-kms-rules.md, written out here by hand; the
 * limits and principals from section 4; the input rules from section 5.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  buildPolicies,
  buildPoliciesFromInput,
  DEFAULT_ANSWERS,
  parseAnswers,
  salvageAnswers,
  type Answers,
  type Operation,
} from './index';
import { buildValid } from './test-support/answers';
import { allJson, asList, onlyNeeded, principalList } from './test-support/documents';
import {
  BUCKET_ACTIONS,
  DATASET_GROUP_ACTIONS,
  DATASET_GROUP_EXPORT_ACTIONS,
} from './test-support/kms-rules';

const NUM_RUNS = 300;

// ---------------------------------------------------------------------------
// What the rules allow.

/** Every action section 1 grants anyone. */
const REAL_KMS_ACTIONS = new Set([...BUCKET_ACTIONS, ...DATASET_GROUP_EXPORT_ACTIONS]);
const SERVICE = 'personalize.amazonaws.com';
const KEY_POLICY_MAX_BYTES = 32_768;
const IAM_MANAGED_POLICY_MAX_CHARS = 6_144;

/** Actions each key's Personalize statement and the IAM policy may have (rules file, section 1). */
function allowed(a: Answers): {
  bucketKey: Set<string>;
  datasetGroupKey: Set<string>;
  iam: Set<string>;
} {
  const bucket = a.bucketEncrypted && a.operations.length > 0 ? BUCKET_ACTIONS : [];
  const datasetGroup = a.datasetGroupEncrypted
    ? a.operations.includes('export')
      ? DATASET_GROUP_EXPORT_ACTIONS
      : DATASET_GROUP_ACTIONS
    : [];
  return {
    bucketKey: new Set(bucket),
    datasetGroupKey: new Set(datasetGroup),
    iam: new Set(bucket),
  };
}

function keyAccountOf(arn: string): string | undefined {
  return /^arn:[^:]+:kms:[^:]+:(\d{12}):key\//.exec(arn)?.[1];
}

// ---------------------------------------------------------------------------
// Arbitraries for valid answers (rules file, sections 4 and 5).

const OPS: readonly Operation[] = ['import', 'export', 'batch-inference', 'metric-reports'];
const DIGITS = '0123456789'.split('');
const HEX = '0123456789abcdef'.split('');
const ROLE_NAME_CHARS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''),
  ...'_+=,.@-'.split(''),
];
// Printable ASCII without space (U+0021 to U+007E), less the wildcards * and ?
// that a key policy principal cannot contain.
const PATH_CHARS = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) =>
  String.fromCharCode(0x21 + i),
).filter((c) => c !== '*' && c !== '?');

const REGIONS = {
  aws: ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'ap-southeast-2', 'ca-central-1'],
  'aws-cn': ['cn-north-1'],
} as const;

const accountIdArb = fc.string({
  unit: fc.constantFrom(...DIGITS),
  minLength: 12,
  maxLength: 12,
});
const roleNameArb = fc.string({
  unit: fc.constantFrom(...ROLE_NAME_CHARS),
  minLength: 1,
  maxLength: 64,
});
const rolePathArb = fc.oneof(
  fc.constant('/'),
  fc.constant('/service-role/'),
  fc
    .string({ unit: fc.constantFrom(...PATH_CHARS), minLength: 1, maxLength: 510 })
    .map((middle) => `/${middle}/`),
);
const keyIdArb = fc.oneof(
  fc.uuid().map((id) => id.toLowerCase()),
  fc
    .string({ unit: fc.constantFrom(...HEX), minLength: 32, maxLength: 32 })
    .map((hex) => `mrk-${hex}`),
);

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

const validAnswersArb: fc.Arbitrary<Answers> = fc
  .record({
    guide: fc.constant('2023-01' as const),
    bucketName: fc.constant(''),
    region: fc.constant(''),
    operations: fc.shuffledSubarray([...OPS]),
    bucketEncrypted: fc.boolean(),
    datasetGroupEncrypted: fc.boolean(),
    keys: fc.constantFrom('same' as const, 'separate' as const),
    accountId: fc.oneof(
      { weight: 1, arbitrary: fc.constant('') },
      { weight: 4, arbitrary: accountIdArb },
    ),
    roleName: fc.oneof(
      { weight: 1, arbitrary: fc.constant('') },
      { weight: 4, arbitrary: roleNameArb },
    ),
    rolePath: rolePathArb,
    partition: fc.constantFrom('aws' as const, 'aws-cn' as const),
    confusedDeputy: fc.constant(false),
  })
  .chain((base) =>
    fc
      .tuple(keyArnArb(base.partition, base.accountId), keyArnArb(base.partition, base.accountId))
      .map(([keyArn, datasetGroupKeyArn]) => ({ ...base, keyArn, datasetGroupKeyArn })),
  );

// ---------------------------------------------------------------------------
// (a) Valid answers.

describe('over random valid answers', () => {
  it('every needed document parses back to its policy', () => {
    fc.assert(
      fc.property(validAnswersArb, (answers) => {
        for (const doc of onlyNeeded(buildValid(answers).documents)) {
          expect(JSON.parse(doc.json)).toEqual(doc.policy);
          expect(doc.json).toBe(`${JSON.stringify(doc.policy, null, 2)}\n`);
          if (doc.statementOnly) {
            expect(JSON.parse(doc.statementOnly.json)).toEqual(doc.statementOnly.statement);
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('uses only real KMS actions, and kms:* only in the root statement of a key policy', () => {
    fc.assert(
      fc.property(validAnswersArb, (answers) => {
        for (const doc of onlyNeeded(buildValid(answers).documents)) {
          for (const statement of doc.policy.Statement) {
            const actions = asList(statement.Action);
            expect(actions.length).toBeGreaterThan(0);
            for (const action of actions) {
              if (action === 'kms:*') {
                expect(doc.kind).toBe('key-policy');
                const aws = principalList(statement, 'AWS');
                expect(aws).toHaveLength(1);
                expect(aws[0]).toMatch(/^arn:aws(-cn)?:iam::(\d{12}|<account-id>):root$/);
                expect(principalList(statement, 'Service')).toEqual([]);
                expect(actions).toEqual(['kms:*']);
              } else {
                expect(REAL_KMS_ACTIONS.has(action), action).toBe(true);
              }
            }
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
        expect(answers).toEqual(original);
        expect(JSON.stringify(buildPolicies(answers))).toBe(JSON.stringify(first));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('does not depend on the order of the operations', () => {
    fc.assert(
      fc.property(validAnswersArb, (answers) => {
        const reversed = { ...answers, operations: [...answers.operations].reverse() };
        expect(JSON.stringify(buildValid(reversed))).toBe(JSON.stringify(buildValid(answers)));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never grants more than the rules allow, to no one else, on nothing else', () => {
    fc.assert(
      fc.property(validAnswersArb, (answers) => {
        const set = buildValid(answers);
        const limits = allowed(answers);
        const account = answers.accountId || '<account-id>';
        const roleArn = `arn:${answers.partition}:iam::${account}:role${answers.rolePath}${answers.roleName || '<personalize-role-name>'}`;
        const givenKeys = new Set([answers.keyArn, answers.datasetGroupKeyArn].filter(Boolean));
        const separate =
          answers.keys === 'separate' && answers.bucketEncrypted && answers.datasetGroupEncrypted;
        for (const doc of onlyNeeded(set.documents)) {
          for (const statement of doc.policy.Statement) {
            expect(statement.Effect).toBe('Allow');
            expect(statement.Principal).not.toBe('*');
            for (const arn of principalList(statement, 'AWS')) expect(arn).not.toBe('*');
            for (const s of principalList(statement, 'Service')) expect(s).toBe(SERVICE);
          }
          if (doc.kind === 'key-policy') {
            let keyAllowed: Set<string>;
            let keyArn: string;
            if (doc.id === 'key-policy-bucket') {
              expect(separate).toBe(true);
              keyAllowed = limits.bucketKey;
              keyArn = answers.keyArn;
            } else if (doc.id === 'key-policy-dataset-group') {
              expect(separate).toBe(true);
              keyAllowed = limits.datasetGroupKey;
              keyArn = answers.datasetGroupKeyArn;
            } else {
              expect(separate).toBe(false);
              keyAllowed = new Set([...limits.bucketKey, ...limits.datasetGroupKey]);
              keyArn = answers.keyArn;
            }
            const rootArn = `arn:${answers.partition}:iam::${keyAccountOf(keyArn) ?? account}:root`;
            for (const statement of doc.policy.Statement) {
              expect(statement.Resource).toBe('*');
              expect(statement.Condition).toBeUndefined();
              const aws = principalList(statement, 'AWS');
              if (asList(statement.Action).includes('kms:*')) {
                expect(aws).toEqual([rootArn]);
              } else {
                expect(aws).toEqual([roleArn]);
                expect(principalList(statement, 'Service')).toEqual([SERVICE]);
                for (const action of asList(statement.Action)) {
                  expect(keyAllowed.has(action), `${doc.title}: ${action}`).toBe(true);
                }
                // Nothing the rules require is missing either.
                expect(new Set(asList(statement.Action))).toEqual(keyAllowed);
              }
            }
          } else {
            const actions = new Set(doc.policy.Statement.flatMap((s) => asList(s.Action)));
            for (const action of actions) expect(limits.iam.has(action), action).toBe(true);
            expect(actions).toEqual(limits.iam);
            for (const statement of doc.policy.Statement) {
              expect(statement.Principal).toBeUndefined();
              for (const resource of asList(statement.Resource)) {
                expect(resource === '*' || givenKeys.has(resource), resource).toBe(true);
              }
              if (statement.Sid !== undefined) expect(statement.Sid).toMatch(/^[A-Za-z0-9]+$/);
            }
          }
        }
        // A document the rules require is never skipped.
        const neededIds = new Set(onlyNeeded(set.documents).map((d) => d.id));
        expect(neededIds.has('iam-policy')).toBe(limits.iam.size > 0);
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
        // January 2023 guide does not cover, goes alone.
        { value: ['import', 'import'], salvaged: [] },
        { value: ['export', 'delete-everything'], salvaged: ['export'] },
        { value: ['batch-segment'], salvaged: [] },
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
    .filter((text) => !['import', 'export', 'aws', 'aws-cn'].includes(text))
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
        // Resetting the partition can make a key ARN from the old partition
        // invalid: that key ARN is then bad too, and only it is reset as well.
        for (const key of ['keyArn', 'datasetGroupKeyArn'] as const) {
          const partition = /^arn:([^:]+):/.exec(expected[key])?.[1];
          if (partition !== undefined && partition !== expected.partition) expected[key] = '';
        }
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
