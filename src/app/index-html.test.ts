import type { CssVarsTheme } from '@mui/material/styles';
import { describe, expect, it } from 'vitest';

import { GUIDE_URL } from '../policy';
import { appTheme } from './theme';
import indexHtml from '../../index.html?raw';

// index.html paints the page before the app loads, with copies of these.
const html = indexHtml.toLowerCase();

describe('index.html', () => {
  it('links to the guide the documents follow', () => {
    expect(html).toContain(GUIDE_URL.toLowerCase());
  });

  it('uses the theme’s colours for its first paint, in both colour schemes', () => {
    // Built with CSS variables, the theme holds both colour schemes.
    const { light, dark } = (appTheme() as unknown as CssVarsTheme).colorSchemes;
    const colours = [
      light?.palette.primary.main,
      light?.palette.background.default,
      dark?.palette.primary.main,
      dark?.palette.background.default,
    ];
    for (const colour of colours) {
      expect(colour).toMatch(/^#[0-9a-f]{3,6}$/i);
      expect(html).toContain(colour?.toLowerCase());
    }
  });
});
