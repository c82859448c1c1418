/**
 * The companion documents a Personalize setup needs besides the KMS ones: the
 * service role's S3 access policy, the bucket policy, the role's trust policy,
 * and the PassRole policy for whoever creates Personalize resources.
 *
 * Like the KMS rules, the rules here are data (S3_ACCESS_RULES, TRUST_RULE,
 * PASS_ROLE_RULE); the builders and the explanations both read them.
 * Pure and deterministic: the same answers always give the same bytes.
 */
import { type Answers, type Operation, OPERATIONS } from './answers';
import {
  type ActionExplanation,
  type BuiltDocument,
  type DocumentKind,
  type NeededDocument,
  answerOr,
  roleArn,
  reasonsByAction,
  type Source,
} from './build';
import {
  normalizePolicy,
  POLICY_VERSION,
  sortActions,
  toJson,
  type PolicyDocument,
  type PolicyStatement,
} from './document';
import { SERVICE_PRINCIPAL } from './partitions';
import { parseKeyArn } from './validate';

export const S3_ACCESS_SOURCE: Source = {
  title: 'Amazon Personalize: Giving Amazon Personalize access to Amazon S3 resources',
  url: 'https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-s3-access.html',
};

export const CONFUSED_DEPUTY_SOURCE: Source = {
  title: 'Amazon Personalize: Cross-service confused deputy prevention',
  url: 'https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html',
};

export const PASS_ROLE_SOURCE: Source = {
  title: 'IAM User Guide: Grant a user permissions to pass a role to an AWS service',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
};

export const S3_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket'] as const;
export type S3Action = (typeof S3_ACTIONS)[number];

/** Every action the S3 access policy can grant: the S3 ones and CloudWatch's. */
export type S3AccessAction = S3Action | 'cloudwatch:PutMetricData';

/**
 * What an action applies to, which decides its Resource: the bucket
 * (`arn:PARTITION:s3:::BUCKET`), the bucket's objects (`…/*`), or anything
 * (`"*"`, for actions that have no resource to scope to).
 */
export type ActionScope = 'bucket' | 'objects' | 'any';

export const S3_ACCESS_ACTION_INFO: Readonly<
  Record<S3AccessAction, { purpose: string; scope: ActionScope }>
> = {
  's3:GetObject': {
    purpose: 'Read objects from the bucket, such as training data and batch input.',
    scope: 'objects',
  },
  's3:PutObject': {
    purpose: 'Write objects to the bucket, such as exported data, batch output and reports.',
    scope: 'objects',
  },
  's3:ListBucket': {
    purpose: 'List the objects in the bucket, to find the files under a path.',
    scope: 'bucket',
  },
  'cloudwatch:PutMetricData': {
    purpose: 'Publish metric attribution metrics to Amazon CloudWatch.',
    scope: 'any',
  },
};

/** One row of the rules file's section 3 table: what an operation needs from S3. */
export interface S3AccessRule {
  operation: Operation;
  /** The answer that brings the rule in, as a sentence. */
  answer: string;
  /** Actions the service role's identity policy grants. */
  roleActions: readonly S3AccessAction[];
  /** Actions the bucket policy grants to the Personalize service principal. */
  bucketPolicyActions: readonly S3Action[];
  reason: string;
  source: Source;
}

export const S3_ACCESS_RULES: readonly S3AccessRule[] = [
  {
    operation: 'import',
    answer: 'You run dataset import jobs.',
    roleActions: ['s3:GetObject', 's3:ListBucket'],
    bucketPolicyActions: ['s3:GetObject', 's3:ListBucket'],
    reason:
      'A dataset import job lists the input path and reads the data files from the bucket, through the service role and the bucket policy.',
    source: S3_ACCESS_SOURCE,
  },
  {
    operation: 'export',
    answer: 'You run dataset export jobs.',
    roleActions: ['s3:PutObject', 's3:ListBucket'],
    bucketPolicyActions: ['s3:PutObject', 's3:ListBucket'],
    reason:
      'A dataset export job lists the output path and writes the exported data to the bucket.',
    source: S3_ACCESS_SOURCE,
  },
  {
    operation: 'batch-inference',
    answer: 'You run batch inference jobs.',
    roleActions: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
    bucketPolicyActions: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
    reason:
      'A batch inference job reads its input from the bucket and writes its recommendations back to it (the batch workflow permissions).',
    source: S3_ACCESS_SOURCE,
  },
  {
    operation: 'batch-segment',
    answer: 'You run batch segment jobs.',
    roleActions: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
    bucketPolicyActions: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
    reason:
      'A batch segment job uses the same batch workflow permissions as batch inference: it reads its input from the bucket and writes the segments back.',
    source: S3_ACCESS_SOURCE,
  },
  {
    operation: 'metric-reports',
    answer: 'You publish metric attribution reports to Amazon S3.',
    roleActions: ['s3:PutObject', 'cloudwatch:PutMetricData'],
    bucketPolicyActions: ['s3:PutObject'],
    reason:
      'A metric attribution writes its reports to the bucket and publishes its metrics to CloudWatch; the bucket policy needs only the write.',
    source: S3_ACCESS_SOURCE,
  },
];

