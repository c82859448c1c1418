/**
 * The AWS CLI runbook (runbook.ts) over the documents the app really builds:
 * read as text, then run with bash against a stand-in `aws` that keeps the
 * policies it is given (so a second run sees the first run's work), with and
 * without jq on PATH.
 */
import { describe, expect, test } from 'vitest';

import type { Answers } from './answers';
import type { DocumentId, NeededDocument } from './build';
import type { ExportOptions } from './export-text';
import { buildRunbook, runbookFiles } from './runbook';
import { PLACEHOLDERS_ONLY, validAnswers } from './test-support/answers';
import { neededOf } from './test-support/documents';
import {
  ACCOUNT,
  CHINA,
  CROSS_ACCOUNT,
  escapeRegExp,
  everything,
  GROUP_KEY,
  KEY,
  KEY_ID,
  lines,
  OTHER_ACCOUNT,
  REALISTIC,
  SCENARIOS,
} from './test-support/export-scenarios';
import {
  CALL_LOG,
  createSandbox,
  node,
  type Sandbox,
  type ScriptRun,
} from './test-support/shell-sandbox';

/** The lines bash runs (not comments), without their indent. */
function code(runbook: string): string[] {
  return lines(runbook)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

describe.each(SCENARIOS)('runbook: %s', (_name, { answers, documents, accounts }) => {
  const runbook = buildRunbook(answers, documents);
  const commands = code(runbook);
  const puts = (document: NeededDocument) =>
    commands.filter(
      (line) => line.startsWith('aws ') && line.includes(`file://${document.fileName}`),
    );

  test('is a bash script that stops on the first error', () => {
    expect(runbook.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(runbook).toContain('\nset -euo pipefail\n');
  });

  test('never bypasses the key policy lockout safety check', () => {
    expect(runbook).not.toContain('bypass-policy-lockout-safety-check');
  });

  test('puts each document it has every answer for from the file the wizard downloads, and skips the others', () => {
    for (const document of documents) {
      const skipped = commands.some(
        (line) => line.startsWith('skipped+=(') && line.includes(`'${document.title}: `),
      );
      expect([document.id, skipped ? 0 : 1]).toEqual([document.id, puts(document).length]);
    }
    expect(runbookFiles(documents).map((file) => file.fileName)).toEqual(
      expect.arrayContaining(documents.map((document) => document.fileName)),
    );
  });

  test('writes every value from the answers as --name=value, quoted', () => {
    const awsCommands = commands.filter((line) => /^(if )?aws /.test(line));
    for (const line of awsCommands) {
      for (const option of ['role-name', 'bucket', 'key-id', 'region', 'policy-arn']) {
        expect(line).not.toMatch(new RegExp(`--${option} `));
      }
    }
    const names = awsCommands.flatMap((line) =>
      [...line.matchAll(/--role-name=(\S+)/g)].map((m) => m[1]),
    );
    for (const name of names) expect(name).toBe(`'${answers.roleName}'`);
  });

  test('saves the current policy before it replaces one, one backup name per key', () => {
    const all = lines(runbook).map((line) => line.trim());
    const keyDocuments = documents.filter((d) => puts(d).length > 0 && d.kind === 'key-policy');
    const bases = keyDocuments.map((document) => {
      const put = all.findIndex(
        (line) => line.startsWith('aws kms put-key-policy ') && line.includes(document.fileName),
      );
      const read = all
        .slice(0, put)
        .findLastIndex((line) => line.startsWith('aws kms get-key-policy '));
      expect(read).toBeGreaterThan(-1);
      const keyId = (line: string) => /--key-id=(\S+)/.exec(line)?.[1];
      expect(keyId(all[read] ?? '')).toBe(keyId(all[put] ?? ''));
      expect(all[read]).toMatch(/ > "\$backup"$/);
      // The comparison sits between the two.
      expect(all.slice(read, put).some((line) => line.startsWith('keeps_every_statement '))).toBe(
        true,
      );
      return all.slice(0, read).findLast((line) => line.startsWith('backup="$(backup_name '));
    });
    expect(new Set(bases).size).toBe(keyDocuments.length);
  });

  test('gives each of the role’s inline policies its own name', () => {
    const names = commands.flatMap((line) =>
      line.startsWith('aws iam put-role-policy ') ? [/--policy-name (\S+)/.exec(line)?.[1]] : [],
    );
    const runnable = documents.filter((d) => d.kind === 'iam-policy' && puts(d).length > 0);
    expect(names.length).toBe(runnable.length);
    expect(new Set(names).size).toBe(names.length);
  });

  test('runs each part only with the credentials of the account it needs', () => {
    for (const [id, account] of Object.entries(accounts) as [DocumentId, string][]) {
      const document = neededOf(documents, id);
      const all = lines(runbook);
      const put = all.findIndex(
        (line) => line.trim().startsWith('aws ') && line.includes(`file://${document.fileName}`),
      );
      if (account.startsWith('<')) {
        expect(put).toBe(-1);
        continue;
      }
      const guard = all.slice(0, put).findLast((line) => line.startsWith('if [[ "$account" == '));
      expect(guard).toBe(`if [[ "$account" == '${account}' ]]; then`);
    }
  });
});

test('the runbook of the realistic setup names both keys, the bucket and the role', () => {
  const runbook = buildRunbook(REALISTIC, everything(REALISTIC));
  for (const command of [
    `aws kms get-key-policy --region='us-east-1' --key-id='${KEY}' --policy-name default --query Policy --output text > "$backup"`,
    `aws kms put-key-policy --region='us-east-1' --key-id='${GROUP_KEY}' --policy-name default --policy file://personalize-kms-key-policy-dataset-group-key.json`,
    "aws iam put-role-policy --role-name='PersonalizeRole' --policy-name PersonalizeKmsAccess --policy-document file://personalize-service-role-kms-policy.json",
    "aws iam put-role-policy --role-name='PersonalizeRole' --policy-name PersonalizeS3Access --policy-document file://personalize-service-role-s3-policy.json",
    "aws s3api put-bucket-policy --bucket='my-personalize-data' --policy file://personalize-bucket-policy.json",
    "aws iam update-assume-role-policy --role-name='PersonalizeRole' --policy-document file://personalize-service-role-trust-policy.json",
    'aws iam create-policy --policy-name PersonalizePassRole --policy-document file://personalize-passrole-policy.json',
  ]) {
    expect(code(runbook)).toContain(command);
  }
  expect(runbook).toContain('backup="$(backup_name current-key-policy-bucket-key)"');
  expect(runbook).toContain('backup="$(backup_name current-key-policy-dataset-group-key)"');
  expect(runbook).toContain('WHOLE policy');
});

test('after creating the PassRole policy, the runbook says how to attach it, update it, and make room for a version', () => {
  const passRoleLines = (answers: Answers) => {
    const all = lines(buildRunbook(answers, everything(answers)));
    const start = all.findIndex((line) => line.trim().startsWith('# Then attach it'));
    const end = all.findIndex((line, index) => index > start && !line.trim().startsWith('#'));
    return all.slice(start, end).map((line) => line.trim());
  };
  const arn = `arn:aws:iam::${ACCOUNT}:policy/PersonalizePassRole`;
  expect(passRoleLines(REALISTIC)).toEqual([
    '# Then attach it to each role or user that creates Personalize resources:',
    `#   aws iam attach-role-policy --role-name='<their-role-name>' --policy-arn='${arn}'`,
    `#   aws iam attach-user-policy --user-name='<their-user-name>' --policy-arn='${arn}'`,
    '# If PersonalizePassRole exists already, create-policy fails: update it instead.',
    `#   aws iam create-policy-version --policy-arn='${arn}' --policy-document file://personalize-passrole-policy.json --set-as-default`,
    '# That fails (LimitExceeded) once the policy has five versions, the most IAM keeps:',
    '# list them, delete one that is not the default (IsDefaultVersion false), then update',
    '# again.',
    `#   aws iam list-policy-versions --policy-arn='${arn}'`,
    `#   aws iam delete-policy-version --policy-arn='${arn}' --version-id='<version-id>'`,
  ]);
  expect(passRoleLines(CHINA).join('\n')).toContain(
    `--policy-arn='arn:aws-cn:iam::${ACCOUNT}:policy/PersonalizePassRole' --version-id='<version-id>'`,
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
  expect(code(runbook).filter((line) => line.startsWith('aws '))).toEqual([]);
});

test('the runbook names the answers a skipped part lacks, from the answers, not the text', () => {
  const runbook = buildRunbook(PLACEHOLDERS_ONLY, everything(PLACEHOLDERS_ONLY));
  const top = runbook.slice(0, runbook.indexOf('set -euo pipefail'));
  expect(top).toContain('# SKIPPED until these answers are given');
  expect(top).toMatch(
    /# {3}Bucket policy: <bucket-name> \(the name of the S3 bucket Personalize reads and\n# {3}writes\), <account-id>/,
  );
  // A valid IAM path that looks like a placeholder is a value, not a missing answer.
  const path = { ...REALISTIC, rolePath: '/<account-id>/' };
  const withPath = buildRunbook(path, everything(path));
  expect(withPath).not.toContain('SKIPPED');
  expect(withPath).not.toContain('skipped+=(');
});

test('with the confused-deputy conditions and no region, the key and bucket policies wait for the region', () => {
  const answers = { ...REALISTIC, confusedDeputy: true, region: '' };
  const documents = everything(answers);
  const runbook = buildRunbook(answers, documents);
  const top = runbook.slice(0, runbook.indexOf('set -euo pipefail'));
  const waiting = [
    'KMS key policy (bucket key)',
    'KMS key policy (dataset group key)',
    'Bucket policy',
    'Trust policy',
  ];
  for (const title of waiting) {
    expect(top).toMatch(
      new RegExp(`#   ${escapeRegExp(title)}: <region> \\(the region of your Personalize`),
    );
    expect(code(runbook)).toContain(
      `skipped+=('${title}: answer missing: the region of your Personalize resources, such as us-east-1')`,
    );
  }
  // Nothing that still holds <region> is put; the rest is.
  const puts = code(runbook).filter((line) => /^aws \S+ (put|update|create)-/.test(line));
  for (const document of documents) {
    const put = puts.some((line) => line.includes(`file://${document.fileName}`));
    expect([document.id, put]).toEqual([document.id, !document.json.includes('<region>')]);
  }
});

// ---------------------------------------------------------------------------
// Running the runbook with bash against a stand-in aws.

/**
 * A stand-in for the AWS CLI: it logs each call, answers from the files in
 * $FAKE_STATE and keeps what put commands give it there. Like the real CLI
 * (argparse), a value that starts with "--" and is not attached with "=" is
 * read as an option: it fails on the ones the tests use as names.
 */
const FAKE_AWS = `#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$FAKE_STATE/${CALL_LOG}"
for word in "$@"; do
  case "$word" in
    --debug|--help) echo "aws: $word was read as an option" >&2; exit 252 ;;
  esac
done
value() {
  local name="--$1" previous="" word
  shift
  for word in "$@"; do
    case "$word" in "$name="*) printf '%s' "\${word#*=}"; return ;; esac
    if [[ "$previous" == "$name" ]]; then printf '%s' "$word"; return; fi
    previous="$word"
  done
}
file() { local v; v="$(value "$@")"; printf '%s' "\${v#file://}"; }
key() { local id; id="$(value key-id "$@")"; printf '%s/key-%s.json' "$FAKE_STATE" "\${id##*/}"; }
missing() { echo "An error occurred ($1) when calling the $2 operation" >&2; exit 254; }
case "$1 $2" in
  "sts get-caller-identity") cat "$FAKE_STATE/account" ;;
  "kms get-key-policy") cat "$(key "$@")" ;;
  "kms put-key-policy") cp "$(file policy "$@")" "$(key "$@")" ;;
  "s3api get-bucket-policy")
    [[ ! -f "$FAKE_STATE/bucket-error" ]] || missing "$(cat "$FAKE_STATE/bucket-error")" GetBucketPolicy
    [[ -f "$FAKE_STATE/bucket.json" ]] || missing NoSuchBucketPolicy GetBucketPolicy
    cat "$FAKE_STATE/bucket.json" ;;
  "s3api put-bucket-policy") cp "$(file policy "$@")" "$FAKE_STATE/bucket.json" ;;
  "iam get-role") cat "$FAKE_STATE/trust.json" ;;
  "iam update-assume-role-policy") cp "$(file policy-document "$@")" "$FAKE_STATE/trust.json" ;;
  "iam get-role-policy")
    f="$FAKE_STATE/inline-$(value policy-name "$@").json"
    [[ -f "$f" ]] || missing NoSuchEntity GetRolePolicy
    cat "$f" ;;
  "iam put-role-policy")
    cp "$(file policy-document "$@")" "$FAKE_STATE/inline-$(value policy-name "$@").json" ;;
  "iam get-policy")
    [[ -f "$FAKE_STATE/managed.json" ]] || missing NoSuchEntity GetPolicy
    echo v1 ;;
  "iam get-policy-version") cat "$FAKE_STATE/managed.json" ;;
  "iam create-policy") cp "$(file policy-document "$@")" "$FAKE_STATE/managed.json" ;;
  *) echo "stand-in aws: no answer for $*" >&2; exit 2 ;;
esac
`;

/** The tools the runbook and the stand-in use; jq only when asked for. */
const TOOLS = ['bash', 'cat', 'cp', 'grep', 'mktemp', 'rm', 'sed', 'tr', 'wc'];

const onUnix = !node.platform.startsWith('win');

/** A sandbox with the downloaded files, whose runs give the account the credentials are for. */
interface Setup extends Omit<Sandbox, 'run'> {
  run: (options: { account: string; jq: boolean; input?: string }) => ScriptRun;
}

function setUp(
  answers: Answers,
  documents: readonly NeededDocument[],
  options: ExportOptions = {},
): Setup {
  const sandbox = createSandbox({
    name: 'personalize-runbook-',
    standIns: { aws: FAKE_AWS },
    paths: { bin: TOOLS, 'bin-jq': [...TOOLS, 'jq'] },
    neededBy: 'The runbook tests',
    files: [
      { fileName: 'runbook.sh', contents: buildRunbook(answers, documents, options) },
      ...runbookFiles(documents, options),
    ],
  });
  return {
    ...sandbox,
    run: ({ account, jq, input = '' }) => {
      sandbox.writeState('account', `${account}\n`);
      return sandbox.run({ script: 'runbook.sh', path: jq ? 'bin-jq' : 'bin', input });
    },
  };
}

function withSetUp<T>(setup: Setup, check: (setup: Setup) => T): T {
  try {
    return check(setup);
  } finally {
    setup.remove();
  }
}

const verbs = (run: ScriptRun) => run.calls.map((call) => call.split(' ').slice(0, 2).join(' '));
const puts = (run: ScriptRun) =>
  verbs(run).filter((verb) => /\b(put|update|create)-/.test(verb.split(' ')[1] ?? ''));

/** The key policy KMS gives a new key, as KMS prints it (" : " and all). */
const DEFAULT_KEY_POLICY = (account: string) => `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::${account}:root"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`;

/** A trust policy the role may have: Personalize, without conditions, and without a Sid. */
const PLAIN_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'personalize.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
});

// Both, always: a machine without jq fails the "with jq" runs (.ci/run installs it), so the
// comparison the runbook makes with jq is never left untested.
const JQ_MODES = [true, false];

describe.skipIf(!onUnix).each(JQ_MODES.map((jq) => [jq ? 'with jq' : 'without jq', jq] as const))(
  'running the runbook with bash, %s',
  (_mode, jq) => {
    const ONE = everything(CROSS_ACCOUNT).filter((d) => d.kind !== 'trust-policy');

    test('each account’s part runs in that account: the key in one run, the role’s in the other', () => {
      withSetUp(setUp(CROSS_ACCOUNT, ONE), (setup) => {
        setup.writeState(`key-${KEY_ID}.json`, DEFAULT_KEY_POLICY(OTHER_ACCOUNT));
        const keyRun = setup.run({ account: OTHER_ACCOUNT, jq });
        expect([keyRun.status, keyRun.stderr]).toEqual([0, '']);
        expect(puts(keyRun)).toEqual(['kms put-key-policy']);
        expect(keyRun.stdout).toContain(
          `Still to run with credentials for account ${ACCOUNT}: Service role IAM policy, S3 access policy, Bucket policy, PassRole policy.`,
        );
        const roleRun = setup.run({ account: ACCOUNT, jq });
        expect([roleRun.status, roleRun.stderr]).toEqual([0, '']);
        expect(puts(roleRun)).toEqual([
          'iam put-role-policy',
          'iam put-role-policy',
          's3api put-bucket-policy',
          'iam create-policy',
        ]);
        expect(roleRun.stdout).toContain(
          `Still to run with credentials for account ${OTHER_ACCOUNT}: KMS key policy.`,
        );
        expect(setup.readState(`key-${KEY_ID}.json`)).toBe(neededOf(ONE, 'key-policy').json);
      });
    });

    test('running it again keeps the first backups and reports what is in place already', () => {
      withSetUp(setUp(REALISTIC, everything(REALISTIC)), (setup) => {
        for (const keyId of [KEY, GROUP_KEY].map((arn) => arn.split('/').at(-1))) {
          setup.writeState(`key-${keyId ?? ''}.json`, DEFAULT_KEY_POLICY(ACCOUNT));
        }
        const trust = neededOf(everything(REALISTIC), 'trust-policy');
        setup.writeState('trust.json', trust.json);
        const first = setup.run({ account: ACCOUNT, jq });
        expect([first.status, first.stderr]).toEqual([0, '']);
        expect(first.stdout).toMatch(/Already applied, not put again:\n {2}Trust policy\n/);
        const firstBackup = setup.workFiles().filter((name) => name.startsWith('current-'));
        const second = setup.run({ account: ACCOUNT, jq });
        expect([second.status, second.stderr]).toEqual([0, '']);
        expect(puts(second)).toEqual([]);
        expect(second.stdout).not.toContain('Applied:');
        expect(second.stdout).toContain(
          'Already applied, not put again:\n  KMS key policy (bucket key)\n  KMS key policy (dataset group key)\n  Service role IAM policy\n  S3 access policy\n  Bucket policy\n  Trust policy\n  PassRole policy\n',
        );
        // The first backups are still the policies the keys had before.
        expect(setup.readWork('current-key-policy-bucket-key.json')).toBe(
          DEFAULT_KEY_POLICY(ACCOUNT),
        );
        expect(setup.workFiles().filter((name) => name.startsWith('current-'))).toEqual(
          [
            ...firstBackup,
            // The bucket had no policy before the first run, so nothing was saved then.
            'current-bucket-policy.json',
            'current-key-policy-bucket-key.2.json',
            'current-key-policy-dataset-group-key.2.json',
            'current-trust-policy.2.json',
          ].sort(),
        );
      });
    });

    test('names starting with - are values, never options', () => {
      const answers = validAnswers({
        ...REALISTIC,
        roleName: '--help',
        rolePath: '/<account-id>/',
      });
      const documents = everything(answers).filter((d) => d.kind !== 'trust-policy');
      withSetUp(setUp(answers, documents), (setup) => {
        for (const keyId of [KEY, GROUP_KEY].map((arn) => arn.split('/').at(-1))) {
          setup.writeState(`key-${keyId ?? ''}.json`, DEFAULT_KEY_POLICY(ACCOUNT));
        }
        const run = setup.run({ account: ACCOUNT, jq });
        expect([run.status, run.stderr]).toEqual([0, '']);
        expect(run.calls).toContainEqual(
          expect.stringContaining('put-role-policy --role-name=--help '),
        );
        expect(setup.readState('inline-PersonalizeKmsAccess.json')).toBe(
          neededOf(documents, 'iam-policy').json,
        );
      });
    });

    test('a current key policy with a statement the file lacks stops the put, and is named', () => {
      const hostile = {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Enable IAM User Permissions',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'AllowAuditors',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:role/Auditor` },
            Action: 'kms:DescribeKey',
            Resource: '*',
          },
        ],
      };
      withSetUp(setUp(CROSS_ACCOUNT, ONE), (setup) => {
        setup.writeState(`key-${KEY_ID}.json`, JSON.stringify(hostile));
        const run = setup.run({ account: OTHER_ACCOUNT, jq });
        expect(run.status).toBe(1);
        expect(puts(run)).toEqual([]);
        expect(run.stderr).toContain('Stopped before the KMS key policy');
        expect(run.stderr).toContain(
          jq ? 'statement 2 (Sid "AllowAuditors")' : 'Sid "AllowAuditors"',
        );
        expect(setup.readState(`key-${KEY_ID}.json`)).toBe(JSON.stringify(hostile));
      });
    });

    test('a reviewed merge is what it puts', () => {
      // The key's current policy (an auditor's statement besides the root's) with
      // the Personalize statement merged in, as the review step's merge writes it.
      const auditor = {
        Sid: 'AllowAuditors',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:role/Auditor` },
        Action: 'kms:DescribeKey',
        Resource: '*',
      };
      const keyPolicy = neededOf(ONE, 'key-policy').policy;
      const current = { ...keyPolicy, Statement: [keyPolicy.Statement[0], auditor] };
      const merged = `${JSON.stringify({ ...keyPolicy, Statement: [...current.Statement, keyPolicy.Statement[1]] }, null, 2)}\n`;
      const options: ExportOptions = { mergedKeyPolicies: { 'key-policy': merged } };
      withSetUp(setUp(CROSS_ACCOUNT, ONE, options), (setup) => {
        setup.writeState(`key-${KEY_ID}.json`, JSON.stringify(current));
        expect(setup.workFiles()).toContain('personalize-kms-key-policy-merged.json');
        const run = setup.run({ account: OTHER_ACCOUNT, jq });
        expect([run.status, run.stderr]).toEqual([0, '']);
        expect(run.calls).toContainEqual(
          expect.stringContaining('--policy file://personalize-kms-key-policy-merged.json'),
        );
        expect(setup.readState(`key-${KEY_ID}.json`)).toBe(merged);
      });
    });

    test('a part that lacks answers is skipped, the others run', () => {
      const answers = { ...REALISTIC, bucketName: '', region: '' };
      withSetUp(setUp(answers, everything(answers)), (setup) => {
        for (const keyId of [KEY, GROUP_KEY].map((arn) => arn.split('/').at(-1))) {
          setup.writeState(`key-${keyId ?? ''}.json`, DEFAULT_KEY_POLICY(ACCOUNT));
        }
        const run = setup.run({ account: ACCOUNT, jq });
        expect([run.status, run.stderr]).toEqual([0, '']);
        expect(puts(run)).toEqual([
          'kms put-key-policy',
          'kms put-key-policy',
          'iam put-role-policy',
          'iam create-policy',
        ]);
        expect(run.stdout).toContain(
          'Skipped, answers missing:\n  S3 access policy: answer missing: the name of the S3 bucket Personalize reads and writes\n  Bucket policy: answer missing: the name of the S3 bucket Personalize reads and writes\n  Trust policy: answer missing: the region of your Personalize resources, such as us-east-1\n',
        );
      });
    });

    test('stops before calling AWS when a policy file is missing', () => {
      withSetUp(setUp(REALISTIC, everything(REALISTIC)), (setup) => {
        node.rmSync(`${setup.work}/personalize-bucket-policy.json`, {
          recursive: false,
          force: true,
        });
        const run = setup.run({ account: ACCOUNT, jq });
        expect(run.status).toBe(1);
        expect(run.calls).toEqual([]);
        expect(run.stderr).toContain('Missing personalize-bucket-policy.json');
      });
    });

    test('stops on an error reading the bucket policy, but not on NoSuchBucketPolicy', () => {
      const documents = everything(REALISTIC).filter((d) => d.kind === 'bucket-policy');
      withSetUp(setUp(REALISTIC, documents), (setup) => {
        setup.writeState('bucket-error', 'AccessDenied');
        const denied = setup.run({ account: ACCOUNT, jq });
        expect([denied.status, puts(denied)]).toEqual([1, []]);
        expect(denied.stderr).toContain('AccessDenied');
        node.rmSync(`${setup.state}/bucket-error`, { recursive: false, force: true });
        const fine = setup.run({ account: ACCOUNT, jq });
        expect([fine.status, puts(fine)]).toEqual([0, ['s3api put-bucket-policy']]);
        expect(setup.workFiles()).not.toContain('current-bucket-policy.json');
      });
    });

    test('a current trust policy that the file does not hold as it is stops the update', () => {
      const documents = everything(REALISTIC).filter((d) => d.kind === 'trust-policy');
      withSetUp(setUp(REALISTIC, documents), (setup) => {
        setup.writeState('trust.json', PLAIN_TRUST);
        const run = setup.run({ account: ACCOUNT, jq, input: 'yes\n' });
        expect(run.status).toBe(1);
        expect(puts(run)).toEqual([]);
        expect(run.stderr).toContain(jq ? 'statement 1 (no Sid)' : 'without a Sid');
      });
    });
  },
);

test.skipIf(!onUnix)(
  'without jq, a statement without a Sid is put over only after a typed confirmation',
  () => {
    const documents = everything(REALISTIC).filter((d) => d.kind === 'trust-policy');
    withSetUp(setUp(REALISTIC, documents), (setup) => {
      setup.writeState('trust.json', PLAIN_TRUST);
      const refused = setup.run({ account: ACCOUNT, jq: false, input: 'yes\n' });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('1 statement(s) without a Sid');
      const confirmed = setup.run({ account: ACCOUNT, jq: false, input: 'DROP-UNNAMED\n' });
      expect([confirmed.status, puts(confirmed)]).toEqual([0, ['iam update-assume-role-policy']]);
    });
  },
);

test.each(SCENARIOS)('bash can parse the runbook: %s', (_name, { answers, documents }) => {
  const result = node.spawnSync('bash', ['-n'], {
    cwd: node.tmpdir(),
    input: buildRunbook(answers, documents),
    encoding: 'utf8',
    env: node.env,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
});
