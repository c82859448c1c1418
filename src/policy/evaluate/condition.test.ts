/**
 * The Condition element, one rule per row: each operator with and without IfExists and the set
 * qualifiers, against a key that is present (one value or a list), absent, or not known.
 * Expected values follow the IAM pages cited in condition.ts.
 */
import { describe, expect, test } from 'vitest';

import { decideCondition } from './condition';
import { buildContext, filledKeys } from './context';
import { readPrincipal } from './request';
import type { Tri } from './tri';
import type { ContextValue } from './types';

const ROLE = 'arn:aws:iam::111122223333:role/service-role/PersonalizeRole';
const ARN = 'arn:aws:personalize:us-east-1:111122223333:dataset-group/shop';

function contextOf(given: Record<string, ContextValue>, absent: string[] = []) {
  const principal = readPrincipal(ROLE);
  if (!principal) throw new Error('the test role ARN does not read');
  return buildContext(
    {
      principal: ROLE,
      action: 'kms:Decrypt',
      resource: 'arn:aws:kms:us-east-1:111122223333:key/k',
      resourceAccount: '111122223333',
      context: given,
      absentKeys: absent,
    },
    principal,
  );
}

/** The key is declared absent. */
const ABSENT = Symbol('absent');
/** The key is neither given nor declared absent. */
const UNKNOWN = Symbol('unknown');

interface Row {
  condition: unknown;
  /** The key `k`: a value, a list, or one of the two states below. */
  k: ContextValue | typeof ABSENT | typeof UNKNOWN;
  expected: Tri;
}

function run(rows: Record<string, Row>) {
  test.each(Object.entries(rows))('%s', (_name, { condition, k, expected }) => {
    const context =
      k === ABSENT ? contextOf({}, ['k']) : k === UNKNOWN ? contextOf({}) : contextOf({ k });
    expect(decideCondition(condition, context).value).toBe(expected);
  });
}

describe('String operators', () => {
  run({
    'StringEquals, equal': { condition: { StringEquals: { k: 'a' } }, k: 'a', expected: 'yes' },
    'StringEquals, other case': { condition: { StringEquals: { k: 'a' } }, k: 'A', expected: 'no' },
    'StringEquals, * is literal': {
      condition: { StringEquals: { k: 'a*' } },
      k: 'ab',
      expected: 'no',
    },
    'StringEquals, one of several values': {
      condition: { StringEquals: { k: ['x', 'a'] } },
      k: 'a',
      expected: 'yes',
    },
    'StringEquals, absent': {
      condition: { StringEquals: { k: 'a' } },
      k: ABSENT,
      expected: 'no',
    },
    'StringEquals, unknown key': {
      condition: { StringEquals: { k: 'a' } },
      k: UNKNOWN,
      expected: 'unknown',
    },
    'StringEquals, number value': {
      condition: { StringEquals: { k: 12 } },
      k: '12',
      expected: 'yes',
    },
    'StringNotEquals, other': {
      condition: { StringNotEquals: { k: 'a' } },
      k: 'b',
      expected: 'yes',
    },
    'StringNotEquals, equal to one of two (NOR)': {
      condition: { StringNotEquals: { k: ['a', 'b'] } },
      k: 'b',
      expected: 'no',
    },
    'StringNotEquals, absent is true': {
      condition: { StringNotEquals: { k: 'a' } },
      k: ABSENT,
      expected: 'yes',
    },
    StringEqualsIgnoreCase: {
      condition: { StringEqualsIgnoreCase: { k: 'ABC' } },
      k: 'abc',
      expected: 'yes',
    },
    'StringEqualsIgnoreCase, non-ASCII is not folded here': {
      condition: { StringEqualsIgnoreCase: { k: 'ÄBC' } },
      k: 'äbc',
      expected: 'unknown',
    },
    StringNotEqualsIgnoreCase: {
      condition: { StringNotEqualsIgnoreCase: { k: 'ABC' } },
      k: 'abc',
      expected: 'no',
    },
    'StringLike, wildcard': { condition: { StringLike: { k: 'a*c' } }, k: 'abbc', expected: 'yes' },
    'StringLike, ?': { condition: { StringLike: { k: 'a?c' } }, k: 'ac', expected: 'no' },
    'StringLike, case-sensitive': {
      condition: { StringLike: { k: 'A*' } },
      k: 'abc',
      expected: 'no',
    },
    StringNotLike: { condition: { StringNotLike: { k: ['x*', 'a*'] } }, k: 'abc', expected: 'no' },
    'StringNotLike, absent': {
      condition: { StringNotLike: { k: 'a*' } },
      k: ABSENT,
      expected: 'yes',
    },
    'StringEqualsIfExists, absent': {
      condition: { StringEqualsIfExists: { k: 'a' } },
      k: ABSENT,
      expected: 'yes',
    },
    'StringEqualsIfExists, present and different': {
      condition: { StringEqualsIfExists: { k: 'a' } },
      k: 'b',
      expected: 'no',
    },
    'StringEqualsIfExists, unknown key': {
      condition: { StringEqualsIfExists: { k: 'a' } },
      k: UNKNOWN,
      expected: 'unknown',
    },
    'StringEquals, policy variable': {
      condition: { StringEquals: { k: '${aws:username}' } },
      k: 'a',
      expected: 'unknown',
    },
    'StringEquals, policy variable, key absent': {
      condition: { StringEquals: { k: '${aws:username}' } },
      k: ABSENT,
      expected: 'no',
    },
    'StringEquals, a list for the key without a set qualifier': {
      condition: { StringEquals: { k: 'a' } },
      k: ['a'],
      expected: 'unknown',
    },
  });
});

