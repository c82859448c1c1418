import { describe, expect, test } from 'vitest';

import type { Answers } from '../answers';
import { answersWith } from '../test-support/answers';
import { requirementsFor, type Need } from './requirements';
import {
  ACCOUNT,
  BASE_ANSWERS,
  BUCKET,
  GROUP_KEY_ARN,
  KEY_ARN,
  OTHER_ACCOUNT,
  ROLE_ARN,
  SERVICE,
} from './test-support/broken-setups';

const ROLE = 'role';
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const OBJECTS = `${BUCKET_ARN}/…`;

/** Each request as `need who action resource`, the role and service written short. */
function lines(answers: Answers): string[] {
  return requirementsFor(answers)
    .requirements.map(({ need, request }) =>
      [
        need,
        request.principal === ROLE_ARN ? ROLE : request.principal === SERVICE ? 'service' : '?',
        request.action,
        request.resource,
      ].join(' '),
    )
    .sort();
}

describe('the requests each operation makes, read from the guide’s tables', () => {
  test.each<[string, Partial<Answers>, Need, string[]]>([
    [
      'import from an unencrypted bucket: S3 and the trust policy only',
      { operations: ['import'], bucketEncrypted: false },
      'import',
      [
        `import role s3:GetObject ${OBJECTS}`,
        `import role s3:ListBucket ${BUCKET_ARN}`,
        `import service s3:GetObject ${OBJECTS}`,
        `import service s3:ListBucket ${BUCKET_ARN}`,
        `import service sts:AssumeRole ${ROLE_ARN}`,
      ],
    ],
    [
      'import from an encrypted bucket (January 2023 guide): the key for the role and the service',
      { operations: ['import'] },
      'import',
      [
        `import role kms:Decrypt ${KEY_ARN}`,
        `import role kms:DescribeKey ${KEY_ARN}`,
        `import role kms:GenerateDataKey ${KEY_ARN}`,
        `import role kms:ListGrants ${KEY_ARN}`,
        `import role s3:GetObject ${OBJECTS}`,
        `import role s3:ListBucket ${BUCKET_ARN}`,
        `import service kms:Decrypt ${KEY_ARN}`,
        `import service kms:DescribeKey ${KEY_ARN}`,
        `import service kms:GenerateDataKey ${KEY_ARN}`,
        `import service kms:ListGrants ${KEY_ARN}`,
        `import service s3:GetObject ${OBJECTS}`,
        `import service s3:ListBucket ${BUCKET_ARN}`,
        `import service sts:AssumeRole ${ROLE_ARN}`,
      ],
    ],
    [
      'import alone under the current guide: the key for the service only, CreateGrant included',
      { operations: ['import'], guide: 'current' },
      'import',
      [
        `import role s3:GetObject ${OBJECTS}`,
        `import role s3:ListBucket ${BUCKET_ARN}`,
        `import service kms:CreateGrant ${KEY_ARN}`,
        `import service kms:Decrypt ${KEY_ARN}`,
        `import service kms:DescribeKey ${KEY_ARN}`,
        `import service kms:GenerateDataKey ${KEY_ARN}`,
        `import service kms:ListGrants ${KEY_ARN}`,
        `import service s3:GetObject ${OBJECTS}`,
        `import service s3:ListBucket ${BUCKET_ARN}`,
        `import service sts:AssumeRole ${ROLE_ARN}`,
      ],
    ],
    [
      'metric reports: CloudWatch for the role, on no resource',
      { operations: ['metric-reports'], bucketEncrypted: false },
      'metric-reports',
      [
        'metric-reports role cloudwatch:PutMetricData *',
        `metric-reports role s3:PutObject ${OBJECTS}`,
        `metric-reports service s3:PutObject ${OBJECTS}`,
        `metric-reports service sts:AssumeRole ${ROLE_ARN}`,
      ],
    ],
    [
      'an encrypted dataset group (January 2023 guide): Decrypt for the service, and the role',
      { operations: [], bucketEncrypted: false, datasetGroupEncrypted: true },
      'dataset-group',
      [
        `dataset-group service kms:Decrypt ${KEY_ARN}`,
        `dataset-group service sts:AssumeRole ${ROLE_ARN}`,
      ],
    ],
  ])('%s', (_name, overrides, need, expected) => {
    const answers = answersWith({ ...BASE_ANSWERS, ...overrides });
    expect(lines(answers).filter((line) => line.startsWith(`${need} `))).toEqual(expected);
  });

  test('exporting from an encrypted dataset group asks its key for GenerateDataKeyWithoutPlaintext', () => {
    const answers = answersWith({
      ...BASE_ANSWERS,
      operations: ['export'],
      datasetGroupEncrypted: true,
      keys: 'separate',
      datasetGroupKeyArn: GROUP_KEY_ARN,
    });
    expect(lines(answers)).toContain(
      `export service kms:GenerateDataKeyWithoutPlaintext ${GROUP_KEY_ARN}`,
    );
    expect(lines(answers)).not.toContain(
      `export service kms:GenerateDataKeyWithoutPlaintext ${KEY_ARN}`,
    );
  });
});

