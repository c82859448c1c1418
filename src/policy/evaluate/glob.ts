/**
 * IAM's wildcards: `*` stands for any run of characters (none included) and `?` for exactly
 * one. Matched without regular expressions, so no pattern from a pasted policy can make the
 * match slow.
 */

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Whether all of `text` matches `pattern`, character by character (code points, not halves of a pair). */
export function globMatches(pattern: string, text: string): boolean {
  if (!hasWildcard(pattern)) return pattern === text;
  // Code units are characters unless a surrogate pair is about: split into code points only then.
  const pairs = SURROGATE.test(pattern) || SURROGATE.test(text);
  const p: ArrayLike<string> = pairs ? Array.from(pattern) : pattern;
  const t: ArrayLike<string> = pairs ? Array.from(text) : text;
  let pi = 0;
  let ti = 0;
  // Where the last `*` was, and how much of the text it has taken so far.
  let starAt = -1;
  let starTook = 0;
  while (ti < t.length) {
    const token = p[pi];
    if (token === '*') {
      starAt = pi;
      starTook = ti;
      pi += 1;
    } else if (token !== undefined && (token === '?' || token === t[ti])) {
      pi += 1;
      ti += 1;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      starTook += 1;
      ti = starTook;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi += 1;
  return pi === p.length;
}

const lowerCase = (text: string) => text.toLowerCase();

/**
 * What a comparison comes to where AWS does not say whether letter case matters: `match` when
 * the two match as written, `caseOnly` when they match only once `fold` has put both in lower
 * case (by default all of them), else `none`.
 */
export function comparedByCase<T>(
  matches: (pattern: string, text: string) => boolean,
  pattern: string,
  text: string,
  outcomes: { match: T; caseOnly: () => T; none: T },
  fold: (text: string) => string = lowerCase,
): T {
  if (matches(pattern, text)) return outcomes.match;
  return matches(fold(pattern), fold(text)) ? outcomes.caseOnly() : outcomes.none;
}
