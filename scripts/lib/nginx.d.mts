// Types for nginx.mjs, which the hosting spec imports too.
/** The sub-path the tests serve the second copy under (`/tools/kms/`). */
export declare const SUB_PATH: string;
/** What to do when there is no nginx. */
export declare const NGINX_MISSING: string;
/** $NGINX_PATH, else /usr/sbin/nginx (or /usr/local's); null if that file does not exist. */
export declare function nginxExecutable(): string | null;
/** Starts nginx serving `outDir` with the shipped configuration; resolves to its stop function. */
export declare function startNginx(options: {
  nginx: string;
  port: number;
  outDir: string;
}): Promise<() => void>;
