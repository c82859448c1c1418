/**
 * The cache MUI's styles go through (Emotion's), with one rule left out.
 *
 * MUI's InputBase resets Firefox's glow on required, invalid inputs with
 * `:invalid { box-shadow: none }`. No field here is required or has a
 * pattern, so the rule never applies; but while any stylesheet has an
 * `:invalid` rule, Chromium re-checks the styles of the field and its form on
 * every keystroke. Leaving it out takes about 1.5 ms off each keystroke at 4x
 * CPU slowdown (`npm run bench:typing`; docs/performance.md). Everything else
 * is as Emotion's default cache makes it: same class names, the same vendor
 * prefixes.
 */
import createCache, { type Options, type StylisPlugin } from '@emotion/cache';
import { prefixer, RULESET } from 'stylis';

/** A rule whose every selector ends in `:invalid`, such as `.css-1x2y3z:invalid`. */
export function isInvalidStateRule(selectors: readonly string[] | string): boolean {
  const list = typeof selectors === 'string' ? [selectors] : selectors;
  return list.length > 0 && list.every((selector) => selector.trimEnd().endsWith(':invalid'));
}

/** Empties such a rule, selectors and all, which Emotion then does not insert. */
const dropInvalidStateRules: StylisPlugin = (element) => {
  if (element.type === RULESET && isInvalidStateRule(element.props)) {
    element.props = [];
    element.children = [];
  }
};

/** `container`: where the style elements go (the document's head by default). */
export function createStyleCache(options: Pick<Options, 'container'> = {}) {
  return createCache({ ...options, key: 'css', stylisPlugins: [dropInvalidStateRules, prefixer] });
}
