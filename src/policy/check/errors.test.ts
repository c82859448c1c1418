import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

import type { Answers } from '../answers';
import { answersWith } from '../test-support/answers';
import {
  ERROR_CATALOGUE,
  ERROR_IDS,
  type ErrorId,
  explainError,
  MESSAGE_MAX_LENGTH,
} from './errors';
import { SAMPLE_MESSAGES } from './test-support/error-messages';
import {
  type CheckFinding,
  type CheckReport,
  type ExplainedError,
  type MessageFacts,
  SETUP_FINDING_IDS,
} from './types';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const OTHER_REGION_KEY =
  'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const OTHER_ACCOUNT_KEY =
  'arn:aws:kms:us-east-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321';
const ROLE = 'arn:aws:iam::111122223333:role/service-role/PersonalizeRole';
const SESSION = 'arn:aws:sts::111122223333:assumed-role/PersonalizeRole/PersonalizeSession';

/** A team importing from and exporting to an encrypted bucket, every name answered. */
const SETUP: Answers = answersWith({
  operations: ['import', 'export'],
  bucketEncrypted: true,
  accountId: '111122223333',
  roleName: 'PersonalizeRole',
  rolePath: '/service-role/',
  keyArn: KEY,
  bucketName: 'personalize-data-1',
  region: 'us-east-1',
});

const NOTHING_CHECKED: CheckReport = { findings: [], problems: [] };

const INSUFFICIENT =
  'Failed to create a data import job for Interactions dataset. Insufficient privileges for accessing data in Amazon S3.';
const CIPHERTEXT = `An error occurred (AccessDenied) when calling the GetObject operation: The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.`;
const GENERATE_DENIED = `An error occurred (AccessDeniedException) when calling the GenerateDataKey operation: User: ${SESSION} is not authorized to perform: kms:GenerateDataKey on resource: ${KEY} because no resource-based policy allows the kms:GenerateDataKey action`;

function ids(explained: ExplainedError): ErrorId[] {
  return explained.matched.map((entry) => entry.id as ErrorId).sort();
}

function causeIds(explained: ExplainedError): (string | undefined)[] {
  return explained.causes.map((cause) => cause.id);
}

function causeOf(explained: ExplainedError, id: string) {
  const cause = explained.causes.find((candidate) => candidate.id === id);
  if (cause === undefined) throw new Error(`No cause ${id} in ${causeIds(explained).join(', ')}`);
  return cause;
}

describe('the catalogue', () => {
  test('lists each message once, every one with an AWS page as its source', () => {
    expect(ERROR_CATALOGUE.map((entry) => entry.id)).toEqual([...ERROR_IDS]);
    for (const entry of ERROR_CATALOGUE) {
      expect(entry.source.url, entry.id).toMatch(
        /^https:\/\/(?:docs\.aws\.amazon\.com|repost\.aws)\//,
      );
      expect(entry.meaning.length, entry.id).toBeGreaterThan(20);
    }
  });

  test.each(ERROR_IDS)('%s is matched by at least one message as it is pasted', (id) => {
    const samples = SAMPLE_MESSAGES.filter((sample) => sample.matches.includes(id));
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples)
      expect(ids(explainError(sample.text, SETUP, NOTHING_CHECKED))).toContain(id);
  });
});

describe('each message matches exactly its entries, and no other', () => {
  test.each(SAMPLE_MESSAGES.map((sample) => [sample.text.slice(0, 90), sample] as const))(
    '%s',
    (_, sample) => {
      expect(ids(explainError(sample.text, SETUP, NOTHING_CHECKED))).toEqual(
        [...sample.matches].sort(),
      );
    },
  );
});

