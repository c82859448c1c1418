/**
 * Check a setup: the vocabulary shared by what the user pastes or loads (the inputs), the
 * collected file, the findings and the error catalogue. Pure data, no behaviour.
 */
import type { Operation } from '../answers';
import type { DocumentId } from '../document-facts';
import type { PolicyKind } from '../evaluate';

/** The key policy fields: one with one key, one per key with separate keys. */
export type KeyPolicyField = Extract<
  DocumentId,
  'key-policy' | 'key-policy-bucket' | 'key-policy-dataset-group'
>;

/** Every field of the Check step, in the order it shows them. */
export type CheckField =
  'errorMessage' | KeyPolicyField | 'rolePolicies' | 'bucketPolicy' | 'trustPolicy';

/** What was pasted or loaded, as text: an empty string is a field left empty. */
export type CheckTexts = Readonly<Record<CheckField, string>>;

export interface KeyFacts {
  arn: string;
  /** The region in the key's ARN, as describe-key reports it. */
  region?: string;
  /** KeyState from describe-key: Enabled, Disabled, PendingDeletion, PendingImport, … */
  state?: string;
}

/** Facts about the setup no policy says, from the collected file. Each is absent when unknown. */
export interface SetupFacts {
  bucket?: {
    /** SSEAlgorithm of the bucket's default encryption: AES256, aws:kms, aws:kms:dsse. */
    encryption?: string;
    /** The default encryption's KMS key (its ARN or ID, as S3 reports it). */
    encryptionKey?: string;
    bucketKeyEnabled?: boolean;
    /** The bucket policy denies, or allows only, requests from a VPC or VPC endpoint. */
    vpcOnly?: boolean;
  };
  keys?: readonly KeyFacts[];
}

/** Everything the check reads besides the answers. */
export interface CheckInputs {
  texts: CheckTexts;
  /** From a loaded collected file; the texts hold its policies. */
  facts?: SetupFacts;
}

/** A pasted text the check could not read, shown at its field. */
export interface InputProblem {
  field: CheckField;
  message: string;
}

export type FindingStatus = 'works' | 'fails' | 'cannot-tell' | 'not-checked' | 'warning';

/** A change that mends a finding, with the text a Copy button gives. */
export interface Fix {
  /** In one sentence: "Put the KMS key policy shown in Review", "Add this statement to …". */
  summary: string;
  /** What to copy: a policy, a statement or a command. */
  copy?: string;
}

export interface CheckFinding {
  /** Stable within a report (for keys and tests): `operation:import`, `over-grant:…`, `setup:vpc`. */
  id: string;
  group: 'operation' | 'over-grant' | 'setup';
  status: FindingStatus;
  /** One line: "Dataset import jobs would fail", "The bucket policy only allows access from a VPC". */
  title: string;
  /** The operation (or the encrypted dataset group) an operation finding is about. */
  operation?: Operation | 'dataset-group';
  /** For a failure: who asks for what, which document lacks it or which statement denies it. */
  failures?: readonly {
    principal: string;
    action: string;
    resource: string;
    /** The document that lacks the grant, or holds the denying statement. */
    document: PolicyKind;
    /** The denying statement's label (Sid shown visibly, or its position), when one denies. */
    statement?: string;
    /** Plain words: why, including what the check could not tell. */
    because: string;
  }[];
  /** Further lines: what was assumed, what an empty field left unchecked. */
  details: readonly string[];
  fix?: Fix;
}

export interface CheckReport {
  findings: readonly CheckFinding[];
  problems: readonly InputProblem[];
}

/** One entry of the error catalogue: a message AWS gives for these setups. */
export interface ErrorEntry {
  id: string;
  /** The service that writes it. */
  service: 'Personalize' | 'KMS' | 'S3' | 'IAM' | 'STS';
  /** Matches the message as pasted (case-insensitive, whitespace folded). */
  pattern: RegExp;
  /** What the message means, in one or two sentences. */
  meaning: string;
  source: { title: string; url: string };
}

/** One possible cause of a pasted error, ranked for this setup. */
export interface RankedCause {
  /** Stable for a cause whatever the message (for keys and tests): `bucket-policy-lacks-service`. */
  id?: string;
  /** What is wrong, in one sentence. */
  cause: string;
  /** Why it ranks where it does: what the findings or answers show. */
  evidence: string;
  /** How to confirm it: an AWS CLI command (read-only). */
  confirm: string;
  fix: Fix;
  /** Confirmed by a failing finding, likely from the answers, or possible. */
  likelihood: 'confirmed' | 'likely' | 'possible';
}

/** What a pasted message names, each absent when it names none (or nothing readable). */
export interface MessageFacts {
  /** The action denied, as the message writes it: `kms:GenerateDataKey`. */
  action?: string;
  /** The API operation of the AWS CLI's or an SDK's prefix: `CreateDatasetImportJob`. */
  apiOperation?: string;
  keyArn?: string;
  /** Who was denied: a role, an assumed-role session or a user ARN. */
  principal?: string;
  /** An IAM role ARN the message names besides the principal (the role passed or named). */
  role?: string;
  bucket?: string;
  /** The Personalize operation (or dataset group) the message is about. */
  operation?: Operation | 'dataset-group';
  /** Which kind of policy the message says denied it, when it says. */
  deniedBy?: 'identity-policy' | 'resource-policy' | 'explicit-deny';
}

export interface ExplainedError {
  /** The catalogue entries the message matched; empty when none did. */
  matched: readonly ErrorEntry[];
  causes: readonly RankedCause[];
  /** What the message names. */
  named?: MessageFacts;
  /** A sentence for the top of the explanation: none matched, the message was cut, … */
  note?: string;
}
