import { describe, expect, test } from 'vitest';

import { type Answers, DEFAULT_ANSWERS } from './answers';
import { applyInstructions } from './apply';
import { buildPolicies, type NeededDocument } from './build';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const GROUP_KEY = 'arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef';

const SCENARIOS: [string, Answers][] = [
  [
    'one key, role with a path',
    {
      ...DEFAULT_ANSWERS,
      operations: ['import'],
      bucketEncrypted: true,
      accountId: '111122223333',
      roleName: 'PersonalizeRole',
      rolePath: '/service-role/',
      keyArn: KEY,
    },
  ],
  [
    'separate keys',
    {
      ...DEFAULT_ANSWERS,
      operations: ['export'],
      bucketEncrypted: true,
      datasetGroupEncrypted: true,
      keys: 'separate',
      accountId: '111122223333',
      roleName: 'PersonalizeRole',
      keyArn: KEY,
      datasetGroupKeyArn: GROUP_KEY,
    },
  ],
  ['placeholders', { ...DEFAULT_ANSWERS, operations: ['import'], bucketEncrypted: true }],
];

function needed(answers: Answers): NeededDocument[] {
  return buildPolicies(answers).documents.filter((d): d is NeededDocument => d.needed);
}

describe.each(SCENARIOS)('apply instructions: %s', (_name, answers) => {
  const documents = needed(answers);

  test('never bypass the lockout safety check', () => {
    for (const document of documents) {
      for (const command of applyInstructions(document, answers).cli) {
        expect(command).not.toContain('bypass-policy-lockout-safety-check');
      }
    }
  });

  test('put the file the Download button saves', () => {
    for (const document of documents) {
      const last = applyInstructions(document, answers).cli.at(-1) ?? '';
      expect(last).toContain(`file://${document.fileName}`);
    }
  });

  test('read each key’s current policy into its own file before replacing it', () => {
    const keyPolicies = documents.filter((d) => d.kind === 'key-policy');
    const backups = keyPolicies.map((document) => {
      const [read, put] = applyInstructions(document, answers).cli;
      expect(read).toMatch(
        /^aws kms get-key-policy .*--policy-name default --query Policy --output text > /,
      );
      expect(put).toMatch(/^aws kms put-key-policy .*--policy-name default --policy file:\/\//);
      return read?.split('> ')[1];
    });
    expect(new Set(backups).size).toBe(keyPolicies.length);
  });
});

test('the role policy command names the role without its path', () => {
  const answers = SCENARIOS[0]?.[1] ?? DEFAULT_ANSWERS;
  const iam = needed(answers).find((d) => d.kind === 'iam-policy');
  expect(iam).toBeDefined();
  if (!iam) return;
  expect(applyInstructions(iam, answers).cli[0]).toContain('--role-name PersonalizeRole ');
});

test('each key policy is put on its own key', () => {
  const answers = SCENARIOS[1]?.[1] ?? DEFAULT_ANSWERS;
  const keyPolicies = needed(answers).filter((d) => d.kind === 'key-policy');
  const commands = keyPolicies.map((document) => applyInstructions(document, answers).cli[1]);
  expect(commands).toEqual([
    expect.stringContaining(`--key-id ${KEY} `),
    expect.stringContaining(`--key-id ${GROUP_KEY} `),
  ]);
});
