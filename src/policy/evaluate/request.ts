/**
 * A request read into the parts the rules need: who asks (a role or a service), the action, and
 * which kind of resource it is on (which decides the combination rules and the resource policy).
 */
import {
  ACCOUNT_ID,
  ROLE_NAME_PATTERN,
  ROLE_PATH_PATTERN,
  SERVICE_PRINCIPAL_SHAPE,
} from '../validate';
import { hasWildcard } from './glob';
import type { EvaluationRequest, ResourcePolicyKind } from './types';

export type RequestPrincipal =
  | {
      kind: 'role';
      arn: string;
      partition: string;
      account: string;
      /** The role's name, without its path. */
      name: string;
    }
  | { kind: 'service'; name: string };

export interface RequestTarget {
  kind: ResourcePolicyKind;
  partition: string;
  /** The resource's account: from the ARN for keys and roles, from the request for buckets. */
  account: string;
}

export interface ReadRequest {
  principal: RequestPrincipal;
  /** As given; matched case-insensitively. */
  action: string;
  /** Undefined when the request does not say. */
  resource: string | undefined;
}

// IAM's name and path rules, as validate.ts reads a role's name and path.
const ROLE_ARN = new RegExp(
  `^arn:([a-z][a-z-]*):iam::(\\d{12}):role${ROLE_PATH_PATTERN}(${ROLE_NAME_PATTERN})$`,
);
const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9]+$/;
const KEY_ARN = /^arn:([a-z][a-z-]*):kms:[a-z0-9-]+:(\d{12}):key\/[A-Za-z0-9-]+$/;
const BUCKET_OR_OBJECT_ARN = /^arn:([a-z][a-z-]*):s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](?:\/.*)?$/;
// sts actions that a role's trust policy decides.
const TRUST_ACTIONS = new Set(['sts:assumerole', 'sts:tagsession', 'sts:setsourceidentity']);

export function readPrincipal(principal: string): RequestPrincipal | undefined {
  const role = ROLE_ARN.exec(principal);
  if (role) {
    const [, partition = '', account = '', name = ''] = role;
    return { kind: 'role', arn: principal, partition, account, name };
  }
  if (SERVICE_PRINCIPAL_SHAPE.test(principal)) return { kind: 'service', name: principal };
  return undefined;
}

/** Which resource policy and combination rules decide the request, or why none do. */
function readTarget(request: EvaluationRequest, resource: string): RequestTarget | string {
  const action = request.action.toLowerCase();
  const key = KEY_ARN.exec(resource);
  if (key && action.startsWith('kms:')) {
    const [, partition = '', account = ''] = key;
    return { kind: 'key-policy', partition, account };
  }
  const bucket = BUCKET_OR_OBJECT_ARN.exec(resource);
  if (bucket && action.startsWith('s3:')) {
    return { kind: 'bucket-policy', partition: bucket[1] ?? '', account: request.resourceAccount };
  }
  const role = ROLE_ARN.exec(resource);
  if (role && TRUST_ACTIONS.has(action)) {
    const [, partition = '', account = ''] = role;
    return { kind: 'trust-policy', partition, account };
  }
  return (
    `the request's ${request.action} on ${resource} is not a KMS key, S3 or role ` +
    'trust request, the only kinds whose combination rules are known here'
  );
}

/** The request read, or what is wrong with it. */
export function readRequest(request: EvaluationRequest): ReadRequest | string {
  const principal = readPrincipal(request.principal);
  if (!principal) {
    return `the request's principal "${request.principal}" is neither an IAM role ARN nor a service principal`;
  }
  if (!ACTION.test(request.action)) {
    return `the request's action "${request.action}" is not one service:Action without wildcards`;
  }
  const { resource } = request;
  if (resource !== undefined && (!resource.startsWith('arn:') || hasWildcard(resource))) {
    return `the request's resource "${resource}" is not one ARN without wildcards`;
  }
  return { principal, action: request.action, resource };
}

/** What else a whole decision needs of the request: its target, in the principal's partition. */
export function checkTarget(
  request: EvaluationRequest,
  principal: RequestPrincipal,
): RequestTarget | string {
  const { resource } = request;
  if (resource === undefined) return "the request's resource is not given";
  if (!ACCOUNT_ID.test(request.resourceAccount)) {
    return `the request's resource account "${request.resourceAccount}" is not 12 digits`;
  }
  const target = readTarget(request, resource);
  if (typeof target === 'string') return target;
  if (target.account !== request.resourceAccount) {
    return `the request's resource ${resource} is in account ${target.account}, not ${request.resourceAccount}`;
  }
  if (principal.kind === 'role' && principal.partition !== target.partition) {
    return `the principal is in partition ${principal.partition} and the resource in ${target.partition}`;
  }
  return target;
}
