/**
 * Answers in, policy documents out. Pure and deterministic: the same answers
 * always give the same documents, byte for byte.
 */
import {
  parseAnswers,
  type AnswerField,
  type Answers,
  type Finding,
  type Operation,
  OPERATIONS,
} from './answers';
import {
  normalizePolicy,
  normalizeStatement,
  POLICY_VERSION,
  sortActions,
  toJson,
  type PolicyDocument,
  type PolicyStatement,
} from './document';
import {
  destinationOf,
  DOCUMENT_FACTS,
  type DocumentId,
  type DocumentKind,
  fileNameOf,
} from './document-facts';
import { PARTITION_NOTES, type Partition, SERVICE_PRINCIPAL } from './partitions';
import {
  CONFUSED_DEPUTY,
  CURRENT_GUIDE_WARNING,
  type Encrypted,
  GUIDE_EDITION_INFO,
  KMS_ACTION_PURPOSE,
  type KmsAction,
  OPERATION_INFO,
  ROOT_STATEMENT,
  RULES,
  type Rule,
  SIDS,
  type Source,
} from './rules';
import { capitalized, listInProse } from './prose';
import { keyRegionWarning, parseKeyArn } from './validate';

/** The guide's own placeholders, shown until an answer is given. */
export const PLACEHOLDERS = {
  accountId: '<account-id>',
  roleName: '<personalize-role-name>',
  bucketName: '<bucket-name>',
  region: '<region>',
} as const satisfies Partial<Record<AnswerField, string>>;

/**
 * What the commands show for a key's ARN while it is not given; with separate
 * keys, each names the key it stands for.
 */
export const KEY_ARN_PLACEHOLDERS = {
  keyArn: '<key-arn>',
  bucketKeyArn: '<bucket-key-arn>',
  datasetGroupKeyArn: '<dataset-group-key-arn>',
} as const;

/** An answer the documents show a placeholder for while it is not given. */
export type PlaceholderField = keyof typeof PLACEHOLDERS;

/** The answers with a placeholder, in the order the wizard asks them. */
export const PLACEHOLDER_FIELDS = Object.keys(PLACEHOLDERS) as PlaceholderField[];

/** The answer, or the guide's placeholder while it is not given. */
export function answerOr(answers: Answers, field: PlaceholderField): string {
  return answers[field] || PLACEHOLDERS[field];
}

/**
 * Of the answers a document's JSON is written from, those not given yet: the
 * ones it shows placeholders for, in the order the wizard asks them.
 */
export function unanswered(
  answers: Answers,
  used: readonly PlaceholderField[],
): PlaceholderField[] {
  return PLACEHOLDER_FIELDS.filter((field) => used.includes(field) && answers[field] === '');
}

/** The answers roleArn is written from. */
export const ROLE_ARN_ANSWERS = ['accountId', 'roleName'] as const satisfies PlaceholderField[];

/** The answers personalizeSourceCondition is written from. */
export const SOURCE_CONDITION_ANSWERS = [
  'accountId',
  'region',
] as const satisfies PlaceholderField[];

/** The names a document's destination line shows: the answers, or what stands for them. */
export function destinationNames(answers: Answers): { role: string; bucket: string } {
  return {
    role: answers.roleName || 'your service role',
    bucket: answers.bucketName || 'your bucket',
  };
}

export type { DocumentId, DocumentKind } from './document-facts';

export interface Because {
  /** The answers that bring the action in, as a sentence. */
  answer: string;
  /** Why those answers need it. */
  reason: string;
  source: Source;
}

export interface ActionExplanation {
  action: string;
  purpose: string;
  because: Because[];
}

/** The KMS key a key policy belongs to. */
export interface PolicyKey {
  /** The key's ARN as answered; '' while it is not given. */
  arn: string;
  /** What the commands show instead of the ARN while it is not given. */
  placeholder: string;
}

