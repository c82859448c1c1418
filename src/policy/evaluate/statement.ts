/**
 * One statement against one request: whether it applies (yes, no or unknown), split into
 * "names the requester" and "names its account". Every element is judged on its own, so a
 * statement with a part that is not understood still does not apply when another part rules it
 * out (a Deny on s3:* with an unknown condition does not apply to kms:Decrypt).
 *
 * Element rules by policy kind:
 * - identity policies: no Principal or NotPrincipal; Resource or NotResource required;
 * - key and bucket policies: Principal or NotPrincipal, and Resource or NotResource, required
 *   (KMS: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html);
 * - trust policies: Principal or NotPrincipal required; no Resource or NotResource, the role
 *   being the resource (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
 */
import { isObject } from '../strict-json';
import { decideActions } from './action';
import { decideCondition } from './condition';
import type { RequestContext } from './context';
import { statementLabel } from './describe';
import { decideNotPrincipal, decidePrincipal, type PrincipalMatch } from './principal';
import type { ReadRequest } from './request';
import { decideResources } from './resource';
import { all, any, NO, prefixed, unknown, YES, type Judgement } from './tri';
import type { PolicyKind, StatementRef, StatementVerdict } from './types';

const STATEMENT_ELEMENTS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

/** What the request's resource is, in words, for a reason when it is not given. */
const MISSING_RESOURCE: Readonly<Record<PolicyKind, string>> = {
  'key-policy': "the key's ARN",
  'bucket-policy': "the bucket's or object's ARN",
  'trust-policy': "the role's ARN",
  identity: "the resource's ARN",
};

/** The one of two mutually exclusive elements the statement has, or what is wrong. */
function oneOf<Name extends string>(
  statement: Record<string, unknown>,
  positive: Name,
  negative: Name,
): { name: Name; value: unknown } | 'neither' | 'both' {
  const hasPositive = positive in statement;
  const hasNegative = negative in statement;
  if (hasPositive && hasNegative) return 'both';
  if (hasPositive) return { name: positive, value: statement[positive] };
  if (hasNegative) return { name: negative, value: statement[negative] };
  return 'neither';
}

function structureProblems(statement: Record<string, unknown>): Judgement {
  const problems: string[] = [];
  const unknownElements = Object.keys(statement).filter(
    (element) => !STATEMENT_ELEMENTS.has(element),
  );
  for (const element of unknownElements) {
    problems.push(`it has an element "${element}" AWS does not define`);
  }
  if ('Sid' in statement && typeof statement.Sid !== 'string') {
    problems.push('its Sid is not a string');
  }
  if (!('Effect' in statement)) {
    problems.push('it has no Effect');
  } else if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
    problems.push(`its Effect ${JSON.stringify(statement.Effect)} is neither "Allow" nor "Deny"`);
  }
  return problems.length > 0 ? unknown(...problems) : YES;
}

function actionPart(statement: Record<string, unknown>, request: ReadRequest): Judgement {
  const element = oneOf(statement, 'Action', 'NotAction');
  if (element === 'both') return unknown('it has both Action and NotAction');
  if (element === 'neither') return unknown('it has neither Action nor NotAction');
  return decideActions(element.value, element.name, request.action);
}

function resourcePart(
  statement: Record<string, unknown>,
  kind: PolicyKind,
  request: ReadRequest,
): Judgement {
  const element = oneOf(statement, 'Resource', 'NotResource');
  if (kind === 'trust-policy') {
    return element === 'neither' ? YES : unknown('a trust policy statement cannot have Resource');
  }
  if (element === 'both') return unknown('it has both Resource and NotResource');
  if (element === 'neither') return unknown('it has neither Resource nor NotResource');
  return decideResources(
    element.value,
    element.name,
    request.resource ?? { missing: MISSING_RESOURCE[kind] },
  );
}

function principalPart(
  statement: Record<string, unknown>,
  kind: PolicyKind,
  request: ReadRequest,
): PrincipalMatch {
  const element = oneOf(statement, 'Principal', 'NotPrincipal');
  if (kind === 'identity') {
    return element === 'neither'
      ? { direct: YES, viaAccount: NO }
      : {
          direct: unknown('an identity policy statement cannot have Principal'),
          viaAccount: NO,
        };
  }
  if (element === 'both') {
    const both = unknown('it has both Principal and NotPrincipal');
    return { direct: both, viaAccount: both };
  }
  if (element === 'neither') {
    const none = unknown('it has neither Principal nor NotPrincipal');
    return { direct: none, viaAccount: none };
  }
  return element.name === 'Principal'
    ? decidePrincipal(element.value, request.principal)
    : decideNotPrincipal(element.value, request.principal);
}

function statementRef(policy: string, index: number, statement: unknown): StatementRef {
  const fields = isObject(statement) ? statement : {};
  const effect = fields.Effect === 'Allow' || fields.Effect === 'Deny' ? fields.Effect : 'unknown';
  return typeof fields.Sid === 'string'
    ? { policy, index, sid: fields.Sid, effect }
    : { policy, index, effect };
}

export function judgeStatement(
  policy: string,
  index: number,
  statement: unknown,
  kind: PolicyKind,
  request: ReadRequest,
  context: RequestContext,
): StatementVerdict {
  const ref = statementRef(policy, index, statement);
  const label = statementLabel(index, ref.sid);
  if (!isObject(statement)) {
    const notObject = prefixed(unknown('it is not a JSON object'), label);
    return {
      ref,
      applies: 'unknown',
      appliesDirectly: 'unknown',
      appliesViaAccount: 'unknown',
      reasons: [...notObject.reasons],
    };
  }
  const shared = [
    structureProblems(statement),
    actionPart(statement, request),
    resourcePart(statement, kind, request),
  ];
  // Conditions last: they are the costliest, and needless when another part already says no.
  const ruledOut = all(shared).value === 'no';
  const principal = principalPart(statement, kind, request);
  const condition = ruledOut ? NO : decideCondition(statement.Condition, context);
  const direct = prefixed(all([...shared, principal.direct, condition]), label);
  const viaAccount = prefixed(all([...shared, principal.viaAccount, condition]), label);
  const applies = any([direct, viaAccount]);
  return {
    ref,
    applies: applies.value,
    appliesDirectly: direct.value,
    appliesViaAccount: viaAccount.value,
    reasons: [...applies.reasons],
  };
}