/** Ways a paste changes a message without changing what it says. */
const WRAPPINGS: readonly [string, (text: string) => string][] = [
  ['wrapped at every space', (text) => text.replace(/ /g, '\n')],
  ['with Windows line ends and tabs', (text) => text.replace(/ /g, ' \r\n\t')],
  [
    'indented, with a request ID after it',
    (text) => `   ${text}\n\nRequest ID: 3f0f0a0c-8c2d-4d3e-9c3f-0a1b2c3d4e5f   `,
  ],
  ['in upper case', (text) => text.toUpperCase()],
  ['with a zero-width space in each word', (text) => text.replace(/(\w)(\w)/g, '$1\u200b$2')],
  [
    'HTML-escaped, as a console copy keeps it',
    (text) =>
      text
        .replace(/&/g, '&amp;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;'),
  ],
];

describe('a message matches however it was pasted', () => {
  const cases = WRAPPINGS.flatMap(([how, wrap]) =>
    SAMPLE_MESSAGES.filter((sample) => sample.matches.length > 0).map(
      (sample) => [how, sample.text.slice(0, 60), wrap(sample.text), sample.matches] as const,
    ),
  );
  test.each(cases)('%s: %s', (_, __, text, matches) => {
    expect(ids(explainError(text, SETUP, NOTHING_CHECKED))).toEqual([...matches].sort());
  });
});

describe('what a message names', () => {
  test.each<[string, string, MessageFacts]>([
    [
      'a denied KMS action, its key, caller and why',
      GENERATE_DENIED,
      {
        action: 'kms:GenerateDataKey',
        apiOperation: 'GenerateDataKey',
        keyArn: KEY,
        principal: SESSION,
        deniedBy: 'resource-policy',
      },
    ],
    [
      'the role a caller may not pass, and the Personalize operation',
      `An error occurred (AccessDeniedException) when calling the CreateDatasetImportJob operation: User: arn:aws:iam::111122223333:user/Bob is not authorized to perform: iam:PassRole on resource: ${ROLE}.`,
      {
        action: 'iam:PassRole',
        apiOperation: 'CreateDatasetImportJob',
        principal: 'arn:aws:iam::111122223333:user/Bob',
        role: ROLE,
        operation: 'import',
      },
    ],
    [
      'the bucket of an S3 denial, and an explicit deny',
      `User: ${SESSION} is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::personalize-data-1/export/part-0" with an explicit deny in a resource-based policy`,
      {
        action: 's3:PutObject',
        principal: SESSION,
        bucket: 'personalize-data-1',
        deniedBy: 'explicit-deny',
      },
    ],
    [
      'a job type in words',
      'Batch inference job failed: Insufficient privileges for accessing data in S3',
      { operation: 'batch-inference' },
    ],
    ['nothing, from a message that names nothing', 'Access Denied', {}],
  ])('%s', (_, message, facts) => {
    expect(explainError(message, SETUP, NOTHING_CHECKED).named).toEqual(facts);
  });
});

function failing(
  id: string,
  title: string,
  failure: Partial<NonNullable<CheckFinding['failures']>[number]> & { action: string },
  operation: CheckFinding['operation'] = 'import',
): CheckFinding {
  return {
    id,
    group: 'operation',
    status: 'fails',
    title,
    operation,
    failures: [
      {
        principal: 'personalize.amazonaws.com',
        resource: KEY,
        document: 'key-policy',
        because: 'No statement allows it.',
        ...failure,
      },
    ],
    details: [],
  };
}

function report(...findings: CheckFinding[]): CheckReport {
  return { findings, problems: [] };
}

const RANK = { confirmed: 0, likely: 1, possible: 2 } as const;

