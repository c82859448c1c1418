/**
 * Reading a collected file (collected.ts): files written here by hand in the documented format
 * (docs/check-file.md), as the collect script writes them; collect-script.test.ts reads back
 * files the real script wrote.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

import type { Answers } from '../answers';
import {
  ACCOUNT,
  GROUP_KEY,
  KEY,
  ONE_KEY,
  OTHER_ACCOUNT,
  REALISTIC,
} from '../test-support/export-scenarios';
import { COLLECTED_MAX_CHARS, readCollected, type CollectedRead } from './collected';
import { EMPTY_TEXTS } from './fields';
import { readInputs } from './inputs';
import { PLAIN_TRUST_POLICY } from './test-support/customer-policies';

/** One call as the file records it: what it printed, or how it failed. */
interface CallRecord {
  exitStatus: number;
  output?: string;
  error?: string;
}

const ok = (output: unknown): CallRecord => ({
  exitStatus: 0,
  output: typeof output === 'string' ? output : JSON.stringify(output, null, 4),
});
const failed = (code: string, exitStatus = 254): CallRecord => ({
  exitStatus,
  error: `\nAn error occurred (${code}) when calling the operation: it failed\n`,
});

const document = (sid: string) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: sid, Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }],
});
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/PersonalizeRole`;
const MANAGED = `arn:aws:iam::${ACCOUNT}:policy/PersonalizeExtra`;

const keyRecord = (arn: string, state = 'Enabled') => ({
  arn,
  describeKey: ok({ KeyMetadata: { Arn: arn, KeyState: state } }),
  keyPolicy: ok(JSON.stringify(document(`Key${arn.slice(-4)}`))),
});

/** A collected file as the script writes it for REALISTIC, with `changes` at the top level. */
function collected(changes: Record<string, unknown> = {}) {
  return {
    format: 'personalize-setup',
    version: 1,
    collectedAt: '2026-12-07T22:00:00Z',
    keys: [keyRecord(KEY), keyRecord(GROUP_KEY, 'Disabled')],
    role: {
      name: 'PersonalizeRole',
      getRole: ok({ Role: { Arn: ROLE_ARN, AssumeRolePolicyDocument: PLAIN_TRUST_POLICY } }),
      listRolePolicies: ok('Inline'),
      inlinePolicies: [
        {
          name: 'Inline',
          getRolePolicy: ok({ PolicyName: 'Inline', PolicyDocument: document('I') }),
        },
      ],
      listAttachedRolePolicies: ok(MANAGED),
      attachedPolicies: [
        {
          arn: MANAGED,
          getPolicy: ok('v2'),
          getPolicyVersion: ok({ PolicyVersion: { Document: document('M'), VersionId: 'v2' } }),
        },
      ],
    },
    bucket: {
      name: 'my-personalize-data',
      getBucketPolicy: ok(JSON.stringify(document('B'))),
      getBucketEncryption: ok({
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      }),
    },
    ...changes,
  };
}

type Collected = ReturnType<typeof collected>;

function read(file: unknown, answers: Answers = REALISTIC): Extract<CollectedRead, { ok: true }> {
  const result = readCollected(JSON.stringify(file), answers);
  if (!result.ok) throw new Error(result.message);
  return result;
}

function refused(text: string): string {
  const result = readCollected(text, REALISTIC);
  if (result.ok) throw new Error('The file was read.');
  return result.message;
}

const parsed = (text: string | undefined): unknown => JSON.parse(text ?? 'null');

describe('a file the script wrote fills the fields and the facts', () => {
  const result = read(collected());

  test('each key policy goes to the field of its key', () => {
    expect(parsed(result.texts['key-policy-bucket'])).toEqual(document(`Key${KEY.slice(-4)}`));
    expect(parsed(result.texts['key-policy-dataset-group'])).toEqual(
      document(`Key${GROUP_KEY.slice(-4)}`),
    );
    expect(result.texts['key-policy']).toBeUndefined();
  });

  test('the role’s policies are one JSON array of plain documents, named in the notes', () => {
    expect(parsed(result.texts.rolePolicies)).toEqual([document('I'), document('M')]);
    expect(result.notes).toEqual([
      `Service role’s policies, in order: 1. Inline (inline); 2. ${MANAGED} (attached, default version v2).`,
    ]);
  });

  test('the trust and bucket policies are plain policy JSON', () => {
    expect(parsed(result.texts.trustPolicy)).toEqual(PLAIN_TRUST_POLICY);
    expect(parsed(result.texts.bucketPolicy)).toEqual(document('B'));
  });

  test('the facts: each key’s region and state, the bucket’s encryption', () => {
    expect(result.facts).toEqual({
      keys: [
        { arn: KEY, region: 'us-east-1', state: 'Enabled' },
        { arn: GROUP_KEY, region: 'us-east-1', state: 'Disabled' },
      ],
      bucket: { encryption: 'AES256', vpcOnly: false },
    });
  });
});

test('keys are matched by ARN, not by their order in the file', () => {
  const result = read(collected({ keys: [keyRecord(GROUP_KEY), keyRecord(KEY)] }));
  expect(parsed(result.texts['key-policy-bucket'])).toEqual(document(`Key${KEY.slice(-4)}`));
});

test('with one key, its policy goes to the one key policy field', () => {
  const result = read(collected({ keys: [keyRecord(KEY)] }), ONE_KEY);
  expect(Object.keys(result.texts).filter((field) => field.startsWith('key-'))).toEqual([
    'key-policy',
  ]);
});

describe('notes say where the file differs from the answers, and it still loads', () => {
  test.each<[string, (file: Collected) => void, Answers, string]>([
    [
      'another key',
      (file) => {
        file.keys = [keyRecord(GROUP_KEY)];
      },
      ONE_KEY,
      `Current key policy: the file was collected for the key ${GROUP_KEY}, not ${KEY} as the answers say; its policy was loaded all the same.`,
    ],
    [
      'another role',
      (file) => {
        file.role.name = 'OtherRole';
        file.role.getRole = ok({
          Role: {
            Arn: `arn:aws:iam::${ACCOUNT}:role/service-role/OtherRole`,
            AssumeRolePolicyDocument: PLAIN_TRUST_POLICY,
          },
        });
      },
      REALISTIC,
      'The file was collected for the role OtherRole, not PersonalizeRole as the answers say; it was loaded all the same.',
    ],
    [
      'another account',
      (file) => {
        file.role.getRole = ok({
          Role: {
            Arn: ROLE_ARN.replace(ACCOUNT, OTHER_ACCOUNT),
            AssumeRolePolicyDocument: PLAIN_TRUST_POLICY,
          },
        });
      },
      REALISTIC,
      `The file was collected in the account ${OTHER_ACCOUNT}, not ${ACCOUNT} as the answers say; it was loaded all the same.`,
    ],
    [
      'another path',
      (file) => {
        file.role.getRole = ok({
          Role: {
            Arn: `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`,
            AssumeRolePolicyDocument: PLAIN_TRUST_POLICY,
          },
        });
      },
      REALISTIC,
      'The role’s path is /, not /service-role/ as the answers say: the documents name the role by its ARN, path included.',
    ],
    [
      'another bucket',
      (file) => {
        file.bucket.name = 'other-bucket';
      },
      REALISTIC,
      'The file was collected for the bucket other-bucket, not my-personalize-data as the answers say; it was loaded all the same.',
    ],
    [
      'a key the answers do not use',
      (file) => {
        file.keys.push(keyRecord(KEY.replace('us-east-1', 'eu-west-1')));
      },
      REALISTIC,
      `The file also has the key ${KEY.replace('us-east-1', 'eu-west-1')}, which the answers do not use: left out.`,
    ],
  ])('%s', (_name, change, answers, note) => {
    const file = collected();
    change(file);
    const result = read(file, answers);
    expect(result.notes).toContain(note);
    expect(result.texts.trustPolicy).toBeDefined();
  });
});

describe('notes say what the file lacks', () => {
  test('a failed call leaves its field out, with its exit status and error', () => {
    const file = collected();
    file.keys[1] = { ...keyRecord(GROUP_KEY), keyPolicy: failed('AccessDeniedException') };
    file.role.getRole = failed('AccessDenied');
    const result = read(file);
    expect(result.texts['key-policy-dataset-group']).toBeUndefined();
    expect(result.texts.trustPolicy).toBeUndefined();
    expect(result.notes).toEqual(
      expect.arrayContaining([
        `The policy of the key ${GROUP_KEY} (Current key policy (dataset group key)) could not be read (exit status 254: An error occurred (AccessDeniedException) when calling the operation: it failed).`,
        'The role PersonalizeRole (its trust policy) could not be read (exit status 254: An error occurred (AccessDenied) when calling the operation: it failed).',
      ]),
    );
  });

  test('a role policy that could not be read: the others load, and the note says the field is partial', () => {
    const file = collected();
    const attached = file.role.attachedPolicies[0];
    if (attached === undefined) throw new Error('No attached policy.');
    attached.getPolicyVersion = failed('AccessDenied');
    const result = read(file);
    expect(parsed(result.texts.rolePolicies)).toEqual([document('I')]);
    expect(result.notes).toContain(
      'Service role’s policies holds only the policies that could be read: what the others grant is not checked.',
    );
  });

  test('a role without policies is read as "[]", which is not a field left empty', () => {
    const file = collected();
    file.role.listRolePolicies = ok('');
    file.role.inlinePolicies = [];
    file.role.listAttachedRolePolicies = ok('');
    file.role.attachedPolicies = [];
    const result = read(file);
    expect(result.texts.rolePolicies).toBe('[]');
    expect(result.notes).toContain('The role has no inline or attached managed policies.');
  });

  test('a key whose state could not be read gives no facts for it', () => {
    const file = collected();
    file.keys[0] = { ...keyRecord(KEY), describeKey: failed('AccessDeniedException') };
    const result = read(file);
    expect(result.facts.keys?.map((key) => key.arn)).toEqual([GROUP_KEY]);
    expect(result.notes).toContainEqual(
      expect.stringMatching(
        /^The region and state of the key .* could not be read \(exit status 254/,
      ),
    );
  });

  test('a key in another region: its region is the ARN’s', () => {
    const west = KEY.replace('us-east-1', 'eu-west-1');
    const result = read(collected({ keys: [keyRecord(west)] }), { ...ONE_KEY, keyArn: west });
    expect(result.facts.keys).toEqual([{ arn: west, region: 'eu-west-1', state: 'Enabled' }]);
  });
});

describe('the bucket', () => {
  test('a VPC-only bucket policy sets vpcOnly', () => {
    const vpcOnly = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
        },
      ],
    };
    const file = collected();
    file.bucket.getBucketPolicy = ok(JSON.stringify(vpcOnly));
    expect(read(file).facts.bucket?.vpcOnly).toBe(true);
  });

  test('KMS default encryption with a Bucket Key', () => {
    const file = collected();
    file.bucket.getBucketEncryption = ok({
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY },
            BucketKeyEnabled: false,
          },
        ],
      },
    });
    expect(read(file).facts.bucket).toEqual({
      encryption: 'aws:kms',
      encryptionKey: KEY,
      bucketKeyEnabled: false,
      vpcOnly: false,
    });
  });

  test('encryption that could not be read leaves the encryption facts out, with a note', () => {
    const file = collected();
    file.bucket.getBucketEncryption = failed('AccessDenied');
    const result = read(file);
    expect(result.facts.bucket).toEqual({ vpcOnly: false });
    expect(result.notes).toContainEqual(
      expect.stringMatching(
        /^The default encryption of the bucket my-personalize-data could not be read/,
      ),
    );
  });
});

test('a policy the CLI printed as URL-encoded text is decoded', () => {
  const file = collected();
  file.role.getRole = ok({
    Role: {
      Arn: ROLE_ARN,
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(PLAIN_TRUST_POLICY)),
    },
  });
  expect(parsed(read(file).texts.trustPolicy)).toEqual(PLAIN_TRUST_POLICY);
});

test('a policy with a duplicate key reaches its field as written, where the check reports it', () => {
  const twice = '{"Version":"2012-10-17","Statement":[],"Statement":[{"Sid":"Hidden"}]}';
  const file = collected();
  file.bucket.getBucketPolicy = ok(twice);
  const text = read(file).texts.bucketPolicy ?? '';
  expect(text).toBe(twice);
  const [problem] = readInputs({ ...EMPTY_TEXTS, bucketPolicy: text }).problems;
  expect(problem?.message).toMatch(/Statement/);
});

test('a file saved with a byte order mark is read', () => {
  const result = readCollected(`\uFEFF${JSON.stringify(collected())}`, REALISTIC);
  expect(result.ok).toBe(true);
});

test('fields added beside version 1’s are ignored', () => {
  const result = read({ ...collected(), caller: { Account: ACCOUNT } });
  expect(result.texts.trustPolicy).toBeDefined();
});

describe('what is not a collected file gives a message, never an exception', () => {
  test.each<[string, string, RegExp]>([
    ['not JSON', '{"format": ', /^This file is not JSON/],
    ['JSON, not an object', '[1, 2]', /its "format" is not "personalize-setup"/],
    [
      'another format',
      JSON.stringify(collected({ format: 'iam-policy' })),
      /is not "personalize-setup"/,
    ],
    [
      'a newer version',
      JSON.stringify(collected({ version: 2 })),
      /version 2 of the collected file, newer than this page reads \(version 1\)/,
    ],
    [
      'version as a string',
      JSON.stringify(collected({ version: '1' })),
      /"version" \("1"\) is not one this page reads/,
    ],
    ['no version', JSON.stringify(collected({ version: undefined })), /"version" \(none\)/],
    [
      'a part missing',
      JSON.stringify(collected({ role: undefined })),
      /not as the collect script writes it at role/,
    ],
    [
      'a call record of neither kind',
      JSON.stringify(
        collected({
          bucket: { name: 'b', getBucketPolicy: { exitStatus: 0 }, getBucketEncryption: ok('') },
        }),
      ),
      /not as the collect script writes it at bucket\.getBucketPolicy/,
    ],
    ['too large', ' '.repeat(COLLECTED_MAX_CHARS + 1), /too large/],
  ])('%s', (_name, text, message) => {
    expect(refused(text)).toMatch(message);
  });

  test('any text or JSON value', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(collected({ role: v }))),
        ),
        (text) => {
          const result = readCollected(text, REALISTIC);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });
});