describe('Arn operators', () => {
  run({
    'ArnEquals, same': { condition: { ArnEquals: { k: ARN } }, k: ARN, expected: 'yes' },
    'ArnLike, wildcard in the resource': {
      condition: { ArnLike: { k: 'arn:aws:personalize:us-east-1:111122223333:*' } },
      k: ARN,
      expected: 'yes',
    },
    'ArnEquals, wildcards too': {
      condition: { ArnEquals: { k: 'arn:aws:personalize:*:111122223333:dataset-group/*' } },
      k: ARN,
      expected: 'yes',
    },
    'ArnLike, other account': {
      condition: { ArnLike: { k: 'arn:aws:personalize:*:444455556666:*' } },
      k: ARN,
      expected: 'no',
    },
    'ArnLike, a region wildcard does not cross a colon': {
      condition: { ArnLike: { k: 'arn:aws:personalize:*:dataset-group/shop' } },
      k: ARN,
      expected: 'unknown',
    },
    'ArnLike, case-sensitive': {
      condition: { ArnLike: { k: ARN.toUpperCase().replace('ARN:', 'arn:') } },
      k: ARN,
      expected: 'no',
    },
    'ArnNotLike, other account': {
      condition: { ArnNotLike: { k: 'arn:aws:personalize:*:444455556666:*' } },
      k: ARN,
      expected: 'yes',
    },
    'ArnNotEquals, absent': {
      condition: { ArnNotEquals: { k: ARN } },
      k: ABSENT,
      expected: 'yes',
    },
    'ArnLike, the request value is not an ARN': {
      condition: { ArnLike: { k: ARN } },
      k: 'not-an-arn',
      expected: 'unknown',
    },
    'ArnLike, the policy value is not an ARN': {
      condition: { ArnLike: { k: '*' } },
      k: ARN,
      expected: 'unknown',
    },
  });
});

