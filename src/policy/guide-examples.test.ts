/**
 * The January 2023 guide's own example policies, compared with the builder's
 * output as policies (parsed JSON, action sets, principals), not as text.
 *
 * Source: "Giving Amazon Personalize permission to use your AWS KMS key",
 * https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-key-access.html
 * as of 2023-01-31.
 */
import { describe, expect, it } from 'vitest';

import { type Answers, type Operation, type PolicySet } from './index';
import { buildValid, validAnswers } from './test-support/answers';
import { asList, documentOf, neededOf } from './test-support/documents';
import { unknownKmsActions } from './test-support/kms-api';
import { coveredOperations } from './test-support/kms-rules';

interface GuideStatement {
  Effect: 'Allow';
  Principal?: { AWS?: string; Service?: string };
  Action: string[];
  Resource: string;
}

interface GuidePolicy {
  Version: '2012-10-17';
  Statement: GuideStatement[];
}

const GUIDE_ROLE = 'arn:aws:iam::<account-id>:role/<personalize-role-name>';

/** The guide's key policy example for an encrypted S3 bucket. */
const GUIDE_BUCKET_KEY_POLICY: GuidePolicy = JSON.parse(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": "arn:aws:iam::<account-id>:role/<personalize-role-name>",
        "Service": "personalize.amazonaws.com"
      },
      "Action": [
        "kms:Decrypt",
        "kms:GenerateDataKey",
        "kms:DescribeKey",
        "kms:ListGrants"
      ],
      "Resource": "*"
    }
  ]
}`) as GuidePolicy;

/** The guide's IAM policy example for the service role (encrypted S3 bucket). */
const GUIDE_IAM_POLICY: GuidePolicy = JSON.parse(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "kms:Decrypt",
        "kms:GenerateDataKey",
        "kms:DescribeKey",
        "kms:ListGrants"
      ],
      "Resource": "*"
    }
  ]
}`) as GuidePolicy;

/** The guide's key policy for a dataset group created with a KMS key. */
const GUIDE_DATASET_GROUP_KEY_POLICY: GuidePolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: GUIDE_ROLE, Service: 'personalize.amazonaws.com' },
      Action: ['kms:Decrypt'],
      Resource: '*',
    },
  ],
};

/** The same, when data is exported from the encrypted dataset group. */
const GUIDE_DATASET_GROUP_EXPORT_KEY_POLICY: GuidePolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: GUIDE_ROLE, Service: 'personalize.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKeyWithoutPlaintext'],
      Resource: '*',
    },
  ],
};

/**
 * The documents for the defaults plus `overrides`: no account, role name or
 * key ARN, so the builder shows the guide's own placeholders.
 */
function buildWithPlaceholders(overrides: Partial<Answers>): PolicySet {
  return buildValid(validAnswers(overrides));
}

/**
 * A statement in a form where equal policies compare equal: Sid ignored,
 * actions and principal lists as sorted sets.
 */
function canonicalStatement(statement: unknown): unknown {
  const s = statement as Record<string, unknown>;
  const principal = s.Principal as Record<string, unknown> | '*' | undefined;
  return {
    Effect: s.Effect,
    Principal:
      principal === undefined || principal === '*'
        ? principal
        : {
            AWS: [...new Set(asList(principal.AWS))].sort(),
            Service: [...new Set(asList(principal.Service))].sort(),
          },
    Action: [...new Set(asList(s.Action))].sort(),
    Resource: [...new Set(asList(s.Resource))].sort(),
    Condition: s.Condition,
  };
}

function canonicalPolicy(policy: unknown): unknown {
  const p = policy as { Version: unknown; Statement: unknown[] };
  return {
    Version: p.Version,
    Statement: p.Statement.map(canonicalStatement).sort((a, b) =>
      JSON.stringify(a).localeCompare(JSON.stringify(b)),
    ),
  };
}

/** The root statement every complete key policy keeps (rules file, section 4). */
const ROOT_STATEMENT: GuideStatement = {
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::<account-id>:root' },
  Action: ['kms:*'],
  Resource: '*',
};

function withRoot(policy: GuidePolicy): GuidePolicy {
  return { ...policy, Statement: [ROOT_STATEMENT, ...policy.Statement] };
}

function isPersonalizeStatement(statement: GuideStatement): boolean {
  return statement.Principal?.Service === 'personalize.amazonaws.com';
}

/** The operations the January 2023 guide covers: its bucket example is for each of them. */
const GUIDE_OPERATIONS = coveredOperations('2023-01');

