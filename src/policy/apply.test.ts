import { describe, expect, test } from 'vitest';

import { type Answers, DEFAULT_ANSWERS } from './answers';
import { applyInstructions, getKeyPolicyCommand, iamPolicyName, keyArnFor } from './apply';
import { buildPolicies, type DocumentId, type DocumentKind, type NeededDocument } from './build';
import { buildCompanionDocuments } from './companions';
import { PLACEHOLDERS_ONLY, validAnswers } from './test-support/answers';
import { companions, kmsDocuments, neededOf } from './test-support/documents';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const GROUP_KEY = 'arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef';

const FOREIGN_KEY = 'arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const ONE_KEY: Answers = {
  ...DEFAULT_ANSWERS,
  operations: ['import'],
  bucketEncrypted: true,
  accountId: '111122223333',
  roleName: 'PersonalizeRole',
  rolePath: '/service-role/',
  keyArn: KEY,
};

const SEPARATE_KEYS: Answers = {
  ...DEFAULT_ANSWERS,
  operations: ['export'],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  keys: 'separate',
  accountId: '111122223333',
  roleName: 'PersonalizeRole',
  keyArn: KEY,
  datasetGroupKeyArn: GROUP_KEY,
};

const SCENARIOS: [string, Answers][] = [
  ['one key, role with a path', ONE_KEY],
  ['separate keys', SEPARATE_KEYS],
  ['placeholders', PLACEHOLDERS_ONLY],
];

/** The companion document with this id, for these answers. */
function companionDocument(answers: Answers, id: DocumentId): NeededDocument {
  return neededOf(buildCompanionDocuments(answers), id);
}

describe.each(SCENARIOS)('apply instructions: %s', (_name, answers) => {
  const documents = [...kmsDocuments(answers), ...companions(answers)];

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
  const iam = neededOf(buildPolicies(ONE_KEY).documents, 'iam-policy');
  expect(applyInstructions(iam, ONE_KEY).cli[0]).toContain("--role-name='PersonalizeRole' ");
});

test('each key policy is put on its own key', () => {
  const answers = SEPARATE_KEYS;
  const keyPolicies = kmsDocuments(answers).filter((d) => d.kind === 'key-policy');
  const commands = keyPolicies.map((document) => applyInstructions(document, answers).cli[1]);
  expect(commands).toEqual([
    expect.stringContaining(`--key-id='${KEY}' `),
    expect.stringContaining(`--key-id='${GROUP_KEY}' `),
  ]);
});

test('the command list is the backup, if any, then the put', () => {
  const answers = ONE_KEY;
  for (const document of [...kmsDocuments(answers), ...companions(answers)]) {
    const how = applyInstructions(document, answers);
    expect(how.cli).toEqual(how.backup ? [how.backup.command, how.put] : [how.put]);
    if (how.backup) expect(how.backup.command).toContain(`> ${how.backup.fileName}`);
  }
});

const COMPANION_CASES: [DocumentId, RegExp[], string][] = [
  [
    's3-access-policy',
    [
      /^aws iam put-role-policy --role-name='PersonalizeRole' --policy-name PersonalizeS3Access --policy-document file:\/\/personalize-service-role-s3-policy\.json$/,
    ],
    'Create inline policy',
  ],
  [
    'bucket-policy',
    [
      /^aws s3api get-bucket-policy --bucket='my-personalize-data' --query Policy --output text > current-bucket-policy\.json$/,
      /^aws s3api put-bucket-policy --bucket='my-personalize-data' --policy file:\/\/personalize-bucket-policy\.json$/,
    ],
    'Bucket policy',
  ],
  [
    'trust-policy',
    [
      /^aws iam get-role --role-name='PersonalizeRole' --query Role\.AssumeRolePolicyDocument --output json > current-trust-policy\.json$/,
      /^aws iam update-assume-role-policy --role-name='PersonalizeRole' --policy-document file:\/\/personalize-service-role-trust-policy\.json$/,
    ],
    'Trust relationships',
  ],
  [
    'passrole-policy',
    [
      /^aws iam create-policy --policy-name PersonalizePassRole --policy-document file:\/\/personalize-passrole-policy\.json$/,
    ],
    'Create policy',
  ],
];

test.each(COMPANION_CASES)('%s: commands and console', (id, commands, consoleStep) => {
  const answers: Answers = {
    ...ONE_KEY,
    bucketName: 'my-personalize-data',
  };
  const how = applyInstructions(companionDocument(answers, id), answers);
  expect(how.cli).toHaveLength(commands.length);
  how.cli.forEach((command, index) => {
    expect(command).toMatch(commands[index] ?? /^$/);
  });
  expect(how.console).toContain(consoleStep);
  expect(how.account).toBe('111122223333');
});

