import type { CssVarsTheme } from '@mui/material/styles';
import { describe, expect, it } from 'vitest';

import { GUIDE_URL } from '../policy';
import { appTheme } from '../ui/theme';
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

  it('loads the saved colour scheme first, in the head, with a classic script from a relative URL', () => {
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    const colourScheme = scripts.find((tag) => /\ssrc="\.\/color-scheme\.js"/.test(tag));
    expect(colourScheme).toBeDefined();
    // Before the first paint: in the head, before any other script, never held back.
    expect(scripts[0]).toBe(colourScheme);
    expect(html.indexOf(colourScheme ?? '')).toBeLessThan(html.indexOf('</head>'));
    expect(colourScheme).not.toMatch(/\s(?:type|async|defer)\b/);
  });

  it('has no inline script, which its Content-Security-Policy forbids', () => {
    const bodies = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map(
      (match) => match[1],
    );
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.every((body) => body?.trim() === '')).toBe(true);
  });
});
