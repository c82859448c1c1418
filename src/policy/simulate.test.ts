/**
 * An independent check that the generated policies WORK: every document the
 * builder emits is evaluated by an IAM policy simulator
 * (@cloud-copilot/iam-simulate), and the verdicts are compared with what the
 * rules file (/work/shared/reference/personalize-kms-rules.md, sections 1 and
 * 4) requires. The expected actions below are written out from that file on
 * purpose, not read from `RULES`, so a mistake in the builder's rule table
 * shows up here.
 *
 * The simulator is AGPL-licensed: it is a devDependency and only test files
 * may import it.
 *
 * How the simulator evaluates KMS (read from its KmsServiceAuthorizer and
 * DefaultServiceAuthorizer, and confirmed by the verdicts below):
 * - Same account, key resource: a key policy statement that names the
 *   principal (role ARN, or an assumed-role session of that role) allows on
 *   its own; an identity (IAM) policy allows only when the key policy trusts
 *   the account (the root statement). With no key policy nothing is allowed.
 * - Cross account: both the key policy and the identity policy must allow.
 * - Service principals (personalize.amazonaws.com) are allowed only by the
 *   resource policy; they have no identity policies and no account.
 * The simulator does not model KMS grants, `kms:GrantIsForAWSResource`, or
 * how Personalize itself chooses between its role and its service
 * principal; these tests check the policies, not Personalize's behaviour.
 */
import { describe, expect, it, test } from 'vitest';

import {
  buildPolicies,
  type Answers,
  type DocumentId,
  type PolicyDocument,
  type PolicySet,
} from './index';
import { validAnswers } from './test-support/answers';
import { neededOf, onlyNeeded } from './test-support/documents';
import {
  BUCKET_ACTIONS,
  coveredOperations,
  DATASET_GROUP_ACTIONS,
  DATASET_GROUP_EXPORT_ACTIONS,
} from './test-support/kms-rules';
import { consoleKeyPolicy, consoleRootStatement } from './test-support/console-key-policy';
import {
  ALLOW_ALL_KMS,
  allowedOnly,
  CHECKED_KMS_ACTIONS,
  kmsVerdicts,
} from './test-support/simulator';

const ACCOUNT = '111122223333';
/** The role's account in the cross-account cases. */
const ROLE_ACCOUNT_ELSEWHERE = '444455556666';
/** An account that no policy mentions. */
const STRANGER_ACCOUNT = '999988887777';