/** Why the trust policy is as it is, for its one action. */
export const TRUST_RULE = {
  purpose: 'Let Amazon Personalize assume the service role to act on your behalf.',
  answer: 'Every Personalize service role needs a trust policy.',
  reason:
    'Personalize assumes the role to reach your bucket and keys. The aws:SourceAccount and aws:SourceArn conditions let it do so only for Personalize resources of your own account (confused deputy prevention), so both name the same account. AWS’s own example on that page shows two different account IDs in the two conditions; no request matches both, so the role could never be assumed.',
  source: CONFUSED_DEPUTY_SOURCE,
} as const;

/** Why the PassRole policy is as it is, for its one action. */
export const PASS_ROLE_RULE = {
  purpose:
    'Hand the service role to Amazon Personalize when creating a dataset group, import or export job, batch job or metric attribution.',
  answer:
    'The people or pipelines that create Personalize resources pass the service role to Personalize.',
  reason:
    'Passing a role needs iam:PassRole on that role. The iam:PassedToService condition limits it to Personalize, so the role cannot be handed to another service, and the Resource names only this role (path included).',
  source: PASS_ROLE_SOURCE,
} as const;

/** Sids of the companion statements; IAM Sids must be alphanumeric. */
export const COMPANION_SIDS = {
  roleListBucket: 'PersonalizeListBucket',
  roleObjects: 'PersonalizeObjectAccess',
  roleMetrics: 'PersonalizeCloudWatchMetrics',
  bucketListBucket: 'AllowPersonalizeServiceListBucket',
  bucketObjects: 'AllowPersonalizeServiceObjectAccess',
  trust: 'AllowPersonalizeAssumeRole',
  passRole: 'AllowPassRoleToPersonalize',
} as const;

const SCOPE_ORDER: readonly ActionScope[] = ['bucket', 'objects', 'any'];

function resourceOf(answers: Answers, scope: ActionScope): string {
  const bucket = `arn:${answers.partition}:s3:::${answerOr(answers, 'bucketName')}`;
  if (scope === 'bucket') return bucket;
  if (scope === 'objects') return `${bucket}/*`;
  return '*';
}

/** Why an action is granted on the resource it is, in a sentence after its purpose. */
function scopeSentence(answers: Answers, scope: ActionScope): string {
  const resource = resourceOf(answers, scope);
  if (scope === 'bucket') {
    return `Granted on the bucket (${resource}) only: ListBucket acts on the bucket, not on its objects.`;
  }
  if (scope === 'objects') {
    return `Granted on the bucket’s objects (${resource}) only, not on the bucket itself: object actions need nothing more (least privilege).`;
  }
  return 'Granted on "*": CloudWatch metric data has no resource ARN to scope the permission to.';
}

function selectedRules(answers: Answers): S3AccessRule[] {
  // The table's order, not the order the answers list them in.
  return OPERATIONS.filter((op) => answers.operations.includes(op)).flatMap((op) =>
    S3_ACCESS_RULES.filter((rule) => rule.operation === op),
  );
}

function explainS3(
  answers: Answers,
  rules: readonly S3AccessRule[],
  actionsOf: (rule: S3AccessRule) => readonly S3AccessAction[],
): ActionExplanation[] {
  return reasonsByAction(rules, actionsOf, (rule) => ({
    answer: rule.answer,
    reason: rule.reason,
    source: rule.source,
  })).map(([action, because]) => {
    const info = S3_ACCESS_ACTION_INFO[action];
    return {
      action,
      purpose: `${info.purpose} ${scopeSentence(answers, info.scope)}`,
      because,
    };
  });
}

