/**
 * Merges the Personalize statement into a key policy the user pastes, so that
 * one `put-key-policy` keeps everything the key already allows.
 *
 * PutKeyPolicy replaces the whole document (rules file, section 4), so the
 * merge never drops, reorders or rewrites the user's statements: they come
 * out exactly as they were parsed, in the same places, and only the
 * Personalize statement (and, when asked for, the account root statement) is
 * added or updated. Everything the merge cannot do safely is a problem or a
 * warning written for the person pasting, never an exception: the input is
 * untrusted text, read by the strict JSON parser of strict-json.ts (positions
 * for every syntax error, duplicate property names refused instead of
 * silently keeping the last one, nesting depth bounded). Its statements are
 * never run as code; the Denies among them are evaluated by the policy
 * evaluator (./evaluate) against the requests the Personalize statement
 * grants, to name those that deny or may deny them.
 */
import type { Answers } from './answers';
import { accountFor, KEY_POLICY_ALONE } from './apply';
import { rootStatement, type NeededDocument } from './build';
import { byteLength, LIMITS, normalizeStatement, type PolicyStatement } from './document';
import { ANSWER_PLACEHOLDER } from './export-text';
import {
  denyingStatements,
  describeStatement,
  quotedSid,
  statementLabel,
  visibleText,
} from './evaluate';
import { isPartition, type Partition, SERVICE_PRINCIPAL } from './partitions';
import { listInProse, withThousands } from './prose';
import { ROOT_STATEMENT, SIDS } from './rules';
import { diffLines, type DiffLine } from './line-diff';
import {
  isObject,
  JsonFault,
  lineAndColumn,
  parseJson,
  setOwn,
  toJsonKeepingNumbers,
  type JsonObject,
} from './strict-json';
import { ACCOUNT_ID, parseKeyArn, ROOT_ARN } from './validate';

/** Anything longer is not a key policy (those are at most 32,768 bytes); it is not parsed. */
export const MAX_PASTED_CHARS = 65_536;

export interface MergeContext {
  /** The account that owns the key: its root is the principal the lockout check looks for. */
  keyAccountId: string;
  partition: Partition;
  /** The key's ARN, when given: the resource the pasted Denies are evaluated against. */
  keyArn?: string;
  /** For each action of the Personalize statement, what needs it (the answers, in words). */
  neededFor?: Readonly<Record<string, string>>;
  /**
   * The placeholders the Personalize statement shows for answers not given yet (such as
   * `<personalize-role-name>`); left out, none. Read from the answers, never from the text,
   * where a valid value (a role path such as `/<team>/`) may look like a placeholder.
   */
  placeholders?: readonly string[];
}

/**
 * The context for merging into the policy of `document`'s key, from the
 * answers: the key's account and ARN, what needs each action, and the
 * placeholders of the answers the document still lacks.
 */
export function mergeContextFor(document: NeededDocument, answers: Answers): MergeContext {
  return {
    keyAccountId: accountFor(document, answers),
    partition: answers.partition,
    keyArn: document.key?.arn === '' ? undefined : document.key?.arn,
    neededFor: Object.fromEntries(
      document.explanations.map((explanation) => [
        explanation.action,
        explanation.because.map((because) => because.answer).join(' '),
      ]),
    ),
    placeholders: document.placeholders.flatMap((field) => ANSWER_PLACEHOLDER[field] ?? []),
  };
}

export interface MergeOptions {
  /**
   * Add the standard "Enable IAM User Permissions" statement first when no
   * statement keeps the account in control of the key (and no statement has
   * that Sid already).
   */
  addRootStatement?: boolean;
}

export interface MergeChange {
  kind: 'added' | 'updated' | 'unchanged';
  sid: string;
  summary: string;
}

export type MergeProblemCode =
  | 'not-text'
  | 'empty'
  | 'input-too-large'
  | 'not-json'
  | 'duplicate-json-key'
  | 'too-deeply-nested'
  | 'not-a-policy'
  | 'invalid-statement'
  | 'identity-policy'
  | 'key-account-needed'
  | 'result-too-large';

export interface MergeProblem {
  code: MergeProblemCode;
  message: string;
  /** Where in the pasted text, for JSON errors (1-based). */
  position?: { line: number; column: number };
}

