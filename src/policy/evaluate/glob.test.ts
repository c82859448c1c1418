import { describe, expect, test } from 'vitest';

import { globMatches } from './glob';

describe('globMatches', () => {
  test.each([
    ['*', '', true],
    ['*', 'anything:at/all', true],
    ['', '', true],
    ['', 'a', false],
    ['abc', 'abc', true],
    ['abc', 'ABC', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a?c', 'abbc', false],
    ['a*c', 'ac', true],
    ['a*c', 'abbbc', true],
    ['a*c', 'abbbd', false],
    ['*b*', 'abc', true],
    ['*b', 'abcb', true],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'aXcYb', false],
    ['key/*', 'key/1234', true],
    ['key/*', 'alias/1234', false],
    // A literal dot or bracket is not a regular expression.
    ['a.c', 'abc', false],
    ['[ab]', 'a', false],
    ['[ab]', '[ab]', true],
    // One `?` is one character, even outside the Basic Multilingual Plane.
    ['?', '😀', true],
    ['??', '😀', false],
  ])('%j against %j: %s', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
  });

  test('a long pattern of stars against a long text stays fast', () => {
    const started = performance.now();
    expect(globMatches(`${'*a'.repeat(200)}b`, 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
