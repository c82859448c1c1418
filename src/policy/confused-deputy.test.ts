/**
 * The opt-in confused-deputy conditions (answers.confusedDeputy): in the KMS
 * key policy and the bucket policy, the Personalize service principal may act
 * only for Personalize resources of the answers' account (aws:SourceAccount,
 * aws:SourceArn), and create grants only for AWS resources
 * (kms:GrantIsForAWSResource); the service role keeps exactly what it had.
 *
 * The verdicts come from the IAM policy simulator (@cloud-copilot/iam-simulate,
 * AGPL: tests only), over every operation the module offers and both editions
 * of the guide. What the service is "meant" to get is what the same answers
 * give it without the conditions, which simulate.test.ts and
 * companions-simulate.test.ts check against the rules file.
 */
import { describe, expect, it, test } from 'vitest';

import { decodeShareLink, encodeShareLink } from '../link/share-link';
import {
  buildCompanionDocuments,
  buildPolicies,
  companionNotes,
  CONFUSED_DEPUTY,
  DEFAULT_ANSWERS,
  GUIDE_EDITIONS,
  OPERATIONS,
  SERVICE_PRINCIPAL,
  type Answers,
  type DocumentId,
  type GuideEdition,
  type NeededDocument,
  type Operation,
  type PolicyDocument,
} from './index';
import { answersWith, validAnswers } from './test-support/answers';
import { neededOf, onlyNeeded, principalList } from './test-support/documents';
import { decide, kmsVerdicts, type Verdict } from './test-support/simulator';

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '999988887777';
const REGION = 'us-east-1';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/PersonalizeRole`;
const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/PersonalizeRole/personalize-session`;
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const BUCKET = 'my-personalize-data';

/** How Personalize calls appear to KMS and S3: the resource it acts for, in an account and region. */
const source = (account: string, region = REGION) => ({
  'aws:SourceAccount': account,
  'aws:SourceArn': `arn:aws:personalize:${region}:${account}:dataset-import-job/import-users`,
});
/** A grant Personalize creates for a resource it manages (what kms:GrantIsForAWSResource says). */
const FOR_AWS_RESOURCE = { 'kms:GrantIsForAWSResource': 'true' };

const OURS: Partial<Answers> = {
  accountId: ACCOUNT,
  roleName: 'PersonalizeRole',
  rolePath: '/service-role/',
  region: REGION,
  keyArn: KEY_ARN,
  bucketName: BUCKET,
};

const ENCRYPTIONS = {
  bucket: { bucketEncrypted: true },
  'dataset group': { datasetGroupEncrypted: true },
  'bucket and dataset group, one key': { bucketEncrypted: true, datasetGroupEncrypted: true },
} as const satisfies Record<string, Partial<Answers>>;

interface Row {
  label: string;
  guide: GuideEdition;
  operation: Operation;
  answers: Partial<Answers>;
}

/** Every operation the module offers, under each edition that covers it, with each encryption. */
const ROWS: Row[] = GUIDE_EDITIONS.flatMap((guide) =>
  OPERATIONS.filter((operation) => guide === 'current' || operation !== 'batch-segment').flatMap(
    (operation) =>
      Object.entries(ENCRYPTIONS).map(([encryption, encrypted]) => ({
        label: `${guide}, ${operation}, ${encryption}`,
        guide,
        operation,
        answers: { ...OURS, ...encrypted, guide, operations: [operation] },
      })),
  ),
);

const hardened = (row: Row) => validAnswers({ ...row.answers, confusedDeputy: true });
const plain = (row: Row) => validAnswers({ ...row.answers, confusedDeputy: false });

const keyPolicy = (answers: Answers): PolicyDocument =>
  neededOf(buildPolicies(answers).documents, 'key-policy').policy;

const iamPolicies = (answers: Answers): PolicyDocument[] =>
  onlyNeeded(buildPolicies(answers).documents)
    .filter((document) => document.id === 'iam-policy')
    .map((document) => document.policy);

