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
import { toJson } from '../document';
import {
  describeStatement,
  evaluateRequest,
  statementLabel,
  statementsMatching,
  type EvaluationRequest,
  type EvaluationResult,
  type NamedPolicy,
  type PolicyKind,
  type StatementRef,
} from '../evaluate';
import { listInProse } from '../prose';
import { OPERATION_INFO } from '../rules';
import { parseKeyArn } from '../validate';
import { CHECK_LABELS, shownTexts } from './fields';
import { readInputs, type FieldReading, type ReadInputs } from './inputs';
import { capitalizedList, mayName, Pasted, serviceOf, statementsOf, unique } from './pasted';
import { overGrantFindings } from './over-grants';
import {
  bucketEncryptionFindings,
  keyFindings,
  pastedRoleFinding,
  trustFindings,
  vpcFinding,
} from './setup-findings';
import { requirementsFor, type Need, type Requirement, type RequirementSet } from './requirements';
import {
  type CheckField,
  type CheckFinding,
  type CheckInputs,
  type CheckReport,
  type Fix,
  type FindingStatus,
  SETUP_FINDING_IDS,
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

const NEED_LABEL = (need: Need): string =>
  need === 'dataset-group' ? 'The encrypted dataset group' : OPERATION_INFO[need].label;

const TITLES: Readonly<Record<Outcome['status'], (label: string) => string>> = {
  works: (label) => `${label} would work`,
  fails: (label) => `${label} would fail`,
  'cannot-tell': (label) => `${label}: the check cannot tell`,
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

/** Who asks for what, on which resource, as a failure names them. */
function requestWords(
  requirement: Requirement,
): Pick<Failure, 'principal' | 'action' | 'resource'> {
  const { principal, action, resource } = requirement.request;
  return { principal, action, resource };
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
  const service = serviceOf(requirement.request.action);
  const judged = policies
    .filter((policy) => mayName(policy, service))
    .map((policy) => ({
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
        ...requestWords(requirement),
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
    const service = serviceOf(requirement.request.action);
    if (policies) identityPolicies = policies.filter((policy) => mayName(policy, service));
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
          ...requestWords(requirement),
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

/**
 * Each fix once; several statements to add to the same document become one fix whose copy
 * holds them all, separated by commas, ready to go into that document's Statement list.
 */
function mergedFixes(fixes: readonly Fix[]): Fix[] {
  const bySummary = new Map<string, string[]>();
  for (const fix of fixes) {
    const copies = bySummary.get(fix.summary) ?? [];
    if (fix.copy !== undefined && !copies.includes(fix.copy)) copies.push(fix.copy);
    bySummary.set(fix.summary, copies);
  }
  return [...bySummary].map(([summary, copies]): Fix => {
    if (copies.length <= 1)
      return copies[0] === undefined ? { summary } : { summary, copy: copies[0] };
    return {
      summary: summary.replace('Add this statement', 'Add these statements'),
      copy: `${copies.map((copy) => copy.trimEnd()).join(',\n')}\n`,
    };
  });
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
    const distinct = mergedFixes(ordered);
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
      id: `${SETUP_FINDING_IDS.crossAccountKey}:${key.field}`,
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
 * pasted and collected. A field these answers do not show is read as empty. Never throws on pasted text; the same inputs give the same report.
 */
export function checkSetup(answers: Answers, inputs: CheckInputs): CheckReport {
  const read = readInputs(shownTexts(answers, inputs.texts));
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
