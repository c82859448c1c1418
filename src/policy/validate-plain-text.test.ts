/**
 * Messages are shown as plain text (field errors, notices, alerts): Markdown
 * in them would reach the user as literal backticks, asterisks or brackets.
 * Every message the validators, the answers schema, the key policy merge and
 * the share link reader give for a broad set of bad inputs is checked, and so
 * is the prose the builder writes around the documents.
 */
import { describe, expect, it } from 'vitest';

import { decodeShareLink } from '../link/share-link';
import { DEFAULT_ANSWERS, parseAnswers, salvageAnswers, type Answers } from './answers';
import { applyInstructions } from './apply';
import { buildPolicies } from './build';
import { buildCompanionDocuments, companionNotes } from './companions';
import type { PolicyStatement } from './document';
import { compareEditions } from './editions';
import { preflightChecks } from './preflight';
import { mergeKeyPolicy, type MergeContext } from './merge';
import { EDITIONS_AND_OPERATIONS } from './test-support/kms-rules';
import {
  accountIdProblem,
  bucketNameProblem,
  bucketNameWarning,
  keyArnProblem,
  keyRegionWarning,
  parseKeyArn,
  parseRoleArn,
  regionProblem,
  roleNameProblem,
  rolePathProblem,
} from './validate';

/** Backticks, bold or underscore emphasis, links, headings, quotes and list items. */
const MARKDOWN = /`|\*\*|__|\[[^\]]*\]\([^)]*\)|^\s{0,3}#{1,6}\s|^\s{0,3}>\s|^\s{0,3}[-*+]\s/m;

function expectPlainText(messages: readonly (string | undefined)[]): void {
  const texts = messages.filter((message): message is string => message !== undefined);
  expect(texts.length).toBeGreaterThan(0);
  expect(texts.filter((text) => MARKDOWN.test(text))).toEqual([]);
}

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const BAD_KEYS = [
  'alias/my-key',
  'arn:aws:kms:us-east-1:111122223333:alias/my-key',
  '1234abcd-12ab-34cd-56ef-1234567890ab',
  'arn:aws:kms:us-east-1:111122223333:key/ 1234',
  'not an arn',
  'key',
  'arn:aws:s3:::bucket',
  'arn::kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'arn:aws-xx:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'arn:aws:kms::111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'arn:aws:kms:us-east-1:1111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'arn:aws:kms:us-east-1:111122223333:key/NOT-A-UUID',
];

const BAD_ROLES = [
  'arn:aws:iam::111122223333:role/My Role',
  'MyRole',
  'arn:aws:s3:::bucket',
  'arn:aws-xx:iam::111122223333:role/MyRole',
  'arn:aws:iam::1111:role/MyRole',
  'arn:aws:iam::111122223333:role/',
  `arn:aws:iam::111122223333:role/${'R'.repeat(70)}`,
  'arn:aws:iam::111122223333:role/path//MyRole',
];

const BAD_WORDS = ['', ' ', 'x', '1234', 'a b', 'Bad_Name', '-x-', 'x'.repeat(600), '/a', 'a/'];

describe('messages are plain text, without Markdown', () => {
  const keyInNewRegion = parseKeyArn(
    'arn:aws:kms:ap-south-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  );
  // Each validator on its own, so one that says nothing for these inputs fails.
  it.each<[string, (string | undefined)[]]>([
    ['keyArnProblem', BAD_KEYS.map(keyArnProblem)],
    [
      'parseRoleArn',
      BAD_ROLES.map((role) => {
        const parsed = parseRoleArn(role);
        return parsed.ok ? undefined : parsed.message;
      }),
    ],
    ['regionProblem', BAD_WORDS.map(regionProblem)],
    ['accountIdProblem', BAD_WORDS.map(accountIdProblem)],
    ['roleNameProblem', BAD_WORDS.map(roleNameProblem)],
    ['rolePathProblem', BAD_WORDS.map(rolePathProblem)],
    ['bucketNameProblem', BAD_WORDS.map(bucketNameProblem)],
    // Names S3 takes only from older buckets.
    ['bucketNameWarning', ['my-bucket-', 'my_bucket', 'MyBucket'].map(bucketNameWarning)],
    [
      'keyRegionWarning',
      [keyInNewRegion === undefined ? undefined : keyRegionWarning(keyInNewRegion)],
    ],
  ])('the field validator %s', (_name, messages) => {
    expectPlainText(messages);
  });

  it('the alias message sets the command apart by quotes', () => {
    // The alias message names the command that prints the key ARN.
    expect(keyArnProblem('alias/my-key')).toContain(
      '“aws kms describe-key --key-id alias/NAME --query KeyMetadata.Arn --output text” prints it.',
    );
  });

  it('the answers schema', () => {
    const bad: unknown[] = [
      { ...DEFAULT_ANSWERS, keyArn: 'alias/my-key', bucketEncrypted: true },
      { ...DEFAULT_ANSWERS, datasetGroupKeyArn: 'alias/x', datasetGroupEncrypted: true },
      { ...DEFAULT_ANSWERS, accountId: '12', roleName: 'a b', rolePath: 'x', region: 'mars-1' },
      { ...DEFAULT_ANSWERS, guide: '2023-01', operations: ['batch-segment'] },
      { ...DEFAULT_ANSWERS, bucketName: 'Bad_Bucket', partition: 'aws-cn', keyArn: KEY },
      { operations: 'import' },
      null,
    ];
    expectPlainText(
      bad.flatMap((input) => {
        const parsed = parseAnswers(input);
        return [
          ...(parsed.ok ? [] : parsed.findings.map((finding) => finding.message)),
          ...salvageAnswers(input).findings.map((finding) => finding.message),
        ];
      }),
    );
  });

  it('the key policy merge: its problems and warnings', () => {
    const context: MergeContext = { keyAccountId: '111122223333', partition: 'aws' };
    const ours: PolicyStatement = {
      Sid: 'Allow Amazon Personalize to use the key',
      Effect: 'Allow',
      Principal: { Service: 'personalize.amazonaws.com' },
      Action: ['kms:Decrypt'],
      Resource: '*',
    };
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Allow use by app',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:role/AppUser' },
          Action: 'kms:Decrypt',
          Resource: '*',
        },
      ],
    };
    const pasted = [
      '',
      '{"Version": ',
      "'{}'",
      '"{\\"Version\\": 1}"',
      '[1, 2]',
      'null',
      '{"Version": "2012-10-17"}',
      '{"Sid": "x", "Effect": "Allow", "Action": "kms:*", "Resource": "*"}',
      '{"Statement": 1}',
      '{"Statement": [1]}',
      '{"Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}',
      '{"a": 1, "a": 2}',
      '['.repeat(500),
      ' '.repeat(70_000),
      JSON.stringify(JSON.stringify(policy)),
      JSON.stringify({ Policy: JSON.stringify(policy), PolicyName: 'default' }),
      JSON.stringify({ ...policy, Statement: [...policy.Statement, ...policy.Statement] }),
      JSON.stringify(policy),
      JSON.stringify({ ...policy, Statement: [...policy.Statement, ours] }),
      JSON.stringify({ ...policy, Statement: [...policy.Statement, { ...ours, Action: 'x' }] }),
    ];
    expectPlainText(
      pasted.flatMap((text) =>
        [false, true].flatMap((addRootStatement) => {
          const result = mergeKeyPolicy(text, ours, context, { addRootStatement });
          return result.ok
            ? [
                ...result.warnings.map((warning) => warning.message),
                ...result.changes.map((change) => change.summary),
              ]
            : result.problems.map((problem) => problem.message);
        }),
      ),
    );
  });

  it('the share link notices', () => {
    const links = [
      '?v=1&key=alias/foo&enc=bucket',
      '?v=1&key=arn:aws:kms:us-east-1:111122223333:alias/foo&enc=bucket',
      '?v=1&account=12&role=a+b&path=x&ops=import,hack&step=nowhere',
      '?v=2&partition=mars&region=x&bucket=Bad_Bucket&dataset-group-key=1',
      '?v=x&account=%zz&account=111122223333',
      `?v=1&role=${'R'.repeat(3000)}`,
      `?v=1&${'a=1&'.repeat(3000)}`,
      '?v=1&guide=2023-01&ops=batch-segment',
    ];
    expectPlainText(
      links.flatMap((link) => decodeShareLink(link).notices.map((notice) => notice.message)),
    );
  });

  it('the prose around the documents', () => {
    // Each edition with every operation it covers, so each operation's words are checked.
    const answers: Answers[] = [
      DEFAULT_ANSWERS,
      ...EDITIONS_AND_OPERATIONS.map(({ edition, operations }) => ({
        ...DEFAULT_ANSWERS,
        guide: edition,
        operations,
        bucketEncrypted: true,
        datasetGroupEncrypted: true,
        keys: 'separate' as const,
        keyArn: KEY,
        datasetGroupKeyArn:
          'arn:aws:kms:us-east-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321',
        accountId: '111122223333',
        roleName: 'PersonalizeRole',
        bucketName: 'my-bucket',
      })),
    ];
    expectPlainText(
      answers.flatMap((input) => {
        const { documents, ...rest } = buildPolicies(input);
        const all = [...documents, ...buildCompanionDocuments(input)];
        const needed = all.filter((document) => document.needed);
        return [
          ...collectStrings(all),
          ...needed.flatMap((document) => collectStrings(applyInstructions(document, input))),
          ...collectStrings(rest),
          ...companionNotes(input),
          ...collectStrings(compareEditions(input)),
          ...collectStrings(preflightChecks(input, needed)),
        ];
      }),
    );
  });
});

/** Every string in a value, at any depth. */
function collectStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(collectStrings);
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).flatMap(collectStrings);
  }
  return [];
}