describe('Numeric operators', () => {
  run({
    NumericEquals: { condition: { NumericEquals: { k: '10' } }, k: '10.0', expected: 'yes' },
    NumericNotEquals: {
      condition: { NumericNotEquals: { k: ['1', '2'] } },
      k: '2',
      expected: 'no',
    },
    'NumericNotEquals, absent': {
      condition: { NumericNotEquals: { k: '1' } },
      k: ABSENT,
      expected: 'yes',
    },
    NumericLessThan: { condition: { NumericLessThan: { k: 10 } }, k: '9', expected: 'yes' },
    'NumericLessThan, equal': {
      condition: { NumericLessThan: { k: '10' } },
      k: '10',
      expected: 'no',
    },
    NumericLessThanEquals: {
      condition: { NumericLessThanEquals: { k: '10' } },
      k: '10',
      expected: 'yes',
    },
    NumericGreaterThan: { condition: { NumericGreaterThan: { k: '-1' } }, k: '0', expected: 'yes' },
    NumericGreaterThanEquals: {
      condition: { NumericGreaterThanEquals: { k: '3600' } },
      k: '60',
      expected: 'no',
    },
    'NumericLessThanIfExists, absent': {
      condition: { NumericLessThanIfExists: { k: '1' } },
      k: ABSENT,
      expected: 'yes',
    },
    'NumericEquals, absent': {
      condition: { NumericEquals: { k: '1' } },
      k: ABSENT,
      expected: 'no',
    },
    'NumericEquals, the policy value is not a number': {
      condition: { NumericEquals: { k: '1e3' } },
      k: '1000',
      expected: 'unknown',
    },
    'NumericEquals, the request value is not a number': {
      condition: { NumericEquals: { k: '1' } },
      k: 'one',
      expected: 'unknown',
    },
  });
});

describe('Bool and Null', () => {
  run({
    'Bool true': { condition: { Bool: { k: 'true' } }, k: 'true', expected: 'yes' },
    'Bool, JSON boolean': { condition: { Bool: { k: false } }, k: 'true', expected: 'no' },
    'Bool, any case': { condition: { Bool: { k: 'TRUE' } }, k: 'true', expected: 'yes' },
    'Bool, absent': { condition: { Bool: { k: 'false' } }, k: ABSENT, expected: 'no' },
    'BoolIfExists, absent': {
      condition: { BoolIfExists: { k: 'false' } },
      k: ABSENT,
      expected: 'yes',
    },
    'Bool, not a boolean': { condition: { Bool: { k: 'yes' } }, k: 'true', expected: 'unknown' },
    'Null true, absent': { condition: { Null: { k: 'true' } }, k: ABSENT, expected: 'yes' },
    'Null true, present': { condition: { Null: { k: 'true' } }, k: 'x', expected: 'no' },
    'Null false, present': { condition: { Null: { k: 'false' } }, k: 'x', expected: 'yes' },
    'Null, unknown key': { condition: { Null: { k: 'false' } }, k: UNKNOWN, expected: 'unknown' },
    'Null, not a boolean': { condition: { Null: { k: 'maybe' } }, k: 'x', expected: 'unknown' },
    'NullIfExists is not an operator': {
      condition: { NullIfExists: { k: 'true' } },
      k: ABSENT,
      expected: 'unknown',
    },
  });
});

