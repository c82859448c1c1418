/**
 * The companion documents against the rules file
 * (/work/shared/reference/personalize-kms-rules.md, sections 3 to 5). The
 * expected actions and resources are written out by hand from that file
 * (test-support/s3-rules.ts), not read from S3_ACCESS_RULES, so a mistake in
 * the table shows up here. Each operation's row is checked alone; how rows
 * combine over several operations is a property test in properties.test.ts.
 */
import { describe, expect, test } from 'vitest';

import { OPERATIONS, type Answers, type Operation } from './answers';
import { buildCompanionDocuments, companionNotes } from './companions';
import { byteLength, iamPolicyLength, type PolicyStatement } from './document';
import { answersWith } from './test-support/answers';
import { asList, documentOf, neededOf } from './test-support/documents';
import { BUCKET_POLICY_ACTIONS, ROLE_S3_ACTIONS, s3Needs } from './test-support/s3-rules';

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const BUCKET = 'my-personalize-data';
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const OBJECTS_ARN = `arn:aws:s3:::${BUCKET}/*`;
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const SERVICE = 'personalize.amazonaws.com';

const S3_PAGE =
  'https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-s3-access.html';
const DEPUTY_PAGE =
  'https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html';
const PASS_ROLE_PAGE =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html';

/** ListBucket on the bucket, object actions on its objects, CloudWatch on "*". */
const RESOURCE_OF: Record<string, string> = {
  's3:ListBucket': BUCKET_ARN,
  's3:GetObject': OBJECTS_ARN,
  's3:PutObject': OBJECTS_ARN,
  'cloudwatch:PutMetricData': '*',
};

/** Every operation, in the order the wizard lists them. */
const EVERY_OPERATION: Operation[] = [...OPERATIONS];

const FULL: Partial<Answers> = {
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
  rolePath: '/service-role/',
  bucketName: BUCKET,
  region: 'us-east-1',
};

/** The longest answers each field takes, with every operation. */
const LONGEST: Partial<Answers> = {
  accountId: ACCOUNT,
  roleName: 'R'.repeat(64),
  rolePath: `/${'p'.repeat(510)}/`,
  bucketName: `b${'x'.repeat(61)}b`,
  region: 'ap-southeast-2',
  operations: EVERY_OPERATION,
};

/** Every (action, resource) pair a policy grants, sorted. */
function pairsOf(statements: readonly PolicyStatement[]): string[] {
  return statements
    .flatMap((s) => asList(s.Action).flatMap((a) => asList(s.Resource).map((r) => `${a} on ${r}`)))
    .sort();
}

function expectedPairs(
  operations: readonly Operation[],
  column: Readonly<Record<Operation, readonly string[]>>,
) {
  return s3Needs(column, operations)
    .map((a) => `${a} on ${RESOURCE_OF[a] ?? '?'}`)
    .sort();
}

