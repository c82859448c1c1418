/**
 * The key policy merge (merge.ts) against the rules file
 * (/work/shared/reference/personalize-kms-rules.md, section 4): PutKeyPolicy
 * replaces the whole document, so nothing the user pasted may be lost,
 * reordered or rewritten; the root statement keeps the account in control;
 * Sids must be unique; a key policy is at most 32,768 bytes.
 *
 * The fixtures are written out by hand: AWS's default key policy as KMS
 * prints it, and the console's default policy with key administrators and key
 * users (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
 */
import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';

import type { PolicyStatement } from './document';
import type { DiffLine } from './line-diff';
import type { Answers } from './answers';
import { mergeContextFor, mergeKeyPolicy, type MergeContext, type MergeResult } from './merge';
import { PLACEHOLDERS_ONLY, validAnswers } from './test-support/answers';
import { kmsDocuments } from './test-support/documents';
import {
  consoleKeyAdminsStatement,
  consoleKeyPolicy,
  consoleKeyUsersStatement,
  consolePersistentResourcesStatement,
  consoleRootStatement,
} from './test-support/console-key-policy';

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const CONTEXT: MergeContext = { keyAccountId: ACCOUNT, partition: 'aws' };
const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/PersonalizeRole`;
const SERVICE = 'personalize.amazonaws.com';
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OTHER_KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0987dcba-09ba-87dc-65fe-0987654321ba`;
const OUR_SID = 'Allow Amazon Personalize to use the key';
const ROOT_SID = 'Enable IAM User Permissions';

/** The builder's statement for an encrypted bucket (rules file, section 1), already normalised. */
const OURS: PolicyStatement = {
  Sid: OUR_SID,
  Effect: 'Allow',
  Principal: { AWS: ROLE_ARN, Service: SERVICE },
  Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants'],
  Resource: '*',
};

const ROOT = consoleRootStatement(ACCOUNT);

/** The default key policy as `get-key-policy --query Policy --output text` prints it. */
const AWS_DEFAULT_TEXT = `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::111122223333:root"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`;

const APP_USER = `arn:aws:iam::${ACCOUNT}:role/AppUser`;
const KEY_ADMINS = consoleKeyAdminsStatement([
  `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`,
  `arn:aws:iam::${ACCOUNT}:user/alice`,
]);
const KEY_USERS = consoleKeyUsersStatement(APP_USER);
const PERSISTENT_RESOURCES = consolePersistentResourcesStatement(APP_USER);

/** The console's default policy for a key with administrators and users. */
const CONSOLE_POLICY = consoleKeyPolicy([ROOT, KEY_ADMINS, KEY_USERS, PERSISTENT_RESOURCES]);

/** The service role's IAM policy: no Principal anywhere. */
const IAM_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowPersonalizeUseOfKmsKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants'],
      Resource: '*',
    },
  ],
};

// --- building blocks -------------------------------------------------------

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

type Merged = Extract<MergeResult, { ok: true }>;

function expectMerged(result: MergeResult): Merged {
  if (!result.ok) throw new Error(`expected a merge, got ${JSON.stringify(result.problems)}`);
  return result;
}

function expectProblems(result: MergeResult) {
  if (result.ok) throw new Error(`expected problems, got ${result.json}`);
  return result.problems;
}

function statementsOf(result: Merged): unknown[] {
  return (result.policy as { Statement: unknown[] }).Statement;
}

const codes = (items: readonly { code: string }[]) => items.map((item) => item.code);

const merge = (text: string, options?: { addRootStatement?: boolean }, context = CONTEXT) =>
  mergeKeyPolicy(text, OURS, context, options);

/** The old text is the same and removed lines; the new text the same and added ones. */
function expectDiffRebuilds(
  diff: readonly DiffLine[],
  before: string | readonly string[],
  after: string | readonly string[],
) {
  const lines = (text: string | readonly string[]) =>
    typeof text === 'string' ? text.replace(/\n$/, '').split('\n') : text;
  const side = (kind: DiffLine['kind']) =>
    diff.filter((line) => line.kind === 'same' || line.kind === kind).map((line) => line.text);
  expect(side('removed')).toEqual(lines(before));
  expect(side('added')).toEqual(lines(after));
}

const withStatements = (statements: unknown[]) =>
  pretty({ ...CONSOLE_POLICY, Statement: statements });

// --- tests -----------------------------------------------------------------

describe('mergeKeyPolicy: real key policies', () => {
  const fixtures = [
    {
      name: 'the AWS default key policy (root only, as KMS prints it)',
      text: AWS_DEFAULT_TEXT,
      original: JSON.parse(AWS_DEFAULT_TEXT) as { Statement: unknown[] },
    },
    {
      name: 'the console default policy (root, administrators, users, persistent resources)',
      text: pretty(CONSOLE_POLICY),
      original: CONSOLE_POLICY,
    },
    {
      name: 'the console default policy on one line',
      text: JSON.stringify(CONSOLE_POLICY),
      original: CONSOLE_POLICY,
    },
  ];

  test.each(fixtures)(
    '$name: keeps every statement and field, adds ours at the end',
    ({ text, original }) => {
      const result = expectMerged(merge(text));
      const statements = statementsOf(result);
      const count = original.Statement.length;
      expect(statements).toHaveLength(count + 1);
      expect(statements.slice(0, count)).toStrictEqual(original.Statement);
      expect(statements[count]).toStrictEqual(OURS);
      expect(Object.keys(result.policy as object)).toEqual(Object.keys(original));
      expect({ ...(result.policy as object), Statement: original.Statement }).toStrictEqual(
        original,
      );
      expect(result.changes).toEqual([
        {
          kind: 'added',
          sid: OUR_SID,
          summary: `Added the Personalize statement at the end (statement ${count + 1}): kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey and kms:ListGrants for ${ROLE_ARN} and ${SERVICE}.`,
        },
      ]);
      expect(result.warnings).toEqual([]);
      expect(result.json).toBe(pretty(result.policy));
      expect(JSON.parse(result.json)).toStrictEqual(result.policy);
      expectDiffRebuilds(result.diff, pretty(original), result.json);
    },
  );

  test.each(fixtures)('$name: merging the merged policy again changes nothing', ({ text }) => {
    const first = expectMerged(merge(text));
    const second = expectMerged(merge(first.json));
    expect(second.json).toBe(first.json);
    expect(second.changes).toEqual([
      {
        kind: 'unchanged',
        sid: OUR_SID,
        summary: `The policy already has the Personalize statement as needed (statement ${statementsOf(first).length} ("${OUR_SID}")); it is kept as it is.`,
      },
    ]);
    expect(second.warnings).toEqual([]);
    expect(second.diff.every((line) => line.kind === 'same')).toBe(true);
  });

  it('keeps the console policy byte-identical: the diff only adds lines', () => {
    const text = pretty(CONSOLE_POLICY);
    const result = expectMerged(merge(text));
    // Every original statement appears in the output as it was printed, in order.
    let from = 0;
    for (const statement of CONSOLE_POLICY.Statement) {
      const block = JSON.stringify(statement, null, 2).replace(/^/gm, '    ');
      const at = result.json.indexOf(block, from);
      expect(at, statement.Sid).toBeGreaterThanOrEqual(from);
      from = at + block.length;
    }
    const ourBlock = JSON.stringify(OURS, null, 2)
      .split('\n')
      .map((line) => `    ${line}`);
    // The last statement's "}" lines up with ours, so "},", "{" and our body are the new lines.
    expect(result.diff.filter((line) => line.kind === 'removed')).toEqual([]);
    expect(result.diff.filter((line) => line.kind === 'added').map((line) => line.text)).toEqual([
      '    },',
      ...ourBlock.slice(0, -1),
    ]);
    // Take our statement out again and the pasted text comes back, byte for byte.
    expect(result.json.replace(`,\n${ourBlock.join('\n')}`, '')).toBe(text);
  });
});