describe('causes are ranked for this setup: confirmed, then likely, then possible', () => {
  test('a failing finding confirms its cause, and the evidence names the finding', () => {
    const explained = explainError(
      INSUFFICIENT,
      SETUP,
      report(
        failing('operation:import', 'Dataset import jobs would fail', {
          action: 'kms:Decrypt',
          statement: 'DenyOutsiders',
        }),
      ),
    );
    const first = explained.causes[0];
    expect(first?.id).toBe('key-policy-lacks-grant');
    expect(first?.likelihood).toBe('confirmed');
    expect(first?.evidence).toContain('Dataset import jobs would fail');
    expect(first?.evidence).toContain('statement DenyOutsiders of the key policy denies it');
    // The encrypted bucket makes the role's KMS grant likely; nothing points to the bucket policy.
    expect(causeOf(explained, 'role-lacks-kms').likelihood).toBe('likely');
    expect(causeOf(explained, 'bucket-policy-lacks-service').likelihood).toBe('possible');
  });

  test('without findings, the answers make the key causes likely and the rest possible', () => {
    const explained = explainError(INSUFFICIENT, SETUP, NOTHING_CHECKED);
    expect(
      explained.causes.filter((cause) => cause.likelihood === 'likely').map((cause) => cause.id),
    ).toEqual(['key-policy-lacks-grant', 'role-lacks-kms']);
    expect(causeOf(explained, 'bucket-policy-lacks-service').evidence).toContain(
      'Bucket policy field',
    );
  });

  test('a bucket that is not encrypted leaves the key causes possible', () => {
    const explained = explainError(
      INSUFFICIENT,
      { ...SETUP, bucketEncrypted: false },
      NOTHING_CHECKED,
    );
    expect(explained.causes.every((cause) => cause.likelihood === 'possible')).toBe(true);
    const ids = causeIds(explained);
    expect(ids[0]).toBe('bucket-policy-lacks-service');
    expect(ids).toEqual(expect.arrayContaining(['key-policy-lacks-grant', 'role-lacks-kms']));
  });

  test('a finding that the operation works puts the policy causes last, whatever the answers say', () => {
    const works: CheckFinding = {
      id: 'operation:import',
      group: 'operation',
      status: 'works',
      title: 'Dataset import jobs would work',
      operation: 'import',
      details: [],
    };
    const explained = explainError(INSUFFICIENT, SETUP, report(works));
    const key = causeOf(explained, 'key-policy-lacks-grant');
    expect(key.likelihood).toBe('possible');
    expect(key.evidence).toBe(
      'Finding “Dataset import jobs would work”: the pasted policies allow it.',
    );
    // What no policy says (the bucket's VPC rule, another key) now comes before the policies.
    expect(causeIds(explained).indexOf('bucket-vpc-only')).toBeLessThan(
      causeIds(explained).indexOf('key-policy-lacks-grant'),
    );
    // Working export jobs say nothing about a failed import.
    const exportWorks = { ...works, id: 'operation:export', operation: 'export' as const };
    expect(
      causeOf(explainError(INSUFFICIENT, SETUP, report(exportWorks)), 'key-policy-lacks-grant')
        .likelihood,
    ).toBe('likely');
  });

  test('a finding about another operation does not confirm a cause of this one', () => {
    const exportFails = failing(
      'operation:export',
      'Dataset export jobs would fail',
      {
        action: 's3:PutObject',
        document: 'bucket-policy',
        resource: 'arn:aws:s3:::personalize-data-1/*',
      },
      'export',
    );
    const explained = explainError(INSUFFICIENT, SETUP, report(exportFails));
    expect(causeOf(explained, 'bucket-policy-lacks-service').likelihood).toBe('possible');
    const exported = explainError(
      'Dataset export job failed. Insufficient privileges for accessing data in S3.',
      SETUP,
      report(exportFails),
    );
    expect(causeOf(exported, 'bucket-policy-lacks-service').likelihood).toBe('confirmed');
  });

  test('a message about one KMS action is confirmed only by a failure on that action', () => {
    const decryptFails = failing(
      'operation:export',
      'Dataset export jobs would fail',
      { action: 'kms:Decrypt' },
      'export',
    );
    const generateFails = failing(
      'operation:export',
      'Dataset export jobs would fail',
      { action: 'kms:GenerateDataKey' },
      'export',
    );
    expect(
      causeOf(explainError(GENERATE_DENIED, SETUP, report(decryptFails)), 'key-policy-lacks-grant')
        .likelihood,
    ).toBe('likely');
    expect(
      causeOf(explainError(GENERATE_DENIED, SETUP, report(generateFails)), 'key-policy-lacks-grant')
        .likelihood,
    ).toBe('confirmed');
  });

  test('the message saying which policy denied makes that policy’s cause likely', () => {
    const byResource = explainError(GENERATE_DENIED, SETUP, NOTHING_CHECKED);
    expect(byResource.causes[0]?.id).toBe('key-policy-lacks-grant');
    expect(byResource.causes[0]?.likelihood).toBe('likely');
    expect(causeOf(byResource, 'role-lacks-kms').likelihood).toBe('possible');
    const byIdentity = explainError(
      GENERATE_DENIED.replace('no resource-based policy', 'no identity-based policy'),
      SETUP,
      NOTHING_CHECKED,
    );
    expect(byIdentity.causes[0]?.id).toBe('role-lacks-kms');
  });

  test('a KMS denial about an encrypted dataset group makes its key policy likely', () => {
    const answers = { ...SETUP, datasetGroupEncrypted: true };
    const message = `An error occurred (AccessDeniedException) when calling the CreateDatasetGroup operation: User: ${SESSION} is not authorized to perform: kms:Decrypt on resource: ${KEY}`;
    const explained = explainError(message, answers, NOTHING_CHECKED);
    expect(explained.causes[0]).toMatchObject({
      id: 'key-policy-lacks-grant',
      likelihood: 'likely',
    });
    expect(
      causeOf(explainError(message, SETUP, NOTHING_CHECKED), 'key-policy-lacks-grant').likelihood,
    ).toBe('possible');
  });

  test('setup findings confirm the setup causes', () => {
    const vpcOnly: CheckFinding = {
      id: SETUP_FINDING_IDS.vpcOnlyBucket,
      group: 'setup',
      status: 'fails',
      title: 'The bucket policy only allows access from a VPC',
      details: [],
    };
    const explained = explainError(INSUFFICIENT, SETUP, report(vpcOnly));
    expect(explained.causes[0]).toMatchObject({
      id: 'bucket-vpc-only',
      likelihood: 'confirmed',
      evidence: 'Finding “The bucket policy only allows access from a VPC”.',
    });
  });

  test('a setup finding about one key (its id with a detail) confirms its cause', () => {
    const region: CheckFinding = {
      id: `${SETUP_FINDING_IDS.keyRegion}:key-policy-bucket`,
      group: 'setup',
      status: 'warning',
      title: 'The bucket key is in another region than the resources',
      details: [],
    };
    const explained = explainError(CIPHERTEXT, { ...SETUP, keyArn: '' }, report(region));
    expect(explained.causes[0]).toMatchObject({
      id: 'key-in-other-region',
      likelihood: 'confirmed',
    });
    const unrelated = { ...region, id: 'setup:key-regional-note' };
    expect(
      causeOf(
        explainError(CIPHERTEXT, { ...SETUP, keyArn: '' }, report(unrelated)),
        'key-in-other-region',
      ).likelihood,
    ).toBe('possible');
  });

  test('a key in another region than the resources makes the region the likely cause', () => {
    const answers = { ...SETUP, keyArn: OTHER_REGION_KEY };
    const explained = explainError(CIPHERTEXT, answers, NOTHING_CHECKED);
    const region = causeOf(explained, 'key-in-other-region');
    expect(region.likelihood).toBe('likely');
    expect(region.evidence).toBe(
      'The key is in eu-west-1, the Personalize resources in us-east-1.',
    );
    expect(explained.causes[0]?.id).toBe('key-in-other-region');
    expect(region.confirm).toBe(
      `aws kms describe-key --region='eu-west-1' --key-id='${OTHER_REGION_KEY}' --query 'KeyMetadata.[Arn,KeyState,MultiRegion]' --output text`,
    );
  });

  test('what the answers show is not so is left out', () => {
    const explained = explainError(CIPHERTEXT, SETUP, NOTHING_CHECKED);
    expect(causeIds(explained)).not.toContain('key-in-other-region');
    expect(causeIds(explained)).not.toContain('key-in-other-account');
    // Without the key's ARN, nothing rules them out.
    const unknownKey = explainError(CIPHERTEXT, { ...SETUP, keyArn: '' }, NOTHING_CHECKED);
    expect(causeIds(unknownKey)).toEqual(
      expect.arrayContaining(['key-in-other-region', 'key-in-other-account']),
    );
  });

  test('the actions named follow the operation and the wizard’s documents', () => {
    const imported = explainError(INSUFFICIENT, SETUP, NOTHING_CHECKED);
    expect(causeOf(imported, 'bucket-policy-lacks-service').cause).toBe(
      'The bucket policy of personalize-data-1 does not allow personalize.amazonaws.com s3:GetObject, s3:ListBucket.',
    );
    const exported = explainError(
      'Dataset export job failed: Insufficient privileges for accessing data in S3',
      SETUP,
      NOTHING_CHECKED,
    );
    expect(causeOf(exported, 'role-lacks-s3').cause).toContain('s3:PutObject, s3:ListBucket on');
    // The 2023-01 guide's key policy for an encrypted bucket: its four actions.
    expect(causeOf(imported, 'key-policy-lacks-grant').cause).toContain(
      'personalize.amazonaws.com or the service role kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey, kms:ListGrants.',
    );
  });

  test('a key in another account makes the cross-account cause likely', () => {
    const explained = explainError(
      CIPHERTEXT,
      { ...SETUP, keyArn: OTHER_ACCOUNT_KEY },
      NOTHING_CHECKED,
    );
    expect(causeOf(explained, 'key-in-other-account')).toMatchObject({
      likelihood: 'likely',
      evidence: 'The key is in account 444455556666, the service role in 111122223333.',
    });
  });

  test('a message naming another key than the answered one points to the bucket’s key', () => {
    const explained = explainError(
      GENERATE_DENIED.replaceAll(KEY, OTHER_ACCOUNT_KEY),
      SETUP,
      NOTHING_CHECKED,
    );
    expect(causeOf(explained, 'bucket-uses-other-key').evidence).toContain(OTHER_ACCOUNT_KEY);
    expect(causeOf(explained, 'key-policy-lacks-grant').cause).toContain(OTHER_ACCOUNT_KEY);
  });

  test.each<[string, string]>([
    ['kms-key-disabled', `DisabledException: ${KEY} is disabled.`],
    ['kms-key-pending-deletion', `KMSInvalidStateException: ${KEY} is pending deletion.`],
    [
      'iam-pass-role-denied',
      `User: arn:aws:iam::111122223333:user/Bob is not authorized to perform: iam:PassRole on resource: ${ROLE}`,
    ],
  ])('%s: the message itself makes its one cause likely', (id, message) => {
    const [cause, ...rest] = explainError(message, SETUP, NOTHING_CHECKED).causes;
    expect(rest).toEqual([]);
    expect(cause?.likelihood).toBe('likely');
    const entry = ERROR_CATALOGUE.find((candidate) => candidate.id === id);
    expect(cause?.evidence).toBe(`The message says so: ${entry?.meaning ?? ''}`);
  });

  test('a message the catalogue does not know says so and gets the setup’s usual causes, ranked by the findings', () => {
    const bucketFails = failing('operation:import', 'Dataset import jobs would fail', {
      action: 's3:GetObject',
      document: 'bucket-policy',
      resource: 'arn:aws:s3:::personalize-data-1/*',
    });
    const explained = explainError('Something went wrong (code 42).', SETUP, report(bucketFails));
    expect(explained.matched).toEqual([]);
    expect(explained.note).toMatch(/none of those the check knows/);
    expect(explained.causes[0]).toMatchObject({
      id: 'bucket-policy-lacks-service',
      likelihood: 'confirmed',
    });
    expect(causeIds(explained)).toEqual(
      expect.arrayContaining(['trust-lacks-service', 'key-policy-lacks-grant', 'key-disabled']),
    );
    const unencrypted = explainError(
      'Something went wrong.',
      { ...SETUP, bucketEncrypted: false },
      NOTHING_CHECKED,
    );
    expect(causeIds(unencrypted)).not.toContain('key-policy-lacks-grant');
  });

  test.each(SAMPLE_MESSAGES.map((sample) => [sample.text.slice(0, 70), sample.text] as const))(
    'ranks in order and names each cause once: %s',
    (_, text) => {
      const explained = explainError(text, SETUP, NOTHING_CHECKED);
      const ranks = explained.causes.map((cause) => RANK[cause.likelihood]);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(new Set(causeIds(explained)).size).toBe(explained.causes.length);
      expect(explained.causes.length).toBeGreaterThan(0);
    },
  );
});