describe('buildCompanionDocuments', () => {
  test('returns the four documents in order, with their ids, titles, kinds and file names', () => {
    const documents = buildCompanionDocuments(
      answersWith({ ...FULL, operations: EVERY_OPERATION }),
    );
    expect(
      documents.map((d) => ({
        id: d.id,
        title: d.title,
        kind: d.kind,
        fileName: d.needed ? d.fileName : undefined,
        statementOnly: d.needed ? d.statementOnly : 'skipped',
      })),
    ).toEqual([
      {
        id: 's3-access-policy',
        title: 'S3 access policy',
        kind: 'iam-policy',
        fileName: 'personalize-service-role-s3-policy.json',
        statementOnly: undefined,
      },
      {
        id: 'bucket-policy',
        title: 'Bucket policy',
        kind: 'bucket-policy',
        fileName: 'personalize-bucket-policy.json',
        statementOnly: undefined,
      },
      {
        id: 'trust-policy',
        title: 'Trust policy',
        kind: 'trust-policy',
        fileName: 'personalize-service-role-trust-policy.json',
        statementOnly: undefined,
      },
      {
        id: 'passrole-policy',
        title: 'PassRole policy',
        kind: 'managed-policy',
        fileName: 'personalize-passrole-policy.json',
        statementOnly: undefined,
      },
    ]);
  });

  describe('S3 access policy and bucket policy: each operation of section 3 alone', () => {
    test('section 3 has a row for each operation of OPERATIONS, in both columns', () => {
      for (const column of [ROLE_S3_ACTIONS, BUCKET_POLICY_ACTIONS]) {
        expect(Object.keys(column).sort()).toEqual([...OPERATIONS].sort());
      }
    });

    test.each(OPERATIONS)('%s', (operation) => {
      const operations = [operation];
      const documents = buildCompanionDocuments(answersWith({ ...FULL, operations }));
      const role = documentOf(documents, 's3-access-policy');
      const bucket = documentOf(documents, 'bucket-policy');
      if (!role.needed || !bucket.needed) throw new Error('expected both documents');
      expect(pairsOf(role.policy.Statement)).toEqual(expectedPairs(operations, ROLE_S3_ACTIONS));
      expect(pairsOf(bucket.policy.Statement)).toEqual(
        expectedPairs(operations, BUCKET_POLICY_ACTIONS),
      );
      // Identity policy: no Principal. Bucket policy: the service principal, no conditions.
      for (const s of role.policy.Statement) expect(s.Principal).toBeUndefined();
      for (const s of bucket.policy.Statement) {
        expect(s.Principal).toEqual({ Service: SERVICE });
        expect(s.Condition).toBeUndefined();
      }
      // One resource per statement: ListBucket never on objects, object actions never on the bucket.
      for (const s of [...role.policy.Statement, ...bucket.policy.Statement]) {
        expect(typeof s.Resource).toBe('string');
        expect(s.Effect).toBe('Allow');
      }
    });
  });

  test('the statements come in a fixed order: bucket, objects, then CloudWatch', () => {
    const documents = buildCompanionDocuments(
      answersWith({ ...FULL, operations: EVERY_OPERATION }),
    );
    expect(neededOf(documents, 's3-access-policy').policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PersonalizeListBucket',
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: BUCKET_ARN,
        },
        {
          Sid: 'PersonalizeObjectAccess',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: OBJECTS_ARN,
        },
        {
          Sid: 'PersonalizeCloudWatchMetrics',
          Effect: 'Allow',
          Action: ['cloudwatch:PutMetricData'],
          Resource: '*',
        },
      ],
    });
    expect(neededOf(documents, 'bucket-policy').policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowPersonalizeServiceListBucket',
          Effect: 'Allow',
          Principal: { Service: SERVICE },
          Action: ['s3:ListBucket'],
          Resource: BUCKET_ARN,
        },
        {
          Sid: 'AllowPersonalizeServiceObjectAccess',
          Effect: 'Allow',
          Principal: { Service: SERVICE },
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: OBJECTS_ARN,
        },
      ],
    });
  });

  test('with no operation, the S3 documents are skipped with a one-sentence reason', () => {
    const documents = buildCompanionDocuments(answersWith({ ...FULL, operations: [] }));
    expect(
      documents.map((d) =>
        d.needed ? { id: d.id, needed: true } : { id: d.id, reason: d.reason },
      ),
    ).toEqual([
      {
        id: 's3-access-policy',
        reason:
          'No operation that reads or writes the S3 bucket is selected, so the service role needs no S3 permissions.',
      },
      {
        id: 'bucket-policy',
        reason:
          'No operation that reads or writes the S3 bucket is selected, so the bucket needs no policy for Personalize.',
      },
      { id: 'trust-policy', needed: true },
      { id: 'passrole-policy', needed: true },
    ]);
  });

  test.each([
    {
      name: 'empty bucket name',
      partition: 'aws',
      bucketName: '',
      bucket: 'arn:aws:s3:::<bucket-name>',
    },
    {
      name: 'aws-cn',
      partition: 'aws-cn',
      bucketName: BUCKET,
      bucket: `arn:aws-cn:s3:::${BUCKET}`,
    },
  ] as const)('S3 resources: $name', ({ partition, bucketName, bucket }) => {
    const region = partition === 'aws-cn' ? 'cn-north-1' : 'us-east-1';
    const documents = buildCompanionDocuments(
      answersWith({ ...FULL, partition, region, bucketName, operations: ['import'] }),
    );
    const expected = [`s3:GetObject on ${bucket}/*`, `s3:ListBucket on ${bucket}`];
    expect(pairsOf(neededOf(documents, 's3-access-policy').policy.Statement)).toEqual(expected);
    expect(pairsOf(neededOf(documents, 'bucket-policy').policy.Statement)).toEqual(expected);
  });

  test('the S3 documents do not depend on the guide edition', () => {
    const of = (guide: Answers['guide']) =>
      buildCompanionDocuments(answersWith({ ...FULL, guide, operations: ['import', 'export'] }));
    expect(of('2023-01')).toEqual(of('current'));
  });
});

