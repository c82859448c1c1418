/**
 * The runbook, CloudFormation and Terraform exports and the preflight checks,
 * over the documents the app really builds (the KMS documents and the
 * companion S3 access, bucket, trust and PassRole policies), plus a few
 * hand-made documents for what the builder never produces (sizes at a limit,
 * text that needs escaping).
 *
 * What "right" means comes from sections 4 and 6 of
 * shared/reference/personalize-kms-rules.md, written out here by hand.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml, parseDocument } from 'yaml';

import { type Answers, DEFAULT_ANSWERS } from './answers';
import { type DocumentId, type DocumentKind, type NeededDocument } from './build';
import { type PolicyDocument } from './document';
import {
  buildCloudFormation,
  buildRunbook,
  buildTerraform,
  type Check,
  preflightChecks,
  toYaml,
} from './exports';
import { PLACEHOLDERS_ONLY } from './test-support/answers';
import { companions, kmsDocuments, neededDocument, neededOf } from './test-support/documents';

// ---------------------------------------------------------------------------
// Fixtures

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const GROUP_KEY_ID = '0987dcba-09fe-87dc-65ba-ab0987654321';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`;
const GROUP_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${GROUP_KEY_ID}`;
const FOREIGN_KEY = `arn:aws:kms:us-east-1:${OTHER_ACCOUNT}:key/${KEY_ID}`;

/** Bucket and dataset group encrypted, separate keys, import + export + batch inference. */
const REALISTIC: Answers = {
  ...DEFAULT_ANSWERS,
  operations: ['import', 'export', 'batch-inference'],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  keys: 'separate',
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
  rolePath: '/service-role/',
  keyArn: KEY,
  datasetGroupKeyArn: GROUP_KEY,
  bucketName: 'my-personalize-data',
  region: 'us-east-1',
};

function everything(answers: Answers): NeededDocument[] {
  return [...kmsDocuments(answers), ...companions(answers)];
}

interface Scenario {
  answers: Answers;
  documents: NeededDocument[];
  /** The account whose credentials each document needs. */
  accounts: Partial<Record<DocumentId, string>>;
  /** The placeholders left in the runbook's commands and in the policy files, written out by hand. */
  placeholders: { script: string[]; files: string[] };
}

const NO_PLACEHOLDERS = { script: [], files: [] };

const ONE_KEY: Answers = {
  ...DEFAULT_ANSWERS,
  operations: ['import'],
  bucketEncrypted: true,
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
  rolePath: '/service-role/',
  keyArn: KEY,
  bucketName: 'my-personalize-data',
  region: 'us-east-1',
};
const CROSS_ACCOUNT: Answers = { ...ONE_KEY, keyArn: FOREIGN_KEY };
const MIXED_ACCOUNTS: Answers = { ...REALISTIC, keyArn: FOREIGN_KEY };
const SEPARATE_NO_KEYS: Answers = { ...REALISTIC, keyArn: '', datasetGroupKeyArn: '' };
const CHINA: Answers = {
  ...ONE_KEY,
  partition: 'aws-cn',
  region: 'cn-north-1',
  keyArn: `arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/${KEY_ID}`,
};

