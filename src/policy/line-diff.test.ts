/** The merge's line diff (line-diff.ts): both sides rebuilt, and minimal. */
import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';

import { diffLines, type DiffLine } from './line-diff';

/** The old text is the same and removed lines; the new text the same and added ones. */
function expectDiffRebuilds(
  diff: readonly DiffLine[],
  before: readonly string[],
  after: readonly string[],
) {
  const side = (kind: DiffLine['kind']) =>
    diff.filter((line) => line.kind === 'same' || line.kind === kind).map((line) => line.text);
  expect(side('removed')).toEqual(before);
  expect(side('added')).toEqual(after);
}

describe('diffLines', () => {
  const cases: { name: string; before: string[]; after: string[]; diff: string[] }[] = [
    { name: 'both empty', before: [], after: [], diff: [] },
    { name: 'identical', before: ['a', 'b'], after: ['a', 'b'], diff: [' a', ' b'] },
    { name: 'added at the end', before: ['a'], after: ['a', 'b'], diff: [' a', '+b'] },
    { name: 'removed at the start', before: ['a', 'b'], after: ['b'], diff: ['-a', ' b'] },
    {
      name: 'changed in the middle',
      before: ['a', 'b', 'c'],
      after: ['a', 'x', 'c'],
      diff: [' a', '-b', '+x', ' c'],
    },
    {
      name: 'moved line',
      before: ['a', 'b', 'c', 'd'],
      after: ['b', 'c', 'a', 'd'],
      diff: ['-a', ' b', ' c', '+a', ' d'],
    },
    { name: 'all different', before: ['a', 'b'], after: ['c'], diff: ['-a', '-b', '+c'] },
  ];
  const mark = { same: ' ', removed: '-', added: '+' } as const;

  test.each(cases)('$name', ({ before, after, diff }) => {
    expect(diffLines(before, after).map((line) => `${mark[line.kind]}${line.text}`)).toEqual(diff);
  });

  it('stays correct past its edit bound (common head and tail kept, the middle replaced)', () => {
    const middle = (tag: string) => Array.from({ length: 2_100 }, (_, k) => `${tag}${k % 7}`);
    const before = ['head', ...middle('a'), 'tail'];
    const after = ['head', ...middle('b'), 'tail'];
    const diff = diffLines(before, after);
    expectDiffRebuilds(diff, before, after);
    expect(diff.filter((line) => line.kind === 'same').map((line) => line.text)).toEqual([
      'head',
      'tail',
    ]);
  });

  /** The LCS length by a plain memoised recursion, to check the diff is minimal. */
  function lcsLength(a: readonly string[], b: readonly string[]): number {
    const memo = new Map<string, number>();
    const go = (i: number, j: number): number => {
      if (i === a.length || j === b.length) return 0;
      const key = `${i},${j}`;
      const known = memo.get(key);
      if (known !== undefined) return known;
      const value = a[i] === b[j] ? go(i + 1, j + 1) + 1 : Math.max(go(i + 1, j), go(i, j + 1));
      memo.set(key, value);
      return value;
    };
    return go(0, 0);
  }

  it('rebuilds both sides and keeps a longest common subsequence (property)', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', '{', '}', ''), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (before, after) => {
        const diff = diffLines(before, after);
        expectDiffRebuilds(diff, before, after);
        expect(diff.filter((line) => line.kind === 'same')).toHaveLength(lcsLength(before, after));
      }),
      { numRuns: 300 },
    );
  });
});
