// Types for chromium.mjs, which playwright.config.ts imports too.
/** Flags for a Chromium that Playwright launches. */
export declare const CHROMIUM_ARGS: string[];
/** $CHROMIUM_PATH, else /usr/bin/chromium, else Playwright's own Chromium; throws if none. */
export declare function chromiumExecutable(): string;