describe('trust policy', () => {
  test.each([
    {
      name: 'account and region given',
      answers: { accountId: ACCOUNT, region: 'eu-west-1' },
      account: ACCOUNT,
      sourceArn: `arn:aws:personalize:eu-west-1:${ACCOUNT}:*`,
    },
    {
      name: 'nothing given: placeholders',
      answers: { accountId: '', region: '' },
      account: '<account-id>',
      sourceArn: 'arn:aws:personalize:<region>:<account-id>:*',
    },
    {
      name: 'account only: region placeholder',
      answers: { accountId: ACCOUNT, region: '' },
      account: ACCOUNT,
      sourceArn: `arn:aws:personalize:<region>:${ACCOUNT}:*`,
    },
    {
      name: 'aws-cn',
      answers: { accountId: ACCOUNT, region: 'cn-north-1', partition: 'aws-cn' as const },
      account: ACCOUNT,
      sourceArn: `arn:aws-cn:personalize:cn-north-1:${ACCOUNT}:*`,
    },
  ])('$name', ({ answers, account, sourceArn }) => {
    for (const operations of [[], EVERY_OPERATION]) {
      const trust = neededOf(
        buildCompanionDocuments(answersWith({ ...answers, operations })),
        'trust-policy',
      );
      expect(trust.policy).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowPersonalizeAssumeRole',
            Effect: 'Allow',
            Principal: { Service: SERVICE },
            Action: 'sts:AssumeRole',
            Condition: {
              StringEquals: { 'aws:SourceAccount': account },
              ArnLike: { 'aws:SourceArn': sourceArn },
            },
          },
        ],
      });
      // IAM rejects a trust policy with a Resource ("Has prohibited field Resource").
      expect(trust.json).not.toContain('"Resource"');
    }
  });

  test('its explanation says the two accounts must match and that AWS’s example does not', () => {
    const trust = neededOf(buildCompanionDocuments(answersWith(FULL)), 'trust-policy');
    expect(trust.explanations).toHaveLength(1);
    const [explanation] = trust.explanations;
    expect(explanation?.action).toBe('sts:AssumeRole');
    expect(explanation?.because[0]?.reason).toMatch(/same account/);
    expect(explanation?.because[0]?.reason).toMatch(/AWS’s own example/);
    expect(explanation?.because[0]?.source.url).toBe(DEPUTY_PAGE);
  });
});