/** AWS CLI verbs that read and change nothing. */
const READ_ONLY = /^aws [a-z0-9]+ (?:get|list|describe|simulate)-[a-z-]+(?: |$)/;

describe('how to confirm a cause: read-only AWS CLI commands with the answers’ values quoted', () => {
  const PLACEHOLDERS_ONLY = answersWith({
    operations: ['import', 'export'],
    bucketEncrypted: true,
    datasetGroupEncrypted: true,
  });
  const everyCause = (answers: Answers) =>
    SAMPLE_MESSAGES.flatMap(
      (sample) => explainError(sample.text, answers, NOTHING_CHECKED).causes,
    ).concat(explainError('', answers, NOTHING_CHECKED).causes);

  test.each<[string, Answers]>([
    ['answered', SETUP],
    ['nothing answered', PLACEHOLDERS_ONLY],
  ])('every command is a read (%s)', (_, answers) => {
    for (const cause of everyCause(answers)) {
      for (const line of cause.confirm.split('\n')) expect(line, cause.id).toMatch(READ_ONLY);
    }
  });

  test('the commands carry the answers, each value quoted', () => {
    const commands = everyCause(SETUP)
      .map((cause) => cause.confirm)
      .join('\n');
    expect(commands).toContain(
      "aws s3api get-bucket-policy --bucket='personalize-data-1' --query Policy --output text",
    );
    expect(commands).toContain(
      `aws kms get-key-policy --region='us-east-1' --key-id='${KEY}' --policy-name default --query Policy --output text`,
    );
    expect(commands).toContain(
      `aws iam simulate-principal-policy --policy-source-arn='${ROLE}' --action-names 'kms:GenerateDataKey' --resource-arns '${KEY}'`,
    );
    expect(commands).toContain(
      "aws iam get-role --role-name='PersonalizeRole' --query Role.AssumeRolePolicyDocument --output json",
    );
    // The caller of a PassRole denial is simulated as its role (a session ARN names no policy).
    const passRole = explainError(
      `User: ${SESSION} is not authorized to perform: iam:PassRole on resource: ${ROLE}`,
      SETUP,
      NOTHING_CHECKED,
    );
    expect(passRole.causes[0]?.confirm).toContain(
      "--context-entries 'ContextKeyName=iam:PassedToService,ContextKeyValues=personalize.amazonaws.com,ContextKeyType=string'",
    );
    expect(passRole.causes[0]?.confirm).toContain(
      "--policy-source-arn='arn:aws:iam::111122223333:role/PersonalizeRole'",
    );
  });

  test('an answer not given shows the guide’s placeholder, quoted', () => {
    const commands = everyCause(PLACEHOLDERS_ONLY)
      .map((cause) => cause.confirm)
      .join('\n');
    expect(commands).toContain("--bucket='<bucket-name>'");
    expect(commands).toContain("--role-name='<personalize-role-name>'");
    expect(commands).toContain(
      "--policy-source-arn='arn:aws:iam::<account-id>:role/<personalize-role-name>'",
    );
    expect(commands).toMatch(/--key-id='<(?:bucket-)?key-arn>'/);
  });

  test('fixes point at the wizard’s documents, with them to copy', () => {
    const explained = explainError(INSUFFICIENT, SETUP, NOTHING_CHECKED);
    const key = causeOf(explained, 'key-policy-lacks-grant').fix;
    expect(key.summary).toMatch(/^Put the KMS key policy shown in Review/);
    expect(JSON.parse(key.copy ?? '')).toMatchObject({
      Principal: { Service: 'personalize.amazonaws.com' },
    });
    const bucket = causeOf(explained, 'bucket-policy-lacks-service').fix;
    expect(JSON.parse(bucket.copy ?? '')).toHaveProperty('Statement');
  });
});