export type MergeWarningCode =
  | 'unwrapped-get-key-policy-output'
  | 'unwrapped-json-string'
  | 'single-statement-object'
  | 'duplicate-sid'
  | 'other-personalize-statement'
  | 'sid-taken'
  | 'blocking-deny'
  | 'lookalike-sid'
  | 'lockout-risk'
  | 'root-sid-taken'
  | 'key-account-unknown'
  | 'placeholders-in-statement';

export interface MergeWarning {
  code: MergeWarningCode;
  message: string;
}

export type MergeResult =
  | {
      ok: true;
      /** The merged policy as a JSON value: the user's fields and statements as parsed. */
      policy: unknown;
      /** The text to put with put-key-policy: 2-space JSON and a final newline. */
      json: string;
      changes: MergeChange[];
      warnings: MergeWarning[];
      /** The pasted policy, pretty-printed, against `json`, line by line. */
      diff: DiffLine[];
    }
  | { ok: false; problems: MergeProblem[] };

const WHERE_TO_COPY =
  'Copy the text printed by the get-key-policy command shown under the paste field, or the whole policy from the key’s “Key policy” tab in the AWS KMS console (policy view), and paste all of it.';

function jsonProblem(text: string, fault: JsonFault, where: string): MergeProblem {
  const position = lineAndColumn(text, fault.offset);
  const at = `line ${position.line}, column ${position.column}${where}`;
  if (fault.kind === 'duplicate-key') {
    return {
      code: 'duplicate-json-key',
      message: `The pasted policy has ${fault.message} (${at}). JSON keeps only one of them, so part of your policy would be lost. Merge or remove the duplicate, then paste it again.`,
      position,
    };
  }
  if (fault.kind === 'too-deep') {
    return {
      code: 'too-deeply-nested',
      message: `The pasted text is nested far more deeply than any key policy (${at}). ${WHERE_TO_COPY}`,
      position,
    };
  }
  const trimmed = text.trim();
  let hint = WHERE_TO_COPY;
  if (/^'[\s\S]*'$/.test(trimmed)) {
    hint = `It looks like the policy was copied with the single quotes around it: remove the ' at the start and at the end. ${hint}`;
  } else if (/^"\s*\{[\s\S]*\}\s*"$/.test(trimmed)) {
    hint = `It looks like the policy was copied with the double quotes around it: remove the " at the start and at the end. ${hint}`;
  }
  return {
    code: 'not-json',
    message: `This is not valid JSON. At ${at}: ${fault.message}. ${hint}`,
    position,
  };
}

// ---------------------------------------------------------------------------
// Reading the pasted value as a key policy.

interface PastedPolicy {
  /** The policy object itself, with its statements as parsed. */
  policy: JsonObject;
  statements: unknown[];
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a JSON list ([ … ])';
  if (value === null) return 'null';
  if (typeof value === 'string') return 'a JSON string';
  return `a JSON ${typeof value}`;
}

/** The Sid of a pasted statement, when it has one. */
function sidOf(statement: unknown): unknown {
  return isObject(statement) ? statement.Sid : undefined;
}

/**
 * Unwraps what people paste by mistake (the whole get-key-policy output, or
 * the policy as a quoted JSON string), then checks it is a key policy.
 */
