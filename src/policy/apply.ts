/**
 * How to put each document in place: where in the console, and the AWS CLI
 * commands. Names and console paths come from the documents' facts
 * (document-facts.ts); the runbook (runbook.ts) takes from here every
 * command that saves or puts a document, and writes only the reads that
 * tell whether a part is in place already.
 *
 * Sources: the rules file's "Applying the documents" table,
 * https://docs.aws.amazon.com/cli/latest/reference/kms/put-key-policy.html,
 * https://docs.aws.amazon.com/cli/latest/reference/s3api/put-bucket-policy.html,
 * https://docs.aws.amazon.com/cli/latest/reference/iam/update-assume-role-policy.html,
 * https://docs.aws.amazon.com/cli/latest/reference/iam/create-policy-version.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/policies-managed-versions.html (at most
 * five versions of a managed policy),
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html (with
 * five, it fails with LimitExceeded),
 * https://docs.aws.amazon.com/cli/latest/reference/iam/list-policy-versions.html,
 * https://docs.aws.amazon.com/cli/latest/reference/iam/delete-policy-version.html (not the
 * default version),
 * https://docs.aws.amazon.com/cli/latest/reference/iam/attach-role-policy.html,
 * https://docs.aws.amazon.com/cli/latest/reference/iam/attach-user-policy.html
 */
import type { Answers } from './answers';
import type { NeededDocument } from './build';
import { answerOr } from './build';
import { consolePath, DOCUMENT_FACTS } from './document-facts';
import { EXPORT_NAMES } from './export-facts';
import { parseKeyArn } from './validate';

interface InstructionsBase {
  /** Where to paste it in the AWS console. */
  console: string;
  /** Commands to run in order; file names are those the Download buttons produce. */
  cli: string[];
  /** What to watch out for. */
  caution?: string;
  /** The account whose credentials the commands need. */
  account: string;
  /** The command that puts the document in place; the last of `cli`. */
  put: string;
  /** Commands for a case that may follow, each set with when it applies. */
  then?: { when: string; commands: string[] }[];
}

/**
 * For a document that replaces a whole policy (key, bucket and trust
 * policies): the command that saves the current policy, and its file.
 */
export interface PolicyBackup {
  /** The first command of `cli`: `read` with its output saved to `fileName`. */
  command: string;
  fileName: string;
  /** The command that prints the current policy. */
  read: string;
}

/** A key, bucket or trust policy: putting it replaces the whole policy, so it is saved first. */
export interface WholePolicyInstructions extends InstructionsBase {
  backup: PolicyBackup;
}

/** An inline policy of the service role: added beside the role's others. */
export interface RolePolicyInstructions extends InstructionsBase {
  backup?: undefined;
}

/** The managed PassRole policy: created, then attached by hand. */
export interface ManagedPolicyInstructions extends InstructionsBase {
  backup?: undefined;
  /** The ARN the policy gets in IAM, which attaching and updating it name. */
  policyArn: string;
}

export type ApplyInstructions =
  WholePolicyInstructions | RolePolicyInstructions | ManagedPolicyInstructions;

/**
 * The `default` branch of a switch over every document kind. The switch's
 * variable has type `never` there only when every kind has its own case, so a
 * kind without one is a compile error; at run time it throws.
 */
export function unhandledKind(kind: never): never {
  throw new Error(`No case for the document kind ${JSON.stringify(kind)}.`);
}

/**
 * The name an IAM policy document gets in IAM (distinct for each document).
 * Throws for a document that is not an IAM policy.
 */
export function iamPolicyName(document: Pick<NeededDocument, 'id'>): string {
  const name = EXPORT_NAMES[document.id].iamPolicyName;
  if (name === undefined) throw new Error(`The ${document.id} document is not an IAM policy.`);
  return name;
}

/**
 * The ARN of the key a key policy document belongs to, or its placeholder
 * while the ARN is not given. Throws for a document without a key (not a key
 * policy): a command for it would name no key, or the wrong one.
 */
export function keyArnFor(document: Pick<NeededDocument, 'id' | 'key'>): string {
  const key = document.key;
  if (key === undefined) throw new Error(`The ${document.id} document belongs to no KMS key.`);
  return key.arn || key.placeholder;
}

/**
 * The account whose credentials put a document in place: a key policy in the
 * key's account (PutKeyPolicy does not work across accounts), everything else
 * in the role's account. The bucket is assumed to be the role's account's.
 */
export function accountFor(
  document: Pick<NeededDocument, 'id' | 'kind' | 'key'>,
  answers: Answers,
): string {
  if (document.kind === 'key-policy') {
    const key = parseKeyArn(keyArnFor(document));
    if (key) return key.accountId;
  }
  return answerOr(answers, 'accountId');
}