test('policies that replace a whole policy say so', () => {
  const answers = ONE_KEY;
  for (const id of ['bucket-policy', 'trust-policy'] as const) {
    expect(applyInstructions(companionDocument(answers, id), answers).caution).toMatch(
      /replaces the .*whole/,
    );
  }
});

test('the PassRole policy is for the people who pass the role, not for the role', () => {
  const answers = ONE_KEY;
  const how = applyInstructions(companionDocument(answers, 'passrole-policy'), answers);
  expect(how.cli.join('\n')).not.toContain('put-role-policy');
  expect(how.caution).toContain('not for the service role');
});

test('the PassRole policy says how to attach it, update it when it exists, and what to do at five versions', () => {
  const answers = ONE_KEY;
  const how = applyInstructions(companionDocument(answers, 'passrole-policy'), answers);
  const arn = 'arn:aws:iam::111122223333:policy/PersonalizePassRole';
  expect(how).toHaveProperty('policyArn', arn);
  expect(how.then).toEqual([
    {
      when: 'Then attach it to each role or user that creates Personalize resources:',
      commands: [
        `aws iam attach-role-policy --role-name='<their-role-name>' --policy-arn='${arn}'`,
        `aws iam attach-user-policy --user-name='<their-user-name>' --policy-arn='${arn}'`,
      ],
    },
    {
      when: 'If PersonalizePassRole exists already, create-policy fails: update it instead.',
      commands: [
        `aws iam create-policy-version --policy-arn='${arn}' --policy-document file://personalize-passrole-policy.json --set-as-default`,
      ],
    },
    {
      when: 'That fails (LimitExceeded) once the policy has five versions, the most IAM keeps: list them, delete one that is not the default (IsDefaultVersion false), then update again.',
      commands: [
        `aws iam list-policy-versions --policy-arn='${arn}'`,
        `aws iam delete-policy-version --policy-arn='${arn}' --version-id='<version-id>'`,
      ],
    },
  ]);
});

test('each IAM policy document has its own name; the other documents have none', () => {
  const documents = [...kmsDocuments(SEPARATE_KEYS), ...companions(SEPARATE_KEYS)];
  const isIam = (d: NeededDocument) => d.kind === 'iam-policy' || d.kind === 'managed-policy';
  const iam = documents.filter(isIam);
  const others = documents.filter((d) => !isIam(d));
  expect(Object.fromEntries(iam.map((d) => [d.id, iamPolicyName(d)]))).toEqual({
    // The names a user's account keeps: literal, so renaming a constant fails here.
    'iam-policy': 'PersonalizeKmsAccess',
    's3-access-policy': 'PersonalizeS3Access',
    'passrole-policy': 'PersonalizePassRole',
  });
  // And each is put in place under that name.
  for (const document of iam) {
    expect(applyInstructions(document, SEPARATE_KEYS).put).toContain(
      `--policy-name ${iamPolicyName(document)} `,
    );
  }
  expect(others.map((d) => d.id)).toEqual([
    'key-policy-bucket',
    'key-policy-dataset-group',
    'bucket-policy',
    'trust-policy',
  ]);
  for (const document of others) {
    expect(() => iamPolicyName(document)).toThrow(
      `The ${document.id} document is not an IAM policy.`,
    );
  }
});

test('only key policies name a key: the key’s ARN, its placeholder, or an error for the rest', () => {
  const documents = [...kmsDocuments(SEPARATE_KEYS), ...companions(SEPARATE_KEYS)];
  const keyPolicies = documents.filter((d) => d.kind === 'key-policy');
  expect(Object.fromEntries(keyPolicies.map((d) => [d.id, keyArnFor(d)]))).toEqual({
    'key-policy-bucket': SEPARATE_KEYS.keyArn,
    'key-policy-dataset-group': SEPARATE_KEYS.datasetGroupKeyArn,
  });
  const unanswered = kmsDocuments({ ...SEPARATE_KEYS, keyArn: '', datasetGroupKeyArn: '' });
  expect(unanswered.filter((d) => d.kind === 'key-policy').map(keyArnFor)).toEqual([
    '<bucket-key-arn>',
    '<dataset-group-key-arn>',
  ]);
  for (const document of documents.filter((d) => d.kind !== 'key-policy')) {
    expect(() => keyArnFor(document)).toThrow(`The ${document.id} document belongs to no KMS key.`);
  }
});