describe('mergeKeyPolicy: the Personalize statement already there', () => {
  const older = {
    Sid: OUR_SID,
    Effect: 'Allow',
    Principal: { AWS: ROLE_ARN },
    Action: 'kms:Decrypt',
    Resource: '*',
  };

  it('updates an older version (fewer actions) in place', () => {
    const statements = [ROOT, KEY_ADMINS, older, KEY_USERS, PERSISTENT_RESOURCES];
    const result = expectMerged(merge(withStatements(statements)));
    expect(statementsOf(result)).toStrictEqual([
      ROOT,
      KEY_ADMINS,
      OURS,
      KEY_USERS,
      PERSISTENT_RESOURCES,
    ]);
    expect(result.changes).toEqual([
      {
        kind: 'updated',
        sid: OUR_SID,
        summary: `Updated statement 3 ("${OUR_SID}") in place: adds kms:GenerateDataKey, kms:DescribeKey and kms:ListGrants; adds the principal ${SERVICE}.`,
      },
    ]);
    expect(result.warnings).toEqual([]);
    // Only the updated statement's lines change.
    const changed = result.diff.filter((line) => line.kind !== 'same').map((line) => line.text);
    expect(changed.join('\n')).not.toMatch(/KeyAdmin|AppUser|GrantIsForAWSResource|:root/);
  });

  it('never narrows a statement with our Sid: it keeps it and adds ours under a Sid of its own', () => {
    const wider = {
      ...OURS,
      Principal: { AWS: [ROLE_ARN, `arn:aws:iam::${ACCOUNT}:role/Old`], Service: SERVICE },
      Action: [...(OURS.Action as string[]), 'kms:CreateGrant'],
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    };
    const result = expectMerged(merge(withStatements([ROOT, wider])));
    expect(statementsOf(result)).toStrictEqual([ROOT, wider, { ...OURS, Sid: `${OUR_SID} 2` }]);
    expect(result.changes).toEqual([
      expect.objectContaining({ kind: 'added', sid: `${OUR_SID} 2` }),
    ]);
    expect(codes(result.warnings)).toEqual(['sid-taken']);
    expect(result.warnings[0]?.message).toContain('kept exactly as it is');
  });

  test.each([
    {
      name: 'a Deny has our Sid',
      taken: {
        Sid: OUR_SID,
        Effect: 'Deny',
        Principal: { Service: SERVICE },
        Action: 'kms:Decrypt',
        Resource: '*',
      },
    },
    {
      name: 'a wider statement has our Sid',
      taken: { ...OURS, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } },
    },
  ])('merging the merged policy again changes nothing when $name', ({ taken }) => {
    const first = expectMerged(merge(withStatements([ROOT, taken])));
    expect(statementsOf(first).at(-1)).toStrictEqual({ ...OURS, Sid: `${OUR_SID} 2` });
    const second = expectMerged(merge(first.json));
    expect(second.json).toBe(first.json);
    expect(second.changes).toEqual([
      {
        kind: 'unchanged',
        sid: `${OUR_SID} 2`,
        summary: `The policy already has the Personalize statement as needed (statement 3 ("${OUR_SID} 2")); it is kept as it is.`,
      },
    ]);
    expect(codes(second.warnings)).not.toContain('other-personalize-statement');
    expect(second.warnings.find((warning) => warning.code === 'sid-taken')?.message).toMatch(
      /It is kept exactly as it is, and the Personalize statement is already there, with the Sid "Allow Amazon Personalize to use the key 2"\.$/,
    );
    // A third time too: the policy does not grow.
    expect(expectMerged(merge(second.json)).json).toBe(first.json);
  });

  it('updates the numbered statement of an earlier merge in place when the update only widens it', () => {
    const deny = {
      Sid: OUR_SID,
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:CreateGrant',
      Resource: '*',
    };
    const earlier = { ...OURS, Sid: `${OUR_SID} 2`, Action: 'kms:Decrypt' };
    const result = expectMerged(merge(withStatements([ROOT, deny, earlier])));
    expect(statementsOf(result)).toStrictEqual([ROOT, deny, { ...OURS, Sid: `${OUR_SID} 2` }]);
    expect(result.changes).toEqual([
      expect.objectContaining({ kind: 'updated', sid: `${OUR_SID} 2` }),
    ]);
    expect(result.warnings.map((warning) => warning.message)).toEqual([
      expect.stringMatching(
        /the Personalize statement was updated in place, with the Sid "Allow Amazon Personalize to use the key 2"\.$/,
      ),
    ]);
  });

  it('adds a statement of its own when the numbered one is not an earlier version of ours', () => {
    const deny = {
      Sid: OUR_SID,
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:CreateGrant',
      Resource: '*',
    };
    const other = {
      ...OURS,
      Sid: `${OUR_SID} 2`,
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Other` },
    };
    const result = expectMerged(merge(withStatements([ROOT, deny, other])));
    expect(statementsOf(result)).toStrictEqual([
      ROOT,
      deny,
      other,
      { ...OURS, Sid: `${OUR_SID} 3` },
    ]);
    expect(result.changes).toEqual([
      expect.objectContaining({ kind: 'added', sid: `${OUR_SID} 3` }),
    ]);
  });

  it('never replaces a Deny that has our Sid, and names what it blocks', () => {
    const deny = {
      Sid: OUR_SID,
      Effect: 'Deny',
      Principal: { Service: SERVICE },
      Action: 'kms:Decrypt',
      Resource: '*',
    };
    const result = expectMerged(merge(withStatements([ROOT, deny])));
    expect(statementsOf(result)).toStrictEqual([ROOT, deny, { ...OURS, Sid: `${OUR_SID} 2` }]);
    expect(codes(result.warnings)).toEqual(['sid-taken', 'blocking-deny']);
    expect(result.warnings[0]?.message).toContain('is a Deny');
    expect(result.warnings[1]?.message).toMatch(
      new RegExp(`^statement 2 \\("${OUR_SID}"\\) \\(Deny .*denies ${SERVICE} kms:Decrypt`),
    );
  });

  test.each([
    {
      name: 'actions in another order',
      statement: {
        ...OURS,
        Action: ['kms:ListGrants', 'kms:DescribeKey', 'kms:GenerateDataKey', 'kms:Decrypt'],
      },
    },
    {
      name: 'keys in another order, lists for single values, other action case',
      statement: {
        Resource: ['*'],
        Action: ['kms:decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'KMS:ListGrants'],
        Principal: { Service: [SERVICE], AWS: [ROLE_ARN] },
        Effect: 'Allow',
        Sid: OUR_SID,
      },
    },
  ])('keeps an equivalent statement as the user wrote it ($name)', ({ statement }) => {
    const text = withStatements([ROOT, statement]);
    const result = expectMerged(merge(text));
    expect(result.changes.map((change) => change.kind)).toEqual(['unchanged']);
    expect(result.json).toBe(text);
  });

  it('names another statement that already grants Personalize something', () => {
    const mine = { ...OURS, Sid: 'PersonalizeAccess' };
    const result = expectMerged(merge(withStatements([ROOT, mine])));
    expect(statementsOf(result)).toStrictEqual([ROOT, mine, OURS]);
    expect(codes(result.warnings)).toEqual(['other-personalize-statement']);
    expect(result.warnings[0]?.message).toContain('statement 2 ("PersonalizeAccess")');
  });
});

describe('mergeKeyPolicy: shapes people paste', () => {
  it('warns about duplicate Sids, naming them, and keeps both', () => {
    const again = { ...KEY_USERS, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Other` } };
    const result = expectMerged(merge(withStatements([ROOT, KEY_ADMINS, KEY_USERS, again])));
    expect(statementsOf(result)).toStrictEqual([ROOT, KEY_ADMINS, KEY_USERS, again, OURS]);
    expect(result.warnings).toEqual([
      {
        code: 'duplicate-sid',
        message:
          'The pasted policy has 2 statements with the Sid "Allow use of the key" (statements 3 and 4). Sids must be unique in a key policy, so put-key-policy will fail with MalformedPolicyDocumentException until you rename or remove the extra ones. The merge kept all of them unchanged.',
      },
    ]);
  });

  it('keeps both of duplicate Personalize statements and adds its own under a new Sid', () => {
    const old = { ...OURS, Action: 'kms:Decrypt' };
    const result = expectMerged(merge(withStatements([ROOT, old, old])));
    expect(statementsOf(result)).toStrictEqual([ROOT, old, old, { ...OURS, Sid: `${OUR_SID} 2` }]);
    expect(codes(result.warnings)).toEqual(['duplicate-sid', 'sid-taken']);
    expect(result.warnings[1]?.message).toContain('several statements have it');
  });

  it('accepts a single statement object and outputs a list', () => {
    const text = pretty({ Version: '2012-10-17', Statement: ROOT });
    const result = expectMerged(merge(text));
    expect(result.policy).toStrictEqual({ Version: '2012-10-17', Statement: [ROOT, OURS] });
    expect(codes(result.warnings)).toEqual(['single-statement-object']);
    expectDiffRebuilds(result.diff, text, result.json);
  });

  it('unwraps the whole get-key-policy output', () => {
    const text = JSON.stringify({ Policy: AWS_DEFAULT_TEXT, PolicyName: 'default' }, null, 4);
    const result = expectMerged(merge(text));
    expect(result.json).toBe(expectMerged(merge(AWS_DEFAULT_TEXT)).json);
    expect(codes(result.warnings)).toEqual(['unwrapped-get-key-policy-output']);
    expect(result.warnings[0]?.message).toContain('--query Policy --output text');
  });

  it('unwraps a policy copied as a quoted JSON string', () => {
    const result = expectMerged(merge(JSON.stringify(AWS_DEFAULT_TEXT)));
    expect(result.json).toBe(expectMerged(merge(AWS_DEFAULT_TEXT)).json);
    expect(codes(result.warnings)).toEqual(['unwrapped-json-string']);
  });

  it('keeps other top-level fields and their order', () => {
    const text = pretty({ Statement: [ROOT], Id: 'mine', Version: '2012-10-17', Extra: [1, 2] });
    const result = expectMerged(merge(text));
    expect(Object.keys(result.policy as object)).toEqual(['Statement', 'Id', 'Version', 'Extra']);
    expect((result.policy as { Extra: unknown }).Extra).toEqual([1, 2]);
  });

  it('keeps a "__proto__" property as data, without touching any prototype', () => {
    const text = `{"Version":"2012-10-17","__proto__":{"polluted":true},"Statement":[${JSON.stringify(ROOT)}]}`;
    const result = expectMerged(merge(text));
    expect(Object.getPrototypeOf(result.policy)).toBe(Object.prototype);
    expect(result.json).toContain('"__proto__": {\n    "polluted": true\n  }');
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ignores a byte order mark', () => {
    expect(expectMerged(merge(`\uFEFF${AWS_DEFAULT_TEXT}`)).json).toBe(
      expectMerged(merge(AWS_DEFAULT_TEXT)).json,
    );
  });
});