function readPolicy(
  text: string,
  warnings: MergeWarning[],
): { ok: true; pasted: PastedPolicy } | { ok: false; problems: MergeProblem[] } {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, problems: [jsonProblem(text, parsed.fault, '')] };
  let value = parsed.value;

  // At most two layers: a quoted string holding the get-key-policy output.
  for (let layer = 0; layer < 2; layer++) {
    if (typeof value === 'string') {
      const inner = parseJson(value);
      if (!inner.ok || !isObject(inner.value)) break;
      warnings.push({
        code: 'unwrapped-json-string',
        message:
          'The pasted text is the policy inside a JSON string (in quotes, with \\" escapes); the merge used the policy inside it. The merged policy below is plain JSON, ready for put-key-policy.',
      });
      value = inner.value;
    } else if (isObject(value) && !('Statement' in value) && typeof value.Policy === 'string') {
      const inner = parseJson(value.Policy);
      if (!inner.ok) {
        return {
          ok: false,
          problems: [jsonProblem(value.Policy, inner.fault, ' of the policy inside "Policy"')],
        };
      }
      warnings.push({
        code: 'unwrapped-get-key-policy-output',
        message: `The pasted text is the whole output of get-key-policy ({"Policy": "…", "PolicyName": …}); the merge used the policy inside its "Policy" field. Next time, run get-key-policy with ${KEY_POLICY_ALONE} to print the policy alone.`,
      });
      value = inner.value;
    } else {
      break;
    }
  }

  if (!isObject(value)) {
    const listHint = Array.isArray(value)
      ? ' If you copied only the statements, copy the whole policy instead, from its opening { to its closing }.'
      : '';
    return {
      ok: false,
      problems: [
        {
          code: 'not-a-policy',
          message: `This is ${describeValue(value)}, not a key policy. A key policy is a JSON object with "Version" and "Statement".${listHint} ${WHERE_TO_COPY}`,
        },
      ],
    };
  }
  if (!('Statement' in value)) {
    const looksLikeStatement = 'Effect' in value || 'Action' in value || 'Principal' in value;
    return {
      ok: false,
      problems: [
        {
          code: 'not-a-policy',
          message: looksLikeStatement
            ? `This looks like a single statement, not a whole key policy: it has no "Statement". Paste the key’s whole policy; the merge adds the Personalize statement to it. ${WHERE_TO_COPY}`
            : `This JSON has no "Statement", so it is not a key policy. ${WHERE_TO_COPY}`,
        },
      ],
    };
  }

  let statements: unknown[];
  if (Array.isArray(value.Statement)) {
    statements = value.Statement;
  } else if (isObject(value.Statement)) {
    statements = [value.Statement];
    warnings.push({
      code: 'single-statement-object',
      message:
        'The pasted policy has one statement written as an object instead of a list. AWS accepts both; the merged policy lists it, unchanged, in a "Statement" list with the Personalize statement.',
    });
  } else {
    return {
      ok: false,
      problems: [
        {
          code: 'not-a-policy',
          message: `The "Statement" of the pasted policy is ${describeValue(value.Statement)}; a key policy’s "Statement" is a list of statement objects. ${WHERE_TO_COPY}`,
        },
      ],
    };
  }

  const problems: MergeProblem[] = [];
  const notObjects = statements.flatMap((s, index) =>
    isObject(s) ? [] : [`statement ${index + 1}`],
  );
  if (notObjects.length > 0) {
    problems.push({
      code: 'invalid-statement',
      message: `In the pasted policy, ${listInProse(notObjects)} ${notObjects.length === 1 ? 'is' : 'are'} not a statement object ({ "Effect": …, "Principal": …, "Action": …, "Resource": … }). Fix or remove ${notObjects.length === 1 ? 'it' : 'them'}, then paste the policy again.`,
    });
  }
  const withoutPrincipal = statements.flatMap((s, index) =>
    isObject(s) && !('Principal' in s) && !('NotPrincipal' in s)
      ? [statementLabel(index, sidOf(s))]
      : [],
  );
  if (withoutPrincipal.length > 0) {
    const which =
      withoutPrincipal.length === statements.length
        ? 'No statement in the pasted policy names a "Principal"'
        : `In the pasted policy, ${listInProse(withoutPrincipal)} ${withoutPrincipal.length === 1 ? 'names' : 'name'} no "Principal"`;
    problems.push({
      code: 'identity-policy',
      message: `${which}. Every statement of a key policy names one, so this looks like an IAM (identity) policy, such as the service role’s, not the key’s policy. ${WHERE_TO_COPY}`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, pasted: { policy: value, statements } };
}

// ---------------------------------------------------------------------------
// Comparing statements.

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Object keys sorted, at every level: two values that differ only in key order compare equal. */
function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) setOwn(out, key, canonicalValue(value[key]));
  return out;
}

/** A list-or-string value as a sorted set; anything else as it is. */
function canonicalSet(value: unknown, caseInsensitive = false): unknown {
  if (
    typeof value !== 'string' &&
    !(Array.isArray(value) && value.every((v) => typeof v === 'string'))
  ) {
    return canonicalValue(value);
  }
  const items = stringList(value).map((v) => (caseInsensitive ? v.toLowerCase() : v));
  return [...new Set(items)].sort();
}

function canonicalMap(value: unknown, inner: (v: unknown) => unknown): unknown {
  if (!isObject(value)) return canonicalValue(value);
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) setOwn(out, key, inner(value[key]));
  return out;
}

