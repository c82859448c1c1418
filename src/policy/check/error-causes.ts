/**
 * The causes behind the errors of the catalogue (errors.ts), as data: for each, what is wrong, the
 * findings that prove it, the answers that point to it, a read-only AWS CLI command that confirms
 * it and the fix. explainError ranks them for a setup; nothing here knows which message matched.
 *
 * Sources: the Personalize guide's pages on S3 access
 * (https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-s3-access.html), KMS keys
 * (https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-key-access.html), PassRole
 * (https://docs.aws.amazon.com/personalize/latest/dg/grant-user-permissions.html) and the trust
 * policy (https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html);
 * KMS key states (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html) and regions
 * (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html).
 */
import type { Answers } from '../answers';
import {
  cliOption,
  getBucketPolicyCommand,
  getKeyPolicyCommand,
  getTrustPolicyCommand,
  keyRegionFor,
  shellQuote,
} from '../apply';
import {
  answerOr,
  type BuiltDocument,
  buildPolicies,
  type DocumentId,
  KEY_ARN_PLACEHOLDERS,
  type NeededDocument,
  roleArn,
} from '../build';
import { S3_ACCESS_RULES } from '../companion-rules';
import { buildCompanionDocuments } from '../companions';
import { POLICY_KIND_WORDS, type PolicyKind } from '../evaluate';
import { SERVICE_PRINCIPAL } from '../partitions';
import { parseKeyArn } from '../validate';
import { CHECK_LABELS } from './fields';
import {
  type CheckFinding,
  type CheckReport,
  type Fix,
  type KeyPolicyField,
  type MessageFacts,
  type RankedCause,
  SETUP_FINDING_IDS,
} from './types';

export const CAUSE_IDS = [
  'bucket-policy-lacks-service',
  'role-lacks-s3',
  'key-policy-lacks-grant',
  'role-lacks-kms',
  'key-in-other-region',
  'key-in-other-account',
  'bucket-uses-other-key',
  'key-disabled',
  'key-pending-deletion',
  'bucket-vpc-only',
  'trust-lacks-service',
  'trust-conditions-mismatch',
  'caller-lacks-passrole',
  'role-in-other-account',
  'principal-does-not-exist',
  'key-policy-drops-root',
] as const;
export type CauseId = (typeof CAUSE_IDS)[number];

/** What the answers and the message point to: each signal says why in a sentence, or nothing. */
export const SIGNAL_IDS = [
  'bucket-encrypted',
  'dataset-group-encrypted',
  'dataset-group-key',
  'key-in-other-region',
  'key-in-other-account',
  'named-key-not-answered',
  'named-role-differs',
  'denied-by-resource-policy',
  'denied-by-identity-policy',
  'message-says-so',
] as const;
export type SignalId = (typeof SIGNAL_IDS)[number];

/** A cause as a catalogue entry (or the general list) names it. */
export interface CauseRef {
  cause: CauseId;
  /** The signals that make it likely for this message; any one is enough. */
  likelyWhen?: readonly SignalId[];
  /** What the message that names this cause means, for the signal that it says so itself. */
  saying?: string;
}

/** The key a cause is about: one of the answered keys' documents, or the key the message names. */
type KeyRef = Pick<NeededDocument, 'id' | 'key'> & { id: KeyPolicyField };

/** Everything a cause's sentences and commands are written from. */
export interface CauseContext {
  answers: Answers;
  named: MessageFacts;
  key: KeyRef;
  /** The documents the wizard writes for these answers, by id (needed ones only). */
  documents: ReadonlyMap<DocumentId, NeededDocument>;
}

/** Which failures of a finding, or which setup findings, show a cause. */
interface FindingEvidence {
  /** A failure in one of these documents, for an action of this service. */
  failures?: { documents: readonly PolicyKind[]; service: 's3' | 'kms' | 'sts' };
  /** A failing or warning setup finding whose id is one of these, or starts with one and a `:`. */
  setup?: readonly string[];
}

interface CauseSpec {
  /** The cause in one sentence. */
  what: (context: CauseContext) => string;
  evidence: FindingEvidence;
  /** Read-only AWS CLI commands, one a line. */
  confirm: (context: CauseContext) => string;
  fix: (context: CauseContext) => Fix;
  /** The field of the Check step that lets the check test it, when one does. */
  field?: string;
  /** The answers and the message show it is not so: it is left out. */
  ruledOut?: (context: CauseContext) => boolean;
}

