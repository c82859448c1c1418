/**
 * Check a setup: what the team pasted (and the collected facts), read against every request the
 * answers' setup makes (requirements.ts), decided by the evaluator. Three groups of findings:
 * - `operation`: one per chosen operation, and one for an encrypted dataset group, saying
 *   whether it would work, fail (who asks for what, which document lacks the grant or which
 *   statement denies it, and the fix from the wizard's own documents), or why it cannot tell;
 *   an empty field never gives "works";
 * - `setup`: facts that break Personalize whatever the policies say (a VPC-only bucket, a key
 *   in another region or account, a disabled key, a trust policy for another account);
 * - `over-grant`: what the pasted documents grant beyond what the chosen operations need, as
 *   least-privilege advice.
 * Pure and deterministic; each text is parsed once.
 */
import type { Answers } from '../answers';
import { OPERATION_INFO, KMS_ACTIONS } from '../rules';
import { toJson } from '../document';
import {
  describeStatement,
  evaluateRequest,
  statementLabel,
  statementsMatching,
  visibleText,
  type EvaluationRequest,
  type EvaluationResult,
  type NamedPolicy,
  type PolicyKind,
  type StatementRef,
} from '../evaluate';
import { listInProse } from '../prose';
import { isObject } from '../strict-json';
import { parseKeyArn } from '../validate';
import { CHECK_LABELS } from './fields';
import { readInputs, type FieldReading, type ReadInputs } from './inputs';
import {
  requirementsFor,
  type Need,
  type Requirement,
  type RequirementSet,
  type ResourceField,
} from './requirements';
import type {
  CheckField,
  CheckFinding,
  CheckInputs,
  CheckReport,
  Fix,
  FindingStatus,
  KeyPolicyField,
  SetupFacts,
} from './types';

type Failure = NonNullable<CheckFinding['failures']>[number];

/** One request's outcome. */
interface Outcome {
  status: Exclude<FindingStatus, 'warning'>;
  failures: Failure[];
  fixes: Fix[];
  /** What the evaluator could not tell. */
  unknowns: string[];
  /** Fields left empty (or not readable) that the request needs. */
  missingFields: CheckField[];
}

/** A pasted policy with what the messages say of it. */
interface Source {
  kind: PolicyKind;
  field: CheckField;
  /** "the key policy (bucket key)", `the role's policy "Name"`. */
  words: string;
  document: unknown;
}

const NEED_LABEL = (need: Need): string =>
  need === 'dataset-group' ? 'The encrypted dataset group' : OPERATION_INFO[need].label;

const TITLES: Readonly<Record<Outcome['status'], (label: string) => string>> = {
  works: (label) => `${label} would work`,
  fails: (label) => `${label} would fail`,
  'cannot-tell': (label) => `${label}: the check cannot tell whether they would work`,
  'not-checked': (label) => `${label}: not checked`,
};

/** Worst first: a failure outweighs an unknown, which outweighs an empty field. */
const RANK: Readonly<Record<Outcome['status'], number>> = {
  fails: 0,
  'cannot-tell': 1,
  'not-checked': 2,
  works: 3,
};

/** Stands for a field left empty: a document without statements, which grants and denies nothing. */
const EMPTY_DOCUMENT = { Statement: [] };