const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const DATASET_GROUP_KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0987dcba-09fe-87dc-65ba-ba0987654321`;
/** A key the generated policies are not meant for, in the key's account. */
const OTHER_KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;

const SERVICE_PRINCIPAL = 'personalize.amazonaws.com';

type KeyDocumentId = Exclude<DocumentId, 'iam-policy'>;

interface KeyExpectation {
  /** Which generated key policy goes on this key. */
  doc: KeyDocumentId;
  keyArn: string;
  /** Actions the guide puts in this key's policy, for the role and the service principal. */
  keyPolicy: readonly string[];
  /** Actions the generated IAM policy grants on this key, through "*" or the key's ARN. */
  iam: readonly string[];
}

interface Case {
  name: string;
  answers: Partial<Answers>;
  /** The role ARN the key policy must name, written out by hand (path included). */
  roleArn: string;
  /** An assumed-role session of that role, as Personalize's calls appear to KMS. */
  sessionArn: string;
  keys: KeyExpectation[];
  /** Whether the IAM policy is scoped to key ARNs (least privilege) or uses the guide's "*". */
  iamScoped?: boolean;
}

/** Every operation the January 2023 guide covers. */
const ALL_OPERATIONS = coveredOperations('2023-01');

const role = (account: string, path = '/') => ({
  roleArn: `arn:aws:iam::${account}:role${path}PersonalizeRole`,
  sessionArn: `arn:aws:sts::${account}:assumed-role/PersonalizeRole/personalize-session`,
});

const CASES: Case[] = [
  {
    name: 'bucket only, all operations',
    answers: { bucketEncrypted: true, operations: ALL_OPERATIONS },
    ...role(ACCOUNT),
    keys: [{ doc: 'key-policy', keyArn: KEY_ARN, keyPolicy: BUCKET_ACTIONS, iam: BUCKET_ACTIONS }],
    iamScoped: false,
  },
  {
    name: 'bucket only, import only',
    answers: { bucketEncrypted: true, operations: ['import'] },
    ...role(ACCOUNT),
    keys: [{ doc: 'key-policy', keyArn: KEY_ARN, keyPolicy: BUCKET_ACTIONS, iam: BUCKET_ACTIONS }],
    iamScoped: false,
  },
  {
    name: 'dataset group only',
    answers: { datasetGroupEncrypted: true, operations: ['import'] },
    ...role(ACCOUNT),
    keys: [{ doc: 'key-policy', keyArn: KEY_ARN, keyPolicy: DATASET_GROUP_ACTIONS, iam: [] }],
  },
  {
    name: 'dataset group + export',
    answers: { datasetGroupEncrypted: true, operations: ['import', 'export'] },
    ...role(ACCOUNT),
    keys: [
      { doc: 'key-policy', keyArn: KEY_ARN, keyPolicy: DATASET_GROUP_EXPORT_ACTIONS, iam: [] },
    ],
  },
  {
    name: 'bucket and dataset group, same key, all operations',
    answers: {
      bucketEncrypted: true,
      datasetGroupEncrypted: true,
      keys: 'same',
      operations: ALL_OPERATIONS,
    },
    ...role(ACCOUNT),
    keys: [
      {
        doc: 'key-policy',
        keyArn: KEY_ARN,
        keyPolicy: [...BUCKET_ACTIONS, 'kms:GenerateDataKeyWithoutPlaintext'],
        iam: BUCKET_ACTIONS,
      },
    ],
    iamScoped: false,
  },
  {
    name: 'bucket and dataset group, separate keys with ARNs, import + export',
    answers: {
      bucketEncrypted: true,
      datasetGroupEncrypted: true,
      keys: 'separate',
      operations: ['import', 'export'],
      keyArn: KEY_ARN,
      datasetGroupKeyArn: DATASET_GROUP_KEY_ARN,
    },
    ...role(ACCOUNT),
    keys: [
      { doc: 'key-policy-bucket', keyArn: KEY_ARN, keyPolicy: BUCKET_ACTIONS, iam: BUCKET_ACTIONS },
      {
        doc: 'key-policy-dataset-group',
        keyArn: DATASET_GROUP_KEY_ARN,
        keyPolicy: DATASET_GROUP_EXPORT_ACTIONS,
        // Scoped to the bucket key's ARN: the IAM policy does not reach this key.
        iam: [],
      },
    ],
    iamScoped: true,
  },
  {
    name: 'bucket and dataset group, separate keys without ARNs, batch inference',
    answers: {
      bucketEncrypted: true,
      datasetGroupEncrypted: true,
      keys: 'separate',
      operations: ['batch-inference'],
    },
    ...role(ACCOUNT),
    keys: [
      { doc: 'key-policy-bucket', keyArn: KEY_ARN, keyPolicy: BUCKET_ACTIONS, iam: BUCKET_ACTIONS },
      {
        doc: 'key-policy-dataset-group',
        keyArn: DATASET_GROUP_KEY_ARN,
        keyPolicy: DATASET_GROUP_ACTIONS,
        // The guide's `"Resource": "*"` reaches every key of the account whose
        // policy keeps the root statement, this one included.
        iam: BUCKET_ACTIONS,
      },
    ],
    iamScoped: false,
  },
  {
    name: 'bucket only with a key ARN (IAM policy scoped to the key)',
    answers: {
      bucketEncrypted: true,
      operations: ALL_OPERATIONS,
      keyArn: KEY_ARN,
    },
    ...role(ACCOUNT),
    keys: [{ doc: 'key-policy', keyArn: KEY_ARN, keyPolicy: BUCKET_ACTIONS, iam: BUCKET_ACTIONS }],
    iamScoped: true,
  },
  {
    name: 'role path /service-role/, both encrypted with one key, export',
    answers: {
      bucketEncrypted: true,
      datasetGroupEncrypted: true,
      operations: ['export'],
      rolePath: '/service-role/',
      keyArn: KEY_ARN,
    },
    ...role(ACCOUNT, '/service-role/'),
    keys: [
      {
        doc: 'key-policy',
        keyArn: KEY_ARN,
        keyPolicy: [...BUCKET_ACTIONS, 'kms:GenerateDataKeyWithoutPlaintext'],
        iam: BUCKET_ACTIONS,
      },
    ],
    iamScoped: true,
  },
  {
    name: 'cross-account key, bucket, batch inference',
    answers: {
      bucketEncrypted: true,
      operations: ['batch-inference'],
      accountId: ROLE_ACCOUNT_ELSEWHERE,
      roleName: 'PersonalizeRole',
      keyArn: KEY_ARN,
    },
    ...role(ROLE_ACCOUNT_ELSEWHERE),
    keys: [{ doc: 'key-policy', keyArn: KEY_ARN, keyPolicy: BUCKET_ACTIONS, iam: BUCKET_ACTIONS }],
    iamScoped: true,
  },
  {
    // Section 1 says an encrypted dataset group needs no IAM change, and the
    // builder follows it. Cross-account, the role itself therefore gets
    // nothing on the key (section 4: both policies are required); only the
    // service principal is allowed, through the key policy.
    name: 'cross-account key, dataset group only',
    answers: {
      datasetGroupEncrypted: true,
      operations: ['import'],
      accountId: ROLE_ACCOUNT_ELSEWHERE,
      roleName: 'PersonalizeRole',
      keyArn: KEY_ARN,
    },
    ...role(ROLE_ACCOUNT_ELSEWHERE),
    keys: [{ doc: 'key-policy', keyArn: KEY_ARN, keyPolicy: DATASET_GROUP_ACTIONS, iam: [] }],
  },
];

// --- helpers ---------------------------------------------------------------

const accountOf = (arn: string): string => arn.split(':')[4] ?? '';

/** Every case names the role; a case without its own account is in ACCOUNT. */
function answersOf(c: Case): Answers {
  return validAnswers({ accountId: ACCOUNT, roleName: 'PersonalizeRole', ...c.answers });
}

const built = new Map<string, PolicySet>();
function policiesOf(c: Case): PolicySet {
  let set = built.get(c.name);
  if (!set) {
    set = buildPolicies(answersOf(c));
    built.set(c.name, set);
  }
  return set;
}

function keyPolicyOf(c: Case, id: KeyDocumentId): PolicyDocument {
  return neededOf(policiesOf(c).documents, id).policy;
}

/** The generated IAM policy as the role's identity policies (none when not needed). */
function identityPoliciesOf(c: Case): PolicyDocument[] {
  return onlyNeeded(policiesOf(c).documents)
    .filter((d) => d.id === 'iam-policy')
    .map((d) => d.policy);
}

/** The key policy with only its account root statement(s): what IAM policies depend on. */
function rootOnly(policy: PolicyDocument): PolicyDocument {
  return {
    ...policy,
    Statement: policy.Statement.filter((s) => {
      const aws = typeof s.Principal === 'object' ? s.Principal.AWS : undefined;
      return typeof aws === 'string' && aws.endsWith(':root');
    }),
  };
}

/** The simulator's verdict for every checked action on one key. */
const verdicts = (
  principal: string,
  keyArn: string,
  keyPolicy: PolicyDocument | undefined,
  identityPolicies: readonly PolicyDocument[],
) => kmsVerdicts({ principal, resource: keyArn, resourcePolicy: keyPolicy, identityPolicies });

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];
const intersection = (a: readonly string[], b: readonly string[]) => a.filter((x) => b.includes(x));

const KEY_ROWS = CASES.flatMap((c) =>
  c.keys.map((key) => ({
    label: `${c.name} [${key.doc}]`,
    c,
    key,
    sameAccount: accountOf(c.roleArn) === accountOf(key.keyArn),
  })),
);

// --- tests -----------------------------------------------------------------

describe('generated KMS policies, evaluated by @cloud-copilot/iam-simulate', () => {
  test.each(CASES)('$name: produces exactly the documents the guide calls for', (c) => {
    const needed = policiesOf(c)
      .documents.filter((d) => d.needed)
      .map((d) => d.id)
      .sort();
    const expected = [
      ...c.keys.map((k) => k.doc),
      ...(c.keys.some((k) => k.iam.length > 0) ? ['iam-policy' as const] : []),
    ].sort();
    expect(needed).toEqual(expected);
  });

  describe('1. the service role, with the generated IAM policy and key policy', () => {
    test.each(KEY_ROWS)(
      '$label: allowed exactly the required actions',
      async ({ c, key, sameAccount }) => {
        const keyPolicy = keyPolicyOf(c, key.doc);
        const identity = identityPoliciesOf(c);
        // Same account: either policy can allow (key policy names the role;
        // IAM policy through the root statement). Cross account: both must.
        const expected = allowedOnly(
          sameAccount ? union(key.keyPolicy, key.iam) : intersection(key.keyPolicy, key.iam),
        );
        for (const principal of [c.roleArn, c.sessionArn]) {
          expect({
            principal,
            verdicts: await verdicts(principal, key.keyArn, keyPolicy, identity),
          }).toEqual({ principal, verdicts: expected });
        }
      },
    );

    test.each(KEY_ROWS)(
      '$label: the key policy alone (no IAM policy) allows the key-policy actions same-account, nothing cross-account',
      async ({ c, key, sameAccount }) => {
        const keyPolicy = keyPolicyOf(c, key.doc);
        const expected = allowedOnly(sameAccount ? key.keyPolicy : []);
        for (const principal of [c.roleArn, c.sessionArn]) {
          expect({
            principal,
            verdicts: await verdicts(principal, key.keyArn, keyPolicy, []),
          }).toEqual({ principal, verdicts: expected });
        }
      },
    );

    test.each(KEY_ROWS)(
      '$label: the IAM policy alone (key policy reduced to its root statement) allows only the IAM actions',
      async ({ c, key, sameAccount }) => {
        const keyPolicy = rootOnly(keyPolicyOf(c, key.doc));
        const expected = allowedOnly(sameAccount ? key.iam : []);
        for (const principal of [c.roleArn, c.sessionArn]) {
          expect({
            principal,
            verdicts: await verdicts(principal, key.keyArn, keyPolicy, identityPoliciesOf(c)),
          }).toEqual({ principal, verdicts: expected });
        }
      },
    );

    test.each(CASES.filter((c) => c.iamScoped !== undefined && accountOf(c.roleArn) === ACCOUNT))(
      '$name: the IAM policy reaches another key of the account only when it uses "*"',
      async (c) => {
        const otherKeyPolicy = consoleKeyPolicy([consoleRootStatement(ACCOUNT)]);
        const iamActions = c.keys.flatMap((k) => k.iam);
        const expected = allowedOnly(c.iamScoped ? [] : iamActions);
        expect(
          await verdicts(c.roleArn, OTHER_KEY_ARN, otherKeyPolicy, identityPoliciesOf(c)),
        ).toEqual(expected);
      },
    );
  });

  describe('2. the service principal personalize.amazonaws.com', () => {
    // The simulator supports service principals as request principals: they
    // are allowed only by the resource (key) policy and carry no identity
    // policies, so the generated IAM policy plays no part here.
    test.each(KEY_ROWS)('$label: allowed exactly the key-policy actions', async ({ c, key }) => {
      expect(await verdicts(SERVICE_PRINCIPAL, key.keyArn, keyPolicyOf(c, key.doc), [])).toEqual(
        allowedOnly(key.keyPolicy),
      );
    });

    it('is denied on a key whose policy has only the root statement', async () => {
      const c = CASES[0];
      if (!c) throw new Error('no cases');
      expect(
        await verdicts(SERVICE_PRINCIPAL, KEY_ARN, rootOnly(keyPolicyOf(c, 'key-policy')), []),
      ).toEqual(allowedOnly([]));
    });
  });

  describe('3. administrators and strangers', () => {
    test.each(KEY_ROWS)(
      "$label: an admin of the key's account keeps full control (kms:* identity policy)",
      async ({ c, key }) => {
        const admin = `arn:aws:iam::${accountOf(key.keyArn)}:role/Admin`;
        const keyPolicy = keyPolicyOf(c, key.doc);
        expect(await verdicts(admin, key.keyArn, keyPolicy, [ALLOW_ALL_KMS])).toEqual(
          allowedOnly(CHECKED_KMS_ACTIONS),
        );
        // The root statement delegates to IAM; it grants nothing by itself.
        expect(await verdicts(admin, key.keyArn, keyPolicy, [])).toEqual(allowedOnly([]));
      },
    );

    test.each(KEY_ROWS)(
      '$label: a principal of another account is denied everything, even with kms:*',
      async ({ c, key }) => {
        const stranger = `arn:aws:iam::${STRANGER_ACCOUNT}:role/Admin`;
        expect(
          await verdicts(stranger, key.keyArn, keyPolicyOf(c, key.doc), [ALLOW_ALL_KMS]),
        ).toEqual(allowedOnly([]));
      },
    );

    it('the statement-only view, used alone as a key policy, would lock the key (why the root statement is kept)', async () => {
      const c = CASES[0];
      if (!c) throw new Error('no cases');
      const statement = neededOf(policiesOf(c).documents, 'key-policy').statementOnly?.statement;
      if (!statement) throw new Error('no statement-only view');
      const lockedPolicy: PolicyDocument = { Version: '2012-10-17', Statement: [statement] };
      const admin = `arn:aws:iam::${ACCOUNT}:role/Admin`;
      expect(await verdicts(admin, KEY_ARN, lockedPolicy, [ALLOW_ALL_KMS])).toEqual(
        allowedOnly([]),
      );
      // The role keeps what the statement names; the IAM policy adds nothing.
      expect(await verdicts(c.roleArn, KEY_ARN, lockedPolicy, identityPoliciesOf(c))).toEqual(
        allowedOnly(BUCKET_ACTIONS),
      );
    });
  });

  describe('4. a key in another account than the role', () => {
    const c = CASES.find((x) => x.name === 'cross-account key, bucket, batch inference');
    if (!c) throw new Error('cross-account case missing');
    const keyPolicy = () => keyPolicyOf(c, 'key-policy');

    it('puts the root statement of the key account, and names the role of the other account', () => {
      const [root, personalize] = keyPolicy().Statement;
      expect(root?.Principal).toEqual({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
      expect(personalize?.Principal).toEqual({ AWS: c.roleArn, Service: SERVICE_PRINCIPAL });
    });

    it('allows the role with both the key policy and the IAM policy', async () => {
      for (const principal of [c.roleArn, c.sessionArn]) {
        expect(await verdicts(principal, KEY_ARN, keyPolicy(), identityPoliciesOf(c))).toEqual(
          allowedOnly(BUCKET_ACTIONS),
        );
      }
    });

    it("denies the role when its IAM policy is removed, and when the key policy doesn't name it", async () => {
      for (const principal of [c.roleArn, c.sessionArn]) {
        expect(await verdicts(principal, KEY_ARN, keyPolicy(), [])).toEqual(allowedOnly([]));
        expect(
          await verdicts(principal, KEY_ARN, rootOnly(keyPolicy()), identityPoliciesOf(c)),
        ).toEqual(allowedOnly([]));
      }
    });

    it("keeps the key manageable by the key account's admins, not the role account's", async () => {
      const keyAdmin = `arn:aws:iam::${ACCOUNT}:role/Admin`;
      const roleAccountAdmin = `arn:aws:iam::${ROLE_ACCOUNT_ELSEWHERE}:role/Admin`;
      expect(await verdicts(keyAdmin, KEY_ARN, keyPolicy(), [ALLOW_ALL_KMS])).toEqual(
        allowedOnly(CHECKED_KMS_ACTIONS),
      );
      expect(await verdicts(roleAccountAdmin, KEY_ARN, keyPolicy(), [ALLOW_ALL_KMS])).toEqual(
        allowedOnly([]),
      );
    });
  });
});
