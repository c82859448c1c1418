/**
 * The documents as something to run or deploy: an AWS CLI runbook, a
 * CloudFormation template and a Terraform snippet, plus the checks to pass
 * before applying any of them. Pure: answers and documents in, text out.
 *
 * Works with any subset of documents (the KMS documents of build.ts, the
 * companion documents, or both) and takes names and commands from apply.ts,
 * so the exports and the per-document instructions cannot drift apart.
 *
 * Sources: the rules file's sections 4 and 6;
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html;
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/BucketRestrictions.html (bucket policy size);
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key_policy;
 * https://developer.hashicorp.com/terraform/language/expressions/strings (heredocs, escapes).
 */
import type { Answers } from './answers';
import {
  accountFor,
  applyInstructions,
  iamPolicyName,
  keyArnFor,
  keyRegionFor,
  unhandledKind,
} from './apply';
import {
  answerOr,
  type DocumentId,
  type DocumentKind,
  KEY_ARN_PLACEHOLDERS,
  type NeededDocument,
  PLACEHOLDERS,
} from './build';
import { byteLength, iamPolicyLength, LIMITS, type Principal } from './document';
import { PARTITION_NOTES, PERSONALIZE_REGIONS } from './partitions';
import {
  ACCOUNT_ID,
  bucketNameWarning,
  keyRegionWarning,
  parseKeyArn,
  parseRoleArn,
} from './validate';

// ---------------------------------------------------------------------------
// Shared helpers

/** A placeholder such as `<account-id>`: what the wizard shows until an answer is given. */
const PLACEHOLDER = /<[a-z][a-z0-9-]*>/g;

/** The placeholders in a text, each once, in order of appearance. */
function findPlaceholders(text: string): string[] {
  return [...new Set(text.match(PLACEHOLDER) ?? [])];
}

const PLACEHOLDER_MEANING: Readonly<Record<string, string>> = {
  [PLACEHOLDERS.accountId]: 'the 12-digit ID of the service role’s account',
  [PLACEHOLDERS.roleName]: 'the name of the Personalize service role (without its path)',
  [PLACEHOLDERS.bucketName]: 'the name of the S3 bucket Personalize reads and writes',
  [PLACEHOLDERS.region]: 'the region of your Personalize resources, such as us-east-1',
  [KEY_ARN_PLACEHOLDERS.keyArn]: 'the ARN of the KMS key',
  [KEY_ARN_PLACEHOLDERS.bucketKeyArn]: 'the ARN of the bucket’s KMS key',
  [KEY_ARN_PLACEHOLDERS.datasetGroupKeyArn]: 'the ARN of the dataset group’s KMS key',
  '<key-id>': 'the ID of the KMS key (the part of its ARN after key/)',
};

function describePlaceholder(placeholder: string): string {
  return PLACEHOLDER_MEANING[placeholder] ?? 'a value the wizard could not fill in';
}

function placeholderList(placeholders: readonly string[], bullet: string): string[] {
  return placeholders.map(
    (placeholder) => `${bullet}${placeholder}: ${describePlaceholder(placeholder)}`,
  );
}

