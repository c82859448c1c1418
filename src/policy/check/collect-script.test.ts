/**
 * The collect script (collect-script.ts), run with bash against a stand-in `aws` that records
 * each call's arguments one by one and answers from a fixture of what AWS has, with a PATH of
 * only the tools the script may use (no jq). The file it writes is read back with readCollected.
 */
import { describe, expect, test } from 'vitest';

import { DEFAULT_ANSWERS, type Answers } from '../answers';
import {
  ACCOUNT,
  CHINA,
  FOREIGN_KEY,
  GROUP_KEY,
  KEY,
  MIXED_ACCOUNTS,
  ONE_KEY,
  REALISTIC,
} from '../test-support/export-scenarios';
import { CALL_LOG, node, toolPath, withSandbox } from '../test-support/shell-sandbox';
import { collectScript } from './collect-script';
import { readCollected } from './collected';
import { PLAIN_TRUST_POLICY } from './test-support/customer-policies';

/** What the stand-in AWS holds. */
interface AwsState {
  keys: Record<string, { region: string; state: string; policy: object }>;
  roles: Record<
    string,
    { arn: string; trust: object; inline: Record<string, object>; attached: string[] }
  >;
  managed: Record<string, { version: string; document: object }>;
  buckets: Record<string, { policy?: object; encryption?: object }>;
  /** Calls that fail: `service operation` to the error code and message. */
  failures?: Record<string, { code: string; message: string }>;
}

/**
 * A stand-in for the AWS CLI (Node): it appends its arguments to CALL_LOG as a JSON array,
 * reads options as the CLI does (`--name=value` or `--name value`, a value starting with `--`
 * being an option), refuses options it does not know, answers from state.json with the CLI's
 * JSON shapes, and applies the few `--query` paths the script uses.
 */
