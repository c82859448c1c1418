/**
 * The decision for one request, from the statements' verdicts, by AWS's evaluation logic
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an applicable Deny anywhere denies; otherwise the request needs the Allows that the resource
 * kind's combination rules ask for. A Deny that may apply, or an Allow the outcome depends on,
 * makes the answer "cannot tell", never a guess.
 *
 * Not modelled: service control and resource control policies, permissions boundaries, session
 * policies, VPC endpoint policies, KMS grants and S3 ACLs or Block Public Access. A request one
 * of them denies, or a grant allows, is decided here as if they were absent.
 */
import { buildContext, type RequestContext } from './context';
import { POLICY_KIND_WORDS } from './describe';
import { judgePolicy } from './policy';
import {
  checkTarget,
  readRequest,
  type ReadRequest,
  type RequestPrincipal,
  type RequestTarget,
} from './request';
import { all, any, type Judgement } from './tri';
import type {
  EvaluationRequest,
  EvaluationResult,
  NamedPolicy,
  PolicyKind,
  PolicySet,
  PolicyVerdicts,
  StatementRef,
  StatementVerdict,
} from './types';

interface JudgedPolicy extends PolicyVerdicts {
  name: string;
}

function cannotTell(unknowns: string[]): EvaluationResult {
  return { decision: 'cannot-tell', deniedBy: [], allowedBy: [], missing: [], unknowns };
}

function judged(
  policy: NamedPolicy,
  kind: PolicyKind,
  request: ReadRequest,
  context: RequestContext,
): JudgedPolicy {
  return { name: policy.name, ...judgePolicy(policy, kind, request, context) };
}

type Part = 'applies' | 'appliesDirectly' | 'appliesViaAccount';

/** A statement's reasons, each after the name of its policy. */
function labelled(policy: JudgedPolicy, verdict: StatementVerdict): string[] {
  return verdict.reasons.map((reason) => `${policy.name}, ${reason}`);
}

/** Whether any Allow statement of the policies applies in the given way, with the reasons. */
function allows(policies: readonly JudgedPolicy[], part: Part): Judgement {
  return any(
    policies.flatMap((policy) =>
      policy.verdicts
        .filter((verdict) => verdict.ref.effect === 'Allow')
        .map((verdict) => ({
          value: verdict[part],
          reasons: labelled(policy, verdict),
        })),
    ),
  );
}

function allowingRefs(policies: readonly JudgedPolicy[], part: Part): StatementRef[] {
  return policies.flatMap((policy) =>
    policy.verdicts
      .filter((verdict) => verdict.ref.effect === 'Allow' && verdict[part] === 'yes')
      .map((verdict) => verdict.ref),
  );
}

interface Combination {
  allowed: Judgement;
  /** The Allow statements that make the grant, when it is made. */
  grant: () => StatementRef[];
  /** The documents that lack a needed grant, when it is not made. */
  missing: () => PolicyKind[];
}

/**
 * The combination rules.
 *
 * Service principals have no identity policies: only the resource policy can grant, by naming
 * the service (or everyone) (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services).
 *
 * KMS keys: the key policy is required. Naming the principal grants on its own within the
 * key's account; naming the account delegates to the account's identity policies, which must
 * then allow (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam).
 * From another account, the key policy must name the principal or its account and the identity
 * policies must allow (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html).
 *
 * Role trust policies follow the same rules: the trust policy must allow, naming the principal
 * or, with an identity policy that allows sts:AssumeRole, its account; from another account both
 * are needed (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html).
 *
 * S3 buckets: within the bucket's account an identity policy or the bucket policy may allow;
 * from another account, the bucket policy (naming the principal or its account) and the
 * identity policies must both allow
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-policy-language-overview.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
 * Within the account a bucket policy naming the account only delegates to identity policies,
 * which then allow on their own.
 */
