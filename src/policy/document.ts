/**
 * Policy documents as plain data, and the one normaliser that decides how they
 * look as JSON: fixed key order, actions de-duplicated in a stable order, no
 * empty fields. Same document in, same bytes out.
 */
import { KMS_ACTIONS } from './rules';

export const POLICY_VERSION = '2012-10-17';

export interface Principal {
  AWS?: string | string[];
  Service?: string | string[];
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: Principal | '*';
  Action: string | string[];
  /** Absent only in trust policies, where IAM forbids it. */
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** An element that holds one string or a list of them (Action, Resource, a principal's AWS), as a list. */
export function asList(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

export interface PolicyDocument {
  Version: typeof POLICY_VERSION;
  Id?: string;
  Statement: PolicyStatement[];
}

const ACTION_RANK = new Map<string, number>(KMS_ACTIONS.map((action, index) => [action, index]));

/**
 * Plain code-unit order: the same in every browser and locale, and without the cost of
 * building a collator on the first call (localeCompare).
 */
function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Known actions in the guide's order, then any others alphabetically, each once. */
export function sortActions(actions: Iterable<string>): string[] {
  const rank = (action: string) => ACTION_RANK.get(action) ?? Number.MAX_SAFE_INTEGER;
  return [...new Set(actions)].sort((a, b) => rank(a) - rank(b) || compareCodeUnits(a, b));
}

function normalizeList(value: string | string[]): string | string[] {
  if (typeof value === 'string') return value;
  const unique = [...new Set(value)];
  return unique.length === 1 && unique[0] !== undefined ? unique[0] : unique;
}

export function normalizeStatement(statement: PolicyStatement): PolicyStatement {
  const out: PolicyStatement = {} as PolicyStatement;
  if (statement.Sid !== undefined && statement.Sid !== '') out.Sid = statement.Sid;
  out.Effect = statement.Effect;
  if (statement.Principal !== undefined) {
    if (statement.Principal === '*') {
      out.Principal = '*';
    } else {
      const principal: Principal = {};
      if (statement.Principal.AWS !== undefined) {
        principal.AWS = normalizeList(statement.Principal.AWS);
      }
      if (statement.Principal.Service !== undefined) {
        principal.Service = normalizeList(statement.Principal.Service);
      }
      out.Principal = principal;
    }
  }
  out.Action =
    typeof statement.Action === 'string' ? statement.Action : sortActions(statement.Action);
  if (statement.Resource !== undefined) out.Resource = normalizeList(statement.Resource);
  if (statement.Condition !== undefined && Object.keys(statement.Condition).length > 0) {
    out.Condition = statement.Condition;
  }
  return out;
}

export function normalizePolicy(policy: PolicyDocument): PolicyDocument {
  const Statement = policy.Statement.map(normalizeStatement);
  return policy.Id !== undefined && policy.Id !== ''
    ? { Version: POLICY_VERSION, Id: policy.Id, Statement }
    : { Version: POLICY_VERSION, Statement };
}

/** The exact text the preview, Copy and Download all use. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Size limits AWS enforces on policy text: the one table the merge, the pre-flight checks and
 * the exports read. The IAM ones:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
export const LIMITS = {
  /** Key policy, in bytes. https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html */
  keyPolicyBytes: 32_768,
  /** Managed IAM policy, characters without whitespace. */
  managedPolicyChars: 6_144,
  /** All inline policies of one role together, characters without whitespace. */
  inlineRolePolicyChars: 10_240,
  /** Role trust policy, characters without whitespace (the default quota; up to 4,096 on request). */
  trustPolicyChars: 2_048,
  /** Bucket policy, in bytes (20 KB). https://docs.aws.amazon.com/AmazonS3/latest/userguide/BucketRestrictions.html */
  bucketPolicyBytes: 20_480,
} as const;

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** IAM counts policy size without whitespace. */
export function iamPolicyLength(text: string): number {
  return text.replace(/\s/g, '').length;
}
