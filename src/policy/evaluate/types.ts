/** The evaluator's public vocabulary: requests, policies as given, and results. */
import type { Tri } from './tri';

/** A condition key's value: one string, or a list for multivalued keys such as aws:TagKeys. */
export type ContextValue = string | readonly string[];

/**
 * One request to decide.
 *
 * The principal is an IAM role ARN (`arn:PARTITION:iam::ACCOUNT:role/PATH/NAME`), standing for
 * the role's sessions, or a service principal name such as `personalize.amazonaws.com`.
 */
export interface EvaluationRequest {
  principal: string;
  /** `service:Action`, without wildcards. */
  action: string;
  /**
   * One ARN, without wildcards: a KMS key, an S3 bucket or object, or an IAM role. Left out when
   * it is not known (a key policy pasted before the key's ARN is given): a statement whose
   * Resource is `*` covers it, and any other Resource may or may not. A whole decision
   * (evaluateRequest) needs it.
   */
  resource?: string;
  /** The account that owns the resource (S3 ARNs do not say). */
  resourceAccount: string;
  /** Condition keys the request carries (names are case-insensitive). */
  context?: Readonly<Record<string, ContextValue>>;
  /**
   * Condition keys the request is known not to carry. A key that is neither in `context` nor
   * here is unknown, and so is any condition on it whose outcome matters.
   */
  absentKeys?: readonly string[];
}

/** A policy document as parsed from JSON, untrusted, with a name for messages. */
export interface NamedPolicy {
  name: string;
  document: unknown;
}

export type ResourcePolicyKind = 'key-policy' | 'bucket-policy' | 'trust-policy';

/**
 * Which rules a policy's statements are read under, and which document a setup check means:
 * `identity` stands for the role's identity policies.
 */
export type PolicyKind = ResourcePolicyKind | 'identity';

/** One statement of one policy. */
export interface StatementRef {
  /** The caller's name for the policy. */
  policy: string;
  /** The statement's 0-based position in the Statement list. */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny' | 'unknown';
}

/** How one statement relates to one request. */
export interface StatementVerdict {
  ref: StatementRef;
  /** Whether the statement applies to the request at all (directly or through the account). */
  applies: Tri;
  /** Whether it names the principal itself (or everyone), or is an identity policy statement. */
  appliesDirectly: Tri;
  /** Whether it applies only because it names the principal's account. */
  appliesViaAccount: Tri;
  /** What was not understood, when it matters; prefixed with the statement's label. */
  reasons: string[];
}

export interface PolicyVerdicts {
  verdicts: StatementVerdict[];
  /** Problems with the policy as a whole (not an object, no Statement list, …). */
  problems: string[];
}

export type Decision = 'allowed' | 'explicitly-denied' | 'implicitly-denied' | 'cannot-tell';

export interface EvaluationResult {
  decision: Decision;
  /** For explicitly-denied: every Deny statement that applies. */
  deniedBy: StatementRef[];
  /** For allowed: the Allow statements that make up the grant. */
  allowedBy: StatementRef[];
  /**
   * For implicitly-denied: the documents that lack a grant the request needs. Where a grant in
   * either of two documents would do (an S3 request within one account), both are listed.
   */
  missing: PolicyKind[];
  /** For cannot-tell: what was not understood or not known, in plain words. */
  unknowns: string[];
}

/** The documents that decide a request. */
export interface PolicySet {
  /**
   * All identity policies of the role making the request (ignored for a service principal,
   * which has none).
   */
  identityPolicies?: readonly NamedPolicy[];
  /**
   * The key policy, bucket policy or trust policy of the requested resource. `null` says the
   * resource has none, which only a bucket can lack; left out, it is not known.
   */
  resourcePolicy?: NamedPolicy | null;
}