/**
 * A statement's meaning as a string: lists compared as sets (actions
 * case-insensitively, as IAM does), a lone string equal to a one-item list.
 */
function canonicalStatement(statement: JsonObject): string {
  const out: JsonObject = {};
  for (const key of Object.keys(statement).sort()) {
    const value = statement[key];
    let canonical: unknown;
    if (key === 'Action' || key === 'NotAction') canonical = canonicalSet(value, true);
    else if (key === 'Resource' || key === 'NotResource') canonical = canonicalSet(value);
    else if (key === 'Principal' || key === 'NotPrincipal') {
      canonical = value === '*' ? value : canonicalMap(value, (v) => canonicalSet(v));
    } else if (key === 'Condition') {
      canonical = canonicalMap(value, (operator) => canonicalMap(operator, (v) => canonicalSet(v)));
    } else canonical = canonicalValue(value);
    setOwn(out, key, canonical);
  }
  return JSON.stringify(out);
}

function principalsOf(statement: JsonObject): string[] {
  const principal = statement.Principal;
  if (principal === '*') return ['*'];
  if (!isObject(principal)) return [];
  return Object.keys(principal).flatMap((type) => stringList(principal[type]));
}

function missingFrom(items: readonly string[], other: readonly string[], caseInsensitive = false) {
  const key = (v: string) => (caseInsensitive ? v.toLowerCase() : v);
  const present = new Set(other.map(key));
  return [...new Set(items)].filter((item) => !present.has(key(item)));
}

/** What replacing `before` with `after` changes, for the change summary and the warnings. */
function describeUpdate(before: JsonObject, after: JsonObject) {
  const beforeActions = stringList(before.Action);
  const afterActions = stringList(after.Action);
  const beforePrincipals = principalsOf(before);
  const afterPrincipals = principalsOf(after);
  const otherFields = ['Effect', 'Resource', 'NotAction', 'NotResource', 'NotPrincipal'].filter(
    (field) =>
      canonicalStatement({ [field]: before[field] }) !==
      canonicalStatement({ [field]: after[field] }),
  );
  return {
    addedActions: missingFrom(afterActions, beforeActions, true),
    removedActions: missingFrom(beforeActions, afterActions, true),
    addedPrincipals: missingFrom(afterPrincipals, beforePrincipals),
    removedPrincipals: missingFrom(beforePrincipals, afterPrincipals),
    conditionChanged:
      canonicalStatement({ Condition: before.Condition }) !==
      canonicalStatement({ Condition: after.Condition }),
    hadCondition: 'Condition' in before,
    otherFields,
  };
}

/** `"<ourSid> N"` with N from 2 on, as the merge numbers its statement when its Sid is taken. */
function isNumberedSid(sid: string, ourSid: string): boolean {
  if (!sid.startsWith(`${ourSid} `)) return false;
  const number = sid.slice(ourSid.length + 1);
  return /^[1-9]\d*$/.test(number) && number !== '1';
}

interface PreviousVersion {
  index: number;
  sid: string;
  /** The Personalize statement as needed, or an earlier version that the update only widens. */
  relation: 'same' | 'widened';
  update: ReturnType<typeof describeUpdate>;
}

/**
 * The pasted statement at `index` as the previous version of ours (under its
 * own Sid), when it is ours as needed or an earlier version that the update
 * only widens: an unconditional Allow on "*" whose actions and principals
 * ours all has.
 */
function previousVersion(
  existing: readonly unknown[],
  index: number,
  ours: JsonObject,
): PreviousVersion | undefined {
  const previous = existing[index];
  if (!isObject(previous) || typeof previous.Sid !== 'string') return undefined;
  const sid = previous.Sid;
  const candidate = { ...ours, Sid: sid };
  const update = describeUpdate(previous, candidate);
  if (canonicalStatement(previous) === canonicalStatement(candidate)) {
    return { index, sid, relation: 'same', update };
  }
  const onlyWidens =
    previous.Effect === 'Allow' &&
    !('NotAction' in previous || 'NotPrincipal' in previous || 'NotResource' in previous) &&
    !('Condition' in previous) &&
    update.removedActions.length === 0 &&
    update.removedPrincipals.length === 0 &&
    update.otherFields.every((field) => field === 'Resource') &&
    stringList(previous.Resource).includes('*');
  return onlyWidens ? { index, sid, relation: 'widened', update } : undefined;
}