interface DocumentBase {
  id: DocumentId;
  /** The document's heading; also the accessible name of its region in the UI. */
  title: string;
  kind: DocumentKind;
  /** For key policies: the key whose policy this is. */
  key?: PolicyKey;
}

export interface NeededDocument extends DocumentBase {
  needed: true;
  policy: PolicyDocument;
  json: string;
  fileName: string;
  /**
   * Where it goes, in one line: the console page it is pasted into and the
   * AWS CLI command that puts it (document-facts.ts).
   */
  destination: string;
  /**
   * For key policies: the Personalize statement alone, to merge into an
   * existing policy. Left out when there are several (the confused-deputy
   * conditions): the merge and this view take one statement, and a part of
   * them would leave Personalize without access.
   */
  statementOnly?: { statement: PolicyStatement; json: string; fileName: string };
  explanations: ActionExplanation[];
  /**
   * The answers not given yet that its JSON (and its statement-only view)
   * shows placeholders for, in the order the wizard asks them. Recorded by
   * the builder, never read back from the text, where a valid value (an IAM
   * path such as `/<account-id>/`) may look like a placeholder.
   */
  placeholders: PlaceholderField[];
}

export interface SkippedDocument extends DocumentBase {
  needed: false;
  /** Why this document is not needed, in one sentence. */
  reason: string;
}

export type BuiltDocument = NeededDocument | SkippedDocument;

export interface PolicySet {
  documents: BuiltDocument[];
  /**
   * Answers not given yet, for which the needed documents show the guide's
   * placeholders: every document's `placeholders`, each once.
   */
  placeholders: { field: PlaceholderField; placeholder: string }[];
  /** Things to know before applying the documents (cross-account keys, regions, partitions). */
  notes: string[];
}

interface KeySlot {
  id: 'key-policy' | 'key-policy-bucket' | 'key-policy-dataset-group';
  covers: readonly Encrypted[];
  key: PolicyKey;
  iamSid: string;
}

const ENCRYPTED_NAME: Readonly<Record<Encrypted, string>> = {
  bucket: 'the S3 bucket',
  datasetGroup: 'the dataset group',
};

function keySlots(answers: Answers): KeySlot[] {
  const covers: Encrypted[] = [];
  if (answers.bucketEncrypted) covers.push('bucket');
  if (answers.datasetGroupEncrypted) covers.push('datasetGroup');
  // Two ARNs naming the same key are one key: one policy with the union.
  const sameKeyTwice = answers.keyArn !== '' && answers.keyArn === answers.datasetGroupKeyArn;
  if (covers.length === 2 && answers.keys === 'separate' && !sameKeyTwice) {
    return [
      {
        id: 'key-policy-bucket',
        covers: ['bucket'],
        key: { arn: answers.keyArn, placeholder: KEY_ARN_PLACEHOLDERS.bucketKeyArn },
        iamSid: SIDS.iamPolicyBucketKey,
      },
      {
        id: 'key-policy-dataset-group',
        covers: ['datasetGroup'],
        key: {
          arn: answers.datasetGroupKeyArn,
          placeholder: KEY_ARN_PLACEHOLDERS.datasetGroupKeyArn,
        },
        iamSid: SIDS.iamPolicyDatasetGroupKey,
      },
    ];
  }
  return [
    {
      id: 'key-policy',
      covers,
      key: { arn: answers.keyArn, placeholder: KEY_ARN_PLACEHOLDERS.keyArn },
      iamSid: SIDS.iamPolicy,
    },
  ];
}

/**
 * The ARNs of the keys the answers encrypt with, as given, in the key
 * policies' order: one per key policy (so each key once), none while not given.
 */
export function keyArnsInUse(answers: Answers): string[] {
  return keySlots(answers)
    .filter((slot) => slot.covers.length > 0 && slot.key.arn !== '')
    .map((slot) => slot.key.arn);
}

function selectedOperations(answers: Answers, rule: Rule): Operation[] {
  if (rule.operations === 'always') return [];
  const wanted = rule.operations;
  return OPERATIONS.filter((op) => wanted.includes(op) && answers.operations.includes(op));
}

