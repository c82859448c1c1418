/**
 * The Condition element, decided against a request context.
 *
 * Rules (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
 * - several operators, and several keys under one operator: all must hold (AND);
 * - several values for one key: any may match (OR); for a negated operator (StringNotEquals,
 *   ArnNotLike, NumericNotEquals, …) the key must match none of them (NOR);
 * - a key missing from the request: false, except that negated operators and `…IfExists` are
 *   true, and `Null` tests for it;
 * - ForAllValues / ForAnyValue compare each of the request's values (a single value is a set
 *   of one): all of them, or at least one, must hold; a missing key or an empty set makes
 *   ForAllValues true and ForAnyValue false
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
 * Condition key names are case-insensitive; operator names are taken as AWS spells them.
 *
 * Not evaluated (the condition is unknown, with the reason): Date*, IpAddress, NotIpAddress
 * and BinaryEquals; policy variables (`${…}`) in values; a multivalued request key under an
 * operator without ForAnyValue/ForAllValues (AWS asks for a set operator there and does not
 * document the result without one); case-insensitive comparison of non-ASCII text.
 */
import { isObject } from '../strict-json';
import type { RequestContext } from './context';
import { globMatches } from './glob';
import { arnParts } from './resource';
import { all, any, judge, not, NO, unknown, YES, type Judgement } from './tri';

type Compare = (policyValue: string, requestValue: string, key: string) => Judgement;

interface OperatorRule {
  /** True for the negated operators, which match when the key matches none of the values. */
  negated: boolean;
  /** What is wrong with a policy value for this operator, if anything. */
  valueProblem: (value: string) => string | undefined;
  /** The positive comparison (equality for StringNotEquals, and so on). */
  compare: Compare;
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;
const BOOLEAN = /^(?:true|false)$/i;
const VARIABLE = '${';

const usesVariable = (value: string) => value.includes(VARIABLE);
const variableReason = (value: string) =>
  `the condition value "${value}" uses a policy variable, which is not evaluated here`;

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    if (text.charCodeAt(index) > 0x7f) return false;
  }
  return true;
}

/** The six parts of an ARN, or undefined for a text that is not one. */
function fullArnParts(text: string): string[] | undefined {
  const parts = arnParts(text);
  return parts.length === 6 && parts[0] === 'arn' ? parts : undefined;
}

const anyValue = () => undefined;

const stringCompare =
  (equal: (policyValue: string, requestValue: string) => boolean): Compare =>
  (policyValue, requestValue) =>
    usesVariable(policyValue)
      ? unknown(variableReason(policyValue))
      : judge(equal(policyValue, requestValue));

const ignoringCase: Compare = (policyValue, requestValue) => {
  if (usesVariable(policyValue)) return unknown(variableReason(policyValue));
  if (!isAscii(policyValue) || !isAscii(requestValue)) {
    return unknown(
      `comparing "${policyValue}" and "${requestValue}" regardless of case: AWS does not document case folding beyond ASCII`,
    );
  }
  return judge(policyValue.toLowerCase() === requestValue.toLowerCase());
};

// ArnEquals and ArnLike behave alike: each of the six parts is matched on its own, with
// wildcards, case-sensitively.
const arnCompare: Compare = (policyValue, requestValue, key) => {
  if (usesVariable(policyValue)) return unknown(variableReason(policyValue));
  const request = fullArnParts(requestValue);
  if (!request) return unknown(`the request's value "${requestValue}" for ${key} is not an ARN`);
  const policy = fullArnParts(policyValue) ?? [];
  return judge(request.every((part, index) => globMatches(policy[index] ?? '', part)));
};

const arnValueProblem = (value: string) =>
  usesVariable(value) || fullArnParts(value)
    ? undefined
    : `the condition value "${value}" is not an ARN`;

const numericCompare =
  (holds: (policyNumber: number, requestNumber: number) => boolean): Compare =>
  (policyValue, requestValue, key) =>
    NUMBER.test(requestValue)
      ? judge(holds(Number(policyValue), Number(requestValue)))
      : unknown(`the request's value "${requestValue}" for ${key} is not a number`);