const allowed = (verdicts: Record<string, Verdict>) =>
  Object.keys(verdicts).filter((action) => verdicts[action] === 'Allowed');

async function serviceVerdicts(policy: PolicyDocument, context: Record<string, string>) {
  return kmsVerdicts({
    principal: SERVICE_PRINCIPAL,
    resource: KEY_ARN,
    resourcePolicy: policy,
    context,
  });
}

describe('the KMS key policy, evaluated by the simulator', () => {
  test.each(ROWS)('$label: Personalize for this account gets exactly its actions', async (row) => {
    const meant = allowed(await serviceVerdicts(keyPolicy(plain(row)), {}));
    expect(meant).toContain('kms:Decrypt');
    const policy = keyPolicy(hardened(row));
    // Grants it creates for its own resources included.
    expect(
      allowed(await serviceVerdicts(policy, { ...source(ACCOUNT), ...FOR_AWS_RESOURCE })),
    ).toEqual(meant);
    // A grant not for an AWS resource: everything but CreateGrant.
    expect(allowed(await serviceVerdicts(policy, source(ACCOUNT)))).toEqual(
      meant.filter((action) => action !== 'kms:CreateGrant'),
    );
  });

  test.each(ROWS)(
    '$label: Personalize for another account, another region or no source is denied',
    async (row) => {
      const policy = keyPolicy(hardened(row));
      for (const context of [
        { ...source(OTHER_ACCOUNT), ...FOR_AWS_RESOURCE },
        { ...source(ACCOUNT, 'eu-west-1'), ...FOR_AWS_RESOURCE },
        // An account that matches with a source ARN of another account.
        {
          'aws:SourceAccount': ACCOUNT,
          'aws:SourceArn': source(OTHER_ACCOUNT)['aws:SourceArn'],
          ...FOR_AWS_RESOURCE,
        },
        FOR_AWS_RESOURCE,
        {},
      ]) {
        expect({ context, allowed: allowed(await serviceVerdicts(policy, context)) }).toEqual({
          context,
          allowed: [],
        });
      }
    },
  );

  test.each(ROWS)('$label: the role keeps exactly its verdicts', async (row) => {
    for (const principal of [ROLE_ARN, SESSION_ARN]) {
      const request = (answers: Answers) =>
        kmsVerdicts({
          principal,
          resource: KEY_ARN,
          resourcePolicy: keyPolicy(answers),
          identityPolicies: iamPolicies(answers),
        });
      const before = await request(plain(row));
      expect(allowed(before)).toContain('kms:Decrypt');
      expect({ principal, verdicts: await request(hardened(row)) }).toEqual({
        principal,
        verdicts: before,
      });
    }
  });
});

