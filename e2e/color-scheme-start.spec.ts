/**
 * The Light or Dark choice saved by the colour switch colours index.html's
 * header from the first paint, before the app's code runs, whatever the
 * system scheme; System, junk or no storage at all leave the system in charge.
 */
import type { Page } from '@playwright/test';

import { expect, PRIMARY_COLOURS, test, TEXT_COLOURS, watchForTrouble } from './fixtures';

type Scheme = 'light' | 'dark';

const OTHER: Record<Scheme, Scheme> = { light: 'dark', dark: 'light' };

/** The colour switch's button for each choice. */
const LABEL: Record<Scheme, string> = { light: 'Light', dark: 'Dark' };

/** The header as index.html colours it (the same colours as the app's theme). */
const HEADER = {
  light: {
    classes: 'light',
    // What scrollbars and form controls follow.
    scheme: 'light',
    page: 'rgb(246, 247, 249)',
    title: TEXT_COLOURS.light.primary,
    intro: TEXT_COLOURS.light.secondary,
    link: PRIMARY_COLOURS.light,
  },
  dark: {
    classes: 'dark',
    scheme: 'dark',
    page: 'rgb(18, 20, 23)',
    title: TEXT_COLOURS.dark.primary,
    intro: TEXT_COLOURS.dark.secondary,
    link: PRIMARY_COLOURS.dark,
  },
} as const;

/** What the header looks like now, and the classes and colour scheme of <html>. */
function header(page: Page) {
  return page.evaluate(() => {
    const style = (selector: string) => {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`No ${selector} on the page`);
      return getComputedStyle(element);
    };
    return {
      classes: document.documentElement.className,
      scheme: style('html').colorScheme,
      page: style('html').backgroundColor,
      title: style('.page-header h1').color,
      intro: style('.page-header p').color,
      link: style('.page-header a').color,
    };
  });
}

/** Loads the page again with the app's code held back: only index.html and what it loads itself run. */
async function reloadWithoutApp(page: Page): Promise<void> {
  await page.route('**/assets/*.js', (route) => route.abort());
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Colour theme' })).toHaveCount(0);
}

/** The app at the root, or the same build under a sub-path. */
function placeUrl(baseURL: string | undefined, place: 'root' | 'sub-path'): string {
  const root = new URL(baseURL ?? '');
  if (place === 'root') return root.href;
  return `http://${root.hostname}:${String(Number(root.port) + 1)}/tools/kms/`;
}

/** Opens the app with this system scheme and saves a choice with the colour switch. */
async function saveChoice(page: Page, url: string, system: Scheme, choice: string): Promise<void> {
  await page.emulateMedia({ colorScheme: system });
  await page.goto(url);
  const button = page
    .getByRole('group', { name: 'Colour theme' })
    .getByRole('button', { name: choice, exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

for (const place of ['root', 'sub-path'] as const) {
  for (const chosen of ['light', 'dark'] as const) {
    const system = OTHER[chosen];
    test(`(${place}) the saved ${chosen} choice colours the header before the app starts, with the system ${system}`, async ({
      page,
      baseURL,
    }) => {
      await saveChoice(page, placeUrl(baseURL, place), system, LABEL[chosen]);
      const trouble = watchForTrouble(page);
      await reloadWithoutApp(page);
      expect(await header(page)).toEqual(HEADER[chosen]);
      expect(trouble.errors).toEqual([]);

      // Once the app starts, it keeps the same colours and logs nothing.
      await page.unrouteAll();
      const logged: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') logged.push(message.text());
      });
      await page.reload();
      await expect(page.getByRole('button', { name: LABEL[chosen], exact: true })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      expect(await header(page)).toEqual(HEADER[chosen]);
      expect(logged).toEqual([]);
      expect(trouble.errors).toEqual([]);
    });
  }
}

test.describe('the system scheme stays in charge', () => {
  for (const system of ['light', 'dark'] as const) {
    test(`with System or junk saved, the header follows the system (${system})`, async ({
      page,
      baseURL,
    }) => {
      await saveChoice(page, placeUrl(baseURL, 'root'), system, 'System');
      const trouble = watchForTrouble(page);
      await reloadWithoutApp(page);
      expect(await header(page)).toEqual({ ...HEADER[system], classes: '', scheme: 'normal' });

      // MUI keeps the mode under this key ('light', 'dark' or 'system').
      for (const junk of ['Light', ' dark', 'null', '', '{"mode":"dark"}', '</script>']) {
        await page.evaluate((value) => {
          localStorage.setItem('mui-mode', value);
        }, junk);
        await page.reload();
        expect(await header(page), `mui-mode ${JSON.stringify(junk)}`).toEqual({
          ...HEADER[system],
          classes: '',
          scheme: 'normal',
        });
      }
      expect(trouble.errors).toEqual([]);
    });
  }

  test('a junk scheme name under a saved choice falls back to the choice itself', async ({
    page,
    baseURL,
  }) => {
    await saveChoice(page, placeUrl(baseURL, 'root'), 'dark', 'Light');
    const trouble = watchForTrouble(page);
    await page.evaluate(() => {
      localStorage.setItem('mui-color-scheme-light', 'purple');
    });
    await reloadWithoutApp(page);
    expect(await header(page)).toEqual(HEADER.light);
    expect(trouble.errors).toEqual([]);
  });

  test('storage that cannot be read leaves the system in charge, with no error', async ({
    page,
    baseURL,
  }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    // As with storage blocked by the browser's settings: reading it throws.
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The storage is blocked.', 'SecurityError');
        },
      });
    });
    const trouble = watchForTrouble(page);
    await page.route('**/assets/*.js', (route) => route.abort());
    await page.goto(placeUrl(baseURL, 'root'));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(
      await page.evaluate(() => {
        try {
          return typeof localStorage;
        } catch (error) {
          return (error as Error).name;
        }
      }),
    ).toBe('SecurityError');
    expect(await header(page)).toEqual({ ...HEADER.dark, classes: '', scheme: 'normal' });
    expect(trouble.errors).toEqual([]);
  });
});