describe('each request names who decides it and the wizard’s own grant', () => {
  const answers = answersWith({ ...BASE_ANSWERS, operations: ['import'] });
  const { requirements } = requirementsFor(answers);
  const find = (principal: string, action: string) => {
    const found = requirements.find(
      ({ request }) => request.principal === principal && request.action === action,
    );
    if (!found) throw new Error(`no ${action} for ${principal}`);
    return found;
  };

  test.each<[string, string, string, string | undefined, boolean, string[]]>([
    ['the service on the key', SERVICE, 'kms:Decrypt', 'key-policy', false, ['key-policy']],
    [
      'the role on the key',
      ROLE_ARN,
      'kms:Decrypt',
      'key-policy',
      true,
      ['key-policy', 'identity'],
    ],
    [
      'the service on the bucket',
      SERVICE,
      's3:GetObject',
      'bucketPolicy',
      false,
      ['bucket-policy'],
    ],
    ['the role on the bucket', ROLE_ARN, 's3:GetObject', 'bucketPolicy', true, ['identity']],
    [
      'the service assuming the role',
      SERVICE,
      'sts:AssumeRole',
      'trustPolicy',
      false,
      ['trust-policy'],
    ],
  ])('%s', (_name, principal, action, field, byRole, grantKinds) => {
    const requirement = find(principal, action);
    expect(requirement.resourceField).toBe(field);
    expect(requirement.byRole).toBe(byRole);
    expect(Object.keys(requirement.grants).sort()).toEqual([...grantKinds].sort());
    for (const grant of Object.values(requirement.grants)) {
      expect(grant.statement, `${action}: the wizard's statement`).toBeDefined();
    }
  });
});

describe('the context Personalize’s requests carry', () => {
  test('the service: its account and a resource of the operation’s kind in the region', () => {
    const answers = answersWith({ ...BASE_ANSWERS, operations: ['batch-inference'] });
    const trust = requirementsFor(answers).requirements.find(
      ({ request }) => request.action === 'sts:AssumeRole',
    );
    expect(trust?.request.context).toEqual({
      'aws:SecureTransport': 'true',
      'aws:SourceAccount': ACCOUNT,
      'aws:SourceArn': `arn:aws:personalize:us-east-1:${ACCOUNT}:batch-inference-job/…`,
    });
    expect(trust?.request.absentKeys).toEqual(['aws:SourceVpc', 'aws:SourceVpce']);
  });

  test('the role: no source keys, its own account as the KMS caller', () => {
    const answers = answersWith({ ...BASE_ANSWERS, operations: ['import'] });
    const decrypt = requirementsFor(answers).requirements.find(
      ({ request }) => request.principal === ROLE_ARN && request.action === 'kms:Decrypt',
    );
    expect(decrypt?.request.context).toEqual({
      'aws:SecureTransport': 'true',
      'kms:CallerAccount': ACCOUNT,
    });
    expect(decrypt?.request.absentKeys).toEqual(
      expect.arrayContaining(['aws:SourceAccount', 'aws:SourceArn', 'aws:SourceVpce']) as unknown,
    );
  });

  test('a key in another account is asked for in its own account', () => {
    const keyArn = KEY_ARN.replace(ACCOUNT, OTHER_ACCOUNT);
    const answers = answersWith({ ...BASE_ANSWERS, keyArn });
    const onKey = requirementsFor(answers).requirements.filter(
      ({ request }) => request.resource === keyArn,
    );
    expect(onKey.length).toBeGreaterThan(0);
    expect(new Set(onKey.map(({ request }) => request.resourceAccount))).toEqual(
      new Set([OTHER_ACCOUNT]),
    );
  });
});

describe('without the answers the requests name, there are no requests, and the check says which', () => {
  test.each<[string, Partial<Answers>, string[]]>([
    [
      'no account or role',
      { accountId: '', roleName: '' },
      ['the account ID', 'the service role’s name'],
    ],
    ['no bucket', { bucketName: '' }, ['the bucket’s name']],
    ['no key', { keyArn: '' }, ['the ARN of the key']],
  ])('%s', (_name, overrides, unanswered) => {
    const set = requirementsFor(answersWith({ ...BASE_ANSWERS, ...overrides }));
    expect(set.unanswered).toEqual(unanswered);
    expect(set.requirements).toEqual([]);
  });
});