function statementsOf(document: unknown): unknown[] {
  if (!isObject(document)) return [];
  const { Statement: statement } = document;
  if (Array.isArray(statement)) return statement;
  return isObject(statement) ? [statement] : [];
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** The readings and names of every pasted document, by the name the evaluator reports. */
class Pasted {
  readonly sources = new Map<string, Source>();

  constructor(readonly read: ReadInputs) {
    for (const [field, reading] of Object.entries(read.keyPolicies) as [
      KeyPolicyField,
      FieldReading<NamedPolicy>,
    ][]) {
      if (reading.state === 'read') this.note(reading.value, 'key-policy', field);
    }
    if (read.bucketPolicy.state === 'read' && read.bucketPolicy.value) {
      this.note(read.bucketPolicy.value, 'bucket-policy', 'bucketPolicy');
    }
    if (read.trustPolicy.state === 'read') {
      this.note(read.trustPolicy.value, 'trust-policy', 'trustPolicy');
    }
    if (read.rolePolicies.state === 'read') {
      for (const policy of read.rolePolicies.value) this.note(policy, 'identity', 'rolePolicies');
    }
  }

  private note(policy: NamedPolicy, kind: PolicyKind, field: CheckField) {
    const words = kind === 'identity' ? `the role’s ${policy.name}` : policy.name;
    this.sources.set(policy.name, { kind, field, words, document: policy.document });
  }

  /** The resource policy a field holds: read, `null` for a bucket without one, or undefined. */
  resourcePolicy(field: ResourceField): NamedPolicy | null | undefined {
    const reading =
      field === 'bucketPolicy'
        ? this.read.bucketPolicy
        : field === 'trustPolicy'
          ? this.read.trustPolicy
          : this.read.keyPolicies[field];
    return reading.state === 'read' ? reading.value : undefined;
  }

  rolePolicies(): NamedPolicy[] | undefined {
    return this.read.rolePolicies.state === 'read' ? this.read.rolePolicies.value : undefined;
  }

  /** What the field's document is called in messages. */
  static fieldWords(field: ResourceField): string {
    if (field === 'bucketPolicy') return 'the bucket policy';
    if (field === 'trustPolicy') return 'the trust policy';
    return CHECK_LABELS[field].replace('Current key policy', 'the key policy');
  }
}

const DOCUMENT_WORDS: Readonly<Record<PolicyKind, string>> = {
  'key-policy': 'the key policy',
  'bucket-policy': 'the bucket policy',
  'trust-policy': 'the trust policy',
  identity: 'the service role’s policies',
};

function denyFailure(
  requirement: Requirement,
  ref: StatementRef,
  pasted: Pasted,
): { failure: Failure; fix: Fix } {
  const source = pasted.sources.get(ref.policy);
  const { principal, action, resource } = requirement.request;
  const described = describeStatement(statementsOf(source?.document)[ref.index], ref.index);
  const where = source?.words ?? ref.policy;
  return {
    failure: {
      principal,
      action,
      resource,
      document: source?.kind ?? 'identity',
      statement: statementLabel(ref.index, ref.sid),
      because: `${capitalizedList([described.label])} of ${where} denies it (${described.effect} ${described.principal}, ${described.actions}).`,
    },
    fix: {
      summary: `Remove or narrow ${described.label} of ${where}, so that it no longer denies the requests listed (a Deny wins over every Allow).`,
    },
  };
}

/** The fix that adds the wizard's own grant for a request to one document. */
function grantFix(requirement: Requirement, kind: PolicyKind): Fix | undefined {
  const grant = requirement.grants[kind];
  if (!grant) return undefined;
  const { document, statement } = grant;
  if (kind === 'key-policy') {
    return document.statementOnly
      ? {
          summary: `Add this statement to ${DOCUMENT_WORDS[kind]} of ${requirement.resourceWords} (Review merges it into the current policy), or put the ${document.title} shown in Review.`,
          copy: document.statementOnly.json,
        }
      : { summary: `Put the ${document.title} shown in Review.`, copy: document.json };
  }
  if (kind === 'trust-policy') {
    return { summary: `Put the ${document.title} shown in Review.`, copy: document.json };
  }
  const target = kind === 'identity' ? 'the service role’s policies' : 'the bucket policy';
  return statement
    ? {
        summary: `Add this statement to ${target} (from the ${document.title} in Review).`,
        copy: toJson(statement),
      }
    : { summary: `Put the ${document.title} shown in Review.`, copy: document.json };
}

/** In plain words, why a document lacks what a request needs. */
function lackWords(requirement: Requirement, kind: PolicyKind, crossAccount: boolean): string {
  const { principal, action } = requirement.request;
  const what = `${principal} ${action} on ${requirement.resourceWords}`;
  switch (kind) {
    case 'key-policy':
      if (requirement.byRole && crossAccount) {
        return `The key is in another account than the role: its key policy must name the role or the role’s account, and no statement of it allows ${what}.`;
      }
      return requirement.byRole
        ? `The key policy neither names the role nor keeps the account’s root statement that lets IAM policies grant access, so nothing allows ${what}.`
        : `No statement of the key policy allows ${what}: a service has no IAM policies, so only the key policy can.`;
    case 'bucket-policy':
      return `No statement of the bucket policy allows ${what}: a service has no IAM policies, so only the bucket policy can.`;
    case 'trust-policy': {
      const context = requirement.request.context ?? {};
      const asks = ['aws:SourceAccount', 'aws:SourceArn']
        .filter((key) => key in context)
        .map((key) => `${key} ${String(context[key])}`);
      return `No statement of the trust policy lets ${principal} assume the role${asks.length > 0 ? ` when it asks with ${listInProse(asks)}` : ''}.`;
    }
    case 'identity':
      if (requirement.resourceField === 'bucketPolicy') {
        return `Neither the role’s policies nor the bucket policy allows ${what}.`;
      }
      if (requirement.resourceField === undefined) {
        return `None of the role’s policies allows ${action}.`;
      }
      return crossAccount
        ? `None of the role’s policies allows ${action} on ${requirement.resourceWords}: the key is in another account, so the role’s own policies must allow it as well as the key policy.`
        : `None of the role’s policies allows ${action} on ${requirement.resourceWords}, and the key policy leaves it to them (it names the account, not the role).`;
  }
}

function notChecked(missingFields: CheckField[], unknowns: string[] = []): Outcome {
  return { status: 'not-checked', failures: [], fixes: [], unknowns, missingFields };
}

/** A request no resource policy decides (cloudwatch:PutMetricData): the role's policies alone. */
function identityOnly(requirement: Requirement, pasted: Pasted): Outcome {
  const policies = pasted.rolePolicies();
  if (!policies) return notChecked(['rolePolicies']);
  // No resource: a statement on "*" applies, as it does to an action without resource types.
  const request: EvaluationRequest = { ...requirement.request, resource: undefined };
  const judged = policies.map((policy) => ({
    policy,
    ...statementsMatching(policy, request, 'identity'),
  }));
  const denies = judged.flatMap(({ verdicts }) =>
    verdicts.filter((verdict) => verdict.ref.effect === 'Deny' && verdict.applies === 'yes'),
  );
  if (denies.length > 0) {
    const parts = denies.map((verdict) => denyFailure(requirement, verdict.ref, pasted));
    return {
      status: 'fails',
      failures: parts.map((part) => part.failure),
      fixes: parts.map((part) => part.fix),
      unknowns: [],
      missingFields: [],
    };
  }
  const unknowns = judged.flatMap(({ policy, verdicts, problems }) => [
    ...problems.map((problem) => `${policy.name}: ${problem}`),
    ...verdicts
      .filter((verdict) => verdict.applies === 'unknown')
      .flatMap((verdict) => verdict.reasons.map((reason) => `${policy.name}, ${reason}`)),
  ]);
  const allows = judged.some(({ verdicts }) =>
    verdicts.some((verdict) => verdict.ref.effect === 'Allow' && verdict.applies === 'yes'),
  );
  const mayDeny = judged.some(
    ({ verdicts, problems }) =>
      problems.length > 0 ||
      verdicts.some((verdict) => verdict.ref.effect !== 'Allow' && verdict.applies === 'unknown'),
  );
  if (allows && !mayDeny) {
    return { status: 'works', failures: [], fixes: [], unknowns: [], missingFields: [] };
  }
  if (unknowns.length > 0) {
    return { status: 'cannot-tell', failures: [], fixes: [], unknowns, missingFields: [] };
  }
  const fix = grantFix(requirement, 'identity');
  return {
    status: 'fails',
    failures: [
      {
        ...requirement.request,
        document: 'identity',
        because: lackWords(requirement, 'identity', false),
      },
    ],
    fixes: fix ? [fix] : [],
    unknowns: [],
    missingFields: [],
  };
}

/** One request decided against what was pasted, an empty field standing for "not known". */
function decide(requirement: Requirement, pasted: Pasted): Outcome {
  const field = requirement.resourceField;
  if (field === undefined) return identityOnly(requirement, pasted);
  const missingFields: CheckField[] = [];
  let resourcePolicy = pasted.resourcePolicy(field);
  if (resourcePolicy === undefined) {
    missingFields.push(field);
    resourcePolicy = { name: Pasted.fieldWords(field), document: EMPTY_DOCUMENT };
  }
  let identityPolicies: NamedPolicy[] = [];
  if (requirement.byRole) {
    const policies = pasted.rolePolicies();
    if (policies) identityPolicies = policies;
    else missingFields.push('rolePolicies');
  }
  const result: EvaluationResult = evaluateRequest(requirement.request, {
    identityPolicies,
    resourcePolicy,
  });
  const pastedKind = (kind: PolicyKind) =>
    kind === 'identity' ? !missingFields.includes('rolePolicies') : !missingFields.includes(field);
  const crossAccount =
    requirement.byRole &&
    requirement.request.principal.split(':')[4] !== requirement.request.resourceAccount;

  switch (result.decision) {
    case 'explicitly-denied': {
      const parts = result.deniedBy.map((ref) => denyFailure(requirement, ref, pasted));
      return {
        status: 'fails',
        failures: parts.map((part) => part.failure),
        fixes: parts.map((part) => part.fix),
        unknowns: [],
        missingFields: [],
      };
    }
    case 'implicitly-denied': {
      // Within the bucket's account, either the role's policies or the bucket policy would do:
      // the request surely fails only when both were pasted. Elsewhere every document listed is
      // needed, so one pasted document that lacks the grant is enough.
      const either = requirement.byRole && field === 'bucketPolicy' && !crossAccount;
      const lacking = result.missing.filter(pastedKind);
      const sure = either ? lacking.length === result.missing.length : lacking.length > 0;
      if (!sure) return notChecked(missingFields);
      const kinds: PolicyKind[] = either ? ['identity'] : lacking;
      return {
        status: 'fails',
        failures: kinds.map((kind) => ({
          ...requirement.request,
          document: kind,
          because: lackWords(requirement, kind, crossAccount),
        })),
        fixes: kinds.flatMap((kind) => grantFix(requirement, kind) ?? []),
        unknowns: [],
        missingFields: [],
      };
    }
    case 'allowed':
      return missingFields.length > 0
        ? notChecked(missingFields)
        : { status: 'works', failures: [], fixes: [], unknowns: [], missingFields: [] };
    case 'cannot-tell':
      return missingFields.length > 0
        ? notChecked(missingFields, result.unknowns)
        : {
            status: 'cannot-tell',
            failures: [],
            fixes: [],
            unknowns: result.unknowns,
            missingFields: [],
          };
  }
}

function fieldList(fields: readonly CheckField[]): string {
  return listInProse(unique(fields).map((field) => CHECK_LABELS[field]));
}

/** What the check took for granted about the requests, once per finding that works. */
function assumptions(set: RequirementSet, answers: Answers): string[] {
  return [
    `Personalize is taken to ask with aws:SourceAccount ${answers.accountId}${answers.region === '' ? '' : ` and an aws:SourceArn of a Personalize resource in ${answers.region}`}, over TLS and not from a VPC.`,
    ...(set.bucketArn ? [`The bucket is taken to be in account ${answers.accountId}.`] : []),
    'Not checked: service control policies, permissions boundaries, KMS grants and S3 Block Public Access.',
  ];
}

function operationFindings(
  answers: Answers,
  set: RequirementSet,
  outcomeOf: (requirement: Requirement) => Outcome,
  unreadable: readonly CheckField[],
): CheckFinding[] {
  return set.needs.map((need): CheckFinding => {
    const label = NEED_LABEL(need);
    const id = `operation:${need}`;
    if (set.unanswered.length > 0) {
      return {
        id,
        group: 'operation',
        status: 'cannot-tell',
        title: TITLES['cannot-tell'](label),
        operation: need,
        details: [
          `Give ${listInProse(set.unanswered)} in the wizard’s steps: the requests Personalize makes name them.`,
        ],
      };
    }
    const outcomes = set.requirements
      .filter((requirement) => requirement.need === need)
      .map(outcomeOf);
    const status = outcomes.reduce<Outcome['status']>(
      (worst, outcome) => (RANK[outcome.status] < RANK[worst] ? outcome.status : worst),
      'works',
    );
    const failures = outcomes.flatMap((outcome) => outcome.failures);
    const fixes = outcomes.flatMap((outcome) => outcome.fixes);
    // A Deny must go before any grant can help: its fix comes first.
    const ordered = [
      ...fixes.filter((fix) => fix.copy === undefined),
      ...fixes.filter((fix) => fix.copy !== undefined),
    ];
    const distinct = ordered.filter(
      (fix, index) =>
        ordered.findIndex((other) => other.summary === fix.summary && other.copy === fix.copy) ===
        index,
    );
    const missingFields = unique(outcomes.flatMap((outcome) => outcome.missingFields));
    const unknowns = unique(outcomes.flatMap((outcome) => outcome.unknowns));
    const details: string[] = [];
    if (status === 'fails' && distinct.length > 1) {
      details.push(...distinct.slice(1).map((fix) => `Also: ${fix.summary}`));
    }
    if (unknowns.length > 0) {
      details.push(`The check cannot tell: ${unknowns.join('; ')}.`);
    }
    if (missingFields.length > 0) {
      const notRead = missingFields.filter((field) => unreadable.includes(field));
      const empty = missingFields.filter((field) => !unreadable.includes(field));
      if (empty.length > 0) details.push(`Paste the ${fieldList(empty)} to check the rest.`);
      if (notRead.length > 0) {
        details.push(`The ${fieldList(notRead)} could not be read: see the problem at the field.`);
      }
    }
    if (status === 'works') details.push(...assumptions(set, answers));
    const [fix] = distinct;
    return {
      id,
      group: 'operation',
      status,
      title: TITLES[status](label),
      operation: need,
      ...(failures.length > 0 ? { failures } : {}),
      details,
      ...(status === 'fails' && fix ? { fix } : {}),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Setup facts.

function conditionEntries(
  statement: unknown,
): { operator: string; key: string; values: string[] }[] {
  if (!isObject(statement) || !isObject(statement.Condition)) return [];
  const entries: { operator: string; key: string; values: string[] }[] = [];
  for (const [operator, block] of Object.entries(statement.Condition)) {
    if (!isObject(block)) continue;
    for (const [key, value] of Object.entries(block)) {
      const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
      entries.push({
        operator,
        key: key.toLowerCase(),
        values: values.filter((item): item is string => typeof item === 'string'),
      });
    }
  }
  return entries;
}

function namesService(statement: unknown, service: string): boolean {
  if (!isObject(statement) || statement.Effect !== 'Allow') return false;
  const { Principal: principal } = statement;
  if (principal === '*') return true;
  if (!isObject(principal)) return false;
  const list = (value: unknown): unknown[] =>
    typeof value === 'string' ? [value] : Array.isArray(value) ? (value as unknown[]) : [];
  return list(principal.Service).includes(service) || list(principal.AWS).includes('*');
}

const VPC_KEYS = new Set(['aws:sourcevpc', 'aws:sourcevpce']);

function vpcFinding(pasted: Pasted, facts: SetupFacts | undefined): CheckFinding[] {
  const policy = pasted.resourcePolicy('bucketPolicy');
  const labels = policy
    ? statementsOf(policy.document).flatMap((statement, index) =>
        isObject(statement) &&
        statement.Effect === 'Deny' &&
        conditionEntries(statement).some((entry) => VPC_KEYS.has(entry.key))
          ? [statementLabel(index, statement.Sid)]
          : [],
      )
    : [];
  if (labels.length === 0 && facts?.bucket?.vpcOnly !== true) return [];
  return [
    {
      id: 'setup:vpc-only-bucket',
      group: 'setup',
      status: 'fails',
      title: 'The bucket policy only allows access from a VPC',
      details: [
        labels.length > 0
          ? `${capitalizedList(labels)} of the bucket policy ${labels.length > 1 ? 'deny' : 'denies'} requests that do not come from a VPC or VPC endpoint (aws:SourceVpc, aws:SourceVpce). Personalize does not reach the bucket from your VPC, so every job that reads or writes it fails.`
          : 'The collected facts say the bucket policy limits access to a VPC. Personalize does not reach the bucket from your VPC, so every job that reads or writes it fails.',
        'Amazon Personalize cannot use a bucket whose policy allows access only from a VPC: https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-s3-access.html',
      ],
      fix: {
        summary:
          labels.length > 0
            ? `Remove or narrow ${listInProse(labels)} of the bucket policy so that it does not apply to Personalize (for example, keep the VPC rule for a separate bucket and give Personalize its own).`
            : 'Use a bucket without a VPC-only bucket policy for Personalize.',
      },
    },
  ];
}

function capitalizedList(items: readonly string[]): string {
  const text = listInProse(items);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function keyFindings(
  answers: Answers,
  set: RequirementSet,
  facts: SetupFacts | undefined,
): CheckFinding[] {
  const findings: CheckFinding[] = [];
  for (const key of set.keys) {
    const arn = parseKeyArn(key.arn);
    if (!arn) continue;
    const factRegion = facts?.keys?.find((fact) => fact.arn === key.arn)?.region;
    const region = factRegion ?? arn.region;
    if (answers.region !== '' && region !== answers.region) {
      findings.push({
        id: `setup:key-region:${key.field}`,
        group: 'setup',
        status: 'fails',
        title: `The key is in ${region}, the Personalize resources in ${answers.region}`,
        details: [
          `KMS keys are regional: Personalize in ${answers.region} cannot use ${key.arn}. KMS answers that the key “does not exist in this region”.`,
        ],
        fix: {
          summary: `Use a key in ${answers.region} (create one, or a multi-Region replica of this key there), and give its ARN in the wizard.`,
        },
      });
    }
  }
  for (const fact of facts?.keys ?? []) {
    const state = fact.state;
    if (state === undefined || state === 'Enabled') continue;
    const inUse = set.keys.some((key) => key.arn === fact.arn || key.arn.endsWith(`/${fact.arn}`));
    if (!inUse) continue;
    const words =
      state === 'PendingDeletion' || state === 'PendingReplicaDeletion'
        ? 'is scheduled for deletion'
        : state === 'Disabled'
          ? 'is disabled'
          : `is in the state ${visibleText(state)}, not Enabled`;
    findings.push({
      id: `setup:key-state:${fact.arn}`,
      group: 'setup',
      status: 'fails',
      title: `The key ${words}`,
      details: [
        `KMS refuses every cryptographic request with a key that is not Enabled (KMSInvalidStateException), whatever the policies say: ${fact.arn}. https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html`,
      ],
      fix: {
        summary:
          state === 'PendingDeletion'
            ? 'Cancel the key’s deletion and enable it again.'
            : 'Enable the key.',
        copy:
          state === 'PendingDeletion'
            ? `aws kms cancel-key-deletion --key-id ${fact.arn}\naws kms enable-key --key-id ${fact.arn}\n`
            : `aws kms enable-key --key-id ${fact.arn}\n`,
      },
    });
  }
  return findings;
}

function crossAccountFindings(
  answers: Answers,
  set: RequirementSet,
  outcomes: (requirement: Requirement) => Outcome,
): CheckFinding[] {
  return set.keys.flatMap((key): CheckFinding[] => {
    const keyAccount = parseKeyArn(key.arn)?.accountId;
    if (keyAccount === undefined || answers.accountId === '' || keyAccount === answers.accountId) {
      return [];
    }
    const onKey = set.requirements.filter(
      (requirement) => requirement.request.resource === key.arn && requirement.byRole,
    );
    const results = onKey.map(outcomes);
    const failures = results.flatMap((result) => result.failures);
    const missing = unique(results.flatMap((result) => result.missingFields));
    const base = {
      id: `setup:cross-account-key:${key.field}`,
      group: 'setup' as const,
      title: `The key is in account ${keyAccount}, the service role in account ${answers.accountId}`,
    };
    const rule = `From another account, the key policy must name the role (or its account) and the role’s own policies must allow the key: both are required. https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html`;
    if (failures.length > 0) {
      const [fix] = results.flatMap((result) => result.fixes);
      return [
        {
          ...base,
          status: 'fails',
          failures,
          details: [rule],
          ...(fix ? { fix } : {}),
        },
      ];
    }
    if (missing.length > 0) {
      return [
        {
          ...base,
          status: 'not-checked',
          details: [rule, `Paste the ${fieldList(missing)} to check the cross-account grants.`],
        },
      ];
    }
    return [];
  });
}

/** The account and region an aws:SourceArn value names, when it is an ARN. */
/** The pasted role (get-role output) is not the answers' role: another name or account. */
function pastedRoleFinding(set: RequirementSet, read: ReadInputs): CheckFinding[] {
  const pastedArn = read.trustRoleArn;
  if (pastedArn === undefined || set.role === undefined || pastedArn === set.role) return [];
  const account = pastedArn.split(':')[4] ?? '';
  const answered = set.role.split(':')[4] ?? '';
  const otherAccount = account !== answered;
  return [
    {
      id: 'setup:pasted-role',
      group: 'setup',
      status: otherAccount ? 'fails' : 'warning',
      title: otherAccount
        ? `The pasted role is in account ${visibleText(account)}, not ${answered}`
        : 'The pasted role is not the role in the answers',
      details: [
        `The trust policy was pasted from ${visibleText(pastedArn)}, while the answers name ${set.role}.`,
        ...(otherAccount
          ? [
              'Personalize takes a service role of the account its resources are in: a role from another account fails with “Cross-account pass role is not allowed”.',
            ]
          : []),
      ],
      fix: {
        summary: otherAccount
          ? `Use a role in account ${answered}, or answer the role’s own account and name in the wizard.`
          : 'Answer the pasted role’s name and path in the wizard, or paste the trust policy of the role in the answers.',
      },
    },
  ];
}

function sourceArnParts(value: string): { account: string; region: string } | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { region: parts[3] ?? '', account: parts[4] ?? '' };
}

const isWild = (text: string) => text.includes('*') || text.includes('?');

function trustFindings(answers: Answers, set: RequirementSet, pasted: Pasted): CheckFinding[] {
  const policy = pasted.resourcePolicy('trustPolicy');
  if (!policy || set.needs.length === 0) return [];
  const statements = statementsOf(policy.document);
  const admitting = statements
    .map((statement, index) => ({ statement, index }))
    .filter(({ statement }) => namesService(statement, set.service));
  if (admitting.length === 0) {
    const trust = set.documents.find((document) => document.id === 'trust-policy');
    return [
      {
        id: 'setup:trust-principal',
        group: 'setup',
        status: 'fails',
        title: `The trust policy does not let ${set.service} assume the role`,
        details: [
          `No Allow statement of the trust policy names the service principal ${set.service}, so Personalize cannot assume the role for any job.`,
        ],
        fix: {
          summary: 'Put the trust policy shown in Review.',
          ...(trust?.needed ? { copy: trust.json } : {}),
        },
      },
    ];
  }
  const account = answers.accountId;
  if (account === '') return [];
  const findings: CheckFinding[] = [];
  const negated = (operator: string) => operator.includes('Not');
  for (const { statement, index } of admitting) {
    const label = statementLabel(index, isObject(statement) ? statement.Sid : undefined);
    for (const entry of conditionEntries(statement)) {
      if (negated(entry.operator) || entry.values.length === 0) continue;
      if (entry.key === 'aws:sourceaccount') {
        const others = entry.values.filter((value) => !isWild(value) && value !== account);
        if (others.length === entry.values.length) {
          findings.push({
            id: `setup:trust-source-account:${String(index)}`,
            group: 'setup',
            status: 'fails',
            title: `The trust policy’s aws:SourceAccount names ${listInProse(others.map(visibleText))}, not ${account}`,
            details: [
              `${capitalizedList([label])} of the trust policy admits Personalize only for resources of ${listInProse(others.map(visibleText))}. Personalize assumes the role for resources of ${account}, so every job fails to assume it.`,
            ],
            fix: {
              summary: `Set aws:SourceAccount to ${account} in ${label} of the trust policy.`,
            },
          });
        }
      }
      if (entry.key === 'aws:sourcearn') {
        const wrong = entry.values.filter((value) => {
          const parts = sourceArnParts(value);
          if (!parts) return false;
          const accountWrong = !isWild(parts.account) && parts.account !== account;
          const regionWrong =
            answers.region !== '' && !isWild(parts.region) && parts.region !== answers.region;
          return accountWrong || regionWrong;
        });
        if (wrong.length === entry.values.length) {
          findings.push({
            id: `setup:trust-source-arn:${String(index)}`,
            group: 'setup',
            status: 'fails',
            title: `The trust policy’s aws:SourceArn does not match account ${account}${answers.region === '' ? '' : ` in ${answers.region}`}`,
            details: [
              `${capitalizedList([label])} of the trust policy admits Personalize only for ${listInProse(wrong.map((value) => visibleText(value)))}. Personalize assumes the role for resources of account ${account}${answers.region === '' ? '' : ` in ${answers.region}`}, so every job fails to assume it.`,
            ],
            fix: {
              summary: `Set aws:SourceArn to arn:${answers.partition}:personalize:${answers.region || '<region>'}:${account}:* in ${label} of the trust policy.`,
            },
          });
        }
      }
    }
  }
  return findings;
}

function sameKey(reported: string, arn: string): boolean {
  if (reported === arn) return true;
  return parseKeyArn(arn)?.keyId === reported;
}

function bucketEncryptionFindings(answers: Answers, facts: SetupFacts | undefined): CheckFinding[] {
  const bucket = facts?.bucket;
  if (!bucket || answers.operations.length === 0) return [];
  const kms = bucket.encryption === 'aws:kms' || bucket.encryption === 'aws:kms:dsse';
  if (kms && !answers.bucketEncrypted) {
    return [
      {
        id: 'setup:bucket-encryption',
        group: 'setup',
        status: 'fails',
        title: 'The bucket encrypts with a KMS key, but the answers say it is not encrypted',
        details: [
          `The bucket’s default encryption is ${visibleText(bucket.encryption ?? '')}${bucket.encryptionKey ? ` with ${visibleText(bucket.encryptionKey)}` : ''}: Personalize needs that key to read and write objects, and the wizard writes no key policy for it.`,
        ],
        fix: {
          summary: 'Answer that the bucket is encrypted with a KMS key, and give that key’s ARN.',
        },
      },
    ];
  }
  if (kms && answers.bucketEncrypted && answers.keyArn !== '' && bucket.encryptionKey) {
    if (bucket.encryptionKey.startsWith('alias/') || bucket.encryptionKey.includes(':alias/')) {
      return [
        {
          id: 'setup:bucket-encryption',
          group: 'setup',
          status: 'cannot-tell',
          title: 'The bucket’s default encryption names a key alias',
          details: [
            `S3 reports ${visibleText(bucket.encryptionKey)}; whether it points at ${answers.keyArn} is not known here (aws kms describe-key --key-id ${visibleText(bucket.encryptionKey)} says).`,
          ],
        },
      ];
    }
    if (!sameKey(bucket.encryptionKey, answers.keyArn)) {
      return [
        {
          id: 'setup:bucket-encryption',
          group: 'setup',
          status: 'fails',
          title: 'The bucket encrypts with another key than the one in the answers',
          details: [
            `New objects are encrypted with ${visibleText(bucket.encryptionKey)}, while the documents give Personalize ${answers.keyArn}. Personalize then cannot read or write the objects under the bucket’s key.`,
          ],
          fix: {
            summary:
              'Give the bucket’s key in the wizard, or set the bucket’s default encryption to the key in the answers.',
          },
        },
      ];
    }
  }
  if (bucket.encryption === 'AES256' && answers.bucketEncrypted) {
    return [
      {
        id: 'setup:bucket-encryption',
        group: 'setup',
        status: 'warning',
        title: 'The bucket’s default encryption is S3-managed (SSE-S3), not a KMS key',
        details: [
          'Objects written without a KMS key need no key policy; objects already encrypted with the key in the answers still do.',
        ],
      },
    ];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// Over-grants.

/** KMS actions beyond the wizard's that would let a principal change or destroy the key. */
const KMS_PROBES = [
  ...KMS_ACTIONS,
  'kms:Encrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:RetireGrant',
  'kms:RevokeGrant',
  'kms:PutKeyPolicy',
  'kms:DisableKey',
  'kms:ScheduleKeyDeletion',
];
const S3_PROBES = [
  's3:GetObject',
  's3:PutObject',
  's3:ListBucket',
  's3:DeleteObject',
  's3:PutBucketPolicy',
  's3:DeleteBucket',
];

const mentions = new WeakMap<object, Set<string>>();

/**
 * Whether a policy may grant an action of `service` at all: a statement with NotAction, or an
 * Action that is `*`, starts with the service's prefix or is not a string list. A quick look at
 * the text, so that probing skips the policies about other services (most of a role's).
 */
function mayName(policy: NamedPolicy, service: string): boolean {
  const { document } = policy;
  if (!isObject(document)) return true;
  let services = mentions.get(document);
  if (!services) {
    services = new Set<string>();
    for (const statement of statementsOf(document)) {
      if (!isObject(statement) || 'NotAction' in statement) {
        services.add('*');
        continue;
      }
      const actions = statement.Action;
      const list = typeof actions === 'string' ? [actions] : Array.isArray(actions) ? actions : [];
      if (list.length === 0) services.add('*');
      for (const action of list) {
        if (typeof action !== 'string' || !action.includes(':')) services.add('*');
        else services.add(action.slice(0, action.indexOf(':')).toLowerCase());
      }
    }
    mentions.set(document, services);
  }
  return services.has('*') || services.has(service);
}

interface Extra {
  source: Source;
  index: number;
  principals: Set<string>;
  actions: Set<string>;
  everywhere: Set<string>;
}

function overGrantFindings(answers: Answers, set: RequirementSet, pasted: Pasted): CheckFinding[] {
  if (set.requirements.length === 0 || !set.role || !set.bucketArn) return [];
  const role = set.role;
  const extras = new Map<string, Extra>();
  const note = (
    policy: NamedPolicy,
    index: number,
    principal: string,
    action: string,
    everywhere: boolean,
  ) => {
    const source = pasted.sources.get(policy.name);
    if (!source) return;
    const id = `${policy.name}#${String(index)}`;
    const extra = extras.get(id) ?? {
      source,
      index,
      principals: new Set<string>(),
      actions: new Set<string>(),
      everywhere: new Set<string>(),
    };
    extra.principals.add(principal);
    (everywhere ? extra.everywhere : extra.actions).add(action);
    extras.set(id, extra);
  };
  // What the wizard's own documents grant is never an over-grant, whatever a rule's wording.
  const wizard = (id: string, kind: PolicyKind): [NamedPolicy, PolicyKind][] => {
    const document = set.documents.find((candidate) => candidate.id === id);
    return document?.needed ? [[{ name: document.title, document: document.policy }, kind]] : [];
  };
  const beyondWizard = (
    documents: readonly [NamedPolicy, PolicyKind][],
    template: Requirement['request'],
    actions: readonly string[],
  ) =>
    actions.filter(
      (action) =>
        !documents.some(([policy, kind]) =>
          statementsMatching(policy, { ...template, action }, kind).verdicts.some(
            (verdict) =>
              verdict.ref.effect === 'Allow' &&
              (kind === 'identity' ? verdict.applies : verdict.appliesDirectly) === 'yes',
          ),
        ),
    );
  const probe = (
    policy: NamedPolicy,
    kind: PolicyKind,
    template: Requirement['request'],
    actions: readonly string[],
    everywhere = false,
  ) => {
    const [first] = actions;
    if (first === undefined || !mayName(policy, first.slice(0, first.indexOf(':')))) return;
    for (const action of actions) {
      const { verdicts } = statementsMatching(policy, { ...template, action }, kind);
      for (const verdict of verdicts) {
        const applies = kind === 'identity' ? verdict.applies : verdict.appliesDirectly;
        if (verdict.ref.effect === 'Allow' && applies === 'yes') {
          note(policy, verdict.ref.index, template.principal, action, everywhere);
        }
      }
    }
  };
  const templateFor = (principal: string, resource: string): Requirement['request'] =>
    set.requirements.find((requirement) => requirement.request.principal === principal)
      ?.request ?? {
      principal,
      action: '',
      resource,
      resourceAccount: answers.accountId,
    };
  const at = (request: Requirement['request'], resource: string, resourceAccount: string) => ({
    ...request,
    resource,
    resourceAccount,
  });

  const rolePolicies = pasted.rolePolicies() ?? [];
  for (const key of set.keys) {
    const keyAccount = parseKeyArn(key.arn)?.accountId ?? answers.accountId;
    const keyPolicy = pasted.resourcePolicy(key.field);
    for (const principal of [set.service, role]) {
      const template = at(templateFor(principal, key.arn), key.arn, keyAccount);
      const extra = beyondWizard(
        [
          ...wizard(key.field, 'key-policy'),
          ...(principal === role ? wizard('iam-policy', 'identity') : []),
        ],
        template,
        KMS_PROBES,
      );
      if (keyPolicy) probe(keyPolicy, 'key-policy', template, extra);
      if (principal === role) {
        for (const policy of rolePolicies) probe(policy, 'identity', template, extra);
      }
    }
  }
  // The role's KMS grants on any key: a key it has no business with stands for "every key".
  if (set.keys.length > 0) {
    const [first] = set.keys;
    const arn = first ? parseKeyArn(first.arn) : undefined;
    if (arn) {
      const ids = ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
      const unused = ids.find((id) => set.keys.every((key) => !key.arn.endsWith(id))) ?? '';
      const otherKey = `arn:${arn.partition}:kms:${arn.region}:${answers.accountId}:key/${unused}`;
      const template = at(templateFor(role, otherKey), otherKey, answers.accountId);
      const extra = beyondWizard(wizard('iam-policy', 'identity'), template, KMS_PROBES);
      for (const policy of rolePolicies) probe(policy, 'identity', template, extra, true);
    }
  }
  const bucketPolicy = pasted.resourcePolicy('bucketPolicy');
  const objectArn = `${set.bucketArn}/…`;
  for (const principal of [set.service, role]) {
    const onBucket = S3_PROBES.filter((action) => action.includes('Bucket'));
    const onObjects = S3_PROBES.filter((action) => !onBucket.includes(action));
    const bucketTemplate = at(
      templateFor(principal, set.bucketArn),
      set.bucketArn,
      answers.accountId,
    );
    const objectTemplate = at(bucketTemplate, objectArn, answers.accountId);
    const own =
      principal === role
        ? wizard('s3-access-policy', 'identity')
        : wizard('bucket-policy', 'bucket-policy');
    const policies: [NamedPolicy, PolicyKind][] = [
      ...(bucketPolicy ? [[bucketPolicy, 'bucket-policy'] as [NamedPolicy, PolicyKind]] : []),
      ...(principal === role
        ? rolePolicies.map((policy) => [policy, 'identity'] as [NamedPolicy, PolicyKind])
        : []),
    ];
    for (const [policy, kind] of policies) {
      probe(policy, kind, bucketTemplate, beyondWizard(own, bucketTemplate, onBucket));
      probe(policy, kind, objectTemplate, beyondWizard(own, objectTemplate, onObjects));
    }
  }
  const otherBucket = `arn:${answers.partition}:s3:::another-bucket-${answers.accountId}`;
  const otherTemplate = at(templateFor(role, otherBucket), `${otherBucket}/…`, answers.accountId);
  for (const policy of rolePolicies) {
    probe(
      policy,
      'identity',
      otherTemplate,
      beyondWizard(wizard('s3-access-policy', 'identity'), otherTemplate, [
        's3:GetObject',
        's3:PutObject',
      ]),
      true,
    );
  }

  const findings: CheckFinding[] = [...extras.values()].map((extra) => {
    const statement = statementsOf(extra.source.document)[extra.index];
    const described = describeStatement(statement, extra.index);
    const whom = listInProse(
      [...extra.principals].map((principal) =>
        principal === role ? 'the service role' : principal,
      ),
    );
    const details: string[] = [];
    if (extra.actions.size > 0) {
      details.push(
        `It allows ${whom} ${listInProse([...extra.actions])}, which none of the chosen operations needs.`,
      );
    }
    if (extra.everywhere.size > 0) {
      details.push(
        `It allows ${listInProse([...extra.everywhere])} on resources beyond the key and bucket in the answers (Resource "*" or a wildcard): scope it to their ARNs.`,
      );
    }
    details.push(`As pasted: ${described.effect} ${described.principal}, ${described.actions}.`);
    return {
      id: `over-grant:${extra.source.field}:${extra.source.words}:${String(extra.index)}`,
      group: 'over-grant',
      status: 'warning',
      title: `${capitalizedList([described.label])} of ${extra.source.words} grants more than the chosen operations need`,
      details,
      fix: {
        summary: `Narrow ${described.label} of ${extra.source.words} to the actions and resources the documents in Review grant (least privilege).`,
      },
    };
  });

  // A trust policy that admits Personalize for any account's resources invites the confused deputy.
  const trust = pasted.resourcePolicy('trustPolicy');
  const trustRequirement = set.requirements.find(
    (requirement) => requirement.resourceField === 'trustPolicy',
  );
  if (trust && trustRequirement) {
    const stranger = answers.accountId === '000000000000' ? '999999999999' : '000000000000';
    const { verdicts } = statementsMatching(
      trust,
      {
        ...trustRequirement.request,
        context: {
          ...trustRequirement.request.context,
          'aws:SourceAccount': stranger,
          'aws:SourceArn': `arn:${answers.partition}:personalize:${answers.region || 'us-east-1'}:${stranger}:dataset-group/…`,
        },
      },
      'trust-policy',
    );
    const open = verdicts.filter(
      (verdict) => verdict.ref.effect === 'Allow' && verdict.appliesDirectly === 'yes',
    );
    for (const verdict of open) {
      const label = statementLabel(verdict.ref.index, verdict.ref.sid);
      findings.push({
        id: `over-grant:trustPolicy:${String(verdict.ref.index)}`,
        group: 'over-grant',
        status: 'warning',
        title: `${capitalizedList([label])} of the trust policy lets Personalize assume the role for any account’s resources`,
        details: [
          'Without aws:SourceAccount and aws:SourceArn conditions for your own account, Personalize could be asked to use this role for someone else’s resources (the confused deputy problem): https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html',
        ],
        fix: {
          summary: 'Put the trust policy shown in Review, which has both conditions.',
          ...(() => {
            const document = set.documents.find((candidate) => candidate.id === 'trust-policy');
            return document?.needed ? { copy: document.json } : {};
          })(),
        },
      });
    }
  }
  return findings;
}

/** The fields that were pasted but could not be read. */
function unreadableFields(read: ReadInputs): CheckField[] {
  const fields: [CheckField, FieldReading<unknown>][] = [
    ...(Object.entries(read.keyPolicies) as [CheckField, FieldReading<unknown>][]),
    ['rolePolicies', read.rolePolicies],
    ['bucketPolicy', read.bucketPolicy],
    ['trustPolicy', read.trustPolicy],
  ];
  return fields.filter(([, reading]) => reading.state === 'unreadable').map(([field]) => field);
}

/**
 * The findings for a setup: what the answers' operations need, decided against what was
 * pasted and collected. Never throws on pasted text; the same inputs give the same report.
 */
export function checkSetup(answers: Answers, inputs: CheckInputs): CheckReport {
  const read = readInputs(inputs.texts);
  const pasted = new Pasted(read);
  const set = requirementsFor(answers);
  const unreadable = unreadableFields(read);
  const decided = new Map<string, Outcome>();
  const outcomeOf = (requirement: Requirement): Outcome => {
    // Requests by the role carry no need-specific context: each is decided once.
    const { request } = requirement;
    const id = JSON.stringify([
      request.principal,
      request.action,
      request.resource,
      request.context,
    ]);
    const known = decided.get(id);
    if (known) return known;
    const outcome = decide(requirement, pasted);
    decided.set(id, outcome);
    return outcome;
  };
  const findings: CheckFinding[] = [
    ...operationFindings(answers, set, outcomeOf, unreadable),
    ...vpcFinding(pasted, inputs.facts),
    ...keyFindings(answers, set, inputs.facts),
    ...crossAccountFindings(answers, set, outcomeOf),
    ...pastedRoleFinding(set, read),
    ...trustFindings(answers, set, pasted),
    ...bucketEncryptionFindings(answers, inputs.facts),
    ...overGrantFindings(answers, set, pasted),
  ];
  return { findings, problems: read.problems };
}
