/**
 * The line diff the merge shows: the pasted policy, pretty-printed, against
 * the merged one.
 *
 * jsdiff's `diffArrays` (Myers' algorithm, so a longest common subsequence
 * of lines stays "same") does the work, on what lies between the common head
 * and tail. Its cost grows with the lengths times the number of changes, so
 * two long texts that differ everywhere would take over a second: hence
 * MAX_EDIT_LENGTH, past which the diff gives up on a minimal answer. A merge
 * changes a few dozen lines, well under the bound.
 */
import { diffArrays } from 'diff';

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * More changed lines than a merge makes (it adds or rewrites a statement or
 * two); past it the diff shows the middle as removed, then added, which stays
 * correct but is no longer minimal.
 */
const MAX_EDIT_LENGTH = 200;

/**
 * A line diff: every line of `before` is `same` or `removed`, every line of
 * `after` is `same` or `added`, in order; removed lines come before the added
 * ones that replace them.
 */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  // The common head and tail cost nothing to keep, even past the bound.
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const lines = (kind: DiffLine['kind'], texts: readonly string[]): DiffLine[] =>
    texts.map((text) => ({ kind, text }));
  const a = before.slice(start, endBefore);
  const b = after.slice(start, endAfter);
  const parts = diffArrays(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  const middle =
    parts === undefined
      ? [...lines('removed', a), ...lines('added', b)]
      : parts.flatMap((part) =>
          lines(part.added ? 'added' : part.removed ? 'removed' : 'same', part.value),
        );
  return [
    ...lines('same', before.slice(0, start)),
    ...middle,
    ...lines('same', before.slice(endBefore)),
  ];
}