describe('PassRole policy', () => {
  test.each([
    {
      rolePath: '/',
      roleName: 'PersonalizeRole',
      arn: `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`,
    },
    {
      rolePath: '/service-role/',
      roleName: 'PersonalizeRole',
      arn: `arn:aws:iam::${ACCOUNT}:role/service-role/PersonalizeRole`,
    },
    {
      rolePath: '/teams/ml/',
      roleName: 'Personalize+Role=1,a.b@c-d_e',
      arn: `arn:aws:iam::${ACCOUNT}:role/teams/ml/Personalize+Role=1,a.b@c-d_e`,
    },
    {
      rolePath: '/service-role/',
      roleName: '',
      arn: `arn:aws:iam::${ACCOUNT}:role/service-role/<personalize-role-name>`,
    },
  ])('path $rolePath, name "$roleName"', ({ rolePath, roleName, arn }) => {
    const passRole = neededOf(
      buildCompanionDocuments(answersWith({ accountId: ACCOUNT, rolePath, roleName })),
      'passrole-policy',
    );
    expect(passRole.policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowPassRoleToPersonalize',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: arn,
          Condition: { StringEquals: { 'iam:PassedToService': SERVICE } },
        },
      ],
    });
    expect(passRole.explanations.map((e) => e.because[0]?.source.url)).toEqual([PASS_ROLE_PAGE]);
  });

  test('placeholders and aws-cn', () => {
    const cn = neededOf(
      buildCompanionDocuments(answersWith({ partition: 'aws-cn', roleName: 'R' })),
      'passrole-policy',
    );
    expect(cn.policy.Statement[0]?.Resource).toBe('arn:aws-cn:iam::<account-id>:role/R');
  });
});

describe('every document', () => {
  const ROWS = [
    { name: 'every operation', answers: answersWith({ ...FULL, operations: EVERY_OPERATION }) },
    { name: 'nothing answered', answers: answersWith({}) },
    {
      name: 'every operation in aws-cn',
      answers: answersWith({
        ...FULL,
        partition: 'aws-cn',
        region: 'cn-north-1',
        operations: EVERY_OPERATION,
      }),
    },
  ];

  test.each(ROWS)('$name: json, Version, Sids and explanations', ({ answers }) => {
    for (const document of buildCompanionDocuments(answers)) {
      if (!document.needed) continue;
      expect(document.json).toBe(`${JSON.stringify(document.policy, null, 2)}\n`);
      expect(document.policy.Version).toBe('2012-10-17');
      const sids = document.policy.Statement.map((s) => s.Sid ?? '');
      for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(new Set(sids).size).toBe(sids.length);
      // Every action the policy grants is explained once, and only those.
      const actions = [...new Set(document.policy.Statement.flatMap((s) => asList(s.Action)))];
      expect(document.explanations.map((e) => e.action).sort()).toEqual(actions.sort());
      for (const explanation of document.explanations) {
        expect(explanation.purpose).not.toBe('');
        expect(explanation.because.length).toBeGreaterThan(0);
        for (const because of explanation.because) {
          expect(because.answer).toMatch(/\.$/);
          expect(because.reason).not.toBe('');
          expect([S3_PAGE, DEPUTY_PAGE, PASS_ROLE_PAGE]).toContain(because.source.url);
          expect(because.source.title).not.toBe('');
        }
      }
    }
  });

  test('an action needed by two operations names both', () => {
    const documents = buildCompanionDocuments(
      answersWith({ ...FULL, operations: ['batch-inference', 'import'] }),
    );
    for (const id of ['s3-access-policy', 'bucket-policy'] as const) {
      const getObject = neededOf(documents, id).explanations.find(
        (e) => e.action === 's3:GetObject',
      );
      expect(getObject?.because.map((b) => b.answer)).toEqual([
        'You run dataset import jobs.',
        'You run batch inference jobs.',
      ]);
      expect(getObject?.because.map((b) => b.source.url)).toEqual([S3_PAGE, S3_PAGE]);
      const listBucket = neededOf(documents, id).explanations.find(
        (e) => e.action === 's3:ListBucket',
      );
      expect(listBucket?.purpose).toContain(`(${BUCKET_ARN}) only`);
      expect(getObject?.purpose).toMatch(/least privilege/);
    }
  });

  test('stays within the IAM and S3 size limits with the longest answers', () => {
    const documents = buildCompanionDocuments(answersWith(LONGEST));
    // Managed policy 6,144 characters without whitespace; the role's inline policies 10,240 together.
    expect(iamPolicyLength(neededOf(documents, 's3-access-policy').json)).toBeLessThanOrEqual(
      6_144,
    );
    expect(iamPolicyLength(neededOf(documents, 'passrole-policy').json)).toBeLessThanOrEqual(6_144);
    // Bucket policy 20 KB.
    expect(byteLength(neededOf(documents, 'bucket-policy').json)).toBeLessThanOrEqual(20 * 1024);
    // Role trust policy: 2,048 characters by default (IAM quotas).
    expect(iamPolicyLength(neededOf(documents, 'trust-policy').json)).toBeLessThanOrEqual(2_048);
  });

  test.each([
    { name: 'every operation', answers: answersWith({ ...FULL, operations: EVERY_OPERATION }) },
    { name: 'the longest answers', answers: answersWith(LONGEST) },
  ])('leaves its answers unchanged, same bytes again: $name', ({ answers }) => {
    const original = structuredClone(answers);
    const first = JSON.stringify(buildCompanionDocuments(answers));
    expect(answers).toEqual(original);
    expect(JSON.stringify(buildCompanionDocuments(answers))).toBe(first);
  });
});