const SCENARIOS: [string, Scenario][] = [
  [
    'realistic: separate keys, every document',
    {
      answers: REALISTIC,
      documents: everything(REALISTIC),
      accounts: {
        'key-policy-bucket': ACCOUNT,
        'key-policy-dataset-group': ACCOUNT,
        'iam-policy': ACCOUNT,
        's3-access-policy': ACCOUNT,
        'bucket-policy': ACCOUNT,
        'trust-policy': ACCOUNT,
        'passrole-policy': ACCOUNT,
      },
      placeholders: NO_PLACEHOLDERS,
    },
  ],
  [
    'one key, KMS documents only',
    {
      answers: ONE_KEY,
      documents: kmsDocuments(ONE_KEY),
      accounts: { 'key-policy': ACCOUNT, 'iam-policy': ACCOUNT },
      placeholders: NO_PLACEHOLDERS,
    },
  ],
  [
    'cross-account key',
    {
      answers: CROSS_ACCOUNT,
      documents: everything(CROSS_ACCOUNT),
      accounts: {
        'key-policy': OTHER_ACCOUNT,
        'iam-policy': ACCOUNT,
        's3-access-policy': ACCOUNT,
        'bucket-policy': ACCOUNT,
        'trust-policy': ACCOUNT,
        'passrole-policy': ACCOUNT,
      },
      placeholders: NO_PLACEHOLDERS,
    },
  ],
  [
    'bucket key in another account, dataset group key in the role’s',
    {
      answers: MIXED_ACCOUNTS,
      documents: everything(MIXED_ACCOUNTS),
      accounts: {
        'key-policy-bucket': OTHER_ACCOUNT,
        'key-policy-dataset-group': ACCOUNT,
        'iam-policy': ACCOUNT,
        's3-access-policy': ACCOUNT,
      },
      placeholders: NO_PLACEHOLDERS,
    },
  ],
  [
    'placeholders everywhere',
    {
      answers: PLACEHOLDERS_ONLY,
      documents: everything(PLACEHOLDERS_ONLY),
      accounts: { 'key-policy': '<account-id>', 'bucket-policy': '<account-id>' },
      placeholders: {
        script: ['<account-id>', '<key-arn>', '<personalize-role-name>', '<bucket-name>'],
        files: ['<account-id>', '<personalize-role-name>', '<bucket-name>', '<region>'],
      },
    },
  ],
  [
    'separate keys without ARNs',
    {
      answers: SEPARATE_NO_KEYS,
      documents: kmsDocuments(SEPARATE_NO_KEYS),
      accounts: { 'key-policy-bucket': ACCOUNT },
      placeholders: { script: ['<bucket-key-arn>', '<dataset-group-key-arn>'], files: [] },
    },
  ],
  [
    'companion documents only',
    {
      answers: REALISTIC,
      documents: companions(REALISTIC),
      accounts: { 'trust-policy': ACCOUNT },
      placeholders: NO_PLACEHOLDERS,
    },
  ],
  [
    'trust and bucket policies only',
    {
      answers: REALISTIC,
      documents: companions(REALISTIC).filter(
        (d) => d.kind === 'bucket-policy' || d.kind === 'trust-policy',
      ),
      accounts: { 'bucket-policy': ACCOUNT },
      placeholders: NO_PLACEHOLDERS,
    },
  ],
  [
    'aws-cn',
    {
      answers: CHINA,
      documents: everything(CHINA),
      accounts: { 'key-policy': ACCOUNT },
      placeholders: NO_PLACEHOLDERS,
    },
  ],
];

// ---------------------------------------------------------------------------
// Helpers that read the exports back

function lines(text: string): string[] {
  return text.split('\n');
}