function bucketOf(context: CauseContext): string {
  return context.named.bucket ?? answerOr(context.answers, 'bucketName');
}

function bucketArns(context: CauseContext): string[] {
  const arn = `arn:${context.answers.partition}:s3:::${bucketOf(context)}`;
  return [arn, `${arn}/*`];
}

function keyArnOf(context: CauseContext): string {
  const key = context.key.key;
  if (key === undefined) return KEY_ARN_PLACEHOLDERS.keyArn;
  return key.arn === '' ? key.placeholder : key.arn;
}

/** The role's name as IAM commands take it: the answer, or its placeholder. */
function roleNameOf(context: CauseContext): string {
  return answerOr(context.answers, 'roleName');
}

function keyRegionOption(context: CauseContext): string {
  const region = keyRegionFor(context.key, context.answers);
  // The CLI asks the configured region, not the ARN's: a key elsewhere would answer NotFound.
  return region === undefined ? '' : ` ${cliOption('region', region)}`;
}

/**
 * `aws iam simulate-principal-policy` for the service role: it evaluates the role's own policies
 * (not the key or bucket policy) and changes nothing.
 * https://docs.aws.amazon.com/cli/latest/reference/iam/simulate-principal-policy.html
 */
function simulateRole(context: CauseContext, actions: readonly string[], resources: string[]) {
  return [
    `aws iam simulate-principal-policy ${cliOption('policy-source-arn', roleArn(context.answers))}`,
    `--action-names ${actions.map(shellQuote).join(' ')}`,
    `--resource-arns ${resources.map(shellQuote).join(' ')}`,
    "--query 'EvaluationResults[].[EvalActionName,EvalDecision]' --output text",
  ].join(' ');
}

function getBucketPolicy(context: CauseContext): string {
  return getBucketPolicyCommand(bucketOf(context));
}

function getTrustPolicy(context: CauseContext): string {
  return getTrustPolicyCommand(roleNameOf(context));
}

function describeKey(context: CauseContext): string {
  return `aws kms describe-key${keyRegionOption(context)} ${cliOption('key-id', keyArnOf(context))} --query 'KeyMetadata.[Arn,KeyState,MultiRegion]' --output text`;
}

/**
 * The S3 actions a cause is about: the one the message names, else what the message's operation
 * (else every answered operation) needs from this document, from the wizard's own S3 table.
 */
function s3Actions(context: CauseContext, document: 'bucket' | 'role'): string[] {
  const named = context.named.action;
  if (named?.toLowerCase().startsWith('s3:')) return [named];
  const operations: readonly string[] =
    context.named.operation === undefined ? context.answers.operations : [context.named.operation];
  const actions = new Set<string>();
  for (const rule of S3_ACCESS_RULES) {
    if (!operations.includes(rule.operation)) continue;
    const granted = document === 'bucket' ? rule.bucketPolicyActions : rule.roleActions;
    for (const action of granted) if (action.startsWith('s3:')) actions.add(action);
  }
  return actions.size > 0 ? [...actions] : ['s3:GetObject', 's3:ListBucket', 's3:PutObject'];
}

/**
 * The KMS actions a cause is about: the one the message names, else those the wizard's document
 * grants for these answers (the key policy's, or the role's IAM policy's), else the guide's four.
 */
function kmsActions(context: CauseContext, document: 'key' | 'role'): string[] {
  const named = context.named.action;
  if (named?.toLowerCase().startsWith('kms:')) return [named];
  const granting =
    document === 'key'
      ? context.documents.get(context.key.id)
      : context.documents.get('iam-policy');
  // The account's root statement (kms:*) is not what Personalize is missing.
  const actions = (granting?.explanations ?? [])
    .map((explanation) => explanation.action)
    .filter((action) => !action.includes('*'));
  return actions.length > 0
    ? actions
    : ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants'];
}

/** A fix that puts one of the wizard's documents, with that document to copy when it is written. */
function documentFix(context: CauseContext, id: DocumentId, summary: string): Fix {
  const document = context.documents.get(id);
  return document === undefined ? { summary } : { summary, copy: document.json };
}