/** One statement per resource, so each action is granted only where it applies. */
function statementsByScope(
  answers: Answers,
  actions: readonly S3AccessAction[],
  sids: Readonly<Partial<Record<ActionScope, string>>>,
  principal?: PolicyStatement['Principal'],
): PolicyStatement[] {
  return SCOPE_ORDER.flatMap((scope) => {
    const scoped = actions.filter((action) => S3_ACCESS_ACTION_INFO[action].scope === scope);
    if (scoped.length === 0) return [];
    const statement: PolicyStatement = {
      Sid: sids[scope] ?? '',
      Effect: 'Allow',
      Action: sortActions(scoped),
      Resource: resourceOf(answers, scope),
    };
    if (principal !== undefined) statement.Principal = principal;
    return [statement];
  });
}

function needed(
  base: Pick<NeededDocument, 'id' | 'title' | 'kind'>,
  policy: PolicyDocument,
  fileName: string,
  explanations: ActionExplanation[],
): NeededDocument {
  return { ...base, needed: true, policy, json: toJson(policy), fileName, explanations };
}

// Every operation the wizard offers reads or writes the bucket, so only an
// empty selection leaves these documents out.
const NO_OPERATION = 'No operation that reads or writes the S3 bucket is selected,';

/** How the two S3 documents differ: who they grant, which actions, and their names. */
interface S3DocumentSpec {
  base: { id: 's3-access-policy' | 'bucket-policy'; title: string; kind: DocumentKind };
  actionsOf: (rule: S3AccessRule) => readonly S3AccessAction[];
  sids: Readonly<Partial<Record<ActionScope, string>>>;
  /** The bucket policy names Personalize; the role's policy names no principal. */
  principal?: PolicyStatement['Principal'];
  fileName: string;
  /** The end of the sentence saying why the document is not needed. */
  notNeeded: string;
}

const S3_ACCESS_POLICY: S3DocumentSpec = {
  base: { id: 's3-access-policy', title: 'S3 access policy', kind: 'iam-policy' },
  actionsOf: (rule) => rule.roleActions,
  sids: {
    bucket: COMPANION_SIDS.roleListBucket,
    objects: COMPANION_SIDS.roleObjects,
    any: COMPANION_SIDS.roleMetrics,
  },
  fileName: 'personalize-service-role-s3-policy.json',
  notNeeded: 'so the service role needs no S3 permissions.',
};

// No confused-deputy conditions in the bucket policy: no AWS page shows them
// there for Personalize, and an untested condition could block the service.
const BUCKET_POLICY: S3DocumentSpec = {
  base: { id: 'bucket-policy', title: 'Bucket policy', kind: 'bucket-policy' },
  actionsOf: (rule) => rule.bucketPolicyActions,
  sids: { bucket: COMPANION_SIDS.bucketListBucket, objects: COMPANION_SIDS.bucketObjects },
  principal: { Service: SERVICE_PRINCIPAL },
  fileName: 'personalize-bucket-policy.json',
  notNeeded: 'so the bucket needs no policy for Personalize.',
};

function buildS3Document(answers: Answers, spec: S3DocumentSpec): BuiltDocument {
  const rules = selectedRules(answers);
  const actions = rules.flatMap(spec.actionsOf);
  if (actions.length === 0) {
    return { ...spec.base, needed: false, reason: `${NO_OPERATION} ${spec.notNeeded}` };
  }
  const policy = normalizePolicy({
    Version: POLICY_VERSION,
    Statement: statementsByScope(answers, actions, spec.sids, spec.principal),
  });
  return needed(spec.base, policy, spec.fileName, explainS3(answers, rules, spec.actionsOf));
}

/**
 * IAM rejects a trust policy that has a Resource ("Has prohibited field
 * Resource"), but PolicyStatement in document.ts requires one. So the
 * statement goes through the one normaliser with a stand-in Resource, which is
 * then dropped. Once Resource is optional in PolicyStatement this becomes a
 * plain normalizePolicy call.
 */