// ---------------------------------------------------------------------------
// The account root statement and the lockout check.

/**
 * Whether a statement keeps the key's account in control (rules file,
 * section 4): an unconditional Allow of kms:* or kms:PutKeyPolicy on "*" to
 * the account's root or its bare ID. With an unknown account, any account's
 * root counts.
 */
function keepsAccountInControl(statement: unknown, context: MergeContext): boolean {
  if (!isObject(statement) || statement.Effect !== 'Allow' || 'Condition' in statement)
    return false;
  const principal = statement.Principal;
  if (!isObject(principal)) return false;
  const accounts = stringList(principal.AWS);
  const known = ACCOUNT_ID.test(context.keyAccountId);
  const rootArn = `arn:${context.partition}:iam::${context.keyAccountId}:root`;
  const isAccount = known
    ? (aws: string) => aws === rootArn || aws === context.keyAccountId
    : (aws: string) => ACCOUNT_ID.test(aws) || isPartition(ROOT_ARN.exec(aws)?.[1] ?? '');
  if (!accounts.some(isAccount)) return false;
  const actions = stringList(statement.Action).map((a) => a.toLowerCase());
  const manages = ['*', 'kms:*', 'kms:put*', 'kms:putkeypolicy'].some((a) => actions.includes(a));
  return manages && stringList(statement.Resource).includes('*');
}

/** Account roots the policy names, for the lockout warning's "wrong key?" hint. */
function otherAccountRoots(statements: readonly unknown[], context: MergeContext): string[] {
  const roots = statements.flatMap((s) =>
    isObject(s) && isObject(s.Principal) ? stringList(s.Principal.AWS) : [],
  );
  return [...new Set(roots.filter((aws) => ROOT_ARN.test(aws)))].filter(
    (aws) => !aws.includes(`::${context.keyAccountId}:`),
  );
}

// ---------------------------------------------------------------------------
// The merge.

/** Letters of other scripts that look like Latin ones, for spotting a Sid made to look like ours. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  ο: 'o',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Χ: 'X',
};

/** What a Sid looks like: invisible characters dropped, lookalike letters read as Latin. */
function skeleton(sid: string): string {
  return sid
    .normalize('NFKC')
    .replace(/[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD]/g, '')
    .replace(/./gu, (char) => LOOKALIKES[char] ?? char);
}

/** Statements whose Sid only looks like the Personalize statement's, with the difference shown. */
function lookalikeSids(existing: readonly unknown[], ourSid: string): MergeWarning[] {
  return existing.flatMap((s, index) => {
    const sid = isObject(s) ? s.Sid : undefined;
    if (typeof sid !== 'string' || sid === ourSid || skeleton(sid) !== skeleton(ourSid)) return [];
    return [
      {
        code: 'lookalike-sid' as const,
        message: `Statement ${String(index + 1)} has the Sid "${visibleText(sid)}", which looks like the Personalize statement’s "${ourSid}" but is not the same (the characters that differ are shown as [U+…]). The merge treats it as a statement of its own and keeps it as it is; check where it came from.`,
      },
    ];
  });
}

/**
 * Pasted statements that deny, or may deny, the Personalize service or the
 * role an action the Personalize statement grants, found by evaluating each
 * request against the pasted policy (not by matching text).
 */