describe('Set qualifiers', () => {
  run({
    'ForAnyValue, one of the values matches': {
      condition: { 'ForAnyValue:StringEquals': { k: ['a', 'z'] } },
      k: ['x', 'a'],
      expected: 'yes',
    },
    'ForAnyValue, none matches': {
      condition: { 'ForAnyValue:StringEquals': { k: 'a' } },
      k: ['x', 'y'],
      expected: 'no',
    },
    'ForAnyValue, empty list': {
      condition: { 'ForAnyValue:StringEquals': { k: 'a' } },
      k: [],
      expected: 'no',
    },
    'ForAnyValue, absent': {
      condition: { 'ForAnyValue:StringEquals': { k: 'a' } },
      k: ABSENT,
      expected: 'no',
    },
    'ForAnyValue, negated, absent': {
      condition: { 'ForAnyValue:StringNotEquals': { k: 'a' } },
      k: ABSENT,
      expected: 'no',
    },
    'ForAnyValue with IfExists, absent: AWS documents both answers': {
      condition: { 'ForAnyValue:StringEqualsIfExists': { k: 'a' } },
      k: ABSENT,
      expected: 'unknown',
    },
    'ForAnyValue with IfExists, present': {
      condition: { 'ForAnyValue:StringEqualsIfExists': { k: 'a' } },
      k: ['a'],
      expected: 'yes',
    },
    'ForAnyValue, a single value is a set of one': {
      condition: { 'ForAnyValue:StringLike': { k: 'a*' } },
      k: 'abc',
      expected: 'yes',
    },
    'ForAnyValue:StringNotEquals, one value differs': {
      condition: { 'ForAnyValue:StringNotEquals': { k: 'a' } },
      k: ['a', 'b'],
      expected: 'yes',
    },
    'ForAllValues, every value matches': {
      condition: { 'ForAllValues:StringEquals': { k: ['a', 'b', 'c'] } },
      k: ['a', 'b'],
      expected: 'yes',
    },
    'ForAllValues, one does not': {
      condition: { 'ForAllValues:StringEquals': { k: ['a', 'b'] } },
      k: ['a', 'x'],
      expected: 'no',
    },
    'ForAllValues, empty list': {
      condition: { 'ForAllValues:StringEquals': { k: 'a' } },
      k: [],
      expected: 'yes',
    },
    'ForAllValues, absent': {
      condition: { 'ForAllValues:StringEquals': { k: 'a' } },
      k: ABSENT,
      expected: 'yes',
    },
    'ForAllValues:StringNotLike': {
      condition: { 'ForAllValues:StringNotLike': { k: 'key1*' } },
      k: ['key2:audit'],
      expected: 'yes',
    },
    'ForAllValues:StringNotLike, one value is excluded': {
      condition: { 'ForAllValues:StringNotLike': { k: 'key1*' } },
      k: ['key1:hr', 'key2:x'],
      expected: 'no',
    },
    'ForAllValues:NumericLessThan': {
      condition: { 'ForAllValues:NumericLessThan': { k: '5' } },
      k: ['1', '4'],
      expected: 'yes',
    },
    'ForAllValues:Bool': {
      condition: { 'ForAllValues:Bool': { k: 'true' } },
      k: ['true', 'false'],
      expected: 'no',
    },
    'ForAllValues:ArnLike': {
      condition: { 'ForAllValues:ArnLike': { k: 'arn:aws:personalize:*:*:*' } },
      k: [ARN],
      expected: 'yes',
    },
    'ForAnyValue, unknown key': {
      condition: { 'ForAnyValue:StringEquals': { k: 'a' } },
      k: UNKNOWN,
      expected: 'unknown',
    },
  });
});

describe('Combining keys and operators', () => {
  run({
    'no Condition': { condition: undefined, k: UNKNOWN, expected: 'yes' },
    'empty Condition': { condition: {}, k: UNKNOWN, expected: 'yes' },
    'two keys under one operator: AND': {
      condition: { StringEquals: { k: 'a', K: 'b' } },
      k: 'a',
      expected: 'no',
    },
    'key names are case-insensitive': {
      condition: { StringEquals: { K: 'a' } },
      k: 'a',
      expected: 'yes',
    },
    'two operators: AND, one false decides': {
      condition: { StringEquals: { k: 'x' }, StringLike: { other: 'y' } },
      k: 'a',
      expected: 'no',
    },
    'two operators: AND, one unknown leaves it unknown': {
      condition: { StringEquals: { k: 'a' }, StringLike: { other: 'y' } },
      k: 'a',
      expected: 'unknown',
    },
  });
});