describe('the bucket policy, evaluated by the simulator', () => {
  const OBJECT_ARN = `arn:aws:s3:::${BUCKET}/input/users.csv`;
  const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
  const S3_CHECKS = [
    { action: 's3:GetObject', resource: OBJECT_ARN },
    { action: 's3:PutObject', resource: OBJECT_ARN },
    { action: 's3:ListBucket', resource: BUCKET_ARN },
    { action: 's3:DeleteObject', resource: OBJECT_ARN },
  ];

  const bucketPolicy = (answers: Answers) =>
    neededOf(buildCompanionDocuments(answers), 'bucket-policy').policy;
  const roleS3Policy = (answers: Answers) =>
    neededOf(buildCompanionDocuments(answers), 's3-access-policy').policy;

  async function s3Allowed(
    principal: string,
    answers: Answers,
    context: Record<string, string>,
    withRolePolicy = false,
  ) {
    const verdicts = await Promise.all(
      S3_CHECKS.map(async ({ action, resource }) => ({
        action,
        verdict: await decide({
          principal,
          action,
          resource,
          resourceAccount: ACCOUNT,
          resourcePolicy: bucketPolicy(answers),
          identityPolicies: withRolePolicy ? [roleS3Policy(answers)] : [],
          context,
        }),
      })),
    );
    return verdicts.filter((v) => v.verdict === 'Allowed').map((v) => v.action);
  }

  const S3_ROWS = ROWS.filter((row) => row.label.endsWith(', bucket'));

  test.each(S3_ROWS)(
    '$label: Personalize for this account gets exactly its actions',
    async (row) => {
      const meant = await s3Allowed(SERVICE_PRINCIPAL, plain(row), {});
      expect(meant.length).toBeGreaterThan(0);
      expect(await s3Allowed(SERVICE_PRINCIPAL, hardened(row), source(ACCOUNT))).toEqual(meant);
    },
  );

  test.each(S3_ROWS)(
    '$label: another account, another region or no source is denied',
    async (row) => {
      for (const context of [source(OTHER_ACCOUNT), source(ACCOUNT, 'eu-west-1'), {}]) {
        expect({
          context,
          allowed: await s3Allowed(SERVICE_PRINCIPAL, hardened(row), context),
        }).toEqual({ context, allowed: [] });
      }
    },
  );

  test.each(S3_ROWS)('$label: the role keeps exactly its verdicts', async (row) => {
    for (const principal of [ROLE_ARN, SESSION_ARN]) {
      const before = await s3Allowed(principal, plain(row), {}, true);
      expect(before.length).toBeGreaterThan(0);
      expect(await s3Allowed(principal, hardened(row), {}, true)).toEqual(before);
    }
  });
});