function blockingDenies(
  existing: readonly unknown[],
  ours: JsonObject,
  context: MergeContext,
): MergeWarning[] {
  // Without the key's ARN (or with one that names no key) the requests name no resource: a
  // Deny on "*" then denies, and one on any other resource may deny.
  const keyArn =
    context.keyArn !== undefined && parseKeyArn(context.keyArn) ? context.keyArn : undefined;
  const placeholders = context.placeholders ?? [];
  const principal = ours.Principal;
  const callers = [
    ...(isObject(principal) ? stringList(principal.Service) : []),
    ...(isObject(principal) ? stringList(principal.AWS) : []),
  ].filter((caller) => !placeholders.some((placeholder) => caller.includes(placeholder)));
  const actions = stringList(ours.Action);
  const policy = { name: 'the pasted policy', document: { Statement: existing } };
  const found = new Map<number, { callers: Set<string>; actions: Set<string>; maybe: string[] }>();
  for (const caller of callers) {
    for (const action of actions) {
      const { verdicts } = denyingStatements(
        policy,
        {
          principal: caller,
          action,
          resource: keyArn,
          resourceAccount: context.keyAccountId,
        },
        'key-policy',
      );
      for (const verdict of verdicts) {
        const entry = found.get(verdict.ref.index) ?? {
          callers: new Set<string>(),
          actions: new Set<string>(),
          maybe: [],
        };
        entry.callers.add(caller);
        entry.actions.add(action);
        if (verdict.applies !== 'yes') entry.maybe.push(...verdict.reasons);
        found.set(verdict.ref.index, entry);
      }
    }
  }
  return [...found].map(([index, entry]) => {
    const described = describeStatement(existing[index], index);
    const needs = [...entry.actions]
      .map((action) => context.neededFor?.[action])
      .filter((need): need is string => need !== undefined);
    const breaks =
      needs.length > 0
        ? ` That breaks what needs them: ${listInProse([...new Set(needs)])}.`
        : ' Personalize needs them for the jobs you chose.';
    const verb = entry.maybe.length > 0 ? 'may deny' : 'denies';
    const unsure =
      entry.maybe.length > 0
        ? ` (The merge cannot tell for sure: ${[...new Set(entry.maybe)].join('; ')}.)`
        : '';
    return {
      code: 'blocking-deny' as const,
      message: `${described.label} (${described.effect} ${described.principal}, ${described.actions}) ${verb} ${listInProse([...entry.callers])} ${listInProse([...entry.actions])} on this key.${breaks} The merge keeps it exactly as it is: change or remove it yourself if Personalize should work.${unsure}`,
    };
  });
}

function problem(code: MergeProblemCode, message: string): MergeResult {
  return { ok: false, problems: [{ code, message }] };
}

/**
 * Merges `statement` (the builder's Personalize statement) into the key
 * policy pasted as `pastedText`. The user's statements are kept as parsed, in
 * place; the statement with the same Sid is updated in place, or the
 * statement is added at the end. Never throws.
 */