function keyPolicyFix(context: CauseContext): Fix {
  const document = context.documents.get(context.key.id);
  const summary = `Put the KMS key policy shown in Review on ${keyArnOf(context)}, or merge its Personalize statement into the key’s current policy (Review’s merge keeps every statement).`;
  if (document === undefined) return { summary };
  return { summary, copy: document.statementOnly?.json ?? document.json };
}

function whoIsDenied(context: CauseContext, fallback: string): string {
  return context.named.principal ?? fallback;
}

const CAUSES: Readonly<Record<CauseId, CauseSpec>> = {
  'bucket-policy-lacks-service': {
    what: (context) =>
      `The bucket policy of ${bucketOf(context)} does not allow ${SERVICE_PRINCIPAL} ${s3Actions(context, 'bucket').join(', ')}.`,
    evidence: { failures: { documents: ['bucket-policy'], service: 's3' } },
    confirm: getBucketPolicy,
    fix: (context) =>
      documentFix(
        context,
        'bucket-policy',
        'Put the bucket policy shown in Review (it replaces the whole policy: add its statements to the current one).',
      ),
    field: CHECK_LABELS.bucketPolicy,
  },
  'role-lacks-s3': {
    what: (context) =>
      `The service role ${roleArn(context.answers)} is not allowed ${s3Actions(context, 'role').join(', ')} on ${bucketOf(context)}.`,
    evidence: { failures: { documents: ['identity'], service: 's3' } },
    confirm: (context) => simulateRole(context, s3Actions(context, 'role'), bucketArns(context)),
    fix: (context) =>
      documentFix(context, 's3-access-policy', 'Add the role’s S3 access policy shown in Review.'),
    field: CHECK_LABELS.rolePolicies,
  },
  'key-policy-lacks-grant': {
    what: (context) =>
      `The key policy of ${keyArnOf(context)} does not allow ${whoIsDenied(context, `${SERVICE_PRINCIPAL} or the service role`)} ${kmsActions(context, 'key').join(', ')}.`,
    evidence: { failures: { documents: ['key-policy'], service: 'kms' } },
    confirm: (context) => getKeyPolicyCommand(context.key, context.answers),
    fix: keyPolicyFix,
    field: CHECK_LABELS['key-policy'],
  },
  'role-lacks-kms': {
    what: (context) =>
      `The service role’s policies do not allow ${kmsActions(context, 'role').join(', ')} on ${keyArnOf(context)}.`,
    evidence: { failures: { documents: ['identity'], service: 'kms' } },
    confirm: (context) => simulateRole(context, kmsActions(context, 'role'), [keyArnOf(context)]),
    fix: (context) =>
      documentFix(context, 'iam-policy', 'Add the service role IAM policy shown in Review.'),
    field: CHECK_LABELS.rolePolicies,
  },
  'key-in-other-region': {
    what: (context) =>
      `The key ${keyArnOf(context)} is not in the region of the Personalize resources (${answerOr(context.answers, 'region')}); KMS keys are regional.`,
    evidence: { setup: [SETUP_FINDING_IDS.keyRegion] },
    ruledOut: (context) => parseKeyArn(keyArnOf(context))?.region === context.answers.region,
    confirm: describeKey,
    fix: (context) => ({
      summary: `Use a key in ${answerOr(context.answers, 'region')} (a multi-Region replica there works too), and give its ARN in the wizard.`,
    }),
  },
  'key-in-other-account': {
    what: (context) =>
      `The key ${keyArnOf(context)} is in another account than the service role, so both its key policy and the role’s IAM policy must grant it.`,
    evidence: { setup: [SETUP_FINDING_IDS.crossAccountKey, SETUP_FINDING_IDS.pastedRole] },
    ruledOut: (context) => parseKeyArn(keyArnOf(context))?.accountId === context.answers.accountId,
    confirm: (context) => getKeyPolicyCommand(context.key, context.answers),
    fix: (context) => ({
      ...keyPolicyFix(context),
      summary: `In the key’s account, put the key policy shown in Review; in the role’s account, add the IAM policy shown in Review, which names ${keyArnOf(context)}.`,
    }),
    field: CHECK_LABELS['key-policy'],
  },
  'bucket-uses-other-key': {
    what: (context) =>
      `The bucket ${bucketOf(context)} encrypts with another key than the one the policies grant.`,
    evidence: { setup: [SETUP_FINDING_IDS.bucketEncryption] },
    confirm: (context) =>
      `aws s3api get-bucket-encryption ${cliOption('bucket', bucketOf(context))} --query 'ServerSideEncryptionConfiguration.Rules[].ApplyServerSideEncryptionByDefault' --output json`,
    fix: () => ({
      summary:
        'Give the wizard the ARN of the key the bucket’s default encryption uses, and put the documents it then shows.',
    }),
  },
  'key-disabled': {
    what: (context) => `The key ${keyArnOf(context)} is disabled.`,
    evidence: { setup: [SETUP_FINDING_IDS.keyState] },
    confirm: describeKey,
    fix: (context) => ({
      summary: 'Enable the key (only if it was disabled by mistake).',
      copy: `aws kms enable-key${keyRegionOption(context)} ${cliOption('key-id', keyArnOf(context))}`,
    }),
  },
  'key-pending-deletion': {
    what: (context) => `The key ${keyArnOf(context)} is scheduled for deletion.`,
    evidence: { setup: [SETUP_FINDING_IDS.keyState] },
    confirm: describeKey,
    fix: (context) => {
      const key = `${keyRegionOption(context)} ${cliOption('key-id', keyArnOf(context))}`;
      return {
        summary:
          'Cancel the key’s deletion before its waiting period ends, then enable it: a deleted key cannot be recovered.',
        copy: `aws kms cancel-key-deletion${key}\naws kms enable-key${key}`,
      };
    },
  },
  'bucket-vpc-only': {
    what: (context) =>
      `The bucket policy of ${bucketOf(context)} only allows requests from a VPC, and Personalize does not call from one.`,
    evidence: { setup: [SETUP_FINDING_IDS.vpcOnlyBucket] },
    confirm: getBucketPolicy,
    fix: (context) =>
      documentFix(
        context,
        'bucket-policy',
        `Exempt ${SERVICE_PRINCIPAL} from the bucket policy’s aws:SourceVpc / aws:SourceVpce condition, or use a bucket without one.`,
      ),
    field: CHECK_LABELS.bucketPolicy,
  },
  'trust-lacks-service': {
    what: (context) =>
      `The trust policy of ${roleNameOf(context)} does not let ${SERVICE_PRINCIPAL} assume the role.`,
    evidence: {
      failures: { documents: ['trust-policy'], service: 'sts' },
      setup: [SETUP_FINDING_IDS.trustPrincipal],
    },
    confirm: getTrustPolicy,
    fix: (context) =>
      documentFix(context, 'trust-policy', 'Put the trust policy shown in Review on the role.'),
    field: CHECK_LABELS.trustPolicy,
  },
  'trust-conditions-mismatch': {
    what: (context) =>
      `The trust policy’s aws:SourceAccount or aws:SourceArn names another account or region than ${answerOr(context.answers, 'accountId')} and ${answerOr(context.answers, 'region')}.`,
    evidence: { setup: [SETUP_FINDING_IDS.trustSourceAccount, SETUP_FINDING_IDS.trustSourceArn] },
    confirm: getTrustPolicy,
    fix: (context) =>
      documentFix(
        context,
        'trust-policy',
        'Put the trust policy shown in Review, whose conditions name this account and region.',
      ),
    field: CHECK_LABELS.trustPolicy,
  },
  'caller-lacks-passrole': {
    what: (context) =>
      `${whoIsDenied(context, 'Whoever creates the Personalize resource')} may not pass ${roleArn(context.answers)} to Personalize (iam:PassRole).`,
    evidence: {},
    confirm: (context) =>
      [
        `aws iam simulate-principal-policy ${cliOption('policy-source-arn', callerArn(context))}`,
        `--action-names 'iam:PassRole' ${cliOption('resource-arns', roleArn(context.answers))}`,
        // The PassRole policy allows it only with iam:PassedToService, which a simulation without
        // this context would leave unmet.
        `--context-entries 'ContextKeyName=iam:PassedToService,ContextKeyValues=${SERVICE_PRINCIPAL},ContextKeyType=string'`,
        "--query 'EvaluationResults[].[EvalActionName,EvalDecision]' --output text",
      ].join(' '),
    fix: (context) =>
      documentFix(
        context,
        'passrole-policy',
        'Attach the PassRole policy shown in Review to the users and roles that create Personalize resources.',
      ),
  },
  'role-in-other-account': {
    what: () =>
      'The role (or the key) given to Personalize is in another account than the caller’s; PassRole only passes a role of the caller’s own account.',
    evidence: { setup: [SETUP_FINDING_IDS.crossAccountKey, SETUP_FINDING_IDS.pastedRole] },
    ruledOut: ({ named }) => {
      const caller = accountOf(named.principal);
      return caller !== undefined && caller === accountOf(named.role);
    },
    confirm: (context) =>
      `aws sts get-caller-identity --query Account --output text\naws iam get-role ${cliOption('role-name', roleNameOf(context))} --query Role.Arn --output text`,
    fix: (context) => ({
      summary: `Create the resource with credentials of account ${answerOr(context.answers, 'accountId')}, passing a role (and a key) of that account.`,
    }),
  },
  'key-policy-drops-root': {
    what: () =>
      'The key policy being put leaves out the account’s root statement (and whoever puts it), so KMS refuses it rather than leave the key unmanageable.',
    evidence: {},
    confirm: (context) => getKeyPolicyCommand(context.key, context.answers),
    fix: (context) => {
      const document = context.documents.get(context.key.id);
      const summary =
        'Put the complete key policy shown in Review, which keeps the account’s root statement, or merge its Personalize statement into the current policy; never bypass the lockout check.';
      return document === undefined ? { summary } : { summary, copy: document.json };
    },
  },
  'principal-does-not-exist': {
    what: (context) =>
      `A principal the policy names does not exist (yet): ${context.named.role ?? roleArn(context.answers)} must be created before a policy can name it, and by its exact ARN, path included.`,
    evidence: {},
    confirm: (context) =>
      `aws iam get-role ${cliOption('role-name', roleNameOf(context))} --query Role.Arn --output text`,
    fix: (context) => ({
      summary:
        'Create the role first (wait a few seconds after creating it), and name it by the ARN get-role prints.',
      copy: roleArn(context.answers),
    }),
  },
};

