/**
 * Words for one statement of a pasted policy, for messages: which statement (its Sid, or its
 * position), whom it names and which actions. Everything taken from the policy passes through
 * visibleText, so a lookalike shows its difference.
 */
import { isObject } from '../strict-json';
import { readStringList } from './action';
import type { PolicyKind } from './types';
import { visibleText } from './visible';

/**
 * What each kind of policy is called in a sentence: the evaluator's reasons, the error
 * explanations and the findings' failure lines all read it.
 */
export const POLICY_KIND_WORDS: Readonly<Record<PolicyKind, string>> = {
  'key-policy': 'key policy',
  'bucket-policy': 'bucket policy',
  'trust-policy': 'trust policy',
  identity: 'service role’s policies',
};

export interface StatementDescription {
  /** `statement 3 ("AllowUse")`, or `statement 3` without a Sid; counted from 1. */
  label: string;
  /** `Allow`, `Deny`, or `an effect that is not Allow or Deny`. */
  effect: string;
  /** Whom the statement names, such as `personalize.amazonaws.com` or `everyone except …`. */
  principal: string;
  /** The actions, such as `kms:Decrypt, kms:GenerateDataKey` or `every action except …`. */
  actions: string;
  /** The four together: `statement 3 ("AllowUse"): Deny everyone (*) kms:Decrypt`. */
  summary: string;
}

/** Characters of a Sid shown before it is cut short: a message names a statement, not quotes it. */
const SID_SHOWN = 60;

/**
 * A Sid in double quotes, as messages show it: through visibleText, with a `"` of its own shown
 * as `[U+0022]` so that it cannot end the quotes, and cut after 60 characters with `…`.
 */
export function quotedSid(sid: string): string {
  const characters = Array.from(sid);
  const shown =
    characters.length > SID_SHOWN
      ? `${visibleText(characters.slice(0, SID_SHOWN).join(''))}…`
      : visibleText(sid);
  return `"${shown.replaceAll('"', '[U+0022]')}"`;
}

/**
 * The label of the statement at `index` (0-based) in a policy's Statement list. People count
 * from 1, so the label does.
 */
export function statementLabel(index: number, sid: unknown): string {
  const position = `statement ${index + 1}`;
  return typeof sid === 'string' && sid !== '' ? `${position} (${quotedSid(sid)})` : position;
}

function principalWords(principal: unknown): string {
  if (principal === '*') return 'everyone (*)';
  if (!isObject(principal)) return 'a principal that is not understood';
  const names: string[] = [];
  for (const [type, value] of Object.entries(principal)) {
    const values = readStringList(value);
    if (values === undefined) return 'a principal that is not understood';
    for (const name of values) {
      names.push(name === '*' ? `everyone (${visibleText(type)}: *)` : visibleText(name));
    }
  }
  return names.length > 0 ? names.join(', ') : 'no one';
}

function actionWords(actions: unknown): string {
  const values = readStringList(actions);
  return values === undefined
    ? 'actions that are not understood'
    : values.map(visibleText).join(', ');
}

export function describeStatement(statement: unknown, index: number): StatementDescription {
  const fields = isObject(statement) ? statement : {};
  const label = statementLabel(index, fields.Sid);
  const effect =
    fields.Effect === 'Allow' || fields.Effect === 'Deny'
      ? fields.Effect
      : 'an effect that is not Allow or Deny';
  let principal = 'the identity the policy is attached to';
  if ('Principal' in fields) principal = principalWords(fields.Principal);
  if ('NotPrincipal' in fields) {
    principal = `everyone except ${principalWords(fields.NotPrincipal)}`;
  }
  let actions = 'no action';
  if ('Action' in fields) actions = actionWords(fields.Action);
  if ('NotAction' in fields) actions = `every action except ${actionWords(fields.NotAction)}`;
  return {
    label,
    effect,
    principal,
    actions,
    summary: `${label}: ${effect} ${principal} ${actions}`,
  };
}