describe('What is not understood', () => {
  run({
    'an operator AWS does not define': {
      condition: { StringEqualsFoo: { k: 'a' } },
      k: 'a',
      expected: 'unknown',
    },
    'an operator in another case': {
      condition: { stringequals: { k: 'a' } },
      k: 'a',
      expected: 'unknown',
    },
    'a set qualifier in another case': {
      condition: { 'forallvalues:StringEquals': { k: 'a' } },
      k: 'a',
      expected: 'unknown',
    },
    'a set qualifier AWS does not define': {
      condition: { 'ForSomeValues:StringEquals': { k: 'a' } },
      k: 'a',
      expected: 'unknown',
    },
    'DateLessThan is not evaluated': {
      condition: { DateLessThan: { k: '2030-01-01T00:00:00Z' } },
      k: '2020-01-01T00:00:00Z',
      expected: 'unknown',
    },
    'IpAddress is not evaluated': {
      condition: { IpAddress: { k: '10.0.0.0/8' } },
      k: '10.1.1.1',
      expected: 'unknown',
    },
    'BinaryEquals is not evaluated': {
      condition: { BinaryEquals: { k: 'QmluYXJ5' } },
      k: 'QmluYXJ5',
      expected: 'unknown',
    },
    'a Condition that is a list': {
      condition: [{ StringEquals: { k: 'a' } }],
      k: 'a',
      expected: 'unknown',
    },
    'an operator with no keys': { condition: { StringEquals: {} }, k: 'a', expected: 'unknown' },
    'an operator that is a string': {
      condition: { StringEquals: 'k' },
      k: 'a',
      expected: 'unknown',
    },
    'an empty list of values': {
      condition: { StringEquals: { k: [] } },
      k: 'a',
      expected: 'unknown',
    },
    'a value that is an object': {
      condition: { StringEquals: { k: { a: 1 } } },
      k: 'a',
      expected: 'unknown',
    },
    'a value that is null': {
      condition: { StringEquals: { k: null } },
      k: 'a',
      expected: 'unknown',
    },
    'a false part still decides': {
      condition: { StringEqualsFoo: { k: 'a' }, StringEquals: { k: 'b' } },
      k: 'a',
      expected: 'no',
    },
  });

  test('the reason names the operator', () => {
    const judged = decideCondition({ StringEqualsFoo: { k: 'a' } }, contextOf({ k: 'a' }));
    expect(judged.reasons).toEqual(['the condition operator "StringEqualsFoo" is not supported']);
    const spelled = decideCondition(
      { 'forAnyValue:stringEquals': { k: 'a' } },
      contextOf({ k: 'a' }),
    );
    expect(spelled.reasons).toEqual([
      'the condition operator "forAnyValue:stringEquals" is not supported (AWS spells it ForAnyValue:StringEquals)',
    ]);
  });

  test('the reason names a key that is not known', () => {
    const judged = decideCondition({ StringEquals: { 'aws:SourceAccount': 'a' } }, contextOf({}));
    expect(judged.reasons).toEqual([
      'the condition key aws:SourceAccount is neither given nor known to be absent',
    ]);
  });
});

describe('Keys filled from the principal', () => {
  test.each([
    ['aws:PrincipalArn', { ArnEquals: { 'aws:PrincipalArn': ROLE } }, 'yes'],
    ['aws:principalarn (any case)', { StringEquals: { 'aws:principalarn': ROLE } }, 'yes'],
    ['aws:PrincipalAccount', { StringEquals: { 'aws:PrincipalAccount': '111122223333' } }, 'yes'],
    ['aws:PrincipalType', { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } }, 'yes'],
    ['aws:PrincipalIsAWSService', { Bool: { 'aws:PrincipalIsAWSService': 'false' } }, 'yes'],
    ['aws:PrincipalServiceName is absent', { Null: { 'aws:PrincipalServiceName': 'true' } }, 'yes'],
    ['aws:PrincipalOrgID is not known', { Null: { 'aws:PrincipalOrgID': 'true' } }, 'unknown'],
  ])('%s', (_name, condition, expected) => {
    expect(decideCondition(condition, contextOf({})).value).toBe(expected);
  });

  test.each([
    [
      ROLE,
      {
        present: {
          'aws:PrincipalArn': ROLE,
          'aws:PrincipalAccount': '111122223333',
          'aws:PrincipalType': 'AssumedRole',
          'aws:PrincipalIsAWSService': 'false',
        },
        absent: ['aws:PrincipalServiceName'],
      },
    ],
    [
      'personalize.amazonaws.com',
      {
        present: {
          'aws:PrincipalServiceName': 'personalize.amazonaws.com',
          'aws:PrincipalIsAWSService': 'true',
        },
        absent: [],
      },
    ],
    ['alice', undefined],
  ])('filledKeys(%j)', (principal, expected) => {
    const read = readPrincipal(principal);
    expect(read && filledKeys(read)).toEqual(expected);
  });

  test('what the caller gives wins over a filled key', () => {
    const context = contextOf({ 'AWS:PrincipalType': 'User' }, ['aws:PrincipalArn']);
    expect(decideCondition({ StringEquals: { 'aws:PrincipalType': 'User' } }, context).value).toBe(
      'yes',
    );
    expect(decideCondition({ Null: { 'aws:PrincipalArn': 'true' } }, context).value).toBe('yes');
  });

  test('a key given twice, differently, is not known', () => {
    const context = contextOf({ k: 'a', K: 'b' });
    expect(decideCondition({ StringEquals: { k: 'a' } }, context).value).toBe('unknown');
  });
});