describe('mergeKeyPolicy: what it refuses, and why', () => {
  const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`.slice(0, 65_000);
  const cases: {
    name: string;
    text: string;
    code: string;
    message: RegExp;
    position?: { line: number; column: number };
  }[] = [
    { name: 'empty text', text: '', code: 'empty', message: /Paste the key’s current policy/ },
    { name: 'only whitespace', text: ' \n\t ', code: 'empty', message: /get-key-policy/ },
    {
      name: 'a 70,000-character string',
      text: 'x'.repeat(70_000),
      code: 'input-too-large',
      message: /70,000 characters long, too large to be a key policy/,
    },
    {
      name: 'a valid policy padded past 65,536 characters (not parsed)',
      text: AWS_DEFAULT_TEXT + ' '.repeat(65_537 - AWS_DEFAULT_TEXT.length),
      code: 'input-too-large',
      message: /too large/,
    },
    {
      name: 'a missing comma',
      text: '{\n  "Version": "2012-10-17"\n  "Statement": []\n}',
      code: 'not-json',
      message:
        /^This is not valid JSON\. At line 3, column 3: expected "," or "}" after the value of "Version", found “"”\. Copy the text printed by the get-key-policy command shown under the paste field, or/,
      position: { line: 3, column: 3 },
    },
    {
      name: 'a trailing comma',
      text: '{"Statement": [1,]}',
      code: 'not-json',
      message: /At line 1, column 17: a comma before "]" \(JSON allows no trailing comma\)\./,
      position: { line: 1, column: 17 },
    },
    {
      name: 'a trailing comma in an object, on line 4',
      text: '{\n  "Version": "2012-10-17",\n  "Statement": [],\n    \n}',
      code: 'not-json',
      message: /At line 3, column 18: a comma before "}"/,
      position: { line: 3, column: 18 },
    },
    {
      name: 'a string that never ends',
      text: '{"Version": "2012',
      code: 'not-json',
      message: /At line 1, column 13: a string is never closed/,
    },
    {
      name: 'the policy in single quotes (copied from a shell command)',
      text: `'${JSON.stringify(CONSOLE_POLICY)}'`,
      code: 'not-json',
      message: /copied with the single quotes around it: remove the ' at the start and at the end/,
      position: { line: 1, column: 1 },
    },
    {
      name: 'the policy in double quotes, not escaped',
      text: `"${JSON.stringify(CONSOLE_POLICY)}"`,
      code: 'not-json',
      message: /copied with the double quotes around it/,
    },
    {
      name: 'JavaScript with single-quoted names',
      text: "{'Version': '2012-10-17'}",
      code: 'not-json',
      message: /double quotes \("\) around property names, not single quotes/,
    },
    {
      name: 'text after the policy',
      text: `${AWS_DEFAULT_TEXT}\n$ `,
      code: 'not-json',
      message: /At line 14, column 1: unexpected “\$” after the end of the JSON/,
    },
    {
      name: 'a line break inside a string',
      text: '{"Sid": "a\nb"}',
      code: 'not-json',
      message: /a line break inside a string/,
    },
    {
      name: 'the same property twice',
      text: '{\n  "Version": "2012-10-17",\n  "Statement": [],\n  "Statement": []\n}',
      code: 'duplicate-json-key',
      message:
        /the property "Statement" appears twice in the same object \(line 4, column 3\)\. JSON keeps only one/,
      position: { line: 4, column: 3 },
    },
    {
      name: 'nesting no policy has',
      text: deep,
      code: 'too-deeply-nested',
      message: /nested far more deeply than any key policy/,
    },
    {
      name: 'a JSON list of statements',
      text: JSON.stringify(CONSOLE_POLICY.Statement),
      code: 'not-a-policy',
      message:
        /^This is a JSON list \(\[ … \]\), not a key policy\. .*If you copied only the statements/,
    },
    { name: 'a number', text: '42', code: 'not-a-policy', message: /^This is a JSON number/ },
    {
      name: 'null',
      text: 'null',
      code: 'not-a-policy',
      message: /^This is null, not a key policy/,
    },
    {
      name: 'one statement alone',
      text: JSON.stringify(KEY_USERS),
      code: 'not-a-policy',
      message: /looks like a single statement, not a whole key policy/,
    },
    {
      name: 'an object without "Statement"',
      text: '{"Version": "2012-10-17"}',
      code: 'not-a-policy',
      message: /has no "Statement"/,
    },
    {
      name: 'a "Statement" that is a string',
      text: '{"Statement": "Allow"}',
      code: 'not-a-policy',
      message: /"Statement" of the pasted policy is a JSON string/,
    },
    {
      name: 'statements that are not objects',
      text: JSON.stringify({ Statement: [ROOT, 'x', 3] }),
      code: 'invalid-statement',
      message: /statement 2 and statement 3 are not a statement object/,
    },
    {
      name: 'an IAM identity policy (the service role policy)',
      text: pretty(IAM_POLICY),
      code: 'identity-policy',
      message:
        /^No statement in the pasted policy names a "Principal"\. .*looks like an IAM \(identity\) policy/,
    },
    {
      name: 'a key policy with one statement missing its Principal',
      text: withStatements([ROOT, IAM_POLICY.Statement[0]]),
      code: 'identity-policy',
      message: /statement 2 \("AllowPersonalizeUseOfKmsKey"\) names no "Principal"/,
    },
  ];

  test.each(cases)('$name → $code', ({ text, code, message, position }) => {
    const problems = expectProblems(merge(text));
    expect(codes(problems)).toEqual([code]);
    expect(problems[0]?.message).toMatch(message);
    if (position) expect(problems[0]?.position).toEqual(position);
  });

  it('reports a JSON error inside the "Policy" of a get-key-policy output', () => {
    const text = JSON.stringify({
      Policy: '{\n  "Version": "2012-10-17",\n}',
      PolicyName: 'default',
    });
    const problems = expectProblems(merge(text));
    expect(codes(problems)).toEqual(['not-json']);
    expect(problems[0]?.message).toMatch(
      /At line 2, column 26 of the policy inside "Policy": a comma before "}"/,
    );
  });

  it('refuses a merged policy over 32,768 bytes (the KMS limit)', () => {
    const many = Array.from({ length: 150 }, (_, index) => ({
      Sid: `Statement${index}`,
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/application-role-${index}` },
      Action: ['kms:Encrypt', 'kms:Decrypt'],
      Resource: '*',
    }));
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [ROOT, ...many] });
    expect(text.length).toBeLessThan(65_536);
    const problems = expectProblems(merge(text));
    expect(codes(problems)).toEqual(['result-too-large']);
    expect(problems[0]?.message).toMatch(
      /^The merged policy would be [0-9,]+ bytes; KMS allows at most 32,768 bytes for a key policy\./,
    );
  });

  it('asks for the key account before adding a root statement for it', () => {
    const result = merge(
      withStatements([KEY_USERS]),
      { addRootStatement: true },
      {
        keyAccountId: '',
        partition: 'aws',
      },
    );
    expect(codes(expectProblems(result))).toEqual(['key-account-needed']);
  });

  it('refuses non-text input from untyped callers', () => {
    const result = mergeKeyPolicy(undefined as unknown as string, OURS, CONTEXT);
    expect(codes(expectProblems(result))).toEqual(['not-text']);
  });
});

