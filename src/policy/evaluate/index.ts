/**
 * A pure evaluator of AWS policies for the Personalize setup: KMS key policies, S3 bucket
 * policies, role trust policies and the role's identity policies. It decides a request as
 * allowed, explicitly denied (by which statements), implicitly denied (which document lacks the
 * grant) or "cannot tell" (and why), and never throws on a pasted policy.
 */
import { buildContext } from './context';
import { judgePolicy } from './policy';
import { readRequest } from './request';
import type { EvaluationRequest, NamedPolicy, PolicyKind, PolicyVerdicts } from './types';

export { evaluateRequest } from './decide';
export {
  describeStatement,
  POLICY_KIND_WORDS,
  quotedSid,
  statementLabel,
  type StatementDescription,
} from './describe';
export { visibleSid, visibleText } from './visible';
export type { Tri } from './tri';
export type * from './types';

/**
 * How each statement of one policy relates to the request, read as a policy of the given kind.
 * Only the principal, action, resource and context of the request are used; without a resource,
 * a statement on `*` applies and one on any other resource may.
 */
export function statementsMatching(
  policy: NamedPolicy,
  request: EvaluationRequest,
  asKind: PolicyKind,
): PolicyVerdicts {
  const read = readRequest(request);
  if (typeof read === 'string') return { verdicts: [], problems: [read] };
  return judgePolicy(policy, asKind, read, buildContext(request, read.principal));
}

/**
 * The statements of one policy that deny the request or may deny it: Deny statements (and
 * statements whose effect is not understood) that apply, or may apply, with the reasons for
 * each that may. A merge shows these to the user.
 */
export function denyingStatements(
  policy: NamedPolicy,
  request: EvaluationRequest,
  asKind: PolicyKind,
): PolicyVerdicts {
  const { verdicts, problems } = statementsMatching(policy, request, asKind);
  return {
    verdicts: verdicts.filter(
      (verdict) => verdict.ref.effect !== 'Allow' && verdict.applies !== 'no',
    ),
    problems,
  };
}