/** Placeholders in the lines that are not comments (`#` first, after any indent). */
function placeholdersInCode(lines: readonly string[]): string[] {
  return findPlaceholders(lines.filter((line) => !/^\s*#/.test(line)).join('\n'));
}

/** A comment wrapped at 88 columns; words longer than a line (ARNs) stay whole. */
function comment(text: string, indent = 0): string[] {
  const prefix = `${' '.repeat(indent)}#`;
  const lines: string[] = [];
  let line = prefix;
  for (const word of text.split(' ')) {
    if (line !== prefix && line.length + 1 + word.length > 88) {
      lines.push(line);
      line = prefix;
    }
    line = `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

/** Limits not in LIMITS (document.ts), from the S3 and IAM quota pages. */
const EXPORT_LIMITS = {
  /** Bucket policy, in bytes (20 KB). */
  bucketPolicyBytes: 20_480,
  /** Role trust policy, characters without whitespace (the default quota; up to 4,096 on request). */
  trustPolicyChars: 2_048,
} as const;

/** How AWS measures a document for its size limit, and the unit the size checks name. */
interface SizeMeasure {
  measure: (json: string) => number;
  unit: string;
}

const BYTES: SizeMeasure = { measure: byteLength, unit: 'bytes' };
const IAM_CHARACTERS: SizeMeasure = {
  measure: iamPolicyLength,
  unit: 'characters (whitespace not counted)',
};

/** What the exports and checks need to know about a kind of document. */
interface KindFacts {
  /** Where documents of this kind come in the runbook, template and snippet: lowest first. */
  applyOrder: number;
  /**
   * Putting it replaces a whole policy that may hold other statements, so the
   * runbook saves the current one and waits for a yes before putting it.
   */
  replacesWholePolicy: boolean;
  /** IAM reads it, so IAM's policy grammar applies (statement IDs of letters and digits only). */
  iamGrammar: boolean;
  /**
   * The most AWS accepts of one such document, and how it is measured. None
   * for the role's inline policies: IAM limits them together, not one by one.
   */
  sizeLimit: { limit: number; measured: SizeMeasure } | undefined;
  /**
   * CloudFormation sets it only on a resource the stack creates (a key's
   * KeyPolicy, a role's AssumeRolePolicyDocument), so the template has it as
   * a commented-out example, not as a resource to deploy.
   */
  cloudFormationExample: boolean;
}

const KIND_FACTS: Readonly<Record<DocumentKind, KindFacts>> = {
  'key-policy': {
    applyOrder: 0,
    replacesWholePolicy: true,
    iamGrammar: false,
    sizeLimit: { limit: LIMITS.keyPolicyBytes, measured: BYTES },
    cloudFormationExample: true,
  },
  'iam-policy': {
    applyOrder: 1,
    replacesWholePolicy: false,
    iamGrammar: true,
    sizeLimit: undefined,
    cloudFormationExample: false,
  },
  'bucket-policy': {
    applyOrder: 2,
    replacesWholePolicy: true,
    iamGrammar: false,
    sizeLimit: { limit: EXPORT_LIMITS.bucketPolicyBytes, measured: BYTES },
    cloudFormationExample: false,
  },
  'trust-policy': {
    applyOrder: 3,
    replacesWholePolicy: true,
    iamGrammar: true,
    sizeLimit: { limit: EXPORT_LIMITS.trustPolicyChars, measured: IAM_CHARACTERS },
    cloudFormationExample: true,
  },
  'managed-policy': {
    applyOrder: 4,
    replacesWholePolicy: false,
    iamGrammar: true,
    sizeLimit: { limit: LIMITS.managedPolicyChars, measured: IAM_CHARACTERS },
    cloudFormationExample: false,
  },
};

/** The documents in the order the exports apply them; documents of one kind keep their order. */
function inApplyOrder(documents: readonly NeededDocument[]): NeededDocument[] {
  return [...documents].sort(
    (a, b) => KIND_FACTS[a.kind].applyOrder - KIND_FACTS[b.kind].applyOrder,
  );
}

function replacesWholePolicy(document: NeededDocument): boolean {
  return KIND_FACTS[document.kind].replacesWholePolicy;
}

/** Documents grouped by the account whose credentials apply them, in apply order. */
function groupByAccount(
  answers: Answers,
  documents: readonly NeededDocument[],
): { account: string; documents: NeededDocument[] }[] {
  const groups = new Map<string, NeededDocument[]>();
  for (const document of inApplyOrder(documents)) {
    const account = accountFor(document, answers);
    groups.set(account, [...(groups.get(account) ?? []), document]);
  }
  return [...groups].map(([account, grouped]) => ({ account, documents: grouped }));
}

function accountRole(answers: Answers, account: string, documents: NeededDocument[]): string {
  const holdsKeys = documents.some((document) => document.kind === 'key-policy');
  const holdsRole =
    account === answerOr(answers, 'accountId') &&
    documents.some((document) => document.kind !== 'key-policy');
  if (holdsKeys && holdsRole) return 'the service role’s and the KMS key’s account';
  return holdsKeys ? 'the KMS key’s account' : 'the service role’s account';
}

function heading(document: NeededDocument, indent = 0): string {
  return `${' '.repeat(indent)}# ${document.title}: ${document.fileName}`;
}

function withThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// ---------------------------------------------------------------------------
// 1. AWS CLI runbook

function runbookHeader(answers: Answers, documents: readonly NeededDocument[]): string[] {
  const lines = [
    '#!/usr/bin/env bash',
    '# Applies the Amazon Personalize policies with the AWS CLI.',
    '# Generated by the Personalize KMS policy wizard. Run it from the folder that holds',
    '# the policy files the wizard downloads:',
    ...documents.map((document) => `#   ${document.fileName}`),
  ];
  if (documents.some(replacesWholePolicy)) {
    lines.push(
      '#',
      '# Key, bucket and trust policies are replaced as a whole: the script saves each',
      '# current policy first and waits for you to merge it before replacing it.',
    );
  }
  if (answers.partition === 'aws-cn') {
    lines.push('# aws-cn partition: use a profile whose region is cn-north-1.');
  }
  return lines;
}

function runbookPlaceholders(commands: readonly string[], documents: readonly NeededDocument[]) {
  const inCommands = placeholdersInCode(commands);
  const inFiles = findPlaceholders(documents.map((document) => document.json).join('\n'));
  const all = [...new Set([...inCommands, ...inFiles])];
  const top =
    all.length === 0
      ? []
      : [
          '#',
          '# PLACEHOLDERS: answers the wizard did not have yet. Fill them in in the wizard and',
          '# download the files again, or replace them here and in the policy files by hand:',
          ...placeholderList(all, '#   '),
        ];
  // Stops the script before it runs anything while its own commands have placeholders.
  const guard =
    inCommands.length === 0
      ? []
      : [
          '',
          '# Delete the next two lines once every placeholder in this script is replaced.',
          `echo "This script still has placeholders (${inCommands.join(', ')}); see the top of the file." >&2`,
          'exit 1',
        ];
  return { top, guard };
}

const REQUIRE_ACCOUNT = [
  '',
  '# Stops unless the current credentials belong to the expected account.',
  'require_account() {',
  '  local actual',
  '  actual="$(aws sts get-caller-identity --query Account --output text)"',
  '  if [[ "$actual" != "$1" ]]; then',
  '    echo "Run this part with credentials for account $1 (these are for $actual)." >&2',
  '    exit 1',
  '  fi',
  '}',
];

const CONFIRM = [
  '',
  '# Waits for "yes" before a command that replaces a whole policy.',
  'confirm() {',
  '  local reply=""',
  '  read -r -p "$1 Type yes to continue: " reply || true',
  '  if [[ "$reply" != "yes" ]]; then',
  '    echo "Stopped before replacing it; nothing after this point has run." >&2',
  '    exit 1',
  '  fi',
  '}',
];

function fileChecks(documents: readonly NeededDocument[]): string[] {
  return [
    '',
    '# Stop early if a policy file is missing or still has a placeholder.',
    'for file in \\',
    ...documents.map(
      (document, index) =>
        `  ${document.fileName}${index === documents.length - 1 ? '; do' : ' \\'}`,
    ),
    '  if [[ ! -f "$file" ]]; then',
    '    echo "Missing $file: download it from the wizard into this folder." >&2',
    '    exit 1',
    '  fi',
    '  if grep -n -E \'<[a-z][a-z0-9-]*>\' "$file"; then',
    '    echo "$file still has a placeholder (above): fill it in first." >&2',
    '    exit 1',
    '  fi',
    'done',
  ];
}

function runbookSteps(answers: Answers, document: NeededDocument): string[] {
  const how = applyInstructions(document, answers);
  const backup = how.backup?.fileName ?? '';
  const lines = ['', heading(document)];
  switch (document.kind) {
    case 'key-policy': {
      const statement =
        document.statementOnly === undefined
          ? 'the Personalize statement'
          : `the statement in ${document.statementOnly.fileName}`;
      lines.push(
        '# put-key-policy replaces the key’s whole policy, so save the current one first.',
        how.backup?.command ?? '',
        ...comment(
          `If ${backup} has statements other than the account’s root statement ("Enable IAM User Permissions"), do not put the file as it is: add ${statement} to the current policy, keep everything else, and save the result as ${document.fileName} before answering yes.`,
        ),
        `confirm "Checked ${backup} (and merged it if it has other statements)?"`,
      );
      break;
    }
    case 'bucket-policy':
      lines.push(
        '# put-bucket-policy replaces the bucket’s WHOLE policy, so save the current one first.',
        '# A bucket without a policy answers NoSuchBucketPolicy, which is fine.',
        `${how.backup?.command ?? ''} 2> get-bucket-policy-error.txt \\`,
        '  || grep -q NoSuchBucketPolicy get-bucket-policy-error.txt \\',
        '  || { cat get-bucket-policy-error.txt >&2; exit 1; }',
        ...comment(
          `If ${backup} has statements, add the statements of ${document.fileName} to them and save the result as ${document.fileName} before answering yes.`,
        ),
        `confirm "Checked ${backup} (and merged it if it has statements)?"`,
      );
      break;
    case 'trust-policy':
      lines.push(
        '# update-assume-role-policy replaces the role’s whole trust policy; save the current one.',
        how.backup?.command ?? '',
        ...comment(
          `If ${backup} trusts other principals the role still needs, add the statement of ${document.fileName} to it and save the result as ${document.fileName} before answering yes.`,
        ),
        `confirm "Checked ${backup} (and merged it if it trusts others)?"`,
      );
      break;
    case 'managed-policy':
      lines.push(
        '# A managed policy for the people and pipelines that create Personalize resources,',
        '# NOT for the service role.',
        `# If ${iamPolicyName(document)} exists already, the next command fails: see below it.`,
      );
      break;
    case 'iam-policy':
      lines.push(
        ...comment(
          `The inline policy ${iamPolicyName(document)} of the role ${answerOr(answers, 'roleName')} (its name, without the path); the role’s other inline policies stay.`,
        ),
      );
      break;
    default:
      return unhandledKind(document.kind);
  }
  // The command that puts the document in place, then what may follow it, as
  // the page words it: commented out, to run by hand.
  lines.push(
    how.put,
    ...(how.then ?? []).flatMap(({ when, commands }) => [
      ...comment(when),
      ...commands.map((command) => `#   ${command}`),
    ]),
  );
  return lines;
}

/**
 * An AWS CLI runbook (bash) that applies the documents in a safe order: each
 * whole-policy replacement comes after a backup of the current policy and a
 * pause to merge it, and commands are grouped by the account they need.
 */
export function buildRunbook(answers: Answers, documents: readonly NeededDocument[]): string {
  const header = runbookHeader(answers, documents);
  if (documents.length === 0) {
    return [
      ...header,
      'set -euo pipefail',
      '',
      'echo "Nothing to apply: with these answers no policy is needed."',
      '',
    ].join('\n');
  }
  const groups = groupByAccount(answers, documents);
  const body = groups.flatMap((group) => [
    '',
    '# ===========================================================================',
    `# Account ${group.account} (${accountRole(answers, group.account, group.documents)})`,
    `# Run this part with credentials for account ${group.account}.`,
    ...(groups.length > 1
      ? ['# The policies span several accounts: switch credentials (e.g. AWS_PROFILE) per part.']
      : []),
    '# ===========================================================================',
    `require_account ${group.account}`,
    ...group.documents.flatMap((document) => runbookSteps(answers, document)),
  ]);
  const placeholders = runbookPlaceholders(body, documents);
  // Quoted, a placeholder stays one word that bash can parse (`<key-arn>` alone
  // would be a redirection); the guard at the top stops the script anyway.
  const quoted = body.map((line) =>
    /^\s*#/.test(line) ? line : line.replace(PLACEHOLDER, (placeholder) => `'${placeholder}'`),
  );
  return [
    ...header,
    ...placeholders.top,
    'set -euo pipefail',
    ...placeholders.guard,
    ...REQUIRE_ACCOUNT,
    ...(documents.some(replacesWholePolicy) ? CONFIRM : []),
    ...fileChecks(documents),
    ...quoted,
    '',
    'echo "Done."',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------
// 2. CloudFormation (YAML)

// Plain (unquoted) only where no YAML 1.1 or 1.2 parser reads anything but
// the same string: a letter first, then letters, digits and _ . / - : (a
// colon is an indicator only before a space or at the end, and there are no
// spaces), and none of the words YAML 1.1 reads as booleans or null.
const YAML_PLAIN = /^[A-Za-z][\w./:-]*$/;
const YAML_RESERVED = /^(?:y|n|yes|no|on|off|true|false|null)$/i;

function yamlString(value: string): string {
  if (YAML_PLAIN.test(value) && !value.endsWith(':') && !YAML_RESERVED.test(value)) return value;
  // JSON's escapes are a subset of YAML's double-quoted ones. Characters JSON
  // leaves raw but YAML does not allow raw (DEL, C1 controls, BOM) or reads
  // as line breaks (U+2028, U+2029 in YAML 1.1) are escaped as well.
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function isCollection(value: unknown): value is readonly unknown[] | Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isEmptyCollection(value: readonly unknown[] | Record<string, unknown>): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

function yamlInline(value: unknown): string {
  if (typeof value === 'string') return yamlString(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (isCollection(value) && isEmptyCollection(value)) return '{}';
  throw new TypeError(`YAML cannot hold a ${typeof value} here.`);
}

function yamlNested(value: readonly unknown[] | Record<string, unknown>, indent: number): string[] {
  return Array.isArray(value)
    ? yamlSequence(value as readonly unknown[], indent)
    : yamlMapping(value as Record<string, unknown>, indent);
}

function yamlSequence(items: readonly unknown[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  return items.flatMap((item) => {
    if (!isCollection(item) || isEmptyCollection(item)) return [`${pad}- ${yamlInline(item)}`];
    // The item's first line goes on the dash's line: "- Sid: ..." or "- - ...".
    const [first = '', ...rest] = yamlNested(item, indent + 2);
    return [`${pad}- ${first.slice(indent + 2)}`, ...rest];
  });
}

function yamlMapping(mapping: Record<string, unknown>, indent: number): string[] {
  const pad = ' '.repeat(indent);
  return Object.entries(mapping)
    .filter(([, value]) => value !== undefined)
    .flatMap(([key, value]) => {
      const label = `${pad}${yamlString(key)}:`;
      if (!isCollection(value) || isEmptyCollection(value)) {
        return [`${label} ${yamlInline(value)}`];
      }
      return [label, ...yamlNested(value, indent + 2)];
    });
}

/**
 * Plain JSON data as block YAML, indented by `indent` spaces. Strings are
 * quoted whenever a YAML parser could read them as anything else.
 */
export function toYaml(value: unknown, indent = 0): string {
  const lines =
    isCollection(value) && !isEmptyCollection(value)
      ? yamlNested(value, indent)
      : [`${' '.repeat(indent)}${yamlInline(value)}`];
  return `${lines.join('\n')}\n`;
}

/**
 * Comments lines out as editors do: "# " after the block's indent, so
 * deleting those two characters restores each line exactly.
 */
function commentedOut(lines: readonly string[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  return lines.map((line) => `${pad}# ${line.slice(indent)}`);
}

const LOGICAL_IDS: Readonly<Record<DocumentId, string>> = {
  'key-policy': 'PersonalizeKey',
  'key-policy-bucket': 'PersonalizeBucketKey',
  'key-policy-dataset-group': 'PersonalizeDatasetGroupKey',
  'iam-policy': 'PersonalizeKmsAccessPolicy',
  's3-access-policy': 'PersonalizeS3AccessPolicy',
  'bucket-policy': 'PersonalizeBucketPolicy',
  'trust-policy': 'PersonalizeServiceRole',
  'passrole-policy': 'PersonalizePassRolePolicy',
};

const PASSROLE_DESCRIPTION =
  'Lets people and pipelines pass the Personalize service role to Amazon Personalize.';

function resource(logicalId: string, definition: Record<string, unknown>): string[] {
  return yamlMapping({ [logicalId]: definition }, 2);
}

/** A document in the template: comments before it, its resource, comments after it. */
interface CloudFormationParts {
  before: string[];
  definition: Record<string, unknown>;
  after?: string[];
}

function cloudFormationParts(
  answers: Answers,
  document: NeededDocument,
  logicalId: string,
): CloudFormationParts {
  const policy = document.policy as unknown as Record<string, unknown>;
  switch (document.kind) {
    case 'key-policy': {
      const keyAccount = accountFor(document, answers);
      const elsewhere =
        keyAccount === answerOr(answers, 'accountId')
          ? ''
          : ` This key is in account ${keyAccount}, so such a stack belongs to that account.`;
      return {
        before: comment(
          `CloudFormation can set the policy only of a key the stack creates (AWS::KMS::Key KeyPolicy). For the existing key ${keyArnFor(document)}, apply the key policy with the AWS CLI (see the runbook) or Terraform. To create a new key in a stack instead, uncomment this.${elsewhere}`,
          2,
        ),
        definition: {
          Type: 'AWS::KMS::Key',
          // Deleting the stack must not schedule the key, and the data it protects, for deletion.
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
          Properties: {
            Description: `${document.title} for Amazon Personalize`,
            // Only symmetric encryption keys support GenerateDataKey.
            KeySpec: 'SYMMETRIC_DEFAULT',
            EnableKeyRotation: true,
            KeyPolicy: policy,
          },
        },
      };
    }
    case 'trust-policy':
      return {
        before: comment(
          `A trust policy belongs to the role itself: the AssumeRolePolicyDocument of AWS::IAM::Role. For an existing role, update it with the AWS CLI (see the runbook). If this stack creates the role, uncomment this, and set RoleName of the role policies to !Ref ${logicalId}.`,
          2,
        ),
        definition: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: answerOr(answers, 'roleName'),
            Path: answers.rolePath,
            AssumeRolePolicyDocument: policy,
          },
        },
      };
    case 'bucket-policy':
      return {
        before: comment(
          'A bucket has one policy, and this resource replaces it: merge any statements the bucket already has into PolicyDocument first.',
          2,
        ),
        definition: {
          Type: 'AWS::S3::BucketPolicy',
          Properties: { Bucket: answerOr(answers, 'bucketName'), PolicyDocument: policy },
        },
      };
    case 'managed-policy':
      return {
        before: [
          '  # For the people and pipelines that create Personalize resources, not the service role.',
        ],
        definition: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: {
            ManagedPolicyName: iamPolicyName(document),
            Description: PASSROLE_DESCRIPTION,
            PolicyDocument: policy,
          },
        },
        after: [
          '      # Attach it to the users, groups or roles that create Personalize resources:',
          '      # Roles:',
          '      #   - <their-role-name>',
        ],
      };
    case 'iam-policy':
      return {
        before: [],
        definition: {
          Type: 'AWS::IAM::RolePolicy',
          Properties: {
            PolicyName: iamPolicyName(document),
            RoleName: answerOr(answers, 'roleName'),
            PolicyDocument: policy,
          },
        },
      };
    default:
      return unhandledKind(document.kind);
  }
}

function cloudFormationResource(answers: Answers, document: NeededDocument): string[] {
  const logicalId = LOGICAL_IDS[document.id];
  const { before, definition, after = [] } = cloudFormationParts(answers, document, logicalId);
  const lines = resource(logicalId, definition);
  return [
    '',
    heading(document, 2),
    ...before,
    ...(KIND_FACTS[document.kind].cloudFormationExample ? commentedOut(lines, 2) : lines),
    ...after,
  ];
}

/**
 * A CloudFormation template (YAML) with a resource for each document a stack
 * can own, and commented examples for the key and trust policies, which
 * CloudFormation sets only on a key or role the stack creates.
 */
export function buildCloudFormation(
  answers: Answers,
  documents: readonly NeededDocument[],
): string {
  const ordered = inApplyOrder(documents);
  const resources = ordered.flatMap((document) => cloudFormationResource(answers, document));
  const placeholders = placeholdersInCode(resources);
  const examplesOnly = ordered.every((document) => KIND_FACTS[document.kind].cloudFormationExample);
  return [
    '# CloudFormation resources for Amazon Personalize with KMS-encrypted data.',
    '# Generated by the Personalize KMS policy wizard. Deploy the stack in the service',
    `# role's account (${answerOr(answers, 'accountId')}), or copy the resources into your template.`,
    ...(placeholders.length > 0
      ? [
          '# PLACEHOLDERS to fill in (in the wizard, or here) before deploying:',
          ...placeholderList(placeholders, '# - '),
        ]
      : []),
    ...(examplesOnly
      ? ['# Every resource here is an example to uncomment: there is nothing to deploy as it is.']
      : []),
    `AWSTemplateFormatVersion: ${yamlString('2010-09-09')}`,
    `Description: ${yamlString('Permissions Amazon Personalize needs for KMS-encrypted data')}`,
    'Resources:',
    ...resources,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------
// 3. Terraform (HCL)

/** Terraform interpolates ${ and %{ even in heredocs; doubling the sign escapes them. */
function escapeTemplate(text: string): string {
  // A function, not a replacement string: there "$$" would mean one "$".
  return text.replace(/([$%])\{/g, (_match, sign: string) => `${sign}${sign}{`);
}

function hclString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return `"${escapeTemplate(escaped)}"`;
}

/** An attribute: a one-line expression, or JSON for a heredoc. */
type HclValue = { expression: string } | { json: string };

/** A block with its attributes' equals signs aligned, as `terraform fmt` does. */
function hclBlock(header: string, attributes: readonly [string, HclValue][]): string[] {
  const width = Math.max(...attributes.map(([name]) => name.length));
  const body = attributes.flatMap(([name, value]) => {
    const label = `  ${name.padEnd(width)} =`;
    if ('expression' in value) return [`${label} ${value.expression}`];
    // <<- strips the indent common to the lines, so the JSON can sit indented.
    const json = escapeTemplate(value.json.replace(/\n$/, ''))
      .split('\n')
      .map((line) => `    ${line}`);
    return [`${label} <<-EOT`, ...json, '  EOT'];
  });
  return [`${header} {`, ...body, '}'];
}

const TERRAFORM_NAMES: Readonly<Record<DocumentId, string>> = {
  'key-policy': 'personalize',
  'key-policy-bucket': 'personalize_bucket_key',
  'key-policy-dataset-group': 'personalize_dataset_group_key',
  'iam-policy': 'personalize_kms_access',
  's3-access-policy': 'personalize_s3_access',
  'bucket-policy': 'personalize',
  'trust-policy': 'personalize',
  'passrole-policy': 'personalize_passrole',
};

function providerAlias(account: string): string {
  return `account_${account.replace(/\W/g, '_')}`;
}

function terraformKeyPolicy(answers: Answers, document: NeededDocument): string[] {
  const keyArn = keyArnFor(document);
  const account = accountFor(document, answers);
  const region = keyRegionFor(document, answers);
  const provider: [string, HclValue][] =
    account === answerOr(answers, 'accountId')
      ? []
      : [['provider', { expression: `aws.${providerAlias(account)}` }]];
  return [
    '',
    heading(document),
    ...comment(
      `For the key ${keyArn}. This replaces the key’s whole policy. It conflicts with the policy argument of aws_kms_key: if Terraform manages the key, set its policy there instead, never both. Destroying this resource does not delete the key; it resets the key to the default key policy, which drops the Personalize statement.${region === undefined ? '' : ` The provider must be in the key’s region, ${region}.`}`,
    ),
    ...hclBlock(`resource "aws_kms_key_policy" "${TERRAFORM_NAMES[document.id]}"`, [
      ...provider,
      // The provider stores the key ID; an ARN here would show a change on every plan.
      ['key_id', { expression: hclString(parseKeyArn(keyArn)?.keyId ?? '<key-id>') }],
      ['policy', { json: document.json }],
    ]),
  ];
}

function terraformResource(answers: Answers, document: NeededDocument): string[] {
  const name = TERRAFORM_NAMES[document.id];
  const policy: [string, HclValue] = ['policy', { json: document.json }];
  switch (document.kind) {
    case 'key-policy':
      return terraformKeyPolicy(answers, document);
    case 'bucket-policy':
      return [
        '',
        heading(document),
        ...comment(
          'A bucket has one policy, and this resource replaces it: merge any statements the bucket already has into it first.',
        ),
        ...hclBlock(`resource "aws_s3_bucket_policy" "${name}"`, [
          ['bucket', { expression: hclString(answerOr(answers, 'bucketName')) }],
          policy,
        ]),
      ];
    case 'trust-policy':
      return [
        '',
        heading(document),
        ...comment(
          'A trust policy belongs to the role itself: the assume_role_policy of aws_iam_role. For an existing role that Terraform does not manage, update it with the AWS CLI (see the runbook). If Terraform manages the role, set its assume_role_policy like this:',
        ),
        ...commentedOut(
          hclBlock(`resource "aws_iam_role" "${name}"`, [
            ['name', { expression: hclString(answerOr(answers, 'roleName')) }],
            ['path', { expression: hclString(answers.rolePath) }],
            ['assume_role_policy', { json: document.json }],
          ]),
          0,
        ),
      ];
    case 'managed-policy':
      return [
        '',
        heading(document),
        '# For the people and pipelines that create Personalize resources, not the service role.',
        ...hclBlock(`resource "aws_iam_policy" "${name}"`, [
          ['name', { expression: hclString(iamPolicyName(document)) }],
          ['description', { expression: hclString(PASSROLE_DESCRIPTION) }],
          policy,
        ]),
        '',
        '# Attach it to each user, group or role that creates Personalize resources, e.g.:',
        ...commentedOut(
          hclBlock(`resource "aws_iam_role_policy_attachment" "${name}"`, [
            ['role', { expression: hclString('<their-role-name>') }],
            ['policy_arn', { expression: `aws_iam_policy.${name}.arn` }],
          ]),
          0,
        ),
      ];
    case 'iam-policy':
      return [
        '',
        heading(document),
        ...hclBlock(`resource "aws_iam_role_policy" "${name}"`, [
          ['name', { expression: hclString(iamPolicyName(document)) }],
          ['role', { expression: hclString(answerOr(answers, 'roleName')) }],
          policy,
        ]),
      ];
    default:
      return unhandledKind(document.kind);
  }
}

/**
 * Terraform (AWS provider) resources: aws_kms_key_policy, aws_iam_role_policy,
 * aws_s3_bucket_policy and aws_iam_policy, with each policy in a heredoc
 * exactly as the wizard shows it, and the trust policy as a commented
 * aws_iam_role example. Keys in another account get their own provider.
 */
export function buildTerraform(answers: Answers, documents: readonly NeededDocument[]): string {
  const roleAccount = answerOr(answers, 'accountId');
  const providers = groupByAccount(answers, documents)
    .filter((group) => group.account !== roleAccount)
    .flatMap((group) => {
      const first = group.documents[0];
      const region = first === undefined ? undefined : keyRegionFor(first, answers);
      return [
        '',
        `# The key policies for account ${group.account} need credentials for that account.`,
        'provider "aws" {',
        `  alias  = ${hclString(providerAlias(group.account))}`,
        ...(region === undefined ? [] : [`  region = ${hclString(region)}`]),
        '  # For example:',
        '  # assume_role {',
        `  #   role_arn = "arn:${answers.partition}:iam::${group.account}:role/<key-admin-role-name>"`,
        '  # }',
        '}',
      ];
    });
  const resources = inApplyOrder(documents).flatMap((document) =>
    terraformResource(answers, document),
  );
  const code = [...providers, ...resources];
  const placeholders = placeholdersInCode(code);
  return [
    '# Terraform (AWS provider) resources for Amazon Personalize with KMS-encrypted data.',
    '# Generated by the Personalize KMS policy wizard. The default aws provider needs',
    `# credentials for the service role's account (${roleAccount}).`,
    ...(placeholders.length > 0
      ? [
          '# PLACEHOLDERS to fill in (in the wizard, or here) before terraform plan:',
          ...placeholderList(placeholders, '# - '),
        ]
      : []),
    ...code,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------
// 4. Preflight checks

export type CheckLevel = 'ok' | 'warning' | 'error';

export interface Check {
  /** A stable identifier, such as `size:key-policy` or `placeholders`. */
  id: string;
  level: CheckLevel;
  message: string;
}

function sizeCheck(
  id: string,
  what: string,
  size: number,
  limit: number,
  unit: string,
  note = '',
): Check {
  return size <= limit
    ? {
        id,
        level: 'ok',
        message: `${what}: ${withThousands(size)} of at most ${withThousands(limit)} ${unit}.${note}`,
      }
    : {
        id,
        level: 'error',
        message: `${what}: ${withThousands(size)} ${unit}, more than the ${withThousands(limit)} AWS accepts. Remove statements or split it.`,
      };
}

function sizeChecks(documents: readonly NeededDocument[]): Check[] {
  const checks = documents.flatMap((document): Check[] => {
    const sizeLimit = KIND_FACTS[document.kind].sizeLimit;
    if (sizeLimit === undefined) return [];
    const { limit, measured } = sizeLimit;
    return [
      sizeCheck(
        `size:${document.id}`,
        document.title,
        measured.measure(document.json),
        limit,
        measured.unit,
      ),
    ];
  });
  // IAM limits the role's inline policies together, not one by one.
  const inline = documents.filter((document) => document.kind === 'iam-policy');
  if (inline.length > 0) {
    checks.push(
      sizeCheck(
        'size:role-inline-policies',
        `The service role’s inline policies together (${inline.map(iamPolicyName).join(', ')})`,
        inline.reduce((sum, document) => sum + IAM_CHARACTERS.measure(document.json), 0),
        LIMITS.inlineRolePolicyChars,
        IAM_CHARACTERS.unit,
        ' Other inline policies of the role count towards the same limit.',
      ),
    );
  }
  return checks;
}

function listValues(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

const ROOT_PRINCIPAL = /^arn:([\w-]+):iam::\d{12}:root$/;
const SERVICE_PRINCIPAL_SHAPE = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/;

function awsPrincipalProblem(value: string, answers: Answers): string | undefined {
  if (ACCOUNT_ID.test(value)) return undefined;
  const root = ROOT_PRINCIPAL.exec(value);
  const role = root ? undefined : parseRoleArn(value);
  if (role && !role.ok) return `${value} is not a role ARN: ${role.message}`;
  const partition = root ? root[1] : role?.role.partition;
  if (partition !== answers.partition) {
    return `${value} is in the ${partition ?? 'unknown'} partition, not ${answers.partition}`;
  }
  return undefined;
}

function principalProblems(answers: Answers, document: NeededDocument): string[] {
  return document.policy.Statement.flatMap((statement) => {
    const principal: Principal | '*' | undefined = statement.Principal;
    if (principal === undefined) return [];
    if (principal === '*') return [`${document.title} allows everyone ("Principal": "*")`];
    const aws = listValues(principal.AWS).flatMap((value) => {
      if (findPlaceholders(value).length > 0) return []; // reported as a placeholder
      if (value === '*') return [`${document.title} allows every AWS account ("AWS": "*")`];
      const problem = awsPrincipalProblem(value, answers);
      return problem === undefined ? [] : [`in the ${document.title}, ${problem}`];
    });
    const services = listValues(principal.Service).flatMap((value) =>
      SERVICE_PRINCIPAL_SHAPE.test(value)
        ? []
        : [`in the ${document.title}, ${value} is not a service principal`],
    );
    return [...aws, ...services];
  });
}

function principalChecks(answers: Answers, documents: readonly NeededDocument[]): Check[] {
  const withPrincipals = documents.filter((document) =>
    document.policy.Statement.some((statement) => statement.Principal !== undefined),
  );
  if (withPrincipals.length === 0) return [];
  const problems = withPrincipals.flatMap((document) => principalProblems(answers, document));
  return [
    problems.length === 0
      ? {
          id: 'principals',
          level: 'ok',
          message: 'Every principal is a well-formed role ARN, account or service.',
        }
      : {
          id: 'principals',
          level: 'error',
          message: `Fix these principals before applying: ${problems.join('; ')}.`,
        },
  ];
}

/** IAM's own grammar: alphanumeric Sids in IAM policies, and no Resource in a trust policy. */
function iamGrammarChecks(documents: readonly NeededDocument[]): Check[] {
  const iam = documents.filter((document) => KIND_FACTS[document.kind].iamGrammar);
  if (iam.length === 0) return [];
  const badSids = iam.flatMap((document) =>
    document.policy.Statement.flatMap((statement) =>
      statement.Sid !== undefined && !/^[A-Za-z0-9]*$/.test(statement.Sid)
        ? [`"${statement.Sid}" (${document.title})`]
        : [],
    ),
  );
  const checks: Check[] = [
    badSids.length === 0
      ? {
          id: 'sids',
          level: 'ok',
          message: 'Statement IDs in the IAM policies use letters and digits only.',
        }
      : {
          id: 'sids',
          level: 'error',
          message: `IAM accepts only letters and digits in a statement ID (Sid): change ${badSids.join(', ')}.`,
        },
  ];
  const trustWithResource = documents.filter(
    (document) =>
      document.kind === 'trust-policy' &&
      document.policy.Statement.some((statement) => statement.Resource !== undefined),
  );
  if (trustWithResource.length > 0) {
    checks.push({
      id: 'trust-resource',
      level: 'error',
      message: `IAM refuses a trust policy with a Resource element: remove it from ${trustWithResource.map((d) => d.title).join(', ')}.`,
    });
  }
  return checks;
}

function placeholderCheck(documents: readonly NeededDocument[]): Check {
  const left = documents.flatMap((document) => {
    const found = findPlaceholders(document.json);
    return found.length === 0 ? [] : [`${document.title} has ${found.join(', ')}`];
  });
  return left.length === 0
    ? { id: 'placeholders', level: 'ok', message: 'No placeholders are left in the documents.' }
    : {
        id: 'placeholders',
        level: 'error',
        message: `Answer the missing questions first: ${left.join('; ')}. AWS would refuse these values, or accept a policy that never matches.`,
      };
}

function regionChecks(answers: Answers): Check[] {
  const regions: readonly string[] = PERSONALIZE_REGIONS[answers.partition];
  let region: Check;
  if (answers.region === '') {
    region = {
      id: 'region',
      level: 'warning',
      message: `No region given, so the keys’ regions cannot be checked. Choose the region of your Personalize resources (${regions.join(', ')}).`,
    };
  } else if (regions.includes(answers.region)) {
    region = {
      id: 'region',
      level: 'ok',
      message: `Amazon Personalize runs in ${answers.region}.`,
    };
  } else {
    region = {
      id: 'region',
      level: 'error',
      message: `Amazon Personalize does not run in ${answers.region} in the ${answers.partition} partition. Choose one of: ${regions.join(', ')}.`,
    };
  }
  const note = PARTITION_NOTES[answers.partition];
  const partition: Check =
    note === undefined
      ? {
          id: 'partition',
          level: 'ok',
          message: `Amazon Personalize runs in the ${answers.partition} partition.`,
        }
      : { id: 'partition', level: 'warning', message: note };
  return [region, partition];
}

function keyCheck(answers: Answers, document: NeededDocument): Check {
  const id = `key:${document.id}`;
  const arn = keyArnFor(document);
  const key = parseKeyArn(arn);
  if (!key) {
    return {
      id,
      level: 'warning',
      message: `No key ARN given for the ${document.title}, so its region cannot be checked; the commands show ${arn} instead.`,
    };
  }
  if (key.partition !== answers.partition) {
    return {
      id,
      level: 'error',
      message: `The key ${arn} is in the ${key.partition} partition, but the role is in ${answers.partition}.`,
    };
  }
  if (answers.region !== '' && key.region !== answers.region) {
    return {
      id,
      level: 'error',
      message: `The key ${arn} is in ${key.region}, but your Personalize resources are in ${answers.region}. KMS keys are regional: use a key in ${answers.region}.`,
    };
  }
  const warning = keyRegionWarning(key);
  if (warning !== undefined) return { id, level: 'warning', message: warning };
  return {
    id,
    level: 'ok',
    message: `The key for the ${document.title} is in ${key.region}, account ${key.accountId}.`,
  };
}

function bucketChecks(answers: Answers): Check[] {
  const warning = bucketNameWarning(answers.bucketName);
  return [
    ...(warning === undefined
      ? []
      : [{ id: 'bucket-name', level: 'warning' as const, message: warning }]),
    {
      id: 'vpc-bucket',
      level: 'warning',
      message:
        'Amazon Personalize cannot use a bucket that allows access only from a VPC. Check that the bucket’s policy has no statement that denies requests from outside your VPC or VPC endpoint (aws:SourceVpc, aws:SourceVpce).',
    },
  ];
}

/** What to check before applying the documents: a list of ok, warning or error, in plain words. */
export function preflightChecks(answers: Answers, documents: readonly NeededDocument[]): Check[] {
  return [
    ...sizeChecks(documents),
    ...principalChecks(answers, documents),
    ...iamGrammarChecks(documents),
    placeholderCheck(documents),
    ...regionChecks(answers),
    ...documents
      .filter((document) => document.kind === 'key-policy')
      .map((document) => keyCheck(answers, document)),
    ...bucketChecks(answers),
  ];
}