function ruleApplies(answers: Answers, rule: Rule, covers: readonly Encrypted[]): boolean {
  if (rule.edition !== answers.guide || !covers.includes(rule.encrypted)) return false;
  return rule.operations === 'always' || selectedOperations(answers, rule).length > 0;
}

function describeTrigger(answers: Answers, rule: Rule): string {
  const what = ENCRYPTED_NAME[rule.encrypted];
  const encrypted = `${capitalized(what)} is encrypted with a KMS key`;
  const ops = selectedOperations(answers, rule).map((op) => OPERATION_INFO[op].label.toLowerCase());
  return ops.length === 0 ? `${encrypted}.` : `${encrypted} and you run ${listInProse(ops)}.`;
}

/**
 * For each action the rules grant, every rule's reason for it, actions in the
 * normaliser's order. Shared by the KMS documents and the companion documents.
 */
export function reasonsByAction<R, A extends string>(
  rules: readonly R[],
  actionsOf: (rule: R) => readonly A[],
  because: (rule: R) => Because,
): [A, Because[]][] {
  const byAction = new Map<A, Because[]>();
  for (const rule of rules) {
    for (const action of actionsOf(rule)) {
      byAction.set(action, [...(byAction.get(action) ?? []), because(rule)]);
    }
  }
  return sortActions(byAction.keys()).map((action) => [
    action as A,
    byAction.get(action as A) ?? [],
  ]);
}

function explain(
  answers: Answers,
  rules: readonly Rule[],
  actionsOf: (rule: Rule) => readonly KmsAction[],
): ActionExplanation[] {
  return reasonsByAction(rules, actionsOf, (rule) => ({
    answer: describeTrigger(answers, rule),
    reason: rule.reason,
    source: {
      title: `${GUIDE_EDITION_INFO[rule.source.edition].citation}: ${rule.source.section}`,
      url: rule.source.url,
    },
  })).map(([action, because]) => ({
    action,
    purpose: KMS_ACTION_PURPOSE[action],
    because,
  }));
}

/** The explanation of a statement with one action, from its rule. */
export function explainOne(rule: {
  action: string;
  purpose: string;
  answer: string;
  reason: string;
  source: Source;
}): ActionExplanation {
  const { action, purpose, answer, reason, source } = rule;
  return { action, purpose, because: [{ answer, reason, source }] };
}

/** The service role's ARN, with placeholders for what is not given yet. */
export function roleArn(answers: Answers): string {
  return `arn:${answers.partition}:iam::${answerOr(answers, 'accountId')}:role${answers.rolePath}${answerOr(answers, 'roleName')}`;
}

/** The account that owns the key: the key ARN's, else the role's. */
function keyAccount(answers: Answers, keyArn: string): string {
  return parseKeyArn(keyArn)?.accountId ?? answerOr(answers, 'accountId');
}

/**
 * The rules of the answers' edition that apply to a key used for `covers`,
 * in the table's order.
 */
export function rulesApplying(answers: Answers, covers: readonly Encrypted[]): Rule[] {
  return RULES.filter((rule) => ruleApplies(answers, rule, covers));
}