const numericValueProblem = (value: string) =>
  NUMBER.test(value) ? undefined : `the condition value "${value}" is not a number`;

const booleanValueProblem = (value: string) =>
  BOOLEAN.test(value) ? undefined : `the condition value "${value}" is not true or false`;

const boolCompare: Compare = (policyValue, requestValue, key) =>
  BOOLEAN.test(requestValue)
    ? judge(policyValue.toLowerCase() === requestValue.toLowerCase())
    : unknown(`the request's value "${requestValue}" for ${key} is not true or false`);

const numeric = (negated: boolean, holds: (p: number, r: number) => boolean): OperatorRule => ({
  negated,
  valueProblem: numericValueProblem,
  compare: numericCompare(holds),
});

const RULES: Readonly<Record<string, OperatorRule>> = {
  StringEquals: {
    negated: false,
    valueProblem: anyValue,
    compare: stringCompare((p, r) => p === r),
  },
  StringNotEquals: {
    negated: true,
    valueProblem: anyValue,
    compare: stringCompare((p, r) => p === r),
  },
  StringEqualsIgnoreCase: { negated: false, valueProblem: anyValue, compare: ignoringCase },
  StringNotEqualsIgnoreCase: { negated: true, valueProblem: anyValue, compare: ignoringCase },
  StringLike: { negated: false, valueProblem: anyValue, compare: stringCompare(globMatches) },
  StringNotLike: { negated: true, valueProblem: anyValue, compare: stringCompare(globMatches) },
  ArnEquals: { negated: false, valueProblem: arnValueProblem, compare: arnCompare },
  ArnLike: { negated: false, valueProblem: arnValueProblem, compare: arnCompare },
  ArnNotEquals: { negated: true, valueProblem: arnValueProblem, compare: arnCompare },
  ArnNotLike: { negated: true, valueProblem: arnValueProblem, compare: arnCompare },
  NumericEquals: numeric(false, (p, r) => r === p),
  NumericNotEquals: numeric(true, (p, r) => r === p),
  NumericLessThan: numeric(false, (p, r) => r < p),
  NumericLessThanEquals: numeric(false, (p, r) => r <= p),
  NumericGreaterThan: numeric(false, (p, r) => r > p),
  NumericGreaterThanEquals: numeric(false, (p, r) => r >= p),
  Bool: { negated: false, valueProblem: booleanValueProblem, compare: boolCompare },
};

const NOT_EVALUATED = new Set([
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'IpAddress',
  'NotIpAddress',
  'BinaryEquals',
]);

const KNOWN_NAMES = [
  ...Object.keys(RULES),
  ...NOT_EVALUATED,
  'Null',
  'ForAnyValue',
  'ForAllValues',
];

type SetQualifier = 'ForAnyValue' | 'ForAllValues';

interface Operator {
  name: string;
  set: SetQualifier | undefined;
  ifExists: boolean;
  /** undefined for Null, which tests for the key alone. */
  rule: OperatorRule | undefined;
}

// ForAnyValue is false without the key; IfExists is true without it. AWS documents both and
// neither says which wins when they meet, so a missing key leaves such a condition undecided.
const FOR_ANY_VALUE_IF_EXISTS =
  'ForAnyValue (false without the key) and IfExists (true without the key) disagree on a missing key';

function notSupported(name: string): string {
  const spelled = name
    .split(':')
    .map((part) => {
      const bare = part.endsWith('IfExists') ? part.slice(0, -'IfExists'.length) : part;
      return KNOWN_NAMES.find(
        (known) => known.toLowerCase() === bare.toLowerCase() && known !== bare,
      );
    })
    .filter((known) => known !== undefined);
  const hint = spelled.length > 0 ? ` (AWS spells it ${spelled.join(':')})` : '';
  return `the condition operator "${name}" is not supported${hint}`;
}