/** The caller ARN for PassRole's check: an IAM ARN the message names, else a placeholder. */
function callerArn(context: CauseContext): string {
  const principal = context.named.principal;
  if (principal === undefined) return '<caller-arn>';
  // A session ARN (arn:aws:sts::…:assumed-role/NAME/SESSION) stands for the role NAME; IAM
  // simulates the role, whose path the session ARN leaves out.
  const session = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\//.exec(principal);
  if (session) return `arn:${session[1] ?? ''}:iam::${session[2] ?? ''}:role/${session[3] ?? ''}`;
  return principal;
}

/** The account of an IAM or STS ARN. */
function accountOf(arn: string | undefined): string | undefined {
  return arn === undefined ? undefined : /^arn:[\w-]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
}

function answeredKeys(context: CauseContext): string[] {
  return [context.answers.keyArn, context.answers.datasetGroupKeyArn].filter((arn) => arn !== '');
}

/** A signal's sentence for a cause, from the context and what the naming messages mean. */
type Signal = (context: CauseContext, sayings: readonly string[]) => string | undefined;

const SIGNALS: Readonly<Record<SignalId, Signal>> = {
  'bucket-encrypted': ({ answers }) =>
    answers.bucketEncrypted
      ? 'Your answers say the bucket is encrypted with a KMS key, so reading and writing it needs the key too.'
      : undefined,
  'dataset-group-encrypted': ({ answers }) =>
    answers.datasetGroupEncrypted
      ? 'Your answers say the dataset group is encrypted with a KMS key.'
      : undefined,
  'dataset-group-key': ({ answers, named }) =>
    named.operation === 'dataset-group' && answers.datasetGroupEncrypted
      ? 'The message is about the dataset group, which your answers say is encrypted: Personalize uses its key as the key policy allows.'
      : undefined,
  'key-in-other-region': (context) => {
    const key = parseKeyArn(keyArnOf(context));
    const region = context.answers.region;
    if (key === undefined || region === '' || key.region === region) return undefined;
    return `The key is in ${key.region}, the Personalize resources in ${region}.`;
  },
  'key-in-other-account': (context) => {
    const key = parseKeyArn(keyArnOf(context));
    const account = context.answers.accountId;
    if (key === undefined || account === '' || key.accountId === account) return undefined;
    return `The key is in account ${key.accountId}, the service role in ${account}.`;
  },
  'named-key-not-answered': (context) => {
    const named = context.named.keyArn;
    const answered = answeredKeys(context);
    if (named === undefined || answered.length === 0 || answered.includes(named)) return undefined;
    return `The message names the key ${named}, not the key you answered (${answered.join(', ')}).`;
  },
  'named-role-differs': (context) => {
    const named = context.named.role;
    const expected = roleArn(context.answers);
    if (named === undefined || context.answers.roleName === '' || named === expected) {
      return undefined;
    }
    return `The message names ${named}; your answers give ${expected}.`;
  },
  'denied-by-resource-policy': ({ named }) =>
    named.deniedBy === 'resource-policy'
      ? 'The message says no resource-based policy (the key or bucket policy) allows it.'
      : undefined,
  'denied-by-identity-policy': ({ named }) =>
    named.deniedBy === 'identity-policy'
      ? 'The message says no identity-based policy (the caller’s IAM policies) allows it.'
      : undefined,
  'message-says-so': (_, sayings) =>
    sayings.length === 0 ? undefined : `The message says so: ${sayings.join(' ')}`,
};