export function mergeKeyPolicy(
  pastedText: string,
  statement: PolicyStatement,
  context: MergeContext,
  options: MergeOptions = {},
): MergeResult {
  if (typeof pastedText !== 'string') {
    return problem('not-text', 'Paste the key policy as text.');
  }
  if (pastedText.length > MAX_PASTED_CHARS) {
    return problem(
      'input-too-large',
      `The pasted text is ${withThousands(pastedText.length)} characters long, too large to be a key policy (KMS allows at most ${withThousands(LIMITS.keyPolicyBytes)} bytes). Check that you copied only the key policy. ${WHERE_TO_COPY}`,
    );
  }
  const text = pastedText.replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    return problem('empty', `Paste the key’s current policy here. ${WHERE_TO_COPY}`);
  }

  const warnings: MergeWarning[] = [];
  const read = readPolicy(text, warnings);
  if (!read.ok) return read;
  const { policy, statements: existing } = read.pasted;

  const accountKnown = ACCOUNT_ID.test(context.keyAccountId);

  const ours = normalizeStatement({
    ...statement,
    Sid: statement.Sid === undefined || statement.Sid === '' ? SIDS.keyPolicy : statement.Sid,
  });
  const ourSid = ours.Sid ?? SIDS.keyPolicy;
  const changes: MergeChange[] = [];

  // Duplicate Sids make PutKeyPolicy fail (MalformedPolicyDocumentException;
  // https://repost.aws/knowledge-center/kms-policy-error-invalid-principals).
  const positionsBySid = new Map<string, number[]>();
  existing.forEach((s, index) => {
    const sid = isObject(s) ? s.Sid : undefined;
    if (typeof sid !== 'string' || sid === '') return;
    positionsBySid.set(sid, [...(positionsBySid.get(sid) ?? []), index]);
  });
  for (const [sid, positions] of positionsBySid) {
    if (positions.length < 2) continue;
    const where = listInProse(positions.map((p) => String(p + 1)));
    const ourNote = ' The merge kept all of them unchanged.';
    warnings.push({
      code: 'duplicate-sid',
      message: `The pasted policy has ${positions.length} statements with the Sid ${quotedSid(sid)} (statements ${where}). Sids must be unique in a key policy, so put-key-policy will fail with MalformedPolicyDocumentException until you rename or remove the extra ones.${ourNote}`,
    });
  }

  // The Personalize statement: kept when already there as needed, updated in
  // place only when the statement with its Sid is an earlier version of it that
  // the update only widens, otherwise added at the end under a Sid of its own.
  // A pasted statement is never removed or weakened: a Deny that shares the
  // Sid stays a Deny.
  const merged: unknown[] = [...existing];
  const withOurSid = existing.flatMap((s, index) =>
    isObject(s) && s.Sid === ourSid ? [index] : [],
  );
  const oursAsJson = JSON.parse(JSON.stringify(ours)) as JsonObject;
  const actionsText = listInProse(stringList(ours.Action));
  const principalsText = listInProse(principalsOf(oursAsJson));
  const [onlyOne] = withOurSid.length === 1 ? withOurSid : [];
  let found = onlyOne === undefined ? undefined : previousVersion(existing, onlyOne, oursAsJson);
  if (found === undefined && withOurSid.length > 0) {
    // With its Sid taken, an earlier merge added the statement as "<Sid> 2" (or 3, …):
    // merging that merge's result again finds it there instead of adding one more.
    const numbered = existing.findIndex(
      (s) => isObject(s) && typeof s.Sid === 'string' && isNumberedSid(s.Sid, ourSid),
    );
    if (numbered >= 0) found = previousVersion(existing, numbered, oursAsJson);
  }
  let oursAppended = false;
  let ourFinalSid = found?.sid ?? ourSid;
  if (found?.relation === 'same') {
    changes.push({
      kind: 'unchanged',
      sid: found.sid,
      summary: `The policy already has the Personalize statement as needed (${statementLabel(found.index, found.sid)}); it is kept as it is.`,
    });
  } else if (found !== undefined) {
    merged[found.index] = found.sid === ourSid ? ours : { ...oursAsJson, Sid: found.sid };
    const { update } = found;
    const parts = [
      update.addedActions.length > 0 ? `adds ${listInProse(update.addedActions)}` : '',
      update.addedPrincipals.length > 0
        ? `adds the principal ${listInProse(update.addedPrincipals)}`
        : '',
    ].filter((part) => part !== '');
    changes.push({
      kind: 'updated',
      sid: found.sid,
      summary: `Updated ${statementLabel(found.index, found.sid)} in place: ${parts.length > 0 ? parts.join('; ') : 'rewrote it in the wizard’s format'}.`,
    });
  } else {
    if (withOurSid.length > 0) {
      const taken = new Set(
        existing.flatMap((s) => (isObject(s) && typeof s.Sid === 'string' ? [s.Sid] : [])),
      );
      for (let n = 2; taken.has(ourFinalSid); n++) ourFinalSid = `${ourSid} ${String(n)}`;
    }
    merged.push({ ...oursAsJson, Sid: ourFinalSid });
    oursAppended = true;
  }
  if (withOurSid.length > 0 && found?.sid !== ourSid) {
    const labels = listInProse(
      withOurSid.map((index) => statementLabel(index, sidOf(existing[index]))),
    );
    const first = existing[withOurSid[0] ?? -1];
    const why =
      withOurSid.length > 1
        ? 'several statements have it'
        : isObject(first) && first.Effect !== 'Allow'
          ? 'that statement is a Deny, which the merge never removes or changes'
          : 'that statement is not an earlier version of the Personalize statement that the update would only widen (it has other principals, other resources, a condition, or actions the new statement lacks)';
    const outcome = oursAppended
      ? 'was added with the Sid'
      : found?.relation === 'same'
        ? 'is already there, with the Sid'
        : 'was updated in place, with the Sid';
    warnings.push({
      code: 'sid-taken',
      message: `The pasted policy already uses the Personalize statement’s Sid ${quotedSid(ourSid)} in ${labels}, and ${why}. It is kept exactly as it is, and the Personalize statement ${outcome} ${quotedSid(ourFinalSid)}.`,
    });
  }

  existing.forEach((s, index) => {
    if (!isObject(s) || s.Sid === ourSid || index === found?.index || s.Effect !== 'Allow') return;
    const principal = s.Principal;
    if (isObject(principal) && stringList(principal.Service).includes(SERVICE_PRINCIPAL)) {
      warnings.push({
        code: 'other-personalize-statement',
        message: `${statementLabel(index, s.Sid)} already names ${SERVICE_PRINCIPAL}. The merge kept it and added or updated its own statement; if that statement is an earlier version of this one, remove it so the key doesn’t grant more than needed.`,
      });
    }
  });

  // The account in control of the key (rules file, section 4).
  if (!merged.some((s) => keepsAccountInControl(s, context))) {
    const rootSidTaken = existing.some((s) => isObject(s) && s.Sid === ROOT_STATEMENT.sid);
    if (options.addRootStatement && !accountKnown) {
      return problem(
        'key-account-needed',
        'To add the account root statement the merge needs the 12-digit ID of the account that owns the key. Enter the key ARN (or the account ID) first.',
      );
    }
    if (options.addRootStatement && !rootSidTaken) {
      merged.unshift(rootStatement(context.partition, context.keyAccountId));
      changes.unshift({
        kind: 'added',
        sid: ROOT_STATEMENT.sid,
        summary: `Added the account root statement first: kms:* for arn:${context.partition}:iam::${context.keyAccountId}:root, so the account (and IAM policies in it) can manage the key.`,
      });
    } else {
      const rootArn = `arn:${context.partition}:iam::${accountKnown ? context.keyAccountId : '<key account>'}:root`;
      const others = accountKnown ? otherAccountRoots(existing, context) : [];
      const wrongKey =
        others.length > 0
          ? ` The policy names ${listInProse(others)} instead: check that you pasted the policy of the key in account ${context.keyAccountId}.`
          : '';
      warnings.push({
        code: 'lockout-risk',
        message: `No statement lets the key’s account manage the key: none allows ${rootArn} kms:* (or kms:PutKeyPolicy) on "*" without a condition. KMS’s lockout safety check may reject put-key-policy with this policy, and if the check is bypassed the key can become unmanageable. Without such a statement, IAM policies in the account also grant nothing on this key. Add the standard "${ROOT_STATEMENT.sid}" statement, or make sure another statement keeps your administrators in control.${wrongKey}`,
      });
      if (options.addRootStatement && rootSidTaken) {
        warnings.push({
          code: 'root-sid-taken',
          message: `The root statement was not added: the policy already has a statement with the Sid "${ROOT_STATEMENT.sid}", and Sids must be unique. Check that statement: it should allow ${rootArn} kms:* on "*" without a condition.`,
        });
      }
    }
  }
  if (oursAppended) {
    // Numbered once the root statement, if any, is in place.
    changes.push({
      kind: 'added',
      sid: ourFinalSid,
      summary: `Added the Personalize statement at the end (statement ${merged.length}): ${actionsText} for ${principalsText}.`,
    });
  }
  if (!accountKnown) {
    warnings.push({
      code: 'key-account-unknown',
      message:
        'The key’s account is not known yet, so the merge could only check that some account root keeps control of the key. Enter the key ARN (or the account ID) to check it for the right account.',
    });
  }
  const oursText = JSON.stringify(ours);
  const placeholders = (context.placeholders ?? []).filter((placeholder) =>
    oursText.includes(placeholder),
  );
  if (placeholders.length > 0) {
    warnings.push({
      code: 'placeholders-in-statement',
      message: `The Personalize statement still contains ${listInProse([...new Set(placeholders)])}. Answer the missing questions first: KMS rejects a key policy whose principals do not exist.`,
    });
  }

  warnings.push(
    ...lookalikeSids(existing, ourSid),
    ...blockingDenies(existing, oursAsJson, context),
  );

  // The user's top-level fields in their order, with the new statement list.
  const out: JsonObject = {};
  for (const key of Object.keys(policy))
    setOwn(out, key, key === 'Statement' ? merged : policy[key]);
  const json = toJsonKeepingNumbers(out);
  const size = byteLength(json);
  if (size > LIMITS.keyPolicyBytes) {
    return problem(
      'result-too-large',
      `The merged policy would be ${withThousands(size)} bytes; KMS allows at most ${withThousands(LIMITS.keyPolicyBytes)} bytes for a key policy. Remove statements or principals the key no longer needs from the pasted policy, then merge again.`,
    );
  }
  const lines = (value: string) => value.replace(/\n$/, '').split('\n');
  return {
    ok: true,
    policy: out,
    json,
    changes,
    warnings,
    diff: diffLines(lines(toJsonKeepingNumbers(policy)), lines(json)),
  };
}