function readOperator(name: string): Operator | string {
  const parts = name.split(':');
  if (parts.length > 2) return notSupported(name);
  const [first = '', second] = parts;
  let set: SetQualifier | undefined;
  let rest = first;
  if (second !== undefined) {
    if (first !== 'ForAnyValue' && first !== 'ForAllValues') return notSupported(name);
    set = first;
    rest = second;
  }
  const ifExists = rest.endsWith('IfExists');
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  if (base === 'Null') {
    return set === undefined && !ifExists
      ? { name, set, ifExists, rule: undefined }
      : notSupported(name);
  }
  if (NOT_EVALUATED.has(base)) return `the condition operator "${name}" is not evaluated here`;
  // Own names only: a pasted operator such as "valueOf" or "constructor" is no rule.
  const rule = Object.hasOwn(RULES, base) ? RULES[base] : undefined;
  if (!rule) return notSupported(name);
  return { name, set, ifExists, rule };
}

function readValues(raw: unknown): string[] | undefined {
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) return undefined;
  const values: string[] = [];
  for (const item of list) {
    if (typeof item === 'string') values.push(item);
    else if (typeof item === 'number' || typeof item === 'boolean') values.push(String(item));
    else return undefined;
  }
  return values;
}

function decideKey(
  operator: Operator,
  key: string,
  values: readonly string[],
  context: RequestContext,
): Judgement {
  const state = context.lookup(key);
  if (state.kind === 'unknown') return unknown(state.reason);
  const rule = operator.rule;
  if (!rule) {
    const wanted = state.kind === 'absent' ? 'true' : 'false';
    return judge(values.some((value) => value.toLowerCase() === wanted));
  }
  if (state.kind === 'absent') {
    if (operator.set === 'ForAllValues') return YES;
    if (operator.set === 'ForAnyValue') {
      return operator.ifExists ? unknown(`${key} is absent: ${FOR_ANY_VALUE_IF_EXISTS}`) : NO;
    }
    return judge(operator.ifExists || rule.negated);
  }
  const test = (requestValue: string): Judgement => {
    const matched = any(values.map((value) => rule.compare(value, requestValue, key)));
    return rule.negated ? not(matched) : matched;
  };
  if (operator.set === undefined) {
    if (typeof state.value !== 'string') {
      return unknown(
        `the request gives a list of values for ${key}, which ${operator.name} compares only with ForAnyValue or ForAllValues`,
      );
    }
    return test(state.value);
  }
  const requestValues = typeof state.value === 'string' ? [state.value] : state.value;
  return operator.set === 'ForAnyValue'
    ? any(requestValues.map(test))
    : all(requestValues.map(test));
}

function decideOperator(name: string, keys: unknown, context: RequestContext): Judgement {
  const operator = readOperator(name);
  if (typeof operator === 'string') return unknown(operator);
  if (!isObject(keys) || Object.keys(keys).length === 0) {
    return unknown(`the condition operator "${name}" has no condition keys`);
  }
  return all(
    Object.entries(keys).map(([key, raw]) => {
      const values = readValues(raw);
      if (!values) {
        return unknown(
          `the values for ${key} under "${name}" are not a string, number, boolean or a list of them`,
        );
      }
      const problem = operator.rule
        ? values.map(operator.rule.valueProblem).find((found) => found !== undefined)
        : values.some((value) => !BOOLEAN.test(value))
          ? `Null takes true or false, not ${JSON.stringify(values)}`
          : undefined;
      return problem === undefined ? decideKey(operator, key, values, context) : unknown(problem);
    }),
  );
}

/** Whether a statement's Condition element (absent: no conditions) holds for the request. */
export function decideCondition(condition: unknown, context: RequestContext): Judgement {
  if (condition === undefined) return YES;
  if (!isObject(condition)) return unknown('the Condition element is not an object');
  return all(Object.entries(condition).map(([name, keys]) => decideOperator(name, keys, context)));
}
