/**
 * The AWS CLI runbook (runbook.ts) over the documents the app really builds,
 * read as text and run with bash against a stand-in `aws` command.
 */
import { describe, expect, test } from 'vitest';

import type { Answers } from './answers';
import type { DocumentId, NeededDocument } from './build';
import { buildRunbook } from './runbook';
import { PLACEHOLDERS_ONLY } from './test-support/answers';
import { neededOf } from './test-support/documents';
import {
  ACCOUNT,
  CHINA,
  everything,
  FOREIGN_KEY,
  GROUP_KEY,
  KEY,
  lineIndex,
  lines,
  MIXED_ACCOUNTS,
  OTHER_ACCOUNT,
  REALISTIC,
  SCENARIOS,
  escapeRegExp,
} from './test-support/export-scenarios';

describe.each(SCENARIOS)('runbook: %s', (_name, { answers, documents, accounts, placeholders }) => {
  const runbook = buildRunbook(answers, documents);
  const commands = lines(runbook).filter((line) => !/^\s*#/.test(line));

  test('is a bash script that stops on the first error', () => {
    expect(runbook.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(runbook).toContain('\nset -euo pipefail\n');
  });

  test('never bypasses the key policy lockout safety check', () => {
    expect(runbook).not.toContain('bypass-policy-lockout-safety-check');
  });

  test('puts each document from the file the wizard downloads', () => {
    for (const document of documents) {
      expect(commands.some((line) => line.includes(`file://${document.fileName}`))).toBe(true);
    }
  });

  test('names the role without its path', () => {
    const names = commands.flatMap((line) =>
      [...line.matchAll(/--role-name (\S+)/g)].map((m) => m[1]),
    );
    const expected = answers.roleName || "'<personalize-role-name>'";
    for (const name of names) expect(name).toBe(expected);
  });

  test('reads every policy it replaces before putting the new one, one backup file per key', () => {
    const keyDocuments = documents.filter((d) => d.kind === 'key-policy');
    const backups = keyDocuments.map((document) => {
      const put = lineIndex(
        runbook,
        new RegExp(`^aws kms put-key-policy .*file://${escapeRegExp(document.fileName)}$`),
      );
      const reads = lines(runbook)
        .map((line, index) => ({ line, index }))
        .filter(
          ({ line, index }) =>
            index < put && /^aws kms get-key-policy .*--query Policy --output text > /.test(line),
        );
      const read = reads.at(-1);
      expect(put).toBeGreaterThan(-1);
      expect(read).toBeDefined();
      // The read is of the same key, and a confirmation sits between the two.
      const keyOption = /--key-id (\S+)/;
      expect(keyOption.exec(read?.line ?? '')?.[1]).toBe(
        keyOption.exec(lines(runbook)[put] ?? '')?.[1],
      );
      expect(
        lines(runbook)
          .slice(read?.index, put)
          .some((line) => line.startsWith('confirm ')),
      ).toBe(true);
      return read?.line.split('> ')[1];
    });
    expect(new Set(backups).size).toBe(keyDocuments.length);
    const pairs: [string, RegExp, RegExp][] = [
      [
        'bucket-policy',
        /^aws s3api get-bucket-policy .*> current-bucket-policy\.json/,
        /^aws s3api put-bucket-policy /,
      ],
      [
        'trust-policy',
        /^aws iam get-role .*AssumeRolePolicyDocument.* > /,
        /^aws iam update-assume-role-policy /,
      ],
    ];
    for (const [kind, read, put] of pairs) {
      if (!documents.some((d) => d.kind === kind)) {
        expect(lineIndex(runbook, put)).toBe(-1);
        continue;
      }
      expect(lineIndex(runbook, read)).toBeGreaterThan(-1);
      expect(lineIndex(runbook, read)).toBeLessThan(lineIndex(runbook, put));
    }
  });

  test('gives each of the role’s inline policies its own name', () => {
    const names = commands.flatMap((line) =>
      line.startsWith('aws iam put-role-policy ') ? [/--policy-name (\S+)/.exec(line)?.[1]] : [],
    );
    expect(names.length).toBe(documents.filter((d) => d.kind === 'iam-policy').length);
    expect(new Set(names).size).toBe(names.length);
  });

  test('creates the PassRole policy as a managed policy, not on the service role', () => {
    const passRole = documents.find((d) => d.id === 'passrole-policy');
    const create = commands.filter((line) => line.startsWith('aws iam create-policy '));
    if (!passRole) {
      expect(create).toEqual([]);
      return;
    }
    expect(create).toEqual([
      expect.stringContaining(`--policy-document file://${passRole.fileName}`),
    ]);
    expect(
      commands.some((line) => line.includes('put-role-policy') && line.includes(passRole.fileName)),
    ).toBe(false);
    expect(runbook).toMatch(/# .*attach-(role|user)-policy/);
  });

  test('runs each command under the credentials of the account it needs', () => {
    for (const [id, account] of Object.entries(accounts) as [DocumentId, string][]) {
      // Every document the table names must be in the scenario.
      const document = neededOf(documents, id);
      const put = lines(runbook).findIndex(
        (line) => !line.startsWith('#') && line.includes(`file://${document.fileName}`),
      );
      const required = lines(runbook)
        .slice(0, put)
        .filter((line) => line.startsWith('require_account '))
        .at(-1);
      expect(required?.replace(/'/g, '')).toBe(`require_account ${account}`);
    }
    const groups = commands.filter((line) => line.startsWith('require_account ')).length;
    const distinct = new Set(
      documents.map((d) => accounts[d.id] ?? (answers.accountId || '<account-id>')),
    ).size;
    expect(groups).toBe(distinct);
  });

  test('flags the placeholders at the top and stops before running anything', () => {
    const script = commands.filter((line) => !line.startsWith('echo ')).join('\n');
    const files = documents.map((d) => d.json).join('\n');
    for (const placeholder of placeholders.script) expect(script).toContain(placeholder);
    for (const placeholder of placeholders.files) expect(files).toContain(placeholder);
    const top = runbook.slice(0, runbook.indexOf('set -euo pipefail'));
    const flagged = new Set(top.match(/<[a-z][a-z0-9-]*>/g));
    expect([...flagged].sort()).toEqual(
      [...new Set([...placeholders.script, ...placeholders.files])].sort(),
    );
    if (placeholders.script.length > 0) {
      expect(lineIndex(runbook, /^exit 1$/)).toBeLessThan(lineIndex(runbook, /^aws /));
    } else {
      expect(lineIndex(runbook, /^exit 1$/)).toBe(-1);
      expect(top).not.toContain('PLACEHOLDERS');
    }
  });
});

test('the runbook of the realistic setup names both keys, the bucket and the role', () => {
  const runbook = buildRunbook(REALISTIC, everything(REALISTIC));
  expect(runbook).toContain(
    `aws kms get-key-policy --region us-east-1 --key-id ${KEY} --policy-name default --query Policy --output text > current-key-policy-bucket-key.json`,
  );
  expect(runbook).toContain(
    `aws kms put-key-policy --region us-east-1 --key-id ${GROUP_KEY} --policy-name default --policy file://personalize-kms-key-policy-dataset-group-key.json`,
  );
  expect(runbook).toContain(
    'aws iam put-role-policy --role-name PersonalizeRole --policy-name PersonalizeKmsAccess --policy-document file://personalize-service-role-kms-policy.json',
  );
  expect(runbook).toContain(
    'aws iam put-role-policy --role-name PersonalizeRole --policy-name PersonalizeS3Access --policy-document file://personalize-service-role-s3-policy.json',
  );
  expect(runbook).toContain(
    'aws s3api put-bucket-policy --bucket my-personalize-data --policy file://personalize-bucket-policy.json',
  );
  expect(runbook).toContain(
    'aws iam update-assume-role-policy --role-name PersonalizeRole --policy-document file://personalize-service-role-trust-policy.json',
  );
  expect(runbook).toContain(
    'aws iam create-policy --policy-name PersonalizePassRole --policy-document file://personalize-passrole-policy.json',
  );
  expect(runbook).toContain('WHOLE policy');
});

test('after creating the PassRole policy, the runbook says how to attach it, update it, and make room for a version', () => {
  const passRoleLines = (answers: Answers) => {
    const all = lines(buildRunbook(answers, everything(answers)));
    const start = all.findIndex((line) => line.startsWith('aws iam create-policy '));
    const end = all.findIndex((line, index) => index > start && !line.startsWith('#'));
    // The line before says what to do when the command fails, before it stops the script.
    return [all[start - 1], ...all.slice(start + 1, end)];
  };
  const arn = `arn:aws:iam::${ACCOUNT}:policy/PersonalizePassRole`;
  expect(passRoleLines(REALISTIC)).toEqual([
    '# If PersonalizePassRole exists already, the next command fails: see below it.',
    '# Then attach it to each role or user that creates Personalize resources:',
    `#   aws iam attach-role-policy --role-name <their-role-name> --policy-arn ${arn}`,
    `#   aws iam attach-user-policy --user-name <their-user-name> --policy-arn ${arn}`,
    '# If PersonalizePassRole exists already, create-policy fails: update it instead.',
    `#   aws iam create-policy-version --policy-arn ${arn} --policy-document file://personalize-passrole-policy.json --set-as-default`,
    '# That fails (LimitExceeded) once the policy has five versions, the most IAM keeps: list',
    '# them, delete one that is not the default (IsDefaultVersion false), then update again.',
    `#   aws iam list-policy-versions --policy-arn ${arn}`,
    `#   aws iam delete-policy-version --policy-arn ${arn} --version-id <version-id>`,
  ]);
  const china = passRoleLines(CHINA).join('\n');
  expect(china).toContain(
    `aws iam delete-policy-version --policy-arn arn:aws-cn:iam::${ACCOUNT}:policy/PersonalizePassRole --version-id <version-id>`,
  );
});

test('the runbook applies key policies first and the PassRole policy last, whatever order the documents come in', () => {
  const documents = everything(REALISTIC);
  const kindOfHeading = new Map(documents.map((d) => [`# ${d.title}: ${d.fileName}`, d.kind]));
  const sections = lines(buildRunbook(REALISTIC, [...documents].reverse())).flatMap((line) => {
    const kind = kindOfHeading.get(line);
    return kind === undefined ? [] : [kind];
  });
  expect(sections).toEqual([
    'key-policy',
    'key-policy',
    'iam-policy',
    'iam-policy',
    'bucket-policy',
    'trust-policy',
    'managed-policy',
  ]);
});

test('the runbook for nothing says so', () => {
  const runbook = buildRunbook(REALISTIC, []);
  expect(runbook).toContain('Nothing to apply');
  expect(runbook).not.toMatch(/^aws /m);
});

// The runbook is a program: run it with bash against a stand-in `aws`
// that records its calls. Node's modules are loaded at run time because the
// app's type environment has no Node types.
interface NodeApis {
  spawnSync: (
    command: string,
    args: string[],
    options: {
      cwd: string;
      input: string;
      env: Record<string, string | undefined>;
      encoding: 'utf8';
    },
  ) => { status: number | null; stdout: string; stderr: string };
  mkdtempSync: (prefix: string) => string;
  writeFileSync: (path: string, data: string, options?: { mode: number }) => void;
  readFileSync: (path: string, encoding: 'utf8') => string;
  existsSync: (path: string) => boolean;
  rmSync: (path: string, options: { recursive: boolean; force: boolean }) => void;
  tmpdir: () => string;
  env: Record<string, string | undefined>;
  platform: string;
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
  } as unknown as NodeApis;
}

const FAKE_AWS = `#!/usr/bin/env bash
echo "$*" >> "$AWS_LOG"
case "$1 $2" in
  "sts get-caller-identity") echo "$FAKE_ACCOUNT" ;;
  "kms get-key-policy") echo '{"Version":"2012-10-17","Statement":[]}' ;;
  "s3api get-bucket-policy")
    echo "An error occurred ($FAKE_BUCKET_ERROR) when calling the GetBucketPolicy operation" >&2
    exit 254 ;;
  "iam get-role") echo '{"Version":"2012-10-17","Statement":[]}' ;;
esac
`;

interface Run {
  status: number | null;
  calls: string[];
  stderr: string;
}

async function runRunbook(
  answers: Answers,
  documents: NeededDocument[],
  options: { input: string; account?: string; bucketError?: string; skipFile?: string },
): Promise<Run> {
  const node = await nodeApis();
  const folder = node.mkdtempSync(`${node.tmpdir()}/personalize-runbook-`);
  try {
    node.writeFileSync(`${folder}/aws`, FAKE_AWS, { mode: 0o755 });
    node.writeFileSync(`${folder}/runbook.sh`, buildRunbook(answers, documents));
    for (const document of documents) {
      if (document.fileName !== options.skipFile) {
        node.writeFileSync(`${folder}/${document.fileName}`, document.json);
      }
    }
    const result = node.spawnSync('bash', ['runbook.sh'], {
      cwd: folder,
      input: options.input,
      encoding: 'utf8',
      env: {
        ...node.env,
        PATH: `${folder}:${node.env.PATH ?? ''}`,
        AWS_LOG: `${folder}/calls.log`,
        FAKE_ACCOUNT: options.account ?? ACCOUNT,
        FAKE_BUCKET_ERROR: options.bucketError ?? 'NoSuchBucketPolicy',
      },
    });
    const log = `${folder}/calls.log`;
    const calls = node.existsSync(log) ? node.readFileSync(log, 'utf8').trim().split('\n') : [];
    return {
      status: result.status,
      calls: calls.filter((call) => call !== ''),
      stderr: result.stderr,
    };
  } finally {
    node.rmSync(folder, { recursive: true, force: true });
  }
}

const onUnix = !(await nodeApis()).platform.startsWith('win');

describe.skipIf(!onUnix)('running the runbook with bash', () => {
  const documents = everything(REALISTIC);
  const yes = 'yes\n'.repeat(10);

  test('applies everything in order when every answer is yes', async () => {
    const run = await runRunbook(REALISTIC, documents, { input: yes });
    expect(run.stderr).not.toContain('syntax error');
    expect(run.status).toBe(0);
    const verbs = run.calls.map((call) => call.split(' ').slice(0, 2).join(' '));
    expect(verbs).toEqual([
      'sts get-caller-identity',
      'kms get-key-policy',
      'kms put-key-policy',
      'kms get-key-policy',
      'kms put-key-policy',
      'iam put-role-policy',
      'iam put-role-policy',
      's3api get-bucket-policy',
      's3api put-bucket-policy',
      'iam get-role',
      'iam update-assume-role-policy',
      'iam create-policy',
    ]);
    expect(run.calls.join('\n')).not.toContain('bypass');
  });

  test('stops before replacing a key policy when the answer is not yes', async () => {
    const run = await runRunbook(REALISTIC, documents, { input: 'no\n' });
    expect(run.status).toBe(1);
    expect(run.calls.at(-1)).toMatch(/^kms get-key-policy /);
    expect(run.calls.join('\n')).not.toContain('put-');
  });

  test('stops when nobody answers (no terminal)', async () => {
    const run = await runRunbook(REALISTIC, documents, { input: '' });
    expect(run.status).toBe(1);
    expect(run.calls.join('\n')).not.toContain('put-');
  });

  test('stops when the credentials are for another account', async () => {
    const run = await runRunbook(REALISTIC, documents, { input: yes, account: OTHER_ACCOUNT });
    expect(run.status).toBe(1);
    expect(run.calls).toEqual(['sts get-caller-identity --query Account --output text']);
    expect(run.stderr).toContain(`credentials for account ${ACCOUNT}`);
  });

  test('stops at the second account’s part when the key is in another account', async () => {
    const run = await runRunbook(MIXED_ACCOUNTS, everything(MIXED_ACCOUNTS), {
      input: yes,
      account: OTHER_ACCOUNT,
    });
    expect(run.status).toBe(1);
    expect(run.calls.filter((call) => call.startsWith('kms put-key-policy'))).toEqual([
      expect.stringContaining(FOREIGN_KEY),
    ]);
    expect(run.calls.join('\n')).not.toContain('iam put-role-policy');
  });

  test('goes on when the bucket has no policy yet, but not after another error', async () => {
    const fine = await runRunbook(REALISTIC, documents, { input: yes });
    expect(fine.calls).toContainEqual(expect.stringMatching(/^s3api put-bucket-policy /));
    const denied = await runRunbook(REALISTIC, documents, {
      input: yes,
      bucketError: 'AccessDenied',
    });
    expect(denied.status).toBe(1);
    expect(denied.calls.join('\n')).not.toContain('put-bucket-policy');
  });

  test('stops before calling AWS when a policy file is missing', async () => {
    const run = await runRunbook(REALISTIC, documents, {
      input: yes,
      skipFile: 'personalize-bucket-policy.json',
    });
    expect(run.status).toBe(1);
    expect(run.calls).toEqual([]);
    expect(run.stderr).toContain('Missing personalize-bucket-policy.json');
  });

  test('stops before calling AWS while placeholders are left', async () => {
    const run = await runRunbook(PLACEHOLDERS_ONLY, everything(PLACEHOLDERS_ONLY), { input: yes });
    expect(run.status).toBe(1);
    expect(run.calls).toEqual([]);
    expect(run.stderr).toContain('placeholders');
  });

  test.each(SCENARIOS)(
    'bash can parse the runbook: %s',
    async (_name, { answers, documents: docs }) => {
      const node = await nodeApis();
      const result = node.spawnSync('bash', ['-n'], {
        cwd: node.tmpdir(),
        input: buildRunbook(answers, docs),
        encoding: 'utf8',
        env: node.env,
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    },
  );
});
