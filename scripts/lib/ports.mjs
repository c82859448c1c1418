// The ports one browser-test run serves the build on, from its E2E_PORT (playwright.config.ts):
// the root copy on that port, the sub-path copy and nginx on the next ones. Runs that share a
// machine keep their E2E_PORT values at least 3 apart.

/** vite preview of the build under SUB_PATH (scripts/lib/nginx.mjs). */
export const SUB_PATH_PORT_OFFSET = 1;
/** nginx with the shipped configuration, at the root and under SUB_PATH. */
export const NGINX_PORT_OFFSET = 2;