const FAKE_AWS = `#!${node.execPath}
const fs = require('node:fs');
const dir = process.env.FAKE_STATE;
const args = process.argv.slice(2);
fs.appendFileSync(dir + '/${CALL_LOG}', JSON.stringify(args) + '\\n');
const state = JSON.parse(fs.readFileSync(dir + '/state.json', 'utf8'));
const KNOWN = ['region', 'key-id', 'policy-name', 'query', 'output', 'role-name', 'policy-arn', 'version-id', 'bucket'];
function fail(status, text) { process.stderr.write(text + '\\n'); process.exit(status); }
function awsError(code, operation, message) {
  fail(254, '\\nAn error occurred (' + code + ') when calling the ' + operation + ' operation: ' + message);
}
const [service, operation, ...rest] = args;
const o = {};
for (let i = 0; i < rest.length; i += 1) {
  const word = rest[i];
  if (!word.startsWith('--')) fail(252, 'aws: error: unrecognized arguments: ' + word);
  const eq = word.indexOf('=');
  const name = eq > 0 ? word.slice(2, eq) : word.slice(2);
  if (!KNOWN.includes(name)) fail(252, 'aws: error: Unknown options: ' + word);
  if (eq > 0) { o[name] = word.slice(eq + 1); continue; }
  const next = rest[i + 1];
  if (next === undefined || next.startsWith('--')) fail(252, 'aws: error: argument ' + word + ': expected one argument');
  o[name] = next; i += 1;
}
const failure = (state.failures || {})[service + ' ' + operation];
if (failure) awsError(failure.code, operation, failure.message);
const last = (arn) => arn.slice(arn.lastIndexOf('/') + 1);
function answer() {
  const key = state.keys[o['key-id']];
  const role = state.roles[o['role-name']];
  const bucket = state.buckets[o.bucket];
  switch (service + ' ' + operation) {
    case 'kms describe-key':
    case 'kms get-key-policy':
      if (!key || key.region !== o.region) awsError('NotFoundException', operation, 'Key not found');
      if (operation === 'describe-key') return { KeyMetadata: { KeyId: last(o['key-id']), Arn: o['key-id'], KeyState: key.state, Enabled: key.state === 'Enabled' } };
      if (o['policy-name'] !== 'default') awsError('NotFoundException', operation, 'No such policy');
      return { Policy: JSON.stringify(key.policy), PolicyName: 'default' };
    case 'iam get-role':
    case 'iam list-role-policies':
    case 'iam get-role-policy':
    case 'iam list-attached-role-policies':
      if (!role) awsError('NoSuchEntity', operation, 'The role cannot be found.');
      if (operation === 'get-role') return { Role: { RoleName: o['role-name'], Arn: role.arn, AssumeRolePolicyDocument: role.trust } };
      if (operation === 'list-role-policies') return { PolicyNames: Object.keys(role.inline) };
      if (operation === 'list-attached-role-policies') return { AttachedPolicies: role.attached.map((arn) => ({ PolicyName: last(arn), PolicyArn: arn })) };
      if (!(o['policy-name'] in role.inline)) awsError('NoSuchEntity', operation, 'The role policy cannot be found.');
      return { RoleName: o['role-name'], PolicyName: o['policy-name'], PolicyDocument: role.inline[o['policy-name']] };
    case 'iam get-policy':
    case 'iam get-policy-version': {
      const policy = state.managed[o['policy-arn']];
      if (!policy) awsError('NoSuchEntity', operation, 'Policy does not exist.');
      if (operation === 'get-policy') return { Policy: { Arn: o['policy-arn'], DefaultVersionId: policy.version } };
      if (o['version-id'] !== policy.version) awsError('NoSuchEntity', operation, 'No such version.');
      return { PolicyVersion: { Document: policy.document, VersionId: policy.version, IsDefaultVersion: true } };
    }
    case 's3api get-bucket-policy':
      if (!bucket) awsError('NoSuchBucket', 'GetBucketPolicy', 'The specified bucket does not exist');
      if (!bucket.policy) awsError('NoSuchBucketPolicy', 'GetBucketPolicy', 'The bucket policy does not exist');
      return { Policy: JSON.stringify(bucket.policy) };
    case 's3api get-bucket-encryption':
      if (!bucket) awsError('NoSuchBucket', 'GetBucketEncryption', 'The specified bucket does not exist');
      return { ServerSideEncryptionConfiguration: bucket.encryption };
    default:
      fail(252, 'stand-in aws: no answer for ' + args.join(' '));
  }
}
let value = answer();
if (o.query !== undefined) {
  for (const part of o.query.split('.')) {
    value = part.endsWith('[]') ? value[part.slice(0, -2)] : Array.isArray(value) ? value.map((v) => v[part]) : value[part];
  }
}
if (o.output === 'text') {
  process.stdout.write((Array.isArray(value) ? value.join('\\t') : String(value)) + '\\n');
} else if (o.output === 'json') {
  process.stdout.write(JSON.stringify(value, null, 4) + '\\n');
} else {
  fail(252, 'stand-in aws: the script must say --output');
}
`;

/** A clock that always says the same time, so two runs can be compared byte for byte. */
const FAKE_DATE = `#!/bin/sh\necho 2026-12-07T22:00:00Z\n`;

/** The tools the script may use besides the AWS CLI: no jq. */
const TOOLS = ['bash', 'cat', 'mktemp', 'mv', 'rm', 'tr'];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Each call's arguments, as the stand-in received them. */
  calls: string[][];
  /** The collected file, when one was written. */
  file: string | undefined;
  /** The files in the folder the script ran in. */
  files: string[];
}

/** Runs the script for `answers` against `state`, `runs` times in the same folder. */
function runScript(answers: Answers, state: AwsState, runs = 1): Run[] {
  const { fileName, script } = collectScript(answers);
  const options = {
    name: 'personalize-collect-test-',
    standIns: { aws: FAKE_AWS, date: FAKE_DATE },
    paths: { bin: TOOLS },
    neededBy: 'The collect script tests',
    files: [{ fileName, contents: script }],
  };
  return withSandbox(options, (sandbox) => {
    sandbox.writeState('state.json', JSON.stringify(state));
    const results: Run[] = [];
    for (let run = 0; run < runs; run += 1) {
      const result = sandbox.run({ script: fileName, path: 'bin' });
      results.push({
        status: result.status,
        stdout: result.stdout,
        stderr: result.stderr,
        calls: result.calls.map((line) => JSON.parse(line) as string[]),
        file: sandbox.readWork('personalize-setup.json'),
        files: sandbox.workFiles(),
      });
    }
    // Nothing a value could have run may have left a trace anywhere in the folder.
    expect(node.readdirSync(sandbox.folder).sort()).toEqual(['aws-state', 'bin', 'work']);
    return results;
  });
}