describe("the guide's encrypted S3 bucket examples", () => {
  const operations: Operation[][] = [...GUIDE_OPERATIONS.map((op) => [op]), GUIDE_OPERATIONS];

  describe.each(operations.map((ops) => ({ ops, name: ops.join(', ') })))(
    'operations: $name',
    ({ ops }) => {
      const set = buildWithPlaceholders({ operations: ops, bucketEncrypted: true });

      it("the statement to merge is the guide's key policy statement", () => {
        const doc = neededOf(set.documents, 'key-policy');
        const statementOnly = JSON.parse(doc.statementOnly?.json ?? 'null') as unknown;
        const guideStatement = GUIDE_BUCKET_KEY_POLICY.Statement.find(isPersonalizeStatement);
        expect(canonicalStatement(statementOnly)).toEqual(canonicalStatement(guideStatement));
      });

      it("the complete key policy is the guide's plus the root statement", () => {
        const doc = neededOf(set.documents, 'key-policy');
        expect(canonicalPolicy(JSON.parse(doc.json))).toEqual(
          canonicalPolicy(withRoot(GUIDE_BUCKET_KEY_POLICY)),
        );
      });

      it("the IAM policy is the guide's", () => {
        const doc = neededOf(set.documents, 'iam-policy');
        expect(canonicalPolicy(JSON.parse(doc.json))).toEqual(canonicalPolicy(GUIDE_IAM_POLICY));
      });
    },
  );
});

describe("the guide's encrypted dataset group examples", () => {
  // Its own example, and the export one when data is exported from it.
  it.each(
    [undefined, ...GUIDE_OPERATIONS].map((op) => ({
      name: op ?? 'no operation',
      ops: op === undefined ? [] : [op],
      guide:
        op === 'export' ? GUIDE_DATASET_GROUP_EXPORT_KEY_POLICY : GUIDE_DATASET_GROUP_KEY_POLICY,
    })),
  )('$name: key policy matches the guide and the IAM policy is unchanged', ({ ops, guide }) => {
    const set = buildWithPlaceholders({ operations: ops, datasetGroupEncrypted: true });
    const doc = neededOf(set.documents, 'key-policy');
    expect(canonicalPolicy(JSON.parse(doc.json))).toEqual(canonicalPolicy(withRoot(guide)));
    expect(canonicalStatement(JSON.parse(doc.statementOnly?.json ?? 'null'))).toEqual(
      canonicalStatement(guide.Statement[0]),
    );
    expect(documentOf(set.documents, 'iam-policy').needed).toBe(false);
  });
});

describe("the guide's examples combined on one key", () => {
  it('bucket and dataset group on the same key with export: the union of both statements', () => {
    const set = buildWithPlaceholders({
      operations: ['export'],
      bucketEncrypted: true,
      datasetGroupEncrypted: true,
      keys: 'same',
    });
    const doc = neededOf(set.documents, 'key-policy');
    const guideActions = [
      ...GUIDE_BUCKET_KEY_POLICY.Statement.flatMap((s) => s.Action),
      ...GUIDE_DATASET_GROUP_EXPORT_KEY_POLICY.Statement.flatMap((s) => s.Action),
    ];
    const merged: GuideStatement = {
      Effect: 'Allow',
      Principal: { AWS: GUIDE_ROLE, Service: 'personalize.amazonaws.com' },
      Action: guideActions,
      Resource: '*',
    };
    expect(canonicalStatement(JSON.parse(doc.statementOnly?.json ?? 'null'))).toEqual(
      canonicalStatement(merged),
    );
    expect(canonicalPolicy(JSON.parse(doc.json))).toEqual(
      canonicalPolicy({ Version: '2012-10-17', Statement: [ROOT_STATEMENT, merged] }),
    );
    const iam = neededOf(set.documents, 'iam-policy');
    expect(canonicalPolicy(JSON.parse(iam.json))).toEqual(canonicalPolicy(GUIDE_IAM_POLICY));
  });

  it('separate keys: each key policy matches its own example', () => {
    const set = buildWithPlaceholders({
      operations: ['export'],
      bucketEncrypted: true,
      datasetGroupEncrypted: true,
      keys: 'separate',
    });
    expect(canonicalPolicy(JSON.parse(neededOf(set.documents, 'key-policy-bucket').json))).toEqual(
      canonicalPolicy(withRoot(GUIDE_BUCKET_KEY_POLICY)),
    );
    expect(
      canonicalPolicy(JSON.parse(neededOf(set.documents, 'key-policy-dataset-group').json)),
    ).toEqual(canonicalPolicy(withRoot(GUIDE_DATASET_GROUP_EXPORT_KEY_POLICY)));
    expect(canonicalPolicy(JSON.parse(neededOf(set.documents, 'iam-policy').json))).toEqual(
      canonicalPolicy(GUIDE_IAM_POLICY),
    );
  });

  it('never emits an action KMS does not have (the guide’s bullet list misspells ListGrants)', () => {
    const set = buildWithPlaceholders({
      operations: GUIDE_OPERATIONS,
      bucketEncrypted: true,
      datasetGroupEncrypted: true,
    });
    for (const doc of set.documents) {
      if (!doc.needed) continue;
      const actions = (JSON.parse(doc.json) as GuidePolicy).Statement.flatMap((s) =>
        asList(s.Action),
      );
      expect(actions).toContain('kms:ListGrants');
      expect(unknownKmsActions(doc.policy.Statement)).toEqual([]);
    }
  });
});
