/**
 * The request context: the condition keys a request carries, those it is known not to carry,
 * and the global keys that follow from the principal alone.
 *
 * Keys filled from the principal (AWS global condition keys,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
 * - a role (its sessions make the requests):
 *   - aws:PrincipalArn = the role ARN ("for IAM roles, the request context returns the ARN of
 *     the role, not the ARN of the user that assumed the role");
 *   - aws:PrincipalAccount = the role's account;
 *   - aws:PrincipalType = `AssumedRole`;
 *   - aws:PrincipalIsAWSService = `false`;
 *   - aws:PrincipalServiceName is absent (present only when a service principal calls).
 * - a service principal:
 *   - aws:PrincipalServiceName = its name;
 *   - aws:PrincipalIsAWSService = `true`.
 *   Nothing else: the page does not say what aws:PrincipalArn, aws:PrincipalAccount or
 *   aws:PrincipalType hold for a service principal, so they stay unknown unless given.
 * aws:ResourceAccount is not filled: its availability differs from action to action.
 * What the caller gives or declares absent wins over a filled key.
 */
import type { RequestPrincipal } from './request';
import type { ContextValue, EvaluationRequest } from './types';

type KeyState =
  | { kind: 'present'; value: ContextValue }
  | { kind: 'absent' }
  | { kind: 'unknown'; reason: string };

export interface RequestContext {
  /** The state of a condition key; names are case-insensitive. */
  lookup(key: string): KeyState;
}

export interface FilledKeys {
  present: Record<string, string>;
  absent: string[];
}

export function filledKeys(principal: RequestPrincipal): FilledKeys {
  if (principal.kind === 'service') {
    return {
      present: {
        'aws:PrincipalServiceName': principal.name,
        'aws:PrincipalIsAWSService': 'true',
      },
      absent: [],
    };
  }
  return {
    present: {
      'aws:PrincipalArn': principal.arn,
      'aws:PrincipalAccount': principal.account,
      'aws:PrincipalType': 'AssumedRole',
      'aws:PrincipalIsAWSService': 'false',
    },
    absent: ['aws:PrincipalServiceName'],
  };
}

function isContextValue(value: unknown): value is ContextValue {
  return (
    typeof value === 'string' ||
    (Array.isArray(value) && value.every((item) => typeof item === 'string'))
  );
}

function sameValue(a: ContextValue, b: ContextValue): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

export function buildContext(
  request: EvaluationRequest,
  principal: RequestPrincipal,
): RequestContext {
  const states = new Map<string, KeyState>();
  const filled = filledKeys(principal);
  for (const [key, value] of Object.entries(filled.present)) {
    states.set(key.toLowerCase(), { kind: 'present', value });
  }
  for (const key of filled.absent) states.set(key.toLowerCase(), { kind: 'absent' });

  const given = new Map<string, KeyState>();
  const note = (key: string, state: KeyState) => {
    const name = key.toLowerCase();
    const earlier = given.get(name);
    const agrees =
      earlier === undefined ||
      (earlier.kind === 'present' &&
        state.kind === 'present' &&
        sameValue(earlier.value, state.value)) ||
      (earlier.kind === 'absent' && state.kind === 'absent');
    given.set(
      name,
      agrees
        ? state
        : {
            kind: 'unknown',
            reason: `the request gives the condition key ${key} twice, differently`,
          },
    );
  };
  for (const [key, value] of Object.entries(request.context ?? {})) {
    const typed: unknown = value;
    note(
      key,
      isContextValue(typed)
        ? { kind: 'present', value: typed }
        : {
            kind: 'unknown',
            reason: `the request's value for the condition key ${key} is not a string or a list of strings`,
          },
    );
  }
  for (const key of request.absentKeys ?? []) note(key, { kind: 'absent' });
  for (const [name, state] of given) states.set(name, state);

  return {
    lookup(key) {
      return (
        states.get(key.toLowerCase()) ?? {
          kind: 'unknown',
          reason: `the condition key ${key} is neither given nor known to be absent`,
        }
      );
    },
  };
}