function runOnce(answers: Answers, state: AwsState): Run {
  const [run] = runScript(answers, state);
  if (run === undefined) throw new Error('The script did not run.');
  return run;
}

// ---------------------------------------------------------------------------
// Fixtures

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/PersonalizeRole`;
const policy = (sid: string, action: string) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: sid, Effect: 'Allow', Action: action, Resource: '*' }],
});
const MANAGED = 'arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess';
const BUCKET_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PersonalizeS3BucketAccessPolicy',
      Effect: 'Allow',
      Principal: { Service: 'personalize.amazonaws.com' },
      Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
      Resource: ['arn:aws:s3:::my-personalize-data', 'arn:aws:s3:::my-personalize-data/*'],
    },
  ],
};
const ENCRYPTION = {
  Rules: [
    {
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY },
      BucketKeyEnabled: true,
    },
  ],
};

function awsWith(answers: Answers, changes: Partial<AwsState> = {}): AwsState {
  return {
    keys: {
      [KEY]: { region: 'us-east-1', state: 'Enabled', policy: policy('BucketKey', 'kms:*') },
      [GROUP_KEY]: {
        region: 'us-east-1',
        state: 'PendingDeletion',
        policy: policy('GroupKey', 'kms:*'),
      },
    },
    roles: {
      [answers.roleName]: {
        arn: ROLE_ARN,
        trust: PLAIN_TRUST_POLICY,
        inline: { S3Access: policy('S3', 's3:GetObject'), KmsAccess: policy('Kms', 'kms:Decrypt') },
        attached: [MANAGED],
      },
    },
    managed: { [MANAGED]: { version: 'v3', document: policy('Managed', 'personalize:*') } },
    buckets: { [answers.bucketName]: { policy: BUCKET_POLICY, encryption: ENCRYPTION } },
    ...changes,
  };
}

const verb = (call: readonly string[]) => `${call[0] ?? ''} ${call[1] ?? ''}`;

/** Every call the script may make: reads only. */
const READ_ONLY: Readonly<Record<string, readonly string[]>> = {
  kms: ['describe-key', 'get-key-policy'],
  iam: [
    'get-role',
    'list-role-policies',
    'get-role-policy',
    'list-attached-role-policies',
    'get-policy',
    'get-policy-version',
  ],
  s3api: ['get-bucket-policy', 'get-bucket-encryption'],
};

// ---------------------------------------------------------------------------

describe('with every answer, separate keys', () => {
  const run = runOnce(REALISTIC, awsWith(REALISTIC));

  test('it ends well and says where the file is', () => {
    expect(run.stderr).not.toContain('Failed');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Wrote personalize-setup.json: 13 calls, 0 failed');
  });

  test('it only reads: every call is in the table of read-only commands', () => {
    expect(run.calls.length).toBe(13);
    for (const call of run.calls) {
      expect(READ_ONLY[call[0] ?? '']).toContain(call[1]);
      expect(call[1]).toMatch(/^(get|list|describe)-/);
    }
  });

  test('it reads each key in its own region, from its ARN', () => {
    const kms = run.calls.filter((call) => call[0] === 'kms');
    expect(kms.map(verb)).toEqual([
      'kms describe-key',
      'kms get-key-policy',
      'kms describe-key',
      'kms get-key-policy',
    ]);
    for (const call of kms) expect(call).toContain('--region=us-east-1');
    expect(kms.map((call) => call.find((word) => word.startsWith('--key-id=')))).toEqual([
      `--key-id=${KEY}`,
      `--key-id=${KEY}`,
      `--key-id=${GROUP_KEY}`,
      `--key-id=${GROUP_KEY}`,
    ]);
  });

  test('it reads every inline policy and the default version of every attached one', () => {
    const names = run.calls
      .filter((call) => verb(call) === 'iam get-role-policy')
      .map((call) => call.find((word) => word.startsWith('--policy-name=')));
    expect(names).toEqual(['--policy-name=S3Access', '--policy-name=KmsAccess']);
    const version = run.calls.find((call) => verb(call) === 'iam get-policy-version');
    expect(version).toEqual(expect.arrayContaining([`--policy-arn=${MANAGED}`, '--version-id=v3']));
  });

  test('the file is JSON of the documented format, and fills every field of the Check', () => {
    expect(run.files).toEqual(['collect-personalize-setup.sh', 'personalize-setup.json']);
    const file = JSON.parse(run.file ?? '') as Record<string, unknown>;
    expect(file).toMatchObject({
      format: 'personalize-setup',
      version: 1,
      collectedAt: '2026-12-07T22:00:00Z',
    });
    const read = readCollected(run.file ?? '', REALISTIC);
    if (!read.ok) throw new Error(read.message);
    const parsed = (field: keyof typeof read.texts) =>
      JSON.parse(read.texts[field] ?? '') as unknown;
    expect(parsed('key-policy-bucket')).toEqual(policy('BucketKey', 'kms:*'));
    expect(parsed('key-policy-dataset-group')).toEqual(policy('GroupKey', 'kms:*'));
    expect(parsed('trustPolicy')).toEqual(PLAIN_TRUST_POLICY);
    expect(parsed('bucketPolicy')).toEqual(BUCKET_POLICY);
    expect(parsed('rolePolicies')).toEqual([
      policy('S3', 's3:GetObject'),
      policy('Kms', 'kms:Decrypt'),
      policy('Managed', 'personalize:*'),
    ]);
    expect(read.facts).toEqual({
      keys: [
        { arn: KEY, region: 'us-east-1', state: 'Enabled' },
        { arn: GROUP_KEY, region: 'us-east-1', state: 'PendingDeletion' },
      ],
      bucket: { encryption: 'aws:kms', encryptionKey: KEY, bucketKeyEnabled: true, vpcOnly: false },
    });
    expect(read.notes).toEqual([
      `Service role’s policies, in order: 1. S3Access (inline); 2. KmsAccess (inline); 3. ${MANAGED} (attached, default version v3).`,
    ]);
  });
});

test('run twice, it overwrites its own file with the same bytes and writes no other', () => {
  const [first, second] = runScript(ONE_KEY, awsWith(ONE_KEY), 2);
  expect(first?.status).toBe(0);
  expect(second?.status).toBe(0);
  expect(second?.file).toBe(first?.file);
  expect(second?.files).toEqual(['collect-personalize-setup.sh', 'personalize-setup.json']);
});

describe('a call that fails is recorded, and the script goes on', () => {
  // An error text with everything JSON must escape: quotes, a backslash, a tab, a control
  // character, and text that is not ASCII.
  const message = 'User: "arn:aws:iam::111122223333:user/a\\b"\tis not authorized \u0001— ok';
  const state = awsWith(ONE_KEY, {
    failures: { 's3api get-bucket-policy': { code: 'AccessDenied', message } },
  });
  const run = runOnce(ONE_KEY, state);

  test('every other call is still made, and the script ends with status 0', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('Failed (exit status 254): s3api get-bucket-policy');
    expect(run.calls.map(verb).slice(-2)).toEqual([
      's3api get-bucket-policy',
      's3api get-bucket-encryption',
    ]);
    expect(run.stdout).toContain('1 failed');
  });

  test('the file records its exit status and its error text, escaped', () => {
    const file = JSON.parse(run.file ?? '') as {
      bucket: { getBucketPolicy: { exitStatus: number; error: string } };
    };
    expect(file.bucket.getBucketPolicy).toEqual({
      exitStatus: 254,
      error: `\nAn error occurred (AccessDenied) when calling the get-bucket-policy operation: ${message.replace('\u0001', '')}`,
    });
  });

  test('the Check loads the rest and says what is missing', () => {
    const read = readCollected(run.file ?? '', ONE_KEY);
    if (!read.ok) throw new Error(read.message);
    expect(read.texts.bucketPolicy).toBeUndefined();
    expect(Object.keys(read.texts).sort()).toEqual(['key-policy', 'rolePolicies', 'trustPolicy']);
    expect(read.notes).toContainEqual(
      expect.stringMatching(
        /^The policy of the bucket my-personalize-data could not be read \(exit status 254: An error occurred \(AccessDenied\)/,
      ),
    );
  });
});

test('a bucket without a policy is recorded as such, and read as a policy granting nothing', () => {
  const state = awsWith(ONE_KEY);
  state.buckets[ONE_KEY.bucketName] = { encryption: ENCRYPTION };
  const run = runOnce(ONE_KEY, state);
  expect(run.status).toBe(0);
  const read = readCollected(run.file ?? '', ONE_KEY);
  if (!read.ok) throw new Error(read.message);
  expect(JSON.parse(read.texts.bucketPolicy ?? '')).toEqual({
    Version: '2012-10-17',
    Statement: [],
  });
  expect(read.facts.bucket?.vpcOnly).toBe(false);
});

describe('hostile values reach the CLI as single arguments and run nothing', () => {
  // Answers the schema would refuse, as a tampered page could give them.
  const hostile: Answers = {
    ...ONE_KEY,
    roleName: `--debug 'role' "$(touch pwned)" \`touch pwned\``,
    bucketName: '-bucket; touch pwned > out',
    keyArn: `--key-id=$(touch pwned) '`,
    region: 'us-east-1',
  };
  const names = ['--debug', `it's"quoted"`, '$(touch${IFS}pwned)', '*', '>out'];
  const state = awsWith(hostile, {
    keys: {
      [hostile.keyArn]: { region: 'us-east-1', state: 'Enabled', policy: PLAIN_TRUST_POLICY },
    },
  });
  const role = state.roles[hostile.roleName];
  if (role === undefined) throw new Error('No role in the fixture.');
  role.inline = Object.fromEntries(names.map((name) => [name, policy('S', 's3:GetObject')]));
  role.attached = [];
  const run = runOnce(hostile, state);

  test('each value is one argument, attached to its option', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('Failed');
    for (const call of run.calls) {
      if (call[0] === 'iam') expect(call).toContain(`--role-name=${hostile.roleName}`);
      if (call[0] === 's3api') expect(call).toContain(`--bucket=${hostile.bucketName}`);
      if (call[0] === 'kms') expect(call).toContain(`--key-id=${hostile.keyArn}`);
    }
    const asked = run.calls
      .filter((call) => verb(call) === 'iam get-role-policy')
      .map((call) => call.find((word) => word.startsWith('--policy-name=')));
    expect(asked).toEqual(names.map((name) => `--policy-name=${name}`));
  });

  test('nothing else was written (runScript checks the whole folder too)', () => {
    expect(run.files).toEqual(['collect-personalize-setup.sh', 'personalize-setup.json']);
  });

  test('the file holds the values as they are', () => {
    const file = JSON.parse(run.file ?? '') as {
      role: { name: string; inlinePolicies: { name: string }[] };
      bucket: { name: string };
      keys: { arn: string }[];
    };
    expect(file.role.name).toBe(hostile.roleName);
    expect(file.bucket.name).toBe(hostile.bucketName);
    expect(file.keys.map((key) => key.arn)).toEqual([hostile.keyArn]);
    expect(file.role.inlinePolicies.map((inline) => inline.name)).toEqual(names);
  });
});

