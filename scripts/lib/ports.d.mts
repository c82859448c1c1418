// Types for ports.mjs, which playwright.config.ts and the browser tests' fixtures import too.
/** vite preview of the build under SUB_PATH: this many ports after E2E_PORT. */
export declare const SUB_PATH_PORT_OFFSET: number;
/** nginx with the shipped configuration: this many ports after E2E_PORT. */
export declare const NGINX_PORT_OFFSET: number;