describe('the documents with the conditions', () => {
  const statementsFor = (policy: PolicyDocument, kind: 'AWS' | 'Service') =>
    policy.Statement.filter((statement) => principalList(statement, kind).length > 0);

  test.each(ROWS)('$label: the role and the service have statements of their own', (row) => {
    const policy = keyPolicy(hardened(row));
    const sids = policy.Statement.map((statement) => statement.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    const roleStatements = statementsFor(policy, 'AWS').filter(
      (statement) => !principalList(statement, 'AWS')[0]?.endsWith(':root'),
    );
    expect(roleStatements).toHaveLength(1);
    expect(roleStatements[0]?.Condition).toBeUndefined();
    expect(principalList(roleStatements[0] ?? { Effect: 'Allow', Action: [] }, 'Service')).toEqual(
      [],
    );
    for (const statement of statementsFor(policy, 'Service')) {
      expect(principalList(statement, 'AWS')).toEqual([]);
      const grants = statement.Action === 'kms:CreateGrant';
      expect(statement.Condition).toEqual({
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
        ArnLike: { 'aws:SourceArn': `arn:aws:personalize:${REGION}:${ACCOUNT}:*` },
        ...(grants ? { Bool: { 'kms:GrantIsForAWSResource': 'true' } } : {}),
      });
    }
  });

  it('is off by default, and then the documents are the guide’s', () => {
    expect(DEFAULT_ANSWERS.confusedDeputy).toBe(false);
    const row = ROWS[0];
    if (!row) throw new Error('no rows');
    const policy = keyPolicy(plain(row));
    expect(policy.Statement).toHaveLength(2);
    expect(policy.Statement[1]?.Principal).toEqual({ AWS: ROLE_ARN, Service: SERVICE_PRINCIPAL });
    expect(neededOf(buildCompanionDocuments(plain(row)), 'bucket-policy').json).not.toContain(
      'aws:Source',
    );
  });

  it('shows placeholders while the account and region are not answered', () => {
    const answers = validAnswers({
      bucketEncrypted: true,
      operations: ['import'],
      confusedDeputy: true,
    });
    const set = buildPolicies(answers);
    const service = keyPolicy(answers).Statement.find(
      (statement) => principalList(statement, 'Service').length > 0,
    );
    expect(service?.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '<account-id>' },
      ArnLike: { 'aws:SourceArn': 'arn:aws:personalize:<region>:<account-id>:*' },
    });
    expect(set.placeholders.map((p) => p.field)).toEqual(['accountId', 'roleName', 'region']);
    const bucket = neededOf(buildCompanionDocuments(answers), 'bucket-policy');
    expect(bucket.json).toContain('"arn:aws:personalize:<region>:<account-id>:*"');
  });

  it('names the role’s account in aws:SourceAccount when the key is in another account', () => {
    const answers = validAnswers({
      ...OURS,
      accountId: '444455556666',
      bucketEncrypted: true,
      operations: ['import'],
      confusedDeputy: true,
    });
    expect(JSON.stringify(keyPolicy(answers))).toContain('"aws:SourceAccount":"444455556666"');
  });

  test.each(['key-policy', 'bucket-policy'] as const)(
    'the %s explanations say the conditions are untested and how to test them',
    (id: DocumentId) => {
      const answers = answersWith({
        ...OURS,
        guide: 'current',
        bucketEncrypted: true,
        operations: ['import'],
        confusedDeputy: true,
      });
      const documents = [...buildPolicies(answers).documents, ...buildCompanionDocuments(answers)];
      const document: NeededDocument = neededOf(documents, id);
      const personalize = document.explanations.filter((e) => e.action !== 'kms:*');
      expect(personalize.length).toBeGreaterThan(0);
      for (const explanation of personalize) {
        const reasons = explanation.because.map((b) => b.reason).join(' ');
        expect(reasons).toMatch(/show these conditions only in the trust policy/);
        expect(reasons).toMatch(/no AWS page shows or tests them/);
        expect(reasons).toMatch(/run a test dataset import job/);
        if (explanation.action === 'kms:CreateGrant') {
          expect(reasons).toMatch(/kms:GrantIsForAWSResource/);
        }
      }
    },
  );

  it('says so in the notes, and leaves out the statement-only view of several statements', () => {
    const answers = validAnswers({
      ...OURS,
      bucketEncrypted: true,
      operations: ['import'],
      confusedDeputy: true,
    });
    const set = buildPolicies(answers);
    expect(set.notes).toContain(CONFUSED_DEPUTY.note);
    // The companion documents are shown beside the KMS ones: the note once.
    expect(companionNotes(answers)).not.toContain(CONFUSED_DEPUTY.note);
    expect(neededOf(set.documents, 'key-policy').statementOnly).toBeUndefined();
    expect(CONFUSED_DEPUTY.label).toMatch(/untested/);
    // Without a key, only the bucket policy has the conditions, and its notes say so.
    const unencrypted = { ...answers, bucketEncrypted: false };
    expect(buildPolicies(unencrypted).notes).not.toContain(CONFUSED_DEPUTY.note);
    expect(companionNotes(unencrypted)).toContain(CONFUSED_DEPUTY.note);
  });

  it('explains kms:GrantIsForAWSResource from its own page, and each condition once', () => {
    const answers = validAnswers({
      ...OURS,
      bucketEncrypted: true,
      operations: ['import'],
      confusedDeputy: true,
      guide: 'current',
    });
    const explanations = neededOf(buildPolicies(answers).documents, 'key-policy').explanations;
    const grant = explanations.find((explanation) => explanation.action === 'kms:CreateGrant');
    expect(grant?.because.slice(-2).map((because) => because.source.url)).toEqual([
      CONFUSED_DEPUTY.source.url,
      CONFUSED_DEPUTY.grantSource.url,
    ]);
    expect(grant?.because.at(-1)?.reason).toBe(CONFUSED_DEPUTY.grantReason);
    const bucket = neededOf(buildCompanionDocuments(answers), 'bucket-policy').explanations;
    for (const explanation of bucket) {
      expect(
        explanation.because.filter((because) => because.answer === CONFUSED_DEPUTY.answer),
      ).toEqual([
        {
          answer: CONFUSED_DEPUTY.answer,
          reason: CONFUSED_DEPUTY.reason,
          source: CONFUSED_DEPUTY.source,
        },
      ]);
    }
  });

  it('changes neither the trust policy nor the role’s own policies', () => {
    const base = {
      ...OURS,
      bucketEncrypted: true,
      operations: ['import', 'export'] as Operation[],
    };
    const pick = (answers: Answers) => {
      const documents = [...buildPolicies(answers).documents, ...buildCompanionDocuments(answers)];
      return onlyNeeded(documents)
        .filter((d) =>
          ['iam-policy', 's3-access-policy', 'trust-policy', 'passrole-policy'].includes(d.id),
        )
        .map((d) => d.json);
    };
    expect(pick(validAnswers({ ...base, confusedDeputy: true }))).toEqual(
      pick(validAnswers({ ...base, confusedDeputy: false })),
    );
  });
});