function combine(
  principal: RequestPrincipal,
  target: RequestTarget,
  identity: readonly JudgedPolicy[],
  resource: readonly JudgedPolicy[],
): Combination {
  const direct = allows(resource, 'appliesDirectly');
  if (principal.kind === 'service') {
    return {
      allowed: direct,
      grant: () => allowingRefs(resource, 'appliesDirectly'),
      missing: () => [target.kind],
    };
  }
  const viaAccount = allows(resource, 'appliesViaAccount');
  const byIdentity = allows(identity, 'applies');
  const sameAccount = principal.account === target.account;
  if (!sameAccount) {
    const byResource = any([direct, viaAccount]);
    return {
      allowed: all([byResource, byIdentity]),
      grant: () => [...allowingRefs(resource, 'applies'), ...allowingRefs(identity, 'applies')],
      missing: () => [
        ...(byResource.value === 'no' ? [target.kind] : []),
        ...(byIdentity.value === 'no' ? (['identity'] as const) : []),
      ],
    };
  }
  if (target.kind === 'bucket-policy') {
    return {
      allowed: any([direct, byIdentity]),
      grant: () => [
        ...allowingRefs(resource, 'appliesDirectly'),
        ...allowingRefs(identity, 'applies'),
      ],
      missing: () => ['identity', 'bucket-policy'],
    };
  }
  const delegated = all([viaAccount, byIdentity]);
  return {
    allowed: any([direct, delegated]),
    grant: () => [
      ...allowingRefs(resource, 'appliesDirectly'),
      ...(delegated.value === 'yes'
        ? [...allowingRefs(resource, 'appliesViaAccount'), ...allowingRefs(identity, 'applies')]
        : []),
    ],
    missing: () => (viaAccount.value === 'no' ? [target.kind] : ['identity']),
  };
}

/** The decision for one request under the given policies. */
export function evaluateRequest(request: EvaluationRequest, policies: PolicySet): EvaluationResult {
  const read = readRequest(request);
  if (typeof read === 'string') return cannotTell([read]);
  const target = checkTarget(request, read.principal);
  if (typeof target === 'string') return cannotTell([target]);
  const given = policies.resourcePolicy;
  if (given === undefined || (given === null && target.kind !== 'bucket-policy')) {
    return cannotTell([`the ${POLICY_KIND_WORDS[target.kind]} was not given`]);
  }
  const context = buildContext(request, read.principal);
  const identity =
    read.principal.kind === 'role'
      ? (policies.identityPolicies ?? []).map((policy) => judged(policy, 'identity', read, context))
      : [];
  const resource = given ? [judged(given, target.kind, read, context)] : [];
  const judgedPolicies = [...identity, ...resource];

  const deniedBy = judgedPolicies.flatMap((policy) =>
    policy.verdicts
      .filter((verdict) => verdict.ref.effect === 'Deny' && verdict.applies === 'yes')
      .map((verdict) => verdict.ref),
  );
  if (deniedBy.length > 0) {
    return { decision: 'explicitly-denied', deniedBy, allowedBy: [], missing: [], unknowns: [] };
  }
  // A policy that is not understood as a whole might deny; so might a statement that may apply
  // and is a Deny, or whose effect is not understood.
  const mayDeny = judgedPolicies.flatMap((policy) => [
    ...policy.problems.map((problem) => `${policy.name}: ${problem}`),
    ...policy.verdicts
      .filter((verdict) => verdict.ref.effect !== 'Allow' && verdict.applies === 'unknown')
      .flatMap((verdict) => labelled(policy, verdict)),
  ]);
  if (mayDeny.length > 0) return cannotTell(mayDeny);

  const combination = combine(read.principal, target, identity, resource);
  switch (combination.allowed.value) {
    case 'yes':
      return {
        decision: 'allowed',
        deniedBy: [],
        allowedBy: combination.grant(),
        missing: [],
        unknowns: [],
      };
    case 'no':
      return {
        decision: 'implicitly-denied',
        deniedBy: [],
        allowedBy: [],
        missing: combination.missing(),
        unknowns: [],
      };
    case 'unknown':
      return cannotTell([...combination.allowed.reasons]);
  }
}