describe('a hostile or broken message', () => {
  const MATCHES = 'Insufficient privileges for accessing data in S3';

  test('a huge paste is read up to the limit, and says so', () => {
    const explained = explainError(
      `${MATCHES} ${'x'.repeat(MESSAGE_MAX_LENGTH * 50)}`,
      SETUP,
      NOTHING_CHECKED,
    );
    expect(ids(explained)).toEqual(['personalize-s3-insufficient-privileges']);
    expect(explained.note).toMatch(/Only the first 20,000 characters/);
    const beyond = explainError(
      `${'x '.repeat(MESSAGE_MAX_LENGTH)}${MATCHES}`,
      SETUP,
      NOTHING_CHECKED,
    );
    expect(beyond.matched).toEqual([]);
  });

  test.each<[string, string]>([
    ['many partial matches', 'not authorized to perform: '.repeat(2000)],
    ['an unterminated ARN', `key 'arn:aws:kms:${'a'.repeat(MESSAGE_MAX_LENGTH)}`],
    ['repeated principals', 'User: arn:aws:iam::111122223333:'.repeat(1000)],
    ['a long role path', `arn:aws:iam::111122223333:role/${'a/'.repeat(MESSAGE_MAX_LENGTH / 2)}`],
  ])('%s is read at once, without backtracking for ever', (_, message) => {
    const explained = explainError(message, SETUP, NOTHING_CHECKED);
    expect(explained.matched).toEqual([]);
    expect(explained.causes.length).toBeGreaterThan(0);
  });

  test('control characters are dropped, and never reach what is shown', () => {
    const explained = explainError(
      `Insuff\u0000icient\u0007 privileges\u001b[31m for accessing data in S3 \u202eUser: ${SESSION} is not authorized to perform: s3:GetObject\u0085`,
      SETUP,
      NOTHING_CHECKED,
    );
    expect(ids(explained)).toEqual(['personalize-s3-insufficient-privileges', 's3-read-denied']);
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(JSON.stringify(explained.causes)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });

  test('HTML in the message is text: it matches nothing by itself and is never echoed', () => {
    const html = `<img src=x onerror="alert(1)"><script>alert('x')</script>${MATCHES} <a href="javascript:alert(1)">arn:aws:s3:::<b>evil</b></a>`;
    const explained = explainError(html, SETUP, NOTHING_CHECKED);
    expect(ids(explained)).toEqual(['personalize-s3-insufficient-privileges']);
    expect(JSON.stringify(explained)).not.toMatch(/<script|onerror|javascript:/);
  });

  test('what a message names reaches a command only inside its quoting', () => {
    const answers = { ...SETUP, roleName: 'a+b=c,d.e@f-g' };
    for (const sample of SAMPLE_MESSAGES) {
      for (const cause of explainError(sample.text, answers, NOTHING_CHECKED).causes) {
        // Outside the single-quoted words, only option names and the AWS CLI's own words.
        const unquoted = cause.confirm.replace(/'(?:[^']|'\\'')*'/g, '');
        expect(unquoted, cause.id).toMatch(/^[a-z0-9 =.\n-]*$/i);
      }
    }
  });

  test('never throws, whatever is pasted', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (message) => {
        const explained = explainError(message, SETUP, NOTHING_CHECKED);
        expect(Array.isArray(explained.causes)).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(() =>
      explainError(undefined as unknown as string, SETUP, NOTHING_CHECKED),
    ).not.toThrow();
  });
});
