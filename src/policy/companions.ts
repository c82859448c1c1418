/**
 * The companion documents a Personalize setup needs besides the KMS ones: the
 * service role's S3 access policy, the bucket policy, the role's trust policy,
 * and the PassRole policy for whoever creates Personalize resources.
 *
 * Like the KMS rules, their rules are data, in companion-rules.ts
 * (S3_ACCESS_RULES, TRUST_RULE, PASS_ROLE_RULE); the builders here and the
 * explanations both read them.
 * Pure and deterministic: the same answers always give the same bytes.
 */
import { type Answers, OPERATIONS } from './answers';
import {
  type ActionExplanation,
  type BuiltDocument,
  type NeededDocument,
  answerOr,
  destinationNames,
  explainOne,
  keyArnsInUse,
  personalizeSourceCondition,
  type PlaceholderField,
  ROLE_ARN_ANSWERS,
  roleArn,
  reasonsByAction,
  SOURCE_CONDITION_ANSWERS,
  unanswered,
  withConfusedDeputy,
} from './build';
import {
  normalizePolicy,
  POLICY_VERSION,
  sortActions,
  toJson,
  type PolicyDocument,
  type PolicyStatement,
} from './document';
import { destinationOf, DOCUMENT_FACTS, fileNameOf } from './document-facts';
import { SERVICE_PRINCIPAL } from './partitions';
import {
  COMPANION_SIDS,
  PASS_ROLE_RULE,
  S3_ACCESS_ACTION_INFO,
  S3_ACCESS_RULES,
  TRUST_RULE,
  type ActionScope,
  type S3AccessAction,
  type S3AccessRule,
  VPC_ONLY_BUCKET,
} from './companion-rules';
import { CONFUSED_DEPUTY } from './rules';
import { parseKeyArn } from './validate';

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
  conditioned: boolean,
): ActionExplanation[] {
  const explanations = reasonsByAction(rules, actionsOf, (rule) => ({
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
  return conditioned ? withConfusedDeputy(answers, explanations) : explanations;
}

/** One statement per resource, so each action is granted only where it applies. */
function statementsByScope(
  answers: Answers,
  actions: readonly S3AccessAction[],
  sids: Readonly<Partial<Record<ActionScope, string>>>,
  principal?: PolicyStatement['Principal'],
  condition?: PolicyStatement['Condition'],
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
    if (condition !== undefined) statement.Condition = condition;
    return [statement];
  });
}

function needed(
  answers: Answers,
  id: NeededDocument['id'],
  policy: PolicyDocument,
  explanations: ActionExplanation[],
  /** The answers its JSON is written from. */
  used: readonly PlaceholderField[],
): NeededDocument {
  const { title, kind } = DOCUMENT_FACTS[id];
  return {
    id,
    title,
    kind,
    needed: true,
    policy,
    json: toJson(policy),
    fileName: fileNameOf(id),
    destination: destinationOf(id, destinationNames(answers)),
    explanations,
    placeholders: unanswered(answers, used),
  };
}

// Every operation the wizard offers reads or writes the bucket, so only an
// empty selection leaves these documents out.
const NO_OPERATION = 'No operation that reads or writes the S3 bucket is selected,';

/** How the two S3 documents differ: who they grant, which actions, and their names. */
interface S3DocumentSpec {
  id: 's3-access-policy' | 'bucket-policy';
  actionsOf: (rule: S3AccessRule) => readonly S3AccessAction[];
  sids: Readonly<Partial<Record<ActionScope, string>>>;
  /** The bucket policy names Personalize; the role's policy names no principal. */
  principal?: PolicyStatement['Principal'];
  /** The end of the sentence saying why the document is not needed. */
  notNeeded: string;
}

const S3_ACCESS_POLICY: S3DocumentSpec = {
  id: 's3-access-policy',
  actionsOf: (rule) => rule.roleActions,
  sids: {
    bucket: COMPANION_SIDS.roleListBucket,
    objects: COMPANION_SIDS.roleObjects,
    any: COMPANION_SIDS.roleMetrics,
  },
  notNeeded: 'so the service role needs no S3 permissions.',
};

// Confused-deputy conditions in the bucket policy only when asked for
// (answers.confusedDeputy): no AWS page shows them there for Personalize, and
// an untested condition could block the service.
const BUCKET_POLICY: S3DocumentSpec = {
  id: 'bucket-policy',
  actionsOf: (rule) => rule.bucketPolicyActions,
  sids: { bucket: COMPANION_SIDS.bucketListBucket, objects: COMPANION_SIDS.bucketObjects },
  principal: { Service: SERVICE_PRINCIPAL },
  notNeeded: 'so the bucket needs no policy for Personalize.',
};

function buildS3Document(answers: Answers, spec: S3DocumentSpec): BuiltDocument {
  const rules = selectedRules(answers);
  const actions = rules.flatMap(spec.actionsOf);
  if (actions.length === 0) {
    const { title, kind } = DOCUMENT_FACTS[spec.id];
    return {
      id: spec.id,
      title,
      kind,
      needed: false,
      reason: `${NO_OPERATION} ${spec.notNeeded}`,
    };
  }
  // Only statements for the service principal take the conditions; the role's have none.
  const conditioned = answers.confusedDeputy && spec.principal !== undefined;
  const statements = statementsByScope(
    answers,
    actions,
    spec.sids,
    spec.principal,
    conditioned ? personalizeSourceCondition(answers) : undefined,
  );
  const policy = normalizePolicy({ Version: POLICY_VERSION, Statement: statements });
  // Every Resource but "*" names the bucket.
  const namesBucket = statements.some((statement) => statement.Resource !== '*');
  return needed(answers, spec.id, policy, explainS3(answers, rules, spec.actionsOf, conditioned), [
    ...(namesBucket ? ['bucketName' as const] : []),
    ...(conditioned ? SOURCE_CONDITION_ANSWERS : []),
  ]);
}

function buildTrustPolicy(answers: Answers): NeededDocument {
  // IAM rejects a trust policy statement that has a Resource ("Has prohibited
  // field Resource"), so this one has none.
  const policy = normalizePolicy({
    Version: POLICY_VERSION,
    Statement: [
      {
        Sid: COMPANION_SIDS.trust,
        Effect: 'Allow',
        Principal: { Service: SERVICE_PRINCIPAL },
        Action: TRUST_RULE.action,
        Condition: personalizeSourceCondition(answers),
      },
    ],
  });
  return needed(
    answers,
    'trust-policy',
    policy,
    [explainOne(TRUST_RULE)],
    SOURCE_CONDITION_ANSWERS,
  );
}

/** The PassRole policy: only this role (path included), and only to Personalize. */
function buildPassRolePolicy(answers: Answers): NeededDocument {
  const policy = normalizePolicy({
    Version: POLICY_VERSION,
    Statement: [
      {
        Sid: COMPANION_SIDS.passRole,
        Effect: 'Allow',
        Action: PASS_ROLE_RULE.action,
        Resource: roleArn(answers),
        Condition: { StringEquals: { 'iam:PassedToService': SERVICE_PRINCIPAL } },
      },
    ],
  });
  return needed(answers, 'passrole-policy', policy, [explainOne(PASS_ROLE_RULE)], ROLE_ARN_ANSWERS);
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

/** Things to know before applying the companion documents. */
export function companionNotes(answers: Answers): string[] {
  const notes: string[] = [];
  if (answers.operations.length > 0) {
    notes.push(
      VPC_ONLY_BUCKET,
      'aws s3api put-bucket-policy replaces the bucket’s whole policy: fetch the current one with get-bucket-policy and merge these statements into it first.',
    );
  }
  notes.push(
    'A policy can name only principals that exist when it is put: create the service role before putting a key policy that names it, and allow a few seconds for a new role to be usable.',
  );
  for (const keyArn of keyArnsInUse(answers)) {
    const key = parseKeyArn(keyArn);
    if (!key || answers.accountId === '' || key.accountId === answers.accountId) continue;
    notes.push(
      `The key ${keyArn} is in account ${key.accountId}, the service role in account ${answers.accountId}. Put the key policy on the key in account ${key.accountId}. Put the role’s documents (service role IAM policy, S3 access policy, trust policy) on the role in account ${answers.accountId}, and the PassRole policy on the people or pipelines in that account that create Personalize resources.`,
    );
  }
  // With a key encrypted, the KMS documents' notes, shown beside these, say it already.
  const keyNotes = answers.bucketEncrypted || answers.datasetGroupEncrypted;
  if (answers.confusedDeputy && answers.operations.length > 0 && !keyNotes) {
    notes.push(CONFUSED_DEPUTY.note);
  }
  if (answers.partition === 'aws-cn') {
    notes.push(
      `In the aws-cn partition the trust policy, bucket policy and PassRole condition name ${SERVICE_PRINCIPAL}, as AWS’s China documentation shows; AWS does not confirm it, so test them before relying on them.`,
    );
  }
  return notes;
}