describe('while answers it needs are missing, it refuses and names them', () => {
  test.each<[string, Answers, string[]]>([
    [
      'nothing answered, bucket encrypted',
      { ...DEFAULT_ANSWERS, operations: ['import'], bucketEncrypted: true },
      ['<personalize-role-name>', '<key-arn>', '<bucket-name>'],
    ],
    [
      'separate keys, the dataset group key missing',
      { ...REALISTIC, datasetGroupKeyArn: '' },
      ['<dataset-group-key-arn>'],
    ],
    [
      'nothing encrypted, no bucket',
      { ...ONE_KEY, bucketEncrypted: false, bucketName: '' },
      ['<bucket-name>'],
    ],
  ])('%s', (_name, answers, missing) => {
    const { script } = collectScript(answers);
    expect(script).toContain('# NOT READY');
    const run = runOnce(answers, awsWith(ONE_KEY));
    expect(run.status).toBe(1);
    expect(run.calls).toEqual([]);
    expect(run.file).toBeUndefined();
    const named = [...run.stderr.matchAll(/^ {2}(<[^>]+>)/gm)].map((match) => match[1]);
    expect(named).toEqual(missing);
  });
});

describe('each key is read in the region and partition of its ARN, and fills its field', () => {
  test.each<[string, Answers, string[]]>([
    ['aws-cn', CHINA, ['key-policy']],
    ['a key in another account', { ...ONE_KEY, keyArn: FOREIGN_KEY }, ['key-policy']],
    [
      'separate keys in two accounts',
      MIXED_ACCOUNTS,
      ['key-policy-bucket', 'key-policy-dataset-group'],
    ],
    [
      'a key in another region',
      { ...ONE_KEY, keyArn: KEY.replace('us-east-1', 'eu-west-1') },
      ['key-policy'],
    ],
  ])('%s', (_name, answers, fields) => {
    const arns = [answers.keyArn, answers.datasetGroupKeyArn].filter((arn) => arn !== '');
    const state = awsWith(answers, {
      keys: Object.fromEntries(
        arns.map((arn) => [
          arn,
          { region: arn.split(':')[3] ?? '', state: 'Enabled', policy: policy('K', 'kms:*') },
        ]),
      ),
    });
    const run = runOnce(answers, state);
    expect(run.stderr).not.toContain('Failed');
    for (const call of run.calls.filter((c) => c[0] === 'kms')) {
      const arn = call.find((word) => word.startsWith('--key-id='))?.slice('--key-id='.length);
      expect(call).toContain(`--region=${arn?.split(':')[3] ?? 'none'}`);
    }
    const read = readCollected(run.file ?? '', answers);
    if (!read.ok) throw new Error(read.message);
    expect(Object.keys(read.texts).filter((field) => field.startsWith('key-'))).toEqual(fields);
  });
});