/** Index of the first line matching, or -1. */
function lineIndex(text: string, pattern: RegExp): number {
  return lines(text).findIndex((line) => pattern.test(line));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Uncomments the blocks that start with a line `<indent># <code>` matching
 * `start` and run to the next empty line, removing "# " after the indent.
 */
function uncomment(text: string, start: RegExp): string {
  let inBlock = false;
  return lines(text)
    .map((line) => {
      if (start.test(line)) inBlock = true;
      if (line === '') inBlock = false;
      return inBlock ? line.replace(/^(\s*)# /, '$1') : line;
    })
    .join('\n');
}

function parseStrictYaml(text: string, version: '1.1' | '1.2' = '1.2'): unknown {
  const document = parseDocument(text, { version, uniqueKeys: true, prettyErrors: false });
  expect(document.errors).toEqual([]);
  expect(document.warnings).toEqual([]);
  return document.toJS();
}

interface CfnResource {
  Type: string;
  Properties: Record<string, unknown>;
}

function cfnResources(text: string): CfnResource[] {
  const template = parseStrictYaml(text) as { Resources: Record<string, CfnResource> | null };
  return Object.values(template.Resources ?? {});
}

interface Heredoc {
  resource: string;
  attribute: string;
  text: string;
}

/** Every heredoc with the `resource "TYPE" "NAME"` it sits in, its text as Terraform reads it. */
function heredocs(hcl: string): Heredoc[] {
  const found: Heredoc[] = [];
  let resource = '';
  const all = lines(hcl);
  for (let index = 0; index < all.length; index += 1) {
    const line = all[index] ?? '';
    const block = /^resource "(\w+)" "(\w+)" \{$/.exec(line);
    if (block) resource = `${block[1] ?? ''}.${block[2] ?? ''}`;
    const start = /^\s*(\w+)\s*= <<-EOT$/.exec(line);
    if (!start) continue;
    const body: string[] = [];
    for (index += 1; !/^\s*EOT$/.test(all[index] ?? 'EOT'); index += 1) body.push(all[index] ?? '');
    // <<- removes the smallest indent; then $${ and %%{ are the escapes for ${ and %{.
    const indent = Math.min(
      ...body.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0),
    );
    const text = body
      .map((l) => l.slice(indent))
      .join('\n')
      .replace(/\$\$\{/g, '${')
      .replace(/%%\{/g, '%{');
    found.push({ resource, attribute: start[1] ?? '', text });
  }
  return found;
}

const HCL_RESOURCE: Readonly<Record<DocumentId, string>> = {
  'key-policy': 'aws_kms_key_policy',
  'key-policy-bucket': 'aws_kms_key_policy',
  'key-policy-dataset-group': 'aws_kms_key_policy',
  'iam-policy': 'aws_iam_role_policy',
  's3-access-policy': 'aws_iam_role_policy',
  'bucket-policy': 'aws_s3_bucket_policy',
  'trust-policy': 'aws_iam_role',
  'passrole-policy': 'aws_iam_policy',
};

const CFN_RESOURCE: Readonly<Record<DocumentId, { type: string; property: string }>> = {
  'key-policy': { type: 'AWS::KMS::Key', property: 'KeyPolicy' },
  'key-policy-bucket': { type: 'AWS::KMS::Key', property: 'KeyPolicy' },
  'key-policy-dataset-group': { type: 'AWS::KMS::Key', property: 'KeyPolicy' },
  'iam-policy': { type: 'AWS::IAM::RolePolicy', property: 'PolicyDocument' },
  's3-access-policy': { type: 'AWS::IAM::RolePolicy', property: 'PolicyDocument' },
  'bucket-policy': { type: 'AWS::S3::BucketPolicy', property: 'PolicyDocument' },
  'trust-policy': { type: 'AWS::IAM::Role', property: 'AssumeRolePolicyDocument' },
  'passrole-policy': { type: 'AWS::IAM::ManagedPolicy', property: 'PolicyDocument' },
};

/** Key and trust policies are commented examples in CloudFormation: a stack sets them only on what it creates. */
function isCfnExample(document: NeededDocument): boolean {
  return document.kind === 'key-policy' || document.kind === 'trust-policy';
}

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

// ---------------------------------------------------------------------------
// 1. Runbook

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

// ---------------------------------------------------------------------------
// 2. CloudFormation

describe.each(SCENARIOS)('CloudFormation: %s', (_name, { answers, documents }) => {
  const template = buildCloudFormation(answers, documents);
  // The key and trust examples, uncommented as an editor would.
  const uncommented = uncomment(template, /^ {2}# [A-Za-z0-9]+:$/);

  test('is valid YAML, read the same by YAML 1.1 and 1.2 parsers', () => {
    expect(parseStrictYaml(template, '1.1')).toEqual(parseStrictYaml(template, '1.2'));
    expect(parseStrictYaml(uncommented, '1.1')).toEqual(parseStrictYaml(uncommented, '1.2'));
  });

  test('has the right resource for each document, with the document’s policy', () => {
    const live = cfnResources(template);
    const all = cfnResources(uncommented);
    for (const document of documents) {
      const { type, property } = CFN_RESOURCE[document.id];
      const policies = (resources: CfnResource[]) =>
        resources.filter((r) => r.Type === type).map((r) => r.Properties[property]);
      expect(policies(all)).toContainEqual(plain(document.policy));
      if (isCfnExample(document)) {
        expect(policies(live)).not.toContainEqual(plain(document.policy));
      } else {
        expect(policies(live)).toContainEqual(plain(document.policy));
      }
    }
    expect(live.length).toBe(documents.filter((d) => !isCfnExample(d)).length);
    expect(all.length).toBe(documents.length);
  });

  test('puts the role policies on the role by name, without its path', () => {
    for (const resource of cfnResources(uncommented)) {
      if (resource.Type === 'AWS::IAM::RolePolicy') {
        expect(resource.Properties.RoleName).toBe(answers.roleName || '<personalize-role-name>');
      }
      if (resource.Type === 'AWS::S3::BucketPolicy') {
        expect(resource.Properties.Bucket).toBe(answers.bucketName || '<bucket-name>');
      }
    }
  });
});

const hasKeyPolicy = ([, { documents }]: [string, Scenario]) =>
  documents.some((d) => d.kind === 'key-policy');

test.each(SCENARIOS.filter(hasKeyPolicy))(
  'CloudFormation: %s: explains that it sets a key policy only on a key the stack creates',
  (_name, { answers, documents }) => {
    const template = buildCloudFormation(answers, documents);
    expect(template.replace(/\n {2}# /g, ' ')).toContain('only of a key the stack creates');
    expect(template).toContain('DeletionPolicy: Retain');
  },
);

test.each(SCENARIOS.filter((row) => !hasKeyPolicy(row)))(
  'CloudFormation: %s: without a key policy, has no key example',
  (_name, { answers, documents }) => {
    const template = buildCloudFormation(answers, documents);
    expect(template).not.toContain('only of a key the stack creates');
    expect(template).not.toContain('AWS::KMS::Key');
  },
);

// ---------------------------------------------------------------------------
// 3. Terraform

describe.each(SCENARIOS)('Terraform: %s', (_name, { answers, documents }) => {
  const hcl = buildTerraform(answers, documents);
  const uncommented = uncomment(hcl, /^# resource "aws_iam_role" /);

  test('has the right resource for each document, its heredoc parsing to the document’s policy', () => {
    const found = heredocs(uncommented);
    for (const document of documents) {
      const type = HCL_RESOURCE[document.id];
      const policies = found
        .filter((heredoc) => heredoc.resource.startsWith(`${type}.`))
        .map((heredoc) => JSON.parse(heredoc.text) as unknown);
      expect(policies).toContainEqual(plain(document.policy));
    }
    expect(found.length).toBe(documents.length);
    // The trust policy is only an example: the role is not Terraform's unless the user says so.
    expect(heredocs(hcl).some((heredoc) => heredoc.resource.startsWith('aws_iam_role.'))).toBe(
      false,
    );
  });

  test('keeps the lockout safety check and the key ID', () => {
    expect(hcl).not.toContain('bypass_policy_lockout_safety_check');
    for (const document of documents.filter((d) => d.kind === 'key-policy')) {
      const arn =
        document.id === 'key-policy-dataset-group' ? answers.datasetGroupKeyArn : answers.keyArn;
      const keyId = arn === '' ? '<key-id>' : arn.split('/').at(-1);
      expect(hcl).toMatch(new RegExp(`key_id +${escapeRegExp(`= "${keyId ?? ''}"`)}`));
    }
    if (documents.some((d) => d.kind === 'key-policy')) {
      const prose = hcl.replace(/\n# /g, ' ');
      expect(prose).toContain('conflicts with the policy argument of aws_kms_key');
      expect(prose).toContain('resets the key to the default key policy');
    }
  });

  test('gives a key in another account its own provider', () => {
    const aliases = [...hcl.matchAll(/provider = aws\.(\w+)/g)].map((m) => m[1]);
    for (const alias of aliases) expect(hcl).toContain(`alias  = "${alias ?? ''}"`);
    const foreign = documents.some(
      (d) =>
        d.kind === 'key-policy' &&
        (d.id === 'key-policy-dataset-group' ? answers.datasetGroupKeyArn : answers.keyArn) ===
          FOREIGN_KEY,
    );
    expect(aliases.length > 0).toBe(foreign);
  });

  test('has balanced braces outside heredocs and comments', () => {
    let depth = 0;
    let inHeredoc = false;
    for (const line of lines(hcl)) {
      if (inHeredoc) {
        inHeredoc = !/^\s*EOT$/.test(line);
        continue;
      }
      if (/^\s*#/.test(line)) continue;
      if (line.endsWith('<<-EOT')) inHeredoc = true;
      depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });
});

test('Terraform escapes ${ and %{ in heredocs and strings, so policy variables stay literal', () => {
  const policy: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'HomeFolder',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::bucket/home/${aws:username}/%{if x}/$${already}/*',
      },
    ],
  };
  const document = neededDocument(
    { id: 's3-access-policy', kind: 'iam-policy', title: 'S3 access policy', fileName: 's3.json' },
    policy,
  );
  const hcl = buildTerraform({ ...REALISTIC, roleName: 'Role${x}' }, [document]);
  const code = lines(hcl)
    .filter((line) => !line.startsWith('#'))
    .join('\n');
  // Every ${ or %{ Terraform would see is escaped: preceded by another $ or %.
  // Terraform reads $${ as a literal ${ and %%{ as %{; any other ${ or %{ is a template.
  expect(code).not.toMatch(/(^|[^$])\$\{/m);
  expect(code).not.toMatch(/(^|[^%])%\{/m);
  expect(code).toContain('role   = "Role$${x}"');
  const [heredoc] = heredocs(hcl);
  expect(JSON.parse(heredoc?.text ?? '')).toEqual(plain(policy));
});

test('a document of a kind the exports have no case for is an error, not a heading alone', () => {
  const document = {
    ...neededOf(everything(REALISTIC), 's3-access-policy'),
    kind: 'unknown-policy' as DocumentKind,
  };
  const noCase = 'No case for the document kind "unknown-policy".';
  expect(() => buildCloudFormation(REALISTIC, [document])).toThrow(noCase);
  expect(() => buildTerraform(REALISTIC, [document])).toThrow(noCase);
});

// ---------------------------------------------------------------------------
// The YAML emitter on its own

const TRICKY_STRINGS = [
  '*',
  'kms:*',
  ':',
  'a: b',
  'a:',
  '<key-arn>',
  '<<',
  '@x',
  '`x',
  '!tag',
  '&anchor',
  '%x',
  '|',
  '>',
  '- x',
  '-',
  '? x',
  '#x',
  'a #b',
  '{a}',
  '[a]',
  'a,b',
  '"q"',
  "'q'",
  '',
  ' lead',
  'trail ',
  '2012-10-17',
  '123',
  '0123',
  '0x1F',
  '0o17',
  '1e3',
  '1_000',
  '1:20',
  '.inf',
  '.NaN',
  '-.5',
  'true',
  'True',
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'N',
  'null',
  'Null',
  '~',
  'line\nbreak',
  'tab\there',
  'cr\r',
  '\u0085',
  '\u2028',
  '\u007f',
  '\ufeff',
  '\uffff',
  'é’ü',
  '${aws:username}',
  '=',
  'arn:aws:s3:::bucket/*',
  'arn:aws:iam::111122223333:role/service-role/PersonalizeRole',
  'Allow Amazon Personalize to use the key',
];

describe('toYaml', () => {
  test.each(TRICKY_STRINGS)('keeps the string %j a string, as a value and as a key', (value) => {
    const data = { [value === '' ? 'empty' : value]: value, list: [value, [value]] };
    const yaml = toYaml(data, 0);
    expect(parseStrictYaml(yaml, '1.2')).toEqual(data);
    expect(parseStrictYaml(yaml, '1.1')).toEqual(data);
  });

  test('writes nested lists, empty collections and scalars', () => {
    const data = { a: [[1, 2], [], {}, { b: [true, null, 'x'] }], c: {}, d: [{ e: [{ f: 'g' }] }] };
    expect(parseYaml(toYaml(data))).toEqual(data);
    expect(toYaml({ Action: ['kms:Decrypt'], Resource: '*' })).toBe(
      'Action:\n  - kms:Decrypt\nResource: "*"\n',
    );
  });

  test('round-trips any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        expect(JSON.stringify(parseYaml(toYaml(value)))).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------
// 4. Preflight checks

/** A document whose JSON measures exactly `size` by `measure`, padded in a letters-only Sid. */
function sized(
  base: NeededDocument,
  size: number,
  measure: (json: string) => number,
): NeededDocument {
  const [first, ...rest] = base.policy.Statement;
  const build = (padding: number): NeededDocument =>
    neededDocument(base, {
      ...base.policy,
      Statement: [
        {
          ...(first ?? { Effect: 'Allow', Action: '*', Resource: '*' }),
          Sid: `Pad${'X'.repeat(padding)}`,
        },
        ...rest,
      ],
    });
  const padding = size - measure(build(0).json);
  expect(padding).toBeGreaterThanOrEqual(0);
  const result = build(padding);
  expect(measure(result.json)).toBe(size);
  return result;
}

const bytes = (json: string) => new TextEncoder().encode(json).length;
const withoutWhitespace = (json: string) => json.replace(/\s/g, '').length;

const REAL = everything(REALISTIC);
const ONE_KEY_DOCUMENTS = everything(ONE_KEY);
const keyPolicy = neededOf(ONE_KEY_DOCUMENTS, 'key-policy');
const iamPolicy = neededOf(ONE_KEY_DOCUMENTS, 'iam-policy');
const s3Policy = neededOf(ONE_KEY_DOCUMENTS, 's3-access-policy');
const bucketPolicy = neededOf(ONE_KEY_DOCUMENTS, 'bucket-policy');
const trustPolicy = neededOf(ONE_KEY_DOCUMENTS, 'trust-policy');
const passRolePolicy = neededOf(ONE_KEY_DOCUMENTS, 'passrole-policy');
const inlineRest = 10_240 - withoutWhitespace(iamPolicy.json);

function withStatement(
  document: NeededDocument,
  change: Partial<PolicyDocument['Statement'][number]>,
): NeededDocument {
  return neededDocument(document, {
    ...document.policy,
    Statement: document.policy.Statement.map((statement, index) =>
      index === 0 ? { ...statement, ...change } : statement,
    ),
  });
}

/** Documents of a preflight row: given, or made from the row's answers. */
type PreflightDocuments = NeededDocument[] | ((answers: Answers) => NeededDocument[]);

const PREFLIGHT: [
  string,
  Answers,
  PreflightDocuments,
  Record<string, Check['level'] | undefined>,
][] = [
  [
    'the realistic setup passes, with the VPC reminder',
    REALISTIC,
    REAL,
    {
      'size:key-policy-bucket': 'ok',
      'size:key-policy-dataset-group': 'ok',
      'size:role-inline-policies': 'ok',
      'size:bucket-policy': 'ok',
      'size:trust-policy': 'ok',
      'size:passrole-policy': 'ok',
      principals: 'ok',
      sids: 'ok',
      placeholders: 'ok',
      region: 'ok',
      partition: 'ok',
      'key:key-policy-bucket': 'ok',
      'key:key-policy-dataset-group': 'ok',
      'vpc-bucket': 'warning',
      'bucket-name': undefined,
      'trust-resource': undefined,
    },
  ],
  [
    'key policy at 32,768 bytes',
    ONE_KEY,
    [sized(keyPolicy, 32_768, bytes)],
    { 'size:key-policy': 'ok' },
  ],
  [
    'key policy at 32,769 bytes',
    ONE_KEY,
    [sized(keyPolicy, 32_769, bytes)],
    { 'size:key-policy': 'error' },
  ],
  [
    'bucket policy at 20,480 bytes',
    ONE_KEY,
    [sized(bucketPolicy, 20_480, bytes)],
    { 'size:bucket-policy': 'ok' },
  ],
  [
    'bucket policy at 20,481 bytes',
    ONE_KEY,
    [sized(bucketPolicy, 20_481, bytes)],
    { 'size:bucket-policy': 'error' },
  ],
  [
    'managed policy at 6,144 characters',
    ONE_KEY,
    [sized(passRolePolicy, 6_144, withoutWhitespace)],
    { 'size:passrole-policy': 'ok' },
  ],
  [
    'managed policy at 6,145 characters',
    ONE_KEY,
    [sized(passRolePolicy, 6_145, withoutWhitespace)],
    { 'size:passrole-policy': 'error' },
  ],
  [
    'trust policy at 2,048 characters',
    ONE_KEY,
    [sized(trustPolicy, 2_048, withoutWhitespace)],
    { 'size:trust-policy': 'ok' },
  ],
  [
    'trust policy at 2,049 characters',
    ONE_KEY,
    [sized(trustPolicy, 2_049, withoutWhitespace)],
    { 'size:trust-policy': 'error' },
  ],
  [
    'inline policies together at 10,240 characters',
    ONE_KEY,
    [iamPolicy, sized(s3Policy, inlineRest, withoutWhitespace)],
    { 'size:role-inline-policies': 'ok', 'size:s3-access-policy': undefined },
  ],
  [
    'inline policies together at 10,241 characters',
    ONE_KEY,
    [iamPolicy, sized(s3Policy, inlineRest + 1, withoutWhitespace)],
    { 'size:role-inline-policies': 'error' },
  ],
  [
    'the PassRole policy does not count towards the role’s inline policies',
    ONE_KEY,
    [iamPolicy, s3Policy, sized(passRolePolicy, 6_000, withoutWhitespace)],
    { 'size:role-inline-policies': 'ok', 'size:passrole-policy': 'ok' },
  ],
  [
    'placeholders left in the documents',
    PLACEHOLDERS_ONLY,
    everything,
    { placeholders: 'error', region: 'warning', 'key:key-policy': 'warning', principals: 'ok' },
  ],
  [
    'key in another region than Personalize',
    { ...ONE_KEY, keyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY_ID}` },
    everything,
    { 'key:key-policy': 'error', region: 'ok' },
  ],
  [
    'dataset group key in another region, bucket key fine',
    { ...REALISTIC, datasetGroupKeyArn: `arn:aws:kms:us-west-2:${ACCOUNT}:key/${GROUP_KEY_ID}` },
    kmsDocuments,
    { 'key:key-policy-bucket': 'ok', 'key:key-policy-dataset-group': 'error' },
  ],
  [
    'no region, key where Personalize does not run',
    { ...ONE_KEY, region: '', keyArn: `arn:aws:kms:eu-north-1:${ACCOUNT}:key/${KEY_ID}` },
    kmsDocuments,
    { region: 'warning', 'key:key-policy': 'warning' },
  ],
  [
    'a region Personalize does not run in',
    { ...ONE_KEY, region: 'eu-north-1' },
    kmsDocuments(ONE_KEY),
    { region: 'error' },
  ],
  [
    'aws-cn',
    CHINA,
    kmsDocuments,
    { partition: 'warning', region: 'ok', 'key:key-policy': 'ok', principals: 'ok' },
  ],
  [
    'a user instead of a role as principal',
    ONE_KEY,
    [withStatement(bucketPolicy, { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` } })],
    { principals: 'error' },
  ],
  [
    'everyone as principal',
    ONE_KEY,
    [withStatement(bucketPolicy, { Principal: '*' })],
    { principals: 'error' },
  ],
  [
    'a principal from another partition',
    ONE_KEY,
    [withStatement(bucketPolicy, { Principal: { AWS: `arn:aws-cn:iam::${ACCOUNT}:role/R` } })],
    { principals: 'error' },
  ],
  [
    'a malformed service principal',
    ONE_KEY,
    [withStatement(bucketPolicy, { Principal: { Service: 'personalize' } })],
    { principals: 'error' },
  ],
  ['no document with a principal', ONE_KEY, [iamPolicy], { principals: undefined }],
  [
    'a Sid with spaces in an IAM policy',
    ONE_KEY,
    [withStatement(s3Policy, { Sid: 'Allow S3' })],
    { sids: 'error' },
  ],
  ['a Sid with spaces in a key policy is fine', ONE_KEY, [keyPolicy], { sids: undefined }],
  [
    'a trust policy with a Resource',
    ONE_KEY,
    [withStatement(trustPolicy, { Resource: '*' })],
    { 'trust-resource': 'error' },
  ],
  [
    'a legacy bucket name',
    { ...ONE_KEY, bucketName: 'My_Old_Bucket' },
    kmsDocuments(ONE_KEY),
    { 'bucket-name': 'warning', 'vpc-bucket': 'warning' },
  ],
  [
    'no documents at all',
    ONE_KEY,
    [],
    { placeholders: 'ok', 'vpc-bucket': 'warning', region: 'ok' },
  ],
];

describe('preflight checks', () => {
  test.each(PREFLIGHT)('%s', (_name, answers, documents, expected) => {
    const checks = preflightChecks(
      answers,
      typeof documents === 'function' ? documents(answers) : documents,
    );
    const levels = Object.fromEntries(checks.map((check) => [check.id, check.level]));
    for (const [id, level] of Object.entries(expected))
      expect([id, levels[id]]).toEqual([id, level]);
    expect(new Set(checks.map((check) => check.id)).size).toBe(checks.length);
    for (const check of checks) expect(check.message.length).toBeGreaterThan(10);
  });

  test('the placeholder check lists which placeholders are in which document', () => {
    const check = preflightChecks(PLACEHOLDERS_ONLY, everything(PLACEHOLDERS_ONLY)).find(
      (c) => c.id === 'placeholders',
    );
    // Each document by the title the app shows, its placeholders in the order they appear.
    expect(check?.message).toContain('KMS key policy has <account-id>, <personalize-role-name>;');
    expect(check?.message).toContain('S3 access policy has <bucket-name>;');
    expect(check?.message).toContain('Bucket policy has <bucket-name>;');
    expect(check?.message).toContain('Trust policy has <account-id>, <region>;');
    expect(check?.message).toContain('PassRole policy has <account-id>, <personalize-role-name>.');
    expect(check?.message).not.toContain('Service role IAM policy');
  });

  test('size messages give the measured size and the limit', () => {
    const [check] = preflightChecks(ONE_KEY, [sized(keyPolicy, 32_769, bytes)]);
    expect(check?.message).toContain('32,769');
    expect(check?.message).toContain('32,768');
  });

  test('the region mismatch says which regions', () => {
    const answers = { ...ONE_KEY, keyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY_ID}` };
    const check = preflightChecks(answers, kmsDocuments(answers)).find(
      (c) => c.id === 'key:key-policy',
    );
    expect(check?.message).toMatch(/eu-west-1.*us-east-1/);
  });
});
