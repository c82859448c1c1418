/**
 * The build behind nginx with the shipped configuration (hosting/nginx.conf), as a team would
 * host it: the headers of hosting/headers.json on every file, long caching for hashed assets
 * only, the page's fallback, a 404 for a missing chunk, the sub-path, no framing by another
 * site, and Copy under the Permissions-Policy. scripts/serve-e2e.mjs serves it at nginxOrigin().
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { APIRequestContext, APIResponse } from '@playwright/test';

import { parseHostingHeaders } from '../src/app/test-support/hosting-headers';
import { NGINX_MISSING, nginxExecutable, SUB_PATH } from '../scripts/lib/nginx.mjs';
import {
  DOCUMENT_TITLES,
  escapeRegExp,
  expect,
  neededDocument,
  nginxOrigin,
  ONE_KEY,
  ONE_KEY_LINK,
  test,
  watchForTrouble,
  type WizardPage,
} from './fixtures';

const HEADERS = parseHostingHeaders(
  readFileSync(new URL('../hosting/headers.json', import.meta.url), 'utf8'),
);
const { hashedAssets: LONG_CACHE, everythingElse: NO_CACHE } = HEADERS.cacheControl;

test.beforeEach(async ({ request, baseURL }) => {
  // No nginx is a failure that says what to do, never a skipped check.
  if (nginxExecutable() === null) throw new Error(NGINX_MISSING);
  const origin = nginxOrigin(baseURL);
  try {
    await request.get(`${origin}/`);
  } catch (error) {
    throw new Error(
      `Nothing answers at ${origin}/, where the test server (scripts/serve-e2e.mjs) serves ` +
        'the build behind nginx: a test server started before nginx was installed is still ' +
        `running; stop it and start the tests again. (${String(error)})`,
      { cause: error },
    );
  }
});

/** The hashed script index.html loads (its name changes with every build). */
async function hashedScript(request: APIRequestContext, origin: string): Promise<string> {
  const html = await (await request.get(`${origin}/index.html`)).text();
  const script = /<script type="module" crossorigin src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (script === undefined) throw new Error(`index.html loads no hashed script:\n${html}`);
  return script;
}

/** A response's headers of headers.json, by their names there. */
function securityHeaders(response: APIResponse): Record<string, string | undefined> {
  const headers = response.headers();
  return Object.fromEntries(
    Object.keys(HEADERS.everyResponse).map((name) => [name, headers[name.toLowerCase()]]),
  );
}

const FILES = [
  { what: 'the page', path: '', type: 'text/html', cache: NO_CACHE },
  { what: 'index.html', path: 'index.html', type: 'text/html', cache: NO_CACHE },
  {
    what: 'the colour-scheme script',
    path: 'color-scheme.js',
    type: 'application/javascript',
    cache: NO_CACHE,
  },
  { what: 'the icon', path: 'favicon.svg', type: 'image/svg+xml', cache: NO_CACHE },
  { what: 'a hashed asset', path: null, type: 'application/javascript', cache: LONG_CACHE },
] as const;

for (const folder of ['/', SUB_PATH]) {
  for (const file of FILES) {
    test(`behind nginx, ${file.what} under ${folder} has every header, Cache-Control: ${file.cache}, gzip`, async ({
      request,
      baseURL,
    }) => {
      const origin = nginxOrigin(baseURL);
      const path = file.path ?? (await hashedScript(request, `${origin}${folder}`));
      const response = await request.get(`${origin}${folder}${path}`, {
        headers: { 'Accept-Encoding': 'gzip' },
      });
      expect(response.status()).toBe(200);
      expect(securityHeaders(response)).toEqual(HEADERS.everyResponse);
      const headers = response.headers();
      expect(headers['cache-control']).toBe(file.cache);
      expect(headers['content-type']).toBe(file.type);
      expect(headers['content-encoding']).toBe('gzip');
      expect(headers.server).toBe('nginx');
    });
  }
}

for (const folder of ['/', SUB_PATH]) {
  test(`behind nginx, a missing chunk under ${folder}assets/ is a 404 that is not kept, never the page`, async ({
    request,
    baseURL,
  }) => {
    const origin = nginxOrigin(baseURL);
    const response = await request.get(`${origin}${folder}assets/index-Missing0.js`);
    expect(response.status()).toBe(404);
    expect(await response.text()).not.toContain('<div id="root">');
    expect(response.headers()['cache-control']).toBeUndefined();
    expect(securityHeaders(response)).toEqual(HEADERS.everyResponse);
  });

  test(`behind nginx, an unknown path under ${folder} serves the wizard`, async ({
    wizard,
    page,
    baseURL,
  }) => {
    const address = `${nginxOrigin(baseURL)}${folder}review${ONE_KEY_LINK}`;
    const response = await page.goto(address);
    expect(response?.status()).toBe(200);
    expect(await response?.headerValue('cache-control')).toBe(NO_CACHE);
    await expectReviewOfOneKey(wizard);
  });
}

async function expectReviewOfOneKey(wizard: WizardPage): Promise<void> {
  await wizard.expectStep('review');
  const title = DOCUMENT_TITLES.keyPolicy;
  expect(await wizard.documentJson(title)).toEqual(neededDocument(ONE_KEY, title).policy);
}

