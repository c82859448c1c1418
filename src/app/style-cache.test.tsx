// @vitest-environment jsdom
import createCache, { type EmotionCache } from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import Button from '@mui/material/Button';
import OutlinedInput from '@mui/material/OutlinedInput';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { createStyleCache, isInvalidStateRule } from './style-cache';

afterEach(cleanup);

describe('isInvalidStateRule', () => {
  it.each([
    [['.css-1x2y3z:invalid'], true],
    [['.a:invalid', '.b:invalid '], true],
    [['.a:invalid', '.b'], false],
    [['.a:not(:invalid)'], false],
    [['.a:user-invalid'], false],
    [['.a:invalid::placeholder'], false],
    [['.a'], false],
    [[], false],
    ['.a:invalid', true],
  ] as const)('%j: %s', (selectors, expected) => {
    expect(isInvalidStateRule(selectors)).toBe(expected);
  });
});

/** The CSS rules a cache writes for an MUI text field and a button, each as written. */
function rulesFor(makeCache: (container: HTMLElement) => EmotionCache): string[] {
  const container = document.createElement('div');
  document.head.append(container);
  try {
    render(
      <CacheProvider value={makeCache(container)}>
        <ThemeProvider theme={createTheme()}>
          <OutlinedInput placeholder="e.g. PersonalizeRole" />
          <Button>Next</Button>
        </ThemeProvider>
      </CacheProvider>,
    );
    return [...container.querySelectorAll('style')].flatMap((style) =>
      style.textContent.split(/(?<=\})(?=[.@:])/),
    );
  } finally {
    container.remove();
  }
}

describe('the style cache', () => {
  it('writes the same CSS as Emotion’s default cache, without the :invalid reset', () => {
    const theirs = rulesFor((container) => createCache({ key: 'css', container }));
    const ours = rulesFor((container) => createStyleCache({ container }));
    const invalid = theirs.filter((rule) => rule.includes(':invalid'));
    // MUI's InputBase has the rule; nothing else is left out, vendor prefixes included.
    expect(invalid).toEqual([expect.stringMatching(/^\.css-[\w-]+:invalid\{box-shadow:none;\}$/)]);
    expect(ours).toEqual(theirs.filter((rule) => !invalid.includes(rule)));
    expect(ours.join('')).toContain('-webkit-user-select:none;');
    expect(ours.join('')).toContain('::-webkit-input-placeholder');
  });
});
