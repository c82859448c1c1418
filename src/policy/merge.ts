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
 * untrusted text, parsed by a small strict JSON parser below (positions for
 * every syntax error, duplicate property names refused instead of silently
 * keeping the last one, nesting depth bounded), never evaluated.
 */
import { KEY_POLICY_ALONE } from './apply';
import { rootStatement } from './build';
import { byteLength, LIMITS, normalizeStatement, toJson, type PolicyStatement } from './document';
import { type Partition, SERVICE_PRINCIPAL } from './partitions';
import { listInProse } from './prose';
import { ROOT_STATEMENT, SIDS } from './rules';
import { diffLines, type DiffLine } from './line-diff';
import {
  isObject,
  JsonFault,
  lineAndColumn,
  parseJson,
  setOwn,
  shorten,
  type JsonObject,
} from './strict-json';
import { ACCOUNT_ID } from './validate';

/** Anything longer is not a key policy (those are at most 32,768 bytes); it is not parsed. */
export const MAX_PASTED_CHARS = 65_536;

export interface MergeContext {
  /** The account that owns the key: its root is the principal the lockout check looks for. */
  keyAccountId: string;
  partition: Partition;
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
  | 'update-removes-permissions'
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

/** "statement 3 ("Allow use of the key")", for messages. */
function statementLabel(statement: unknown, index: number): string {
  const sid = isObject(statement) ? statement.Sid : undefined;
  return typeof sid === 'string' && sid !== ''
    ? `statement ${index + 1} (${shorten(sid)})`
    : `statement ${index + 1}`;
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
    isObject(s) && !('Principal' in s) && !('NotPrincipal' in s) ? [statementLabel(s, index)] : [],
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
    : (aws: string) => ACCOUNT_ID.test(aws) || /^arn:aws(-cn)?:iam::[0-9]{12}:root$/.test(aws);
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
  return [...new Set(roots.filter((aws) => /^arn:[a-z-]+:iam::[0-9]{12}:root$/.test(aws)))].filter(
    (aws) => !aws.includes(`::${context.keyAccountId}:`),
  );
}

// ---------------------------------------------------------------------------
// The merge.

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
      `The pasted text is ${pastedText.length.toLocaleString('en')} characters long, too large to be a key policy (KMS allows at most ${LIMITS.keyPolicyBytes.toLocaleString('en')} bytes). Check that you copied only the key policy. ${WHERE_TO_COPY}`,
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
    const ourNote =
      sid === ourSid
        ? ` The merge updated the first of them (statement ${(positions[0] ?? 0) + 1}) and kept the others unchanged.`
        : ' The merge kept all of them unchanged.';
    warnings.push({
      code: 'duplicate-sid',
      message: `The pasted policy has ${positions.length} statements with the Sid ${shorten(sid)} (statements ${where}). Sids must be unique in a key policy, so put-key-policy will fail with MalformedPolicyDocumentException until you rename or remove the extra ones.${ourNote}`,
    });
  }

  // The Personalize statement: updated in place, or added at the end.
  const merged: unknown[] = [...existing];
  const ourIndex = existing.findIndex((s) => isObject(s) && s.Sid === ourSid);
  const oursAsJson = JSON.parse(JSON.stringify(ours)) as JsonObject;
  const actionsText = listInProse(stringList(ours.Action));
  const principalsText = listInProse(principalsOf(oursAsJson));
  const previous = existing[ourIndex];
  let oursAppended = false;
  if (isObject(previous)) {
    const label = statementLabel(previous, ourIndex);
    if (canonicalStatement(previous) === canonicalStatement(oursAsJson)) {
      changes.push({
        kind: 'unchanged',
        sid: ourSid,
        summary: `The policy already has the Personalize statement as needed (${label}); it is kept as it is.`,
      });
    } else {
      merged[ourIndex] = ours;
      const update = describeUpdate(previous, oursAsJson);
      const parts = [
        update.addedActions.length > 0 ? `adds ${listInProse(update.addedActions)}` : '',
        update.removedActions.length > 0 ? `removes ${listInProse(update.removedActions)}` : '',
        update.addedPrincipals.length > 0
          ? `adds the principal ${listInProse(update.addedPrincipals)}`
          : '',
        update.removedPrincipals.length > 0
          ? `removes the principal ${listInProse(update.removedPrincipals)}`
          : '',
        update.conditionChanged
          ? update.hadCondition
            ? 'changes its Condition'
            : 'adds a Condition'
          : '',
        update.otherFields.length > 0 ? `changes ${listInProse(update.otherFields)}` : '',
      ].filter((part) => part !== '');
      changes.push({
        kind: 'updated',
        sid: ourSid,
        summary: `Updated ${label} in place: ${parts.length > 0 ? parts.join('; ') : 'rewrote it in the wizard’s format'}.`,
      });
      const lost = [
        update.removedActions.length > 0 ? `the actions ${listInProse(update.removedActions)}` : '',
        update.removedPrincipals.length > 0
          ? `the principals ${listInProse(update.removedPrincipals)}`
          : '',
        update.hadCondition && update.conditionChanged ? 'its Condition' : '',
      ].filter((part) => part !== '');
      if (lost.length > 0) {
        warnings.push({
          code: 'update-removes-permissions',
          message: `Your existing ${label} has ${listInProse(lost)}, which the new Personalize statement does not; the update removes them. If something else still needs them, keep them in a separate statement with its own Sid.`,
        });
      }
    }
  } else {
    merged.push(ours);
    oursAppended = true;
  }

  existing.forEach((s, index) => {
    if (!isObject(s) || s.Sid === ourSid) return;
    const principal = s.Principal;
    if (isObject(principal) && stringList(principal.Service).includes(SERVICE_PRINCIPAL)) {
      warnings.push({
        code: 'other-personalize-statement',
        message: `${statementLabel(s, index)} already names ${SERVICE_PRINCIPAL}. The merge kept it and added or updated its own statement; if that statement is an earlier version of this one, remove it so the key doesn’t grant more than needed.`,
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
      sid: ourSid,
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
  const placeholders = JSON.stringify(ours).match(/<[^<>"\s]+>/g);
  if (placeholders) {
    warnings.push({
      code: 'placeholders-in-statement',
      message: `The Personalize statement still contains ${listInProse([...new Set(placeholders)])}. Answer the missing questions first: KMS rejects a key policy whose principals do not exist.`,
    });
  }

  // The user's top-level fields in their order, with the new statement list.
  const out: JsonObject = {};
  for (const key of Object.keys(policy))
    setOwn(out, key, key === 'Statement' ? merged : policy[key]);
  const json = toJson(out);
  const size = byteLength(json);
  if (size > LIMITS.keyPolicyBytes) {
    return problem(
      'result-too-large',
      `The merged policy would be ${size.toLocaleString('en')} bytes; KMS allows at most ${LIMITS.keyPolicyBytes.toLocaleString('en')} bytes for a key policy. Remove statements or principals the key no longer needs from the pasted policy, then merge again.`,
    );
  }
  const lines = (value: string) => value.replace(/\n$/, '').split('\n');
  return {
    ok: true,
    policy: out,
    json,
    changes,
    warnings,
    diff: diffLines(lines(toJson(policy)), lines(json)),
  };
}