/** The region of a key policy's key: the key ARN's, else the answered region. */
export function keyRegionFor(
  document: Pick<NeededDocument, 'id' | 'key'>,
  answers: Answers,
): string | undefined {
  return parseKeyArn(keyArnFor(document))?.region ?? (answers.region || undefined);
}

/**
 * An option with a value the user gave, as `--name='value'`: the `=` keeps a
 * value that starts with `-` (a role named `--debug`) from being read as an
 * option, and the quotes keep a placeholder such as `<bucket-name>` from
 * being read by bash as a redirection.
 * https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-parameters-types.html
 */
export function cliOption(name: string, value: string): string {
  return `--${name}=${shellQuote(value)}`;
}

/** A word bash reads as exactly `value`: single-quoted, each ' written as '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/** What applyInstructions may put instead of the document's own file. */
interface ApplyOptions {
  /** The file to put, when not the document's own: a merged key policy. */
  fileName?: string;
}

/** The names the console paths show: the answers, or the guide's placeholders. */
function consoleNames(answers: Answers): { role: string; bucket: string } {
  return { role: answerOr(answers, 'roleName'), bucket: answerOr(answers, 'bucketName') };
}

/** One backup file per key, named after the document, so two keys never overwrite each other. */
function keyBackupFileName(document: NeededDocument): string {
  const renamed = document.fileName.replace(
    DOCUMENT_FACTS['key-policy'].fileStem,
    'current-key-policy',
  );
  return renamed === document.fileName ? `current-${document.fileName}` : renamed;
}

/** The AWS CLI command that puts the document in place, as its facts name it. */
function putCommand(document: Pick<NeededDocument, 'id'>): string {
  return DOCUMENT_FACTS[document.id].cliCommand;
}

/** ` --region …` (when known), ` --key-id …` and ` --policy-name default` for a key policy's key. */
function keyOptions(document: Pick<NeededDocument, 'id' | 'key'>, answers: Answers): string {
  const region = keyRegionFor(document, answers);
  // The CLI sends requests to the configured region, not the ARN's: a key in
  // another region would answer NotFoundException.
  const regionOption = region === undefined ? '' : ` ${cliOption('region', region)}`;
  return `${regionOption} ${cliOption('key-id', keyArnFor(document))} --policy-name default`;
}

/** What makes get-key-policy print the policy alone, not wrapped in its JSON answer. */
export const KEY_POLICY_ALONE = '--query Policy --output text';

/** The command that prints the current policy of a key policy document's key. */
export function getKeyPolicyCommand(
  document: Pick<NeededDocument, 'id' | 'key'>,
  answers: Answers,
): string {
  return `aws kms get-key-policy${keyOptions(document, answers)} ${KEY_POLICY_ALONE}`;
}

/** How to put a key policy: `fileName` when not the document's own (a merged key policy). */
export function keyPolicyInstructions(
  document: NeededDocument,
  answers: Answers,
  fileName = document.fileName,
): WholePolicyInstructions {
  const current = keyBackupFileName(document);
  const read = getKeyPolicyCommand(document, answers);
  const backup = `${read} > ${current}`;
  const put = `${putCommand(document)}${keyOptions(document, answers)} --policy file://${fileName}`;
  const statementFile = document.statementOnly?.fileName;
  const merge =
    statementFile === undefined
      ? 'add the Personalize statement to it instead'
      : `add the statement in ${statementFile} to it instead`;
  return {
    console: `${consolePath(document.id, consoleNames(answers))} (switch to the policy view), then paste the policy.`,
    cli: [backup, put],
    caution: `put-key-policy replaces the whole key policy. If ${current} has statements other than the account’s root statement, ${merge}, and put that file.`,
    account: accountFor(document, answers),
    backup: { command: backup, fileName: current, read },
    put,
  };
}

function rolePolicyInstructions(
  document: NeededDocument,
  answers: Answers,
): RolePolicyInstructions {
  const role = answerOr(answers, 'roleName');
  const name = iamPolicyName(document);
  const put = `${putCommand(document)} ${cliOption('role-name', role)} --policy-name ${name} --policy-document file://${document.fileName}`;
  return {
    console: `${consolePath(document.id, consoleNames(answers))}, then paste the policy and name it ${name}.`,
    cli: [put],
    account: answerOr(answers, 'accountId'),
    put,
  };
}

/**
 * The managed PassRole policy: created, then attached to whoever creates
 * Personalize resources (their names left as placeholders). When it exists
 * already, create-policy fails and a new default version replaces it; IAM
 * refuses that (LimitExceeded) while the policy has five versions, so one
 * that is not the default is deleted first (its ID left as a placeholder).
 */