test('a key in another account and region is put with that account and region', () => {
  const answers: Answers = { ...ONE_KEY, keyArn: FOREIGN_KEY };
  const documents = buildPolicies(answers).documents;
  const how = applyInstructions(neededOf(documents, 'key-policy'), answers);
  expect(how.account).toBe('444455556666');
  expect(how.put).toContain(`--region='eu-west-1' --key-id='${FOREIGN_KEY}' `);
  const iam = neededOf(documents, 'iam-policy');
  expect(applyInstructions(iam, answers).account).toBe('111122223333');
});

test('separate keys without ARNs get a placeholder each', () => {
  const answers: Answers = {
    ...SEPARATE_KEYS,
    keyArn: '',
    datasetGroupKeyArn: '',
  };
  const puts = kmsDocuments(answers)
    .filter((d) => d.kind === 'key-policy')
    .map((document) => applyInstructions(document, answers).put);
  expect(puts).toEqual([
    expect.stringContaining("--key-id='<bucket-key-arn>' "),
    expect.stringContaining("--key-id='<dataset-group-key-arn>' "),
  ]);
});

test('the command that prints a key’s current policy names its key, and its region when known', () => {
  const foreign: Answers = { ...ONE_KEY, keyArn: FOREIGN_KEY };
  expect(
    getKeyPolicyCommand(neededOf(buildPolicies(foreign).documents, 'key-policy'), foreign),
  ).toBe(
    `aws kms get-key-policy --region='eu-west-1' --key-id='${FOREIGN_KEY}' --policy-name default --query Policy --output text`,
  );
  const unknown: Answers = { ...SEPARATE_KEYS, keyArn: '', datasetGroupKeyArn: '' };
  expect(
    kmsDocuments(unknown)
      .filter((d) => d.kind === 'key-policy')
      .map((document) => getKeyPolicyCommand(document, unknown)),
  ).toEqual([
    "aws kms get-key-policy --key-id='<bucket-key-arn>' --policy-name default --query Policy --output text",
    "aws kms get-key-policy --key-id='<dataset-group-key-arn>' --policy-name default --query Policy --output text",
  ]);
});

test('a document of a kind without instructions is an error', () => {
  const document = {
    ...neededOf(buildPolicies(ONE_KEY).documents, 'iam-policy'),
    kind: 'unknown-policy' as DocumentKind,
  };
  expect(() => applyInstructions(document, ONE_KEY)).toThrow(
    'No case for the document kind "unknown-policy".',
  );
});

test('placeholders stand in for missing answers', () => {
  const answers = PLACEHOLDERS_ONLY;
  const cli = [...kmsDocuments(answers), ...companions(answers)]
    .flatMap((document) => applyInstructions(document, answers).cli)
    .join('\n');
  expect(cli).toContain("--key-id='<key-arn>' ");
  expect(cli).toContain("--role-name='<personalize-role-name>' ");
  expect(cli).toContain("--bucket='<bucket-name>' ");
});

test('copied one by one, the commands never read a value as an option or a placeholder as a redirection', () => {
  const answers = validAnswers({ ...ONE_KEY, roleName: '--debug', bucketName: 'my-bucket' });
  const names = [...kmsDocuments(answers), ...companions(answers)].flatMap((document) => {
    const how = applyInstructions(document, answers);
    return [...how.cli, ...(how.then ?? []).flatMap((then) => then.commands)];
  });
  for (const command of names) {
    // Every option with a value from the answers or a placeholder has it attached and
    // quoted; the only options followed by a space hold the wizard's own constants.
    const constants =
      / --(policy-name (default|PersonalizeKmsAccess|PersonalizeS3Access|PersonalizePassRole)|query \S+|output (text|json)|policy(-document)? file:\/\/\S+)/g;
    expect(command.replace(constants, '')).not.toMatch(/ --[a-z-]+ /);
    expect(command).not.toMatch(/[^'=]<[a-z-]+>/);
  }
  expect(names).toContainEqual(expect.stringContaining("--role-name='--debug' "));
});

test('a merged key policy is put from its own file', () => {
  const keyPolicy = neededOf(buildPolicies(ONE_KEY).documents, 'key-policy');
  const how = applyInstructions(keyPolicy, ONE_KEY, {
    fileName: 'personalize-kms-key-policy-merged.json',
  });
  expect(how.put).toMatch(/ --policy file:\/\/personalize-kms-key-policy-merged\.json$/);
});