/** Why a key needs no Personalize statement, or the IAM policy no KMS permissions. */
function skipReason(
  answers: Answers,
  covers: readonly Encrypted[],
  document: 'key' | 'iam',
): string {
  if (covers.length === 0) {
    return document === 'key'
      ? 'Neither the S3 bucket nor the dataset group is encrypted with a KMS key, so no key policy needs a Personalize statement.'
      : 'Neither the S3 bucket nor the dataset group is encrypted with a KMS key, so the service role needs no KMS permissions.';
  }
  const guide = GUIDE_EDITION_INFO[answers.guide].inSentence;
  const parts: string[] = [];
  if (covers.includes('bucket')) {
    // The bucket's key is in use, yet this edition's rules put none of the
    // selected operations in the IAM policy (the current guide: import alone).
    const keyInUse = RULES.some((rule) => ruleApplies(answers, rule, ['bucket']));
    const operations = OPERATIONS.filter((op) => answers.operations.includes(op)).map((op) =>
      OPERATION_INFO[op].label.toLowerCase(),
    );
    parts.push(
      document === 'iam' && keyInUse
        ? `the ${guide} asks for no IAM permissions for ${listInProse(operations)} alone`
        : 'the S3 bucket is encrypted, but none of the selected operations reads or writes it',
    );
  }
  if (covers.includes('datasetGroup') && document === 'iam') {
    parts.push(
      `an encrypted dataset group needs no change to the service role’s IAM policy under the ${guide}`,
    );
  }
  const sentence = parts.join('; ');
  const tail =
    document === 'key'
      ? 'so this key needs no Personalize statement.'
      : 'so the service role needs no KMS permissions.';
  return `${capitalized(sentence)}, ${tail}`;
}

/** The rules that put actions in the service role's IAM policy for a key's uses. */
function iamRules(answers: Answers, covers: readonly Encrypted[]): Rule[] {
  return rulesApplying(answers, covers).filter((rule) => rule.iamPolicyActions.length > 0);
}

/** The key policy statement that lets the key's account (and its IAM policies) manage the key. */
export function rootStatement(partition: Partition, accountId: string): PolicyStatement {
  return normalizeStatement({
    Sid: ROOT_STATEMENT.sid,
    Effect: 'Allow',
    Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
    Action: ROOT_STATEMENT.action,
    Resource: '*',
  });
}

/**
 * The confused-deputy conditions of the trust policy: only requests made for
 * Personalize resources of the account, in the region. Placeholders while
 * those answers are missing.
 * https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html
 */
export function personalizeSourceCondition(
  answers: Answers,
): NonNullable<PolicyStatement['Condition']> {
  const account = answerOr(answers, 'accountId');
  return {
    StringEquals: { 'aws:SourceAccount': account },
    ArnLike: {
      'aws:SourceArn': `arn:${answers.partition}:personalize:${answerOr(answers, 'region')}:${account}:*`,
    },
  };
}

/**
 * The key policy's Personalize statements. By default one, naming the role
 * and the service together as the guide does. With the confused-deputy
 * conditions, the role keeps its own unconditioned statement, the service gets
 * the conditions, and CreateGrant (current guide) a statement of its own: its
 * kms:GrantIsForAWSResource condition would deny every other action, which
 * does not carry that key.
 */
