/**
 * A folder to run one of the app's bash scripts in (the runbook, the collect script): a stand-in
 * for the AWS CLI that logs each call and answers from a state folder, a PATH of only the tools
 * the script may use, and the files the script reads. Test-only.
 *
 * The folder holds `aws-state` (the stand-ins' state, $FAKE_STATE), `work` (where the script
 * runs, with its files) and one folder per PATH. HOME and TMPDIR point into it too, so a test
 * can check that the script left nothing anywhere else.
 */

// ---------------------------------------------------------------------------
// Node's modules are loaded at run time because the app's type environment has no Node types.

export interface NodeApis {
  spawnSync: (
    command: string,
    args: string[],
    options: {
      cwd: string;
      input?: string;
      env: Record<string, string | undefined>;
      encoding: 'utf8';
    },
  ) => { status: number | null; stdout: string; stderr: string };
  mkdtempSync: (prefix: string) => string;
  mkdirSync: (path: string) => void;
  writeFileSync: (path: string, data: string, options?: { mode: number }) => void;
  readFileSync: (path: string, encoding: 'utf8') => string;
  readdirSync: (path: string) => string[];
  existsSync: (path: string) => boolean;
  symlinkSync: (target: string, path: string) => void;
  rmSync: (path: string, options: { recursive: boolean; force: boolean }) => void;
  tmpdir: () => string;
  env: Record<string, string | undefined>;
  platform: string;
  execPath: string;
}

async function nodeApis(): Promise<NodeApis> {
  const load = (name: string) =>
    import(/* @vite-ignore */ name) as Promise<Record<string, unknown>>;
  const [childProcess, fs, os, process] = await Promise.all([
    load('node:child_process'),
    load('node:fs'),
    load('node:os'),
    load('node:process'),
  ]);
  return {
    ...childProcess,
    ...fs,
    ...os,
    env: process.env,
    platform: process.platform,
    execPath: process.execPath,
  } as unknown as NodeApis;
}

export const node = await nodeApis();

/** Where this machine keeps a tool, if it has it. */
export const toolPath = (tool: string): string | undefined =>
  ['/usr/bin', '/bin', '/usr/local/bin']
    .map((folder) => `${folder}/${tool}`)
    .find((path) => node.existsSync(path));

// ---------------------------------------------------------------------------

/** The log every stand-in appends one line to per call, in $FAKE_STATE. */
export const CALL_LOG = 'calls.log';

export interface SandboxOptions {
  /** The start of the temporary folder's name. */
  name: string;
  /**
   * The stand-in commands by name (`aws`, a fixed `date`), put in every PATH folder. Each finds
   * its state folder as $FAKE_STATE, and the `aws` one logs its calls to CALL_LOG there.
   */
  standIns: Readonly<Record<string, string>>;
  /** The PATH folders, by folder name: the machine's tools each holds besides the stand-ins. */
  paths: Readonly<Record<string, readonly string[]>>;
  /** Who needs the tools, for the error when one is missing ("The runbook tests"). */
  neededBy: string;
  /** The files the script is run beside, the script among them. */
  files: readonly { fileName: string; contents: string }[];
}

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The lines the stand-ins logged during this run, one per call. */
  calls: string[];
}

export interface Sandbox {
  folder: string;
  /** The folder the script runs in. */
  work: string;
  /** The stand-ins' state folder ($FAKE_STATE). */
  state: string;
  /** Runs `script` (in `work`) with bash, with only the PATH folder `path`; the log starts empty. */
  run: (options: { script: string; path: string; input?: string }) => ScriptRun;
  readState: (name: string) => string | undefined;
  writeState: (name: string, contents: string) => void;
  readWork: (name: string) => string | undefined;
  /** The names of the files in `work`, sorted. */
  workFiles: () => string[];
  /** Deletes the whole folder. */
  remove: () => void;
}

const readIfThere = (path: string) =>
  node.existsSync(path) ? node.readFileSync(path, 'utf8') : undefined;

export function createSandbox(options: SandboxOptions): Sandbox {
  const folder = node.mkdtempSync(`${node.tmpdir()}/${options.name}`);
  const state = `${folder}/aws-state`;
  const work = `${folder}/work`;
  node.mkdirSync(state);
  for (const [path, tools] of Object.entries(options.paths)) {
    const bin = `${folder}/${path}`;
    node.mkdirSync(bin);
    for (const [name, script] of Object.entries(options.standIns)) {
      node.writeFileSync(`${bin}/${name}`, script, { mode: 0o755 });
    }
    for (const tool of tools) {
      const target = toolPath(tool);
      if (target === undefined) {
        throw new Error(`${options.neededBy} need ${tool} (apt-get install ${tool}).`);
      }
      node.symlinkSync(target, `${bin}/${tool}`);
    }
  }
  node.mkdirSync(work);
  for (const file of options.files) node.writeFileSync(`${work}/${file.fileName}`, file.contents);
  return {
    folder,
    work,
    state,
    run: ({ script, path, input }) => {
      const bin = `${folder}/${path}`;
      node.writeFileSync(`${state}/${CALL_LOG}`, '');
      const result = node.spawnSync(`${bin}/bash`, [script], {
        cwd: work,
        input,
        encoding: 'utf8',
        env: { PATH: bin, FAKE_STATE: state, HOME: folder, TMPDIR: folder },
      });
      const calls = (readIfThere(`${state}/${CALL_LOG}`) ?? '')
        .split('\n')
        .filter((call) => call !== '');
      return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls };
    },
    readState: (name) => readIfThere(`${state}/${name}`),
    writeState: (name, contents) => {
      node.writeFileSync(`${state}/${name}`, contents);
    },
    readWork: (name) => readIfThere(`${work}/${name}`),
    workFiles: () => node.readdirSync(work).sort(),
    remove: () => {
      node.rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Runs `use` on a new sandbox, then deletes it whatever happened. */
export function withSandbox<T>(options: SandboxOptions, use: (sandbox: Sandbox) => T): T {
  const sandbox = createSandbox(options);
  try {
    return use(sandbox);
  } finally {
    sandbox.remove();
  }
}