test('with nothing encrypted, it reads no key', () => {
  const answers = { ...ONE_KEY, bucketEncrypted: false, keyArn: '' };
  const run = runOnce(answers, awsWith(answers));
  expect(run.status).toBe(0);
  expect(run.calls.filter((call) => call[0] === 'kms')).toEqual([]);
});

test('its header says what it reads, that it changes nothing, and what it overwrites', () => {
  const { fileName, script } = collectScript(REALISTIC);
  expect(fileName).toBe('collect-personalize-setup.sh');
  const header = script.slice(0, script.indexOf('set -u'));
  expect(header).toContain('changes nothing in AWS');
  expect(header).toContain('overwrites personalize-setup.json');
  for (const read of ['get-key-policy', 'describe-key', 'get-role', 'get-policy-version']) {
    expect(header).toContain(read);
  }
  expect(script).toContain('\nset -u\n');
  const code = script.split('\n').filter((line) => !line.trim().startsWith('#'));
  expect(code.filter((line) => /\bjq\b/.test(line))).toEqual([]);
});

test('a key in another account: the header says its policy needs that account', () => {
  const foreign = `arn:aws:kms:eu-west-1:444455556666:key/${KEY.slice(-36)}`;
  const { script } = collectScript({ ...ONE_KEY, keyArn: foreign });
  expect(script).toContain('# A key policy can be read only with credentials of the key');
  expect(script).toContain("--region='eu-west-1'");
});

test('the example in docs/check-file.md is a file the Check reads', () => {
  const doc = node.readFileSync('docs/check-file.md', 'utf8');
  const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
  const read = readCollected(example, ONE_KEY);
  if (!read.ok) throw new Error(read.message);
  expect(Object.keys(read.texts).sort()).toEqual([
    'bucketPolicy',
    'key-policy',
    'rolePolicies',
    'trustPolicy',
  ]);
  expect(read.facts.keys).toEqual([{ arn: KEY, region: 'us-east-1', state: 'Enabled' }]);
  expect(read.facts.bucket).toEqual({
    encryption: 'aws:kms',
    encryptionKey: KEY,
    bucketKeyEnabled: true,
    vpcOnly: false,
  });
});

test('run with sh instead of bash, it says to use bash and calls nothing', () => {
  const sh = toolPath('sh');
  if (sh === undefined) throw new Error('The collect script tests need sh.');
  const result = node.spawnSync(sh, ['-s'], {
    cwd: node.tmpdir(),
    input: collectScript(ONE_KEY).script,
    env: { PATH: '/nonexistent' },
    encoding: 'utf8',
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('Run it with bash: bash collect-personalize-setup.sh');
});