export function managedPolicyInstructions(
  document: NeededDocument,
  answers: Answers,
): ManagedPolicyInstructions {
  const name = iamPolicyName(document);
  const arn = `arn:${answers.partition}:iam::${answerOr(answers, 'accountId')}:policy/${name}`;
  const policyArn = cliOption('policy-arn', arn);
  const put = `${putCommand(document)} --policy-name ${name} --policy-document file://${document.fileName}`;
  return {
    console: `${consolePath(document.id, consoleNames(answers))}, paste the policy and name it ${name}. Then attach it to the users, groups or roles that create Personalize resources.`,
    cli: [put],
    caution:
      'This policy is for the people and pipelines that create Personalize resources, not for the service role.',
    account: answerOr(answers, 'accountId'),
    put,
    policyArn: arn,
    then: [
      {
        when: 'Then attach it to each role or user that creates Personalize resources:',
        commands: [
          `aws iam attach-role-policy ${cliOption('role-name', '<their-role-name>')} ${policyArn}`,
          `aws iam attach-user-policy ${cliOption('user-name', '<their-user-name>')} ${policyArn}`,
        ],
      },
      {
        when: `If ${name} exists already, create-policy fails: update it instead.`,
        commands: [
          `aws iam create-policy-version ${policyArn} --policy-document file://${document.fileName} --set-as-default`,
        ],
      },
      {
        when: 'That fails (LimitExceeded) once the policy has five versions, the most IAM keeps: list them, delete one that is not the default (IsDefaultVersion false), then update again.',
        commands: [
          `aws iam list-policy-versions ${policyArn}`,
          `aws iam delete-policy-version ${policyArn} ${cliOption('version-id', '<version-id>')}`,
        ],
      },
    ],
  };
}

/** The file the current bucket policy is saved to before it is replaced. */
const BUCKET_POLICY_BACKUP = 'current-bucket-policy.json';
/** The read-only command that prints a bucket's policy (its text). */
export function getBucketPolicyCommand(bucket: string): string {
  return `aws s3api get-bucket-policy ${cliOption('bucket', bucket)} --query Policy --output text`;
}

/** The read-only command that prints a role's trust policy (JSON). */
export function getTrustPolicyCommand(roleName: string): string {
  return `aws iam get-role ${cliOption('role-name', roleName)} --query Role.AssumeRolePolicyDocument --output json`;
}

/** The file the role's current trust policy is saved to before it is replaced. */
const TRUST_POLICY_BACKUP = 'current-trust-policy.json';

export function bucketPolicyInstructions(
  document: NeededDocument,
  answers: Answers,
): WholePolicyInstructions {
  const bucket = answerOr(answers, 'bucketName');
  const read = getBucketPolicyCommand(bucket);
  const backup = `${read} > ${BUCKET_POLICY_BACKUP}`;
  const put = `${putCommand(document)} ${cliOption('bucket', bucket)} --policy file://${document.fileName}`;
  return {
    console: `${consolePath(document.id, consoleNames(answers))}, then paste the policy.`,
    cli: [backup, put],
    caution: `put-bucket-policy replaces the bucket’s whole policy. If ${BUCKET_POLICY_BACKUP} has statements, add the Personalize statements to them and put that file instead. A bucket with no policy yet answers NoSuchBucketPolicy, which is fine.`,
    account: answerOr(answers, 'accountId'),
    backup: { command: backup, fileName: BUCKET_POLICY_BACKUP, read },
    put,
  };
}

export function trustPolicyInstructions(
  document: NeededDocument,
  answers: Answers,
): WholePolicyInstructions {
  const role = answerOr(answers, 'roleName');
  const read = getTrustPolicyCommand(role);
  const backup = `${read} > ${TRUST_POLICY_BACKUP}`;
  const put = `${putCommand(document)} ${cliOption('role-name', role)} --policy-document file://${document.fileName}`;
  return {
    console: `${consolePath(document.id, consoleNames(answers))}, then paste the policy.`,
    cli: [backup, put],
    caution: `update-assume-role-policy replaces the role’s whole trust policy. If ${TRUST_POLICY_BACKUP} trusts other principals the role still needs, add the Personalize statement to it and put that file instead.`,
    account: answerOr(answers, 'accountId'),
    backup: { command: backup, fileName: TRUST_POLICY_BACKUP, read },
    put,
  };
}

/**
 * How to put a document in place. Every value from the answers is written
 * as `--name='value'`, so the commands can be copied as they are. With
 * `options.fileName`, a key policy's put command puts that file (a merged
 * key policy) instead of the document's own.
 */
export function applyInstructions(
  document: NeededDocument,
  answers: Answers,
  options: ApplyOptions = {},
): ApplyInstructions {
  switch (document.kind) {
    case 'key-policy':
      return keyPolicyInstructions(document, answers, options.fileName);
    case 'bucket-policy':
      return bucketPolicyInstructions(document, answers);
    case 'trust-policy':
      return trustPolicyInstructions(document, answers);
    case 'iam-policy':
      return rolePolicyInstructions(document, answers);
    case 'managed-policy':
      return managedPolicyInstructions(document, answers);
    default:
      return unhandledKind(document.kind);
  }
}
