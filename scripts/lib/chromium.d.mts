// Types for chromium.mjs, which playwright.config.ts imports too.
/** Flags for a Chromium that Playwright launches. */
export declare const CHROMIUM_ARGS: string[];
/** $CHROMIUM_PATH, else /usr/bin/chromium, else Playwright's own Chromium; throws if none. */
export declare function chromiumExecutable(): string;
/** Debian's chromium-headless-shell executable. */
export declare const HEADLESS_SHELL: string;
/** $CHROMIUM_PATH, else Debian's headless shell, else chromiumExecutable(); throws if none. */
export declare function testChromiumExecutable(): string;
