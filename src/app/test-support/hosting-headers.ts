/**
 * hosting/headers.json read once for every test that checks it: the shipped configuration's
 * files (src/app/hosting-config.test.ts) and what nginx sends with them (e2e/hosting.spec.ts).
 * Each reads the file its own way (Vite's ?raw, Node's fs) and parses it here.
 */

/** The header values every host of the build sends. */
export interface HostingHeaders {
  /** Sent with every response, by header name. */
  everyResponse: Record<string, string>;
  /** Cache-Control for the hashed assets, and for every other file. */
  cacheControl: { hashedAssets: string; everythingElse: string };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((item) => typeof item === 'string')
  );
}

/** headers.json's text as HostingHeaders; throws, naming the file, if it has another shape. */
export function parseHostingHeaders(text: string): HostingHeaders {
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed === 'object' && parsed !== null) {
    const { everyResponse, cacheControl } = parsed as Record<string, unknown>;
    if (
      isStringRecord(everyResponse) &&
      isStringRecord(cacheControl) &&
      typeof cacheControl.hashedAssets === 'string' &&
      typeof cacheControl.everythingElse === 'string'
    ) {
      return {
        everyResponse,
        cacheControl: {
          hashedAssets: cacheControl.hashedAssets,
          everythingElse: cacheControl.everythingElse,
        },
      };
    }
  }
  throw new Error(
    'hosting/headers.json holds no { everyResponse: {name: value}, cacheControl: ' +
      '{ hashedAssets, everythingElse } }',
  );
}