function personalizeKeyStatements(answers: Answers, actions: string[]): PolicyStatement[] {
  if (!answers.confusedDeputy) {
    return [
      normalizeStatement({
        Sid: SIDS.keyPolicy,
        Effect: 'Allow',
        Principal: { AWS: roleArn(answers), Service: SERVICE_PRINCIPAL },
        Action: actions,
        // In a key policy "*" means "this key", and KMS requires a Resource.
        Resource: '*',
      }),
    ];
  }
  const condition = personalizeSourceCondition(answers);
  const grants = actions.includes('kms:CreateGrant');
  const others = actions.filter((action) => action !== 'kms:CreateGrant');
  const statements: PolicyStatement[] = [
    {
      Sid: SIDS.keyPolicyRole,
      Effect: 'Allow',
      Principal: { AWS: roleArn(answers) },
      Action: actions,
      Resource: '*',
    },
  ];
  if (others.length > 0) {
    statements.push({
      Sid: SIDS.keyPolicyService,
      Effect: 'Allow',
      Principal: { Service: SERVICE_PRINCIPAL },
      Action: others,
      Resource: '*',
      Condition: condition,
    });
  }
  if (grants) {
    statements.push({
      Sid: SIDS.keyPolicyServiceGrants,
      Effect: 'Allow',
      Principal: { Service: SERVICE_PRINCIPAL },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { ...condition, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    });
  }
  return statements.map(normalizeStatement);
}

/**
 * Each action's explanation, with why the conditions are there when they
 * are; for CreateGrant also why kms:GrantIsForAWSResource is, citing its own
 * page. Shared by the key policies and the bucket policy.
 */
export function withConfusedDeputy(
  answers: Answers,
  explanations: ActionExplanation[],
): ActionExplanation[] {
  if (!answers.confusedDeputy) return explanations;
  const conditions: Because = {
    answer: CONFUSED_DEPUTY.answer,
    reason: CONFUSED_DEPUTY.reason,
    source: CONFUSED_DEPUTY.source,
  };
  const grants: Because = {
    answer: CONFUSED_DEPUTY.answer,
    reason: CONFUSED_DEPUTY.grantReason,
    source: CONFUSED_DEPUTY.grantSource,
  };
  return explanations.map((explanation) => ({
    ...explanation,
    because: [
      ...explanation.because,
      conditions,
      ...(explanation.action === 'kms:CreateGrant' ? [grants] : []),
    ],
  }));
}

function buildKeyPolicy(answers: Answers, slot: KeySlot): BuiltDocument {
  const rules = rulesApplying(answers, slot.covers);
  const actions = sortActions(rules.flatMap((rule) => rule.keyPolicyActions));
  const base = {
    id: slot.id,
    title: DOCUMENT_FACTS[slot.id].title,
    kind: 'key-policy' as const,
    key: slot.key,
  };
  const fileStem = DOCUMENT_FACTS[slot.id].fileStem;
  if (actions.length === 0) {
    return { ...base, needed: false, reason: skipReason(answers, slot.covers, 'key') };
  }
  const statements = personalizeKeyStatements(answers, actions);
  const [only] = statements;
  const policy = normalizePolicy({
    Version: POLICY_VERSION,
    Statement: [rootStatement(answers.partition, keyAccount(answers, slot.key.arn)), ...statements],
  });
  return {
    ...base,
    needed: true,
    policy,
    json: toJson(policy),
    fileName: fileNameOf(slot.id),
    destination: destinationOf(slot.id, destinationNames(answers)),
    ...(statements.length === 1 && only !== undefined
      ? {
          statementOnly: {
            statement: only,
            json: toJson(only),
            fileName: `${fileStem}-statement.json`,
          },
        }
      : {}),
    explanations: [
      explainOne(ROOT_STATEMENT),
      ...withConfusedDeputy(
        answers,
        explain(answers, rules, (rule) => rule.keyPolicyActions),
      ),
    ],
    // The root statement's account is the key ARN's, else the role's (in roleArn too).
    placeholders: unanswered(answers, [
      ...ROLE_ARN_ANSWERS,
      ...(answers.confusedDeputy ? SOURCE_CONDITION_ANSWERS : []),
    ]),
  };
}

function buildIamPolicy(answers: Answers, slots: readonly KeySlot[]): BuiltDocument {
  const base = {
    id: 'iam-policy' as const,
    title: DOCUMENT_FACTS['iam-policy'].title,
    kind: DOCUMENT_FACTS['iam-policy'].kind,
  };
  const perSlot = slots
    .map((slot) => {
      const rules = iamRules(answers, slot.covers);
      return { slot, rules, actions: sortActions(rules.flatMap((rule) => rule.iamPolicyActions)) };
    })
    .filter((entry) => entry.actions.length > 0);
  if (perSlot.length === 0) {
    const covers = slots.flatMap((slot) => slot.covers);
    return { ...base, needed: false, reason: skipReason(answers, covers, 'iam') };
  }
  // Scoped to the key ARNs when every key is known (least privilege); the
  // guide's "*" otherwise.
  const scoped = perSlot.every((entry) => entry.slot.key.arn !== '');
  const statements: PolicyStatement[] = scoped
    ? perSlot.map((entry) => ({
        Sid: perSlot.length === 1 ? SIDS.iamPolicy : entry.slot.iamSid,
        Effect: 'Allow',
        Action: entry.actions,
        Resource: entry.slot.key.arn,
      }))
    : [
        {
          Sid: SIDS.iamPolicy,
          Effect: 'Allow',
          Action: sortActions(perSlot.flatMap((entry) => entry.actions)),
          Resource: '*',
        },
      ];
  const policy = normalizePolicy({ Version: POLICY_VERSION, Statement: statements });
  return {
    ...base,
    needed: true,
    policy,
    json: toJson(policy),
    fileName: fileNameOf('iam-policy'),
    destination: destinationOf('iam-policy', destinationNames(answers)),
    explanations: explain(
      answers,
      perSlot.flatMap((entry) => entry.rules),
      (rule) => rule.iamPolicyActions,
    ),
    // Its Resource is the keys' ARNs or "*": no answer stands in for another.
    placeholders: [],
  };
}

function collectNotes(answers: Answers, slots: readonly KeySlot[]): string[] {
  const notes: string[] = [];
  for (const slot of slots) {
    if (slot.covers.length === 0) continue;
    const key = parseKeyArn(slot.key.arn);
    if (!key) continue;
    const warning = keyRegionWarning(key);
    if (warning) notes.push(warning);
    if (answers.accountId !== '' && key.accountId !== answers.accountId) {
      const roleNeedsIam = iamRules(answers, slot.covers).length > 0;
      notes.push(
        roleNeedsIam
          ? `The key ${slot.key.arn} is in account ${key.accountId}, the role in account ${answers.accountId}. Put the key policy on the key in ${key.accountId}, and the IAM policy on the role in ${answers.accountId}; both are required.`
          : `The key ${slot.key.arn} is in account ${key.accountId}, the role in account ${answers.accountId}. Put the key policy on the key in ${key.accountId}. The ${GUIDE_EDITION_INFO[answers.guide].inSentence} asks for no IAM policy for this key, so the role itself gets no access to it from another account; only the Personalize service principal does.`,
      );
    }
  }
  if (
    answers.bucketEncrypted &&
    answers.datasetGroupEncrypted &&
    answers.keys === 'separate' &&
    answers.keyArn !== '' &&
    answers.keyArn === answers.datasetGroupKeyArn
  ) {
    notes.push(
      'Both key ARNs name the same key, so one key policy covers the bucket and the dataset group.',
    );
  }
  if (answers.guide === 'current' && slots.some((slot) => slot.covers.length > 0)) {
    notes.push(CURRENT_GUIDE_WARNING);
  }
  if (answers.confusedDeputy && slots.some((slot) => slot.covers.length > 0)) {
    notes.push(CONFUSED_DEPUTY.note);
  }
  const partitionNote = PARTITION_NOTES[answers.partition];
  if (partitionNote) notes.push(partitionNote);
  return [...new Set(notes)];
}

/** Builds every document for valid answers. */
export function buildPolicies(answers: Answers): PolicySet {
  const slots = keySlots(answers);
  const documents: BuiltDocument[] = [
    ...slots.map((slot) => buildKeyPolicy(answers, slot)),
    buildIamPolicy(answers, slots),
  ];
  const shown = new Set(
    documents.flatMap((document) => (document.needed ? document.placeholders : [])),
  );
  const placeholders = PLACEHOLDER_FIELDS.filter((field) => shown.has(field)).map((field) => ({
    field,
    placeholder: PLACEHOLDERS[field],
  }));
  return { documents, placeholders, notes: collectNotes(answers, slots) };
}

/** Validates untrusted answers first: findings instead of documents, never an exception. */
export function buildPoliciesFromInput(
  input: unknown,
): { ok: true; policies: PolicySet } | { ok: false; findings: Finding[] } {
  const parsed = parseAnswers(input);
  if (!parsed.ok) return parsed;
  return { ok: true, policies: buildPolicies(parsed.answers) };
}