const LIKELIHOOD_ORDER: Readonly<Record<RankedCause['likelihood'], number>> = {
  confirmed: 0,
  likely: 1,
  possible: 2,
};

function isFailing(finding: CheckFinding): boolean {
  return finding.status === 'fails' || finding.status === 'warning';
}

/** The finding is about another operation (or key) than the message: it does not speak to it. */
function aboutSomethingElse(finding: CheckFinding, named: MessageFacts): boolean {
  return (
    named.operation !== undefined &&
    finding.operation !== undefined &&
    finding.operation !== named.operation
  );
}

function sameAction(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The sentences of the findings that show a cause, each naming its finding, and whether a setup
 * finding is among them.
 */
function findingEvidence(
  spec: CauseSpec,
  report: CheckReport,
  named: MessageFacts,
): { lines: string[]; bySetup: boolean } {
  const lines: string[] = [];
  let bySetup = false;
  for (const finding of report.findings) {
    if (!isFailing(finding) || aboutSomethingElse(finding, named)) continue;
    const setup = spec.evidence.setup ?? [];
    if (setup.some((id) => finding.id === id || finding.id.startsWith(`${id}:`))) {
      lines.push(`Finding “${finding.title}”.`);
      bySetup = true;
      continue;
    }
    const wanted = spec.evidence.failures;
    if (wanted === undefined) continue;
    for (const failure of finding.failures ?? []) {
      const action = failure.action;
      if (!wanted.documents.includes(failure.document)) continue;
      if (!action.toLowerCase().startsWith(`${wanted.service}:`)) continue;
      // A message that names an action of the same service is about that action alone.
      const namedAction = named.action;
      if (namedAction?.toLowerCase().startsWith(`${wanted.service}:`) === true) {
        if (!sameAction(namedAction, action)) continue;
      }
      if (named.keyArn !== undefined && failure.resource.startsWith('arn:')) {
        if (failure.resource.includes(':kms:') && failure.resource !== named.keyArn) continue;
      }
      const where =
        failure.statement === undefined
          ? `the ${POLICY_KIND_WORDS[failure.document]} grants it nowhere`
          : `statement ${failure.statement} of the ${POLICY_KIND_WORDS[failure.document]} denies it`;
      lines.push(
        `Finding “${finding.title}”: ${failure.principal} cannot ${action} on ${failure.resource}; ${where}. ${failure.because}`,
      );
    }
  }
  return { lines, bySetup };
}

/**
 * The operation findings that show a policy cause is not this message's: the message's operation
 * would work with the policies pasted (a finding says "works" only when every document it needs
 * was there to read).
 */
function workingEvidence(spec: CauseSpec, report: CheckReport, named: MessageFacts): string[] {
  if (spec.evidence.failures === undefined || named.operation === undefined) return [];
  return report.findings
    .filter(
      (finding) =>
        finding.group === 'operation' &&
        finding.status === 'works' &&
        finding.operation === named.operation,
    )
    .map((finding) => `Finding “${finding.title}”: the pasted policies allow it.`);
}

/**
 * Every cause, ranked: confirmed by a failing finding, likely from the signals, else possible;
 * a cause that findings show working comes last, whatever the answers point to.
 */
export function rankCauses(
  refs: readonly CauseRef[],
  context: CauseContext,
  report: CheckReport,
): RankedCause[] {
  const merged = new Map<CauseId, { signals: Set<SignalId>; sayings: Set<string> }>();
  for (const ref of refs) {
    const entry = merged.get(ref.cause) ?? { signals: new Set(), sayings: new Set() };
    for (const signal of ref.likelyWhen ?? []) entry.signals.add(signal);
    if (ref.saying !== undefined) entry.sayings.add(ref.saying);
    merged.set(ref.cause, entry);
  }
  const kept = [...merged].filter(([id]) => CAUSES[id].ruledOut?.(context) !== true);
  const ranked = kept.map(([id, { signals, sayings }]) => {
    const spec = CAUSES[id];
    const { lines: shown, bySetup } = findingEvidence(spec, report, context.named);
    const working = shown.length > 0 ? [] : workingEvidence(spec, report, context.named);
    const pointers =
      working.length > 0
        ? []
        : [...signals].flatMap((signal) => SIGNALS[signal](context, [...sayings]) ?? []);
    const likelihood: RankedCause['likelihood'] =
      shown.length > 0 ? 'confirmed' : pointers.length > 0 ? 'likely' : 'possible';
    const untested =
      spec.field === undefined
        ? 'Nothing in the answers or the findings shows it.'
        : `Nothing in the answers or the findings shows it; the ${spec.field} field lets the check test it.`;
    const cause: RankedCause = {
      id,
      cause: spec.what(context),
      evidence: [...shown, ...working, ...pointers].join(' ') || untested,
      confirm: spec.confirm(context),
      fix: spec.fix(context),
      likelihood,
    };
    // A setup finding (a VPC-only bucket, a disabled key) explains the failures it causes: the
    // cause it confirms comes before causes confirmed by those failures alone.
    const order =
      LIKELIHOOD_ORDER[likelihood] +
      (working.length > 0 ? 0.5 : 0) +
      (shown.length > 0 && !bySetup ? 0.25 : 0);
    return { cause, order };
  });
  // Stable: within an order, the order the catalogue lists the causes in.
  return ranked.sort((a, b) => a.order - b.order).map(({ cause }) => cause);
}

function isNeeded(document: BuiltDocument): document is NeededDocument {
  return document.needed;
}

const KEY_FIELDS: readonly string[] = [
  'key-policy',
  'key-policy-bucket',
  'key-policy-dataset-group',
] satisfies KeyPolicyField[];

function isKeyDocument(
  document: NeededDocument,
): document is NeededDocument & { id: KeyPolicyField } {
  return KEY_FIELDS.includes(document.id);
}

/**
 * The context for a message: the wizard's documents for the answers, and the key the message is
 * about (the one it names, else the dataset group's key for a dataset group, else the bucket's).
 */
export function causeContext(answers: Answers, named: MessageFacts): CauseContext {
  const documents = new Map<DocumentId, NeededDocument>();
  for (const document of [
    ...buildPolicies(answers).documents,
    ...buildCompanionDocuments(answers),
  ]) {
    if (isNeeded(document)) documents.set(document.id, document);
  }
  const keys = [...documents.values()].filter(isKeyDocument);
  const byName = keys.find(
    (document) => named.keyArn !== undefined && document.key?.arn === named.keyArn,
  );
  const preferred: KeyPolicyField =
    named.operation === 'dataset-group' ? 'key-policy-dataset-group' : 'key-policy-bucket';
  const key: KeyRef = byName ??
    (named.keyArn === undefined
      ? (keys.find((document) => document.id === preferred) ?? keys[0])
      : undefined) ?? {
      id: 'key-policy',
      key: {
        arn: named.keyArn ?? answers.keyArn,
        placeholder: KEY_ARN_PLACEHOLDERS.keyArn,
      },
    };
  return { answers, named, key, documents };
}