function buildTrustPolicy(answers: Answers): NeededDocument {
  const account = answerOr(answers, 'accountId');
  const region = answerOr(answers, 'region');
  // IAM rejects a trust policy statement that has a Resource.
  const policy = normalizePolicy({
    Version: POLICY_VERSION,
    Statement: [
      {
        Sid: COMPANION_SIDS.trust,
        Effect: 'Allow',
        Principal: { Service: SERVICE_PRINCIPAL },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: {
            'aws:SourceArn': `arn:${answers.partition}:personalize:${region}:${account}:*`,
          },
        },
      },
    ],
  });
  return needed(
    { id: 'trust-policy', title: 'Trust policy', kind: 'trust-policy' },
    policy,
    'personalize-service-role-trust-policy.json',
    [
      {
        action: 'sts:AssumeRole',
        purpose: TRUST_RULE.purpose,
        because: [
          { answer: TRUST_RULE.answer, reason: TRUST_RULE.reason, source: TRUST_RULE.source },
        ],
      },
    ],
  );
}

/** The service role's ARN, with its path: the one PassRole may pass. */
function buildPassRolePolicy(answers: Answers): NeededDocument {
  const policy = normalizePolicy({
    Version: POLICY_VERSION,
    Statement: [
      {
        Sid: COMPANION_SIDS.passRole,
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: roleArn(answers),
        Condition: { StringEquals: { 'iam:PassedToService': SERVICE_PRINCIPAL } },
      },
    ],
  });
  return needed(
    { id: 'passrole-policy', title: 'PassRole policy', kind: 'iam-policy' },
    policy,
    'personalize-passrole-policy.json',
    [
      {
        action: 'iam:PassRole',
        purpose: PASS_ROLE_RULE.purpose,
        because: [
          {
            answer: PASS_ROLE_RULE.answer,
            reason: PASS_ROLE_RULE.reason,
            source: PASS_ROLE_RULE.source,
          },
        ],
      },
    ],
  );
}

/**
 * The companion documents, in a fixed order: S3 access policy, bucket policy,
 * trust policy, PassRole policy. The first two are skipped, with a reason,
 * when no operation touches the bucket.
 */
export function buildCompanionDocuments(answers: Answers): BuiltDocument[] {
  return [
    buildS3Document(answers, S3_ACCESS_POLICY),
    buildS3Document(answers, BUCKET_POLICY),
    buildTrustPolicy(answers),
    buildPassRolePolicy(answers),
  ];
}

/** The KMS keys the answers use, each once. */
function keysInUse(answers: Answers): string[] {
  const keys: string[] = [];
  if (answers.bucketEncrypted || answers.datasetGroupEncrypted) keys.push(answers.keyArn);
  if (answers.bucketEncrypted && answers.datasetGroupEncrypted && answers.keys === 'separate') {
    keys.push(answers.datasetGroupKeyArn);
  }
  return [...new Set(keys.filter((key) => key !== ''))];
}

/** Things to know before applying the companion documents. */
export function companionNotes(answers: Answers): string[] {
  const notes: string[] = [];
  if (answers.operations.length > 0) {
    notes.push(
      'Amazon Personalize cannot use a bucket whose policy allows access only from a VPC; such a bucket policy blocks it.',
      'aws s3api put-bucket-policy replaces the bucket’s whole policy: fetch the current one with get-bucket-policy and merge these statements into it first.',
    );
  }
  notes.push(
    'A policy can name only principals that exist when it is put: create the service role before putting a key policy that names it, and allow a few seconds for a new role to be usable.',
  );
  for (const keyArn of keysInUse(answers)) {
    const key = parseKeyArn(keyArn);
    if (!key || answers.accountId === '' || key.accountId === answers.accountId) continue;
    notes.push(
      `The key ${keyArn} is in account ${key.accountId}, the service role in account ${answers.accountId}. Put the key policy on the key in account ${key.accountId}. Put the role’s documents (service role IAM policy, S3 access policy, trust policy) on the role in account ${answers.accountId}, and the PassRole policy on the people or pipelines in that account that create Personalize resources.`,
    );
  }
  if (answers.partition === 'aws-cn') {
    notes.push(
      `In the aws-cn partition the trust policy, bucket policy and PassRole condition name ${SERVICE_PRINCIPAL}, as AWS’s China documentation shows; AWS does not confirm it, so test them before relying on them.`,
    );
  }
  return notes;
}