describe('companionNotes', () => {
  const keyIn = (account: string) => `arn:aws:kms:us-east-1:${account}:key/${KEY_ID}`;
  const VPC = /cannot use a bucket whose policy allows access only from a VPC/;
  const MERGE = /put-bucket-policy replaces the bucket’s whole policy/;
  const PRINCIPALS = /principals that exist/;
  const CROSS =
    /is in account 444455556666, the service role in account 111122223333\. Put the key policy on the key in account 444455556666\. Put the role’s documents .* on the role in account 111122223333/;
  const CN = /aws-cn/;

  test.each([
    { name: 'no operation', answers: { operations: [] }, expected: [PRINCIPALS] },
    {
      name: 'an operation',
      answers: { operations: ['import'] },
      expected: [VPC, MERGE, PRINCIPALS],
    },
    {
      name: 'bucket key in another account',
      answers: {
        operations: ['import'],
        accountId: ACCOUNT,
        bucketEncrypted: true,
        keyArn: keyIn(OTHER_ACCOUNT),
      },
      expected: [VPC, MERGE, PRINCIPALS, CROSS],
    },
    {
      name: 'key in the role’s account',
      answers: {
        operations: ['import'],
        accountId: ACCOUNT,
        bucketEncrypted: true,
        keyArn: keyIn(ACCOUNT),
      },
      expected: [VPC, MERGE, PRINCIPALS],
    },
    {
      name: 'key given but nothing encrypted',
      answers: { operations: ['import'], accountId: ACCOUNT, keyArn: keyIn(OTHER_ACCOUNT) },
      expected: [VPC, MERGE, PRINCIPALS],
    },
    {
      name: 'role account not given',
      answers: { operations: [], bucketEncrypted: true, keyArn: keyIn(OTHER_ACCOUNT) },
      expected: [PRINCIPALS],
    },
    {
      name: 'separate keys, the dataset group key in another account',
      answers: {
        operations: [],
        accountId: ACCOUNT,
        bucketEncrypted: true,
        datasetGroupEncrypted: true,
        keys: 'separate' as const,
        keyArn: keyIn(ACCOUNT),
        datasetGroupKeyArn: keyIn(OTHER_ACCOUNT),
      },
      expected: [PRINCIPALS, CROSS],
    },
    {
      name: 'aws-cn',
      answers: { operations: [], partition: 'aws-cn' as const },
      expected: [PRINCIPALS, CN],
    },
  ] satisfies { name: string; answers: Partial<Answers>; expected: RegExp[] }[])(
    '$name',
    ({ answers, expected }) => {
      const notes = companionNotes(answersWith(answers));
      expect(notes).toHaveLength(expected.length);
      expected.forEach((pattern, index) => {
        expect(notes[index]).toMatch(pattern);
      });
    },
  );
});