describe('mergeKeyPolicy: the account keeps control of the key (lockout check)', () => {
  const admin = (changes: Record<string, unknown>) => ({ ...ROOT, ...changes });
  const cases: {
    name: string;
    statements: unknown[];
    partition?: 'aws' | 'aws-cn';
    risk: boolean;
  }[] = [
    { name: 'the standard root statement', statements: [ROOT], risk: false },
    { name: 'no root statement', statements: [KEY_ADMINS, KEY_USERS], risk: true },
    {
      name: 'the bare account ID',
      statements: [admin({ Principal: { AWS: ACCOUNT } })],
      risk: false,
    },
    {
      name: 'the root among other principals',
      statements: [admin({ Principal: { AWS: [ROLE_ARN, ROOT_ARN] } })],
      risk: false,
    },
    {
      name: 'kms:PutKeyPolicy only',
      statements: [admin({ Action: 'kms:PutKeyPolicy' })],
      risk: false,
    },
    { name: 'kms:Put*', statements: [admin({ Action: ['kms:Get*', 'kms:Put*'] })], risk: false },
    { name: 'only kms:Decrypt', statements: [admin({ Action: 'kms:Decrypt' })], risk: true },
    {
      name: 'a root statement with a condition',
      statements: [admin({ Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })],
      risk: true,
    },
    { name: 'a Deny for the root', statements: [admin({ Effect: 'Deny' }), KEY_USERS], risk: true },
    {
      name: 'a resource other than "*"',
      statements: [admin({ Resource: 'arn:aws:kms:us-east-1:111122223333:key/x' })],
      risk: true,
    },
    {
      name: 'aws-cn root in the aws-cn partition',
      statements: [admin({ Principal: { AWS: `arn:aws-cn:iam::${ACCOUNT}:root` } })],
      partition: 'aws-cn',
      risk: false,
    },
    {
      name: 'aws root in the aws-cn partition',
      statements: [ROOT],
      partition: 'aws-cn',
      risk: true,
    },
  ];

  test.each(cases)('$name → lockout warning: $risk', ({ statements, partition, risk }) => {
    const context = { keyAccountId: ACCOUNT, partition: partition ?? 'aws' };
    const result = expectMerged(merge(withStatements(statements), undefined, context));
    expect(codes(result.warnings).includes('lockout-risk')).toBe(risk);
    expect(statementsOf(result)).toHaveLength(statements.length + 1);
  });

  it('explains the risk in words a person can act on', () => {
    const result = expectMerged(merge(withStatements([KEY_ADMINS, KEY_USERS])));
    expect(result.warnings).toEqual([
      {
        code: 'lockout-risk',
        message: `No statement lets the key’s account manage the key: none allows ${ROOT_ARN} kms:* (or kms:PutKeyPolicy) on "*" without a condition. KMS’s lockout safety check may reject put-key-policy with this policy, and if the check is bypassed the key can become unmanageable. Without such a statement, IAM policies in the account also grant nothing on this key. Add the standard "${ROOT_SID}" statement, or make sure another statement keeps your administrators in control.`,
      },
    ]);
  });

  it('asks whether the right key was pasted when the root of another account is named', () => {
    const other = admin({ Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` } });
    const result = expectMerged(merge(withStatements([other])));
    expect(result.warnings[0]?.message).toContain(
      `The policy names arn:aws:iam::${OTHER_ACCOUNT}:root instead: check that you pasted the policy of the key in account ${ACCOUNT}.`,
    );
  });

  it('adds the root statement first when asked, and nothing else changes', () => {
    const statements = [KEY_ADMINS, KEY_USERS, PERSISTENT_RESOURCES];
    const result = expectMerged(merge(withStatements(statements), { addRootStatement: true }));
    expect(statementsOf(result)).toStrictEqual([ROOT, ...statements, OURS]);
    expect(result.changes).toEqual([
      {
        kind: 'added',
        sid: ROOT_SID,
        summary: `Added the account root statement first: kms:* for ${ROOT_ARN}, so the account (and IAM policies in it) can manage the key.`,
      },
      {
        kind: 'added',
        sid: OUR_SID,
        summary: `Added the Personalize statement at the end (statement 5): kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey and kms:ListGrants for ${ROLE_ARN} and ${SERVICE}.`,
      },
    ]);
    expect(result.warnings).toEqual([]);
    // Idempotent from there on, with or without the option.
    for (const options of [{ addRootStatement: true }, undefined]) {
      const again = expectMerged(merge(result.json, options));
      expect(again.json).toBe(result.json);
      expect(again.changes.map((change) => change.kind)).toEqual(['unchanged']);
    }
  });

  it('does not add a second root statement when one already keeps control', () => {
    const result = expectMerged(merge(pretty(CONSOLE_POLICY), { addRootStatement: true }));
    expect(statementsOf(result)).toStrictEqual([...CONSOLE_POLICY.Statement, OURS]);
  });

  it('does not take a Sid already used by a statement that does not keep control', () => {
    const conditional = admin({ Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } });
    const result = expectMerged(merge(withStatements([conditional]), { addRootStatement: true }));
    expect(statementsOf(result)).toStrictEqual([conditional, OURS]);
    expect(codes(result.warnings)).toEqual(['lockout-risk', 'root-sid-taken']);
  });

  it('adds the aws-cn root in the aws-cn partition', () => {
    const result = expectMerged(
      merge(
        withStatements([KEY_USERS]),
        { addRootStatement: true },
        {
          keyAccountId: ACCOUNT,
          partition: 'aws-cn',
        },
      ),
    );
    expect(statementsOf(result)[0]).toStrictEqual({
      ...ROOT,
      Principal: { AWS: `arn:aws-cn:iam::${ACCOUNT}:root` },
    });
  });

  it('with the key account unknown, any account root counts and the user is told', () => {
    const result = expectMerged(
      merge(pretty(CONSOLE_POLICY), undefined, { keyAccountId: '', partition: 'aws' }),
    );
    expect(codes(result.warnings)).toEqual(['key-account-unknown']);
  });
});

describe('mergeKeyPolicy: the Personalize statement given to it', () => {
  it('warns when the statement still has placeholders', () => {
    const statement = {
      ...OURS,
      Principal: {
        AWS: 'arn:aws:iam::<account-id>:role/<personalize-role-name>',
        Service: SERVICE,
      },
    };
    const result = expectMerged(
      mergeKeyPolicy(AWS_DEFAULT_TEXT, statement, {
        ...CONTEXT,
        placeholders: ['<account-id>', '<personalize-role-name>'],
      }),
    );
    expect(result.warnings).toEqual([
      {
        code: 'placeholders-in-statement',
        message:
          'The Personalize statement still contains <account-id> and <personalize-role-name>. Answer the missing questions first: KMS rejects a key policy whose principals do not exist.',
      },
    ]);
  });

  it('reads placeholders from the answers, not from the text: a role path such as /<team>/ is a name', () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/<team>/PersonalizeRole`;
    const statement = { ...OURS, Principal: { AWS: role, Service: SERVICE } };
    const deny = {
      Sid: 'NoTeam',
      Effect: 'Deny',
      Principal: { AWS: role },
      Action: 'kms:Decrypt',
      Resource: '*',
    };
    const result = expectMerged(
      mergeKeyPolicy(withStatements([ROOT, deny]), statement, { ...CONTEXT, placeholders: [] }),
    );
    expect(codes(result.warnings)).toEqual(['blocking-deny']);
    expect(result.warnings[0]?.message).toContain(`denies ${role} kms:Decrypt`);
  });

  it('leaves out of the Deny check only the principals that hold a placeholder', () => {
    const statement = {
      ...OURS,
      Principal: { AWS: 'arn:aws:iam::<account-id>:role/PersonalizeRole', Service: SERVICE },
    };
    const deny = {
      Sid: 'Guard',
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:Decrypt',
      Resource: '*',
    };
    const result = expectMerged(
      mergeKeyPolicy(withStatements([ROOT, deny]), statement, {
        ...CONTEXT,
        placeholders: ['<account-id>'],
      }),
    );
    expect(codes(result.warnings)).toEqual(['placeholders-in-statement', 'blocking-deny']);
    expect(result.warnings[1]?.message).toContain(`denies ${SERVICE} kms:Decrypt on this key`);
  });

  it('normalises the statement and gives it the standard Sid when it has none', () => {
    const messy: PolicyStatement = {
      Resource: ['*', '*'],
      Action: [
        'kms:ListGrants',
        'kms:Decrypt',
        'kms:Decrypt',
        'kms:DescribeKey',
        'kms:GenerateDataKey',
      ],
      Principal: { Service: SERVICE, AWS: [ROLE_ARN] },
      Effect: 'Allow',
    };
    const result = expectMerged(mergeKeyPolicy(AWS_DEFAULT_TEXT, messy, CONTEXT));
    expect(JSON.stringify(statementsOf(result)[1])).toBe(JSON.stringify(OURS));
  });
});

describe('mergeKeyPolicy: a policy close to the size limit', () => {
  it('adds the root statement and ours with a minimal diff', () => {
    const statements = Array.from({ length: 100 }, (_, index) => ({
      Sid: `Application ${index}`,
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/application-role-${index}` },
      Action: ['kms:Encrypt', 'kms:Decrypt'],
      Resource: '*',
    }));
    const text = withStatements(statements);
    const result = expectMerged(merge(text, { addRootStatement: true }));
    expect(result.json.length).toBeGreaterThan(25_000);
    expect(statementsOf(result)).toStrictEqual([ROOT, ...statements, OURS]);
    const removed = result.diff.filter((line) => line.kind === 'removed');
    const added = result.diff.filter((line) => line.kind === 'added');
    expect(removed).toEqual([]);
    // Each new statement costs its own lines (one of them a "}," line), nothing more.
    const linesOf = (value: unknown) => JSON.stringify(value, null, 2).split('\n').length;
    expect(added).toHaveLength(linesOf(ROOT) + linesOf(OURS));
    expectDiffRebuilds(result.diff, text, result.json);
  });
});

describe('mergeKeyPolicy: properties over random input (fast-check)', () => {
  const accountArn = fc.oneof(
    fc.constant(ROOT_ARN),
    fc.constant(OTHER_ACCOUNT),
    fc
      .stringMatching(/^[A-Za-z0-9+=,.@_-]{1,20}$/)
      .map((name) => `arn:aws:iam::${ACCOUNT}:role/${name}`),
  );
  const stringOrList = <T>(item: fc.Arbitrary<T>) =>
    fc.oneof(item, fc.array(item, { minLength: 1, maxLength: 3 }));
  const principal = fc.oneof(
    fc.constant('*' as const),
    fc.record({ AWS: stringOrList(accountArn) }),
    fc.record({ Service: stringOrList(fc.constantFrom(SERVICE, 'logs.amazonaws.com')) }),
    fc.record({ AWS: stringOrList(accountArn), Service: fc.constant(SERVICE) }),
  );
  const statement = fc.record(
    {
      Sid: fc.string({ maxLength: 40 }).filter((sid) => sid !== OUR_SID),
      Effect: fc.constantFrom('Allow', 'Deny'),
      Principal: principal,
      Action: stringOrList(
        fc.constantFrom('kms:*', 'kms:Decrypt', 'kms:Encrypt', 'kms:Put*', 'kms:CreateGrant'),
      ),
      Resource: fc.constantFrom('*', ['*']),
      Condition: fc.record({
        StringEquals: fc.dictionary(
          fc.constantFrom('aws:SourceAccount', 'kms:ViaService'),
          fc.string(),
        ),
      }),
    },
    { requiredKeys: ['Effect', 'Principal', 'Action', 'Resource'] },
  );
  const policy = fc.record(
    {
      Version: fc.constant('2012-10-17'),
      Id: fc.string({ maxLength: 20 }),
      Statement: fc.array(statement, { maxLength: 12 }),
    },
    { requiredKeys: ['Statement'] },
  );
  const indent = fc.constantFrom(0, 2, 4, '\t');

  it('keeps every original statement deep-equal and in place, and adds exactly one with our Sid', () => {
    fc.assert(
      fc.property(policy, indent, fc.boolean(), (generated, space, addRoot) => {
        const text = JSON.stringify(generated, null, space);
        // What the user pasted, as plain JSON objects (fast-check makes some without a prototype).
        const original = JSON.parse(text) as typeof generated;
        const result = expectMerged(merge(text, { addRootStatement: addRoot }));
        const statements = statementsOf(result);
        const offset = statements.length - original.Statement.length - 1;
        expect([0, 1]).toContain(offset);
        if (offset === 1) expect(statements[0]).toStrictEqual(ROOT);
        expect(statements.slice(offset, offset + original.Statement.length)).toStrictEqual(
          original.Statement,
        );
        const ours = statements.filter((s) => (s as { Sid?: unknown }).Sid === OUR_SID);
        expect(ours).toStrictEqual([OURS]);
        expect(statements.at(-1)).toStrictEqual(OURS);
        expect(Object.keys(result.policy as object)).toEqual(Object.keys(original));
        expect(JSON.parse(result.json)).toStrictEqual(result.policy);
        // And merging the result again is a no-op.
        const again = expectMerged(merge(result.json, { addRootStatement: addRoot }));
        expect(again.json).toBe(result.json);
        expect(again.changes.map((change) => change.kind)).toEqual(['unchanged']);
      }),
      { numRuns: 300 },
    );
  });

  /** An earlier version of ours: an Allow on "*" with some of its actions and principals. */
  const ourActions = OURS.Action as string[];
  const earlierVersion = fc.record({
    Sid: fc.constant(OUR_SID),
    Effect: fc.constant('Allow'),
    Principal: fc.constantFrom(
      { AWS: ROLE_ARN },
      { Service: SERVICE },
      { AWS: ROLE_ARN, Service: SERVICE },
    ),
    Action: fc.subarray(ourActions, { minLength: 1 }),
    Resource: fc.constantFrom('*', ['*']),
  });
  const lowerList = (value: unknown) =>
    (typeof value === 'string' ? [value] : (value as string[])).map((v) => v.toLowerCase());

  it('keeps a statement with our Sid exactly, wherever it is, unless it is an earlier version the update only widens', () => {
    const seen = { updated: 0, kept: 0 };
    fc.assert(
      fc.property(policy, fc.nat(), fc.oneof(statement, earlierVersion), (generated, at, old) => {
        const original = JSON.parse(JSON.stringify(generated)) as typeof generated;
        const index = at % (original.Statement.length + 1);
        const before: unknown[] = [...original.Statement];
        const mine = JSON.parse(JSON.stringify({ ...old, Sid: OUR_SID })) as Record<
          string,
          unknown
        >;
        before.splice(index, 0, mine);
        const result = expectMerged(merge(JSON.stringify({ ...original, Statement: before })));
        const statements = statementsOf(result);
        const kind = result.changes.at(-1)?.kind;
        if (kind === 'updated') {
          seen.updated += 1;
          // Only an unconditional Allow whose actions and principals the new statement includes.
          expect(mine.Effect).toBe('Allow');
          expect('Condition' in mine).toBe(false);
          expect(lowerList(ourActions)).toEqual(expect.arrayContaining(lowerList(mine.Action)));
          expect(statements[index]).toStrictEqual(OURS);
        } else {
          seen.kept += 1;
          expect(statements.slice(0, before.length)).toStrictEqual(before);
        }
        expect(
          statements.filter((_, k) => k !== index).slice(0, original.Statement.length),
        ).toStrictEqual(original.Statement);
      }),
      { numRuns: 200 },
    );
    // Both branches ran: the property checked updates as well as statements kept.
    expect(seen.updated).toBeGreaterThan(20);
    expect(seen.kept).toBeGreaterThan(20);
  });

  const mustNotThrow = (text: string) => {
    const result = merge(text, { addRootStatement: true });
    if (result.ok) {
      expect(JSON.parse(result.json)).toStrictEqual(result.policy);
    } else {
      expect(result.problems.length).toBeGreaterThan(0);
      for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(20);
    }
  };

  it('never throws on random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), mustNotThrow), {
      numRuns: 1000,
    });
  });

  it('never throws on random JSON', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 6 }), mustNotThrow), { numRuns: 1000 });
  });

  it('never throws on a real policy with random damage', () => {
    const text = pretty(CONSOLE_POLICY);
    fc.assert(
      fc.property(
        fc.nat(text.length),
        fc.nat(20),
        fc.string({ maxLength: 5 }),
        (at, cut, insert) => {
          mustNotThrow(text.slice(0, at) + insert + text.slice(at + cut));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('mergeKeyPolicy: pasted policies that would weaken or block', () => {
  it.each([
    [
      'a Deny of kms:Decrypt to everyone',
      { Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*' },
      'denies',
    ],
    [
      'a NotPrincipal Deny that leaves out only the administrators',
      {
        Effect: 'Deny',
        NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` },
        Action: 'kms:*',
        Resource: '*',
      },
      'denies',
    ],
    [
      'a Deny on the role',
      {
        Effect: 'Deny',
        Principal: { AWS: ROLE_ARN },
        Action: 'kms:GenerateDataKey',
        Resource: '*',
      },
      'denies',
    ],
    [
      'a Deny on a key named by its ARN, with the key’s ARN not given',
      { Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: KEY_ARN },
      'may deny',
    ],
  ])('names %s, and keeps it', (_what, deny, verb) => {
    const result = expectMerged(merge(withStatements([ROOT, { Sid: 'Guard', ...deny }])));
    expect(statementsOf(result)).toStrictEqual([ROOT, { Sid: 'Guard', ...deny }, OURS]);
    const blocking = result.warnings.filter((warning) => warning.code === 'blocking-deny');
    expect(blocking).toHaveLength(1);
    expect(blocking[0]?.message).toMatch(new RegExp(`^statement 2 \\("Guard"\\) .* ${verb} `));
  });

  describe('a Deny on a named key', () => {
    const onKey = (resource: string | string[]) =>
      withStatements([
        ROOT,
        { Sid: 'Guard', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: resource },
      ]);
    const blockingOf = (result: MergeResult) =>
      expectMerged(result)
        .warnings.filter((warning) => warning.code === 'blocking-deny')
        .map((warning) => warning.message);

    test.each([KEY_ARN, `arn:aws:kms:us-east-1:${ACCOUNT}:key/*`, [KEY_ARN, OTHER_KEY_ARN]])(
      'without the key’s ARN, %j may deny, and the message says why',
      (resource) => {
        const [message] = blockingOf(merge(onKey(resource)));
        expect(message).toMatch(/^statement 2 \("Guard"\) .* may deny /);
        expect(message).toContain('The merge cannot tell for sure');
        expect(message).toContain("the key's ARN is not given");
      },
    );

    test.each([
      ['the key itself', KEY_ARN, ['denies']],
      ['every key of the account', `arn:aws:kms:us-east-1:${ACCOUNT}:key/*`, ['denies']],
      ['another key', OTHER_KEY_ARN, []],
    ])('with the key’s ARN, a Deny on %s is named as it is', (_what, resource, verbs) => {
      const messages = blockingOf(merge(onKey(resource), {}, { ...CONTEXT, keyArn: KEY_ARN }));
      expect(messages.map((message) => /\) (denies|may deny) /.exec(message)?.[1])).toEqual(verbs);
    });
  });

  it('shows an invisible character of a blocking Deny’s Sid once, as [U+200B]', () => {
    const deny = {
      Sid: 'No\u200Bdecrypt',
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:Decrypt',
      Resource: '*',
    };
    const result = expectMerged(merge(withStatements([ROOT, deny])));
    const blocking = result.warnings.filter((warning) => warning.code === 'blocking-deny');
    expect(blocking.map((warning) => warning.message)).toEqual([
      expect.stringMatching(
        /^statement 2 \("No\[U\+200B\]decrypt"\) \(Deny everyone \(\*\), kms:Decrypt\) denies /,
      ),
    ]);
    expect(blocking[0]?.message).not.toContain('U+005B');
  });

  it('names statements by the same visible label everywhere', () => {
    const sid = 'Personalize\u200Baccess';
    const mine = { ...OURS, Sid: sid };
    const older = { ...OURS, Sid: OUR_SID, Action: 'kms:Decrypt', Principal: { AWS: ROLE_ARN } };
    const result = expectMerged(merge(withStatements([ROOT, mine, older])));
    expect(result.warnings.map((warning) => warning.message)).toEqual([
      expect.stringMatching(/^statement 2 \("Personalize\[U\+200B\]access"\) already names /),
    ]);
    expect(result.changes[0]?.summary).toContain(`statement 3 ("${OUR_SID}")`);
  });

  it('shows a Sid that only looks like ours with the difference made visible', () => {
    const lookalike = { ...KEY_USERS, Sid: OUR_SID.replace('o', 'о') };
    const hidden = { ...KEY_USERS, Sid: OUR_SID.replace(' ', ' \u200B') };
    const result = expectMerged(merge(withStatements([ROOT, lookalike, hidden])));
    const messages = result.warnings
      .filter((warning) => warning.code === 'lookalike-sid')
      .map((warning) => warning.message);
    expect(messages).toEqual([
      expect.stringContaining('[U+043E]'),
      expect.stringContaining('[U+200B]'),
    ]);
    expect(statementsOf(result).at(-1)).toStrictEqual(OURS);
  });

  it.each(['1e400', '12345678901234567890', '1.0'])(
    'keeps the number %s exactly as written, and the diff shows it unchanged',
    (number) => {
      const text = withStatements([ROOT]).replace(
        '"Version": "2012-10-17"',
        `"Version": "2012-10-17",\n  "Retention": ${number}`,
      );
      const result = expectMerged(merge(text));
      expect(result.json).toContain(`"Retention": ${number},`);
      expect(result.diff).toContainEqual({ kind: 'same', text: `  "Retention": ${number},` });
    },
  );
});

describe('mergeContextFor: the merge context from the answers', () => {
  const keyPolicyOf = (answers: Answers) => {
    const document = kmsDocuments(answers).find((d) => d.kind === 'key-policy');
    if (!document) throw new Error('no key policy');
    return document;
  };
  const answered = {
    operations: ['import' as const],
    bucketEncrypted: true,
    accountId: ACCOUNT,
    roleName: 'PersonalizeRole',
  };

  it('takes the key’s account and ARN from the key ARN, and what needs each action', () => {
    const keyArn = `arn:aws:kms:us-east-1:${OTHER_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const document = keyPolicyOf(validAnswers({ ...answered, keyArn }));
    const context = mergeContextFor(document, validAnswers({ ...answered, keyArn }));
    expect(context).toMatchObject({
      keyAccountId: OTHER_ACCOUNT,
      partition: 'aws',
      keyArn,
      placeholders: [],
    });
    const actions = document.explanations.map((explanation) => explanation.action);
    expect(Object.keys(context.neededFor ?? {})).toEqual(actions);
    expect(context.neededFor?.['kms:Decrypt']).toBe(
      document.explanations
        .find((explanation) => explanation.action === 'kms:Decrypt')
        ?.because.map((because) => because.answer)
        .join(' '),
    );
  });

  it('without the key ARN: the role’s account, no key ARN', () => {
    const answers = validAnswers(answered);
    expect(mergeContextFor(keyPolicyOf(answers), answers)).toMatchObject({
      keyAccountId: ACCOUNT,
      keyArn: undefined,
      placeholders: [],
    });
  });

  it('lists the placeholders of the answers not given, and the merge warns about them', () => {
    const document = keyPolicyOf(PLACEHOLDERS_ONLY);
    const context = mergeContextFor(document, PLACEHOLDERS_ONLY);
    expect(context.placeholders).toEqual(['<account-id>', '<personalize-role-name>']);
    expect(context.keyAccountId).toBe('<account-id>');
    const statement = document.statementOnly?.statement;
    if (!statement) throw new Error('no statement to merge');
    const result = expectMerged(mergeKeyPolicy(AWS_DEFAULT_TEXT, statement, context));
    expect(codes(result.warnings)).toContain('placeholders-in-statement');
  });

  it('a role path that looks like a placeholder is an answer: no placeholders', () => {
    const answers = validAnswers({ ...answered, rolePath: '/<team>/' });
    const document = keyPolicyOf(answers);
    expect(document.json).toContain('role/<team>/PersonalizeRole');
    expect(mergeContextFor(document, answers).placeholders).toEqual([]);
  });
});