describe('the share link', () => {
  it('carries the choice as hardening=confused-deputy, and leaves it out when off', () => {
    const on = { ...DEFAULT_ANSWERS, confusedDeputy: true };
    expect(encodeShareLink(on, 'operations')).toBe('?v=1&hardening=confused-deputy');
    expect(encodeShareLink(DEFAULT_ANSWERS, 'operations')).toBe('?v=1');
    expect(decodeShareLink('?v=1&hardening=confused-deputy')).toEqual({
      answers: on,
      step: 'operations',
      notices: [],
    });
  });

  test.each([
    { link: '?hardening=everything', kept: false },
    { link: '?hardening=confused-deputy,everything', kept: true },
  ])('$link: an unknown value gets a notice, the known one is kept', ({ link, kept }) => {
    const decoded = decodeShareLink(link);
    expect(decoded.answers.confusedDeputy).toBe(kept);
    expect(decoded.notices).toEqual([
      {
        param: 'hardening',
        message: 'One item is not one of confused-deputy, so it was left out.',
      },
    ]);
  });
});

describe('the placeholders each document records', () => {
  // Every combination of the answers that have a placeholder left out, with
  // and without the conditions, from an encrypted bucket used by every
  // operation (so every document is needed). The default role path "/" holds
  // no placeholder, so the text shows exactly the recorded ones.
  const FIELDS = ['accountId', 'roleName', 'bucketName', 'region'] as const;
  const GIVEN = {
    accountId: ACCOUNT,
    roleName: 'PersonalizeRole',
    bucketName: 'my-personalize-data',
    region: 'us-east-1',
  };
  const PLACEHOLDER_TEXT = {
    accountId: '<account-id>',
    roleName: '<personalize-role-name>',
    bucketName: '<bucket-name>',
    region: '<region>',
  };
  const rows = [false, true].flatMap((confusedDeputy) =>
    Array.from({ length: 2 ** FIELDS.length }, (_, mask) => {
      const left = FIELDS.filter((_field, index) => (mask & (1 << index)) !== 0);
      return {
        label: `${confusedDeputy ? 'conditions' : 'no conditions'}, without ${left.join(', ') || 'nothing'}`,
        answers: validAnswers({
          bucketEncrypted: true,
          datasetGroupEncrypted: true,
          operations: ['import', 'export', 'batch-inference', 'metric-reports'],
          confusedDeputy,
          ...GIVEN,
          ...Object.fromEntries(left.map((field) => [field, ''])),
        }),
      };
    }),
  );

  test.each(rows)('$label: each document records what its text shows', ({ answers }) => {
    const documents = [
      ...onlyNeeded(buildPolicies(answers).documents),
      ...onlyNeeded(buildCompanionDocuments(answers)),
    ];
    expect(documents).toHaveLength(6);
    for (const document of documents) {
      const text = document.json + (document.statementOnly?.json ?? '');
      const shown = FIELDS.filter((field) => text.includes(PLACEHOLDER_TEXT[field]));
      expect([document.id, document.placeholders]).toEqual([document.id, shown]);
    }
  });
});