test('behind nginx, the wizard works from a sub-path under its headers, loading only its own files', async ({
  wizard,
  page,
  baseURL,
}) => {
  const origin = nginxOrigin(baseURL);
  const trouble = watchForTrouble(page);
  const failed: string[] = [];
  const elsewhere: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(response.url());
    if (!response.url().startsWith(`${origin}${SUB_PATH}`)) elsewhere.push(response.url());
  });
  const first = await page.goto(`${origin}${SUB_PATH}${ONE_KEY_LINK}`);
  expect(await first?.headerValue('content-security-policy')).toBe(
    HEADERS.everyResponse['Content-Security-Policy'],
  );
  await expectReviewOfOneKey(wizard);
  // The other steps' code comes in chunks of their own, from the same folder.
  await wizard.back();
  await wizard.expectStep('role');
  await expect(page).toHaveURL(
    new RegExp(`^${escapeRegExp(`${origin}${SUB_PATH}`)}\\?v=1&.*step=role`),
  );
  expect(failed).toEqual([]);
  expect(elsewhere).toEqual([]);
  expect(trouble.console).toEqual([]);
  expect(trouble.errors).toEqual([]);
});

test('behind nginx, the page may write to the clipboard and use nothing else the Permissions-Policy turns off', async ({
  page,
  baseURL,
}) => {
  await page.goto(`${nginxOrigin(baseURL)}/`);
  const policy = HEADERS.everyResponse['Permissions-Policy'] ?? '';
  const named = policy.split(/,\s*/).map((item) => item.split('=')[0] ?? '');
  // featurePolicy is Chromium's: the features it knows, and those this page may use.
  const { known, allowed } = await page.evaluate(() => {
    const features = (
      document as unknown as {
        featurePolicy: { features(): string[]; allowedFeatures(): string[] };
      }
    ).featurePolicy;
    return { known: features.features(), allowed: features.allowedFeatures() };
  });
  // A name Chromium does not know is one it ignores (with a console error).
  expect(named.filter((feature) => !known.includes(feature))).toEqual([]);
  expect(allowed).toContain('clipboard-write');
  expect(named.filter((feature) => allowed.includes(feature))).toEqual(['clipboard-write']);
});

/** A page on another origin (localhost, another port) that frames `src`. */
async function framingSite(): Promise<{ frame: (src: string) => string; close: () => void }> {
  const server = http.createServer((request, response) => {
    const src = new URL(request.url ?? '/', 'http://localhost').searchParams.get('src') ?? '';
    const escaped = src.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end(
      `<!doctype html><title>Another site</title><iframe src="${escaped}" title="wizard" width="800" height="600"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    frame: (src) => `http://localhost:${String(port)}/?src=${encodeURIComponent(src)}`,
    close: () => {
      server.close();
    },
  };
}

test('behind nginx, a page on another site cannot frame the wizard, answers and all', async ({
  page,
  baseURL,
}) => {
  const site = await framingSite();
  try {
    const heading = page
      .frameLocator('iframe[title="wizard"]')
      .getByRole('heading', { name: 'Personalize KMS policy wizard' });
    // The check can fail: without the header (vite preview), the other site shows the wizard.
    await page.goto(site.frame(`${baseURL ?? ''}${ONE_KEY_LINK}`));
    await expect(heading).toBeVisible();

    const refusal = page.waitForEvent('console', (message) =>
      message.text().includes("frame-ancestors 'none'"),
    );
    await page.goto(site.frame(`${nginxOrigin(baseURL)}/${ONE_KEY_LINK}`));
    expect((await refusal).text().trim()).toBe(
      `Framing '${nginxOrigin(baseURL)}/' violates the following Content Security Policy ` +
        `directive: "frame-ancestors 'none'". The request has been blocked.`,
    );
    // Chromium's error page instead of the wizard.
    const iframe = await page.locator('iframe[title="wizard"]').elementHandle();
    const frame = await iframe.contentFrame();
    await expect.poll(() => frame?.url()).toBe('chrome-error://chromewebdata/');
    await expect(heading).toHaveCount(0);
  } finally {
    site.close();
  }
});

test('behind nginx, Copy puts the policy on the clipboard, and the page cannot read it back', async ({
  wizard,
  page,
  context,
  baseURL,
}) => {
  const site = await framingSite();
  try {
    // Another origin reads the clipboard: the wizard's own page may not (clipboard-read=()).
    const reader = await context.newPage();
    await reader.goto(site.frame('about:blank'));
    await reader.evaluate(() => navigator.clipboard.writeText('(not copied)'));

    await page.bringToFront();
    await page.goto(`${nginxOrigin(baseURL)}/${ONE_KEY_LINK}`);
    await wizard.expectStep('review');
    const title = DOCUMENT_TITLES.keyPolicy;
    await wizard.copyButton(title).click();
    await expect(wizard.documentStatus(title)).toHaveText('Copied to the clipboard.');
    const readHere = await page.evaluate(() =>
      navigator.clipboard.readText().then(
        () => 'read',
        (error: unknown) => (error instanceof Error ? error.name : String(error)),
      ),
    );
    expect(readHere).toBe('NotAllowedError');

    await reader.bringToFront();
    const copied = await reader.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(neededDocument(ONE_KEY, title).json);
  } finally {
    site.close();
  }
});
