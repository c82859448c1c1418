/**
 * The documents as a CloudFormation template (YAML): a resource for each
 * document a stack can own, and commented examples for the key and trust
 * policies, which CloudFormation sets only on a key or role the stack
 * creates. Pure: answers and documents in, text out.
 *
 * Sources: the rules file's section 6;
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kms-key.html;
 * https://yaml.org/spec/1.2.2/ (plain and double-quoted scalars).
 */
import type { Answers } from './answers';
import { accountFor, iamPolicyName, keyArnFor, unhandledKind } from './apply';
import { answerOr, type NeededDocument, roleArn } from './build';
import { EXPORT_NAMES, KIND_FACTS } from './export-facts';
import {
  comment,
  commentedOut,
  heading,
  inApplyOrder,
  PASSROLE_DESCRIPTION,
  placeholderList,
  missingPlaceholders,
  policyToPut,
  type ExportOptions,
} from './export-text';
import { isObject, parseJson, RawNumber } from './strict-json';

// The YAML is written here rather than by the yaml package: its stringify,
// bundled and minified alone, is 46.6 KiB (15.9 KiB gzip) with yaml 2.9.1
// (`node scripts/bench-yaml-size.mjs`), which would grow the review step's
// chunk by half (30.1 KiB gzip when measured: `npm run build`, then
// `node scripts/bench-size.mjs` lists it), and the template needs only plain
// data and one tag. The tests parse every template back with the yaml package,
// as YAML 1.1 and 1.2, with CloudFormation's tags.
//
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

/**
 * A scalar with a CloudFormation short-form tag, such as `!GetAtt Role.Arn`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html
 */
class YamlTag {
  constructor(
    readonly tag: '!GetAtt' | '!Ref',
    readonly value: string,
  ) {}
}

function isCollection(value: unknown): value is readonly unknown[] | Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof YamlTag) &&
    !(value instanceof RawNumber)
  );
}

function isEmptyCollection(value: readonly unknown[] | Record<string, unknown>): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

function yamlInline(value: unknown): string {
  if (typeof value === 'string') return yamlString(value);
  if (value instanceof YamlTag) return `${value.tag} ${yamlString(value.value)}`;
  // A number as the policy's text wrote it (1e400, 12345678901234567890, 1.0
  // stay as they are): JSON's number syntax is a YAML 1.1 and 1.2 number too.
  if (value instanceof RawNumber) return value.text;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (isCollection(value) && isEmptyCollection(value)) return '{}';
  // What JSON writes as null (null, and what it cannot hold) is null here too,
  // so writing a template never throws.
  return 'null';
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
 * quoted whenever a YAML parser could read them as anything else; a
 * RawNumber (strict-json.ts) is written as its text.
 */
export function toYaml(value: unknown, indent = 0): string {
  const lines =
    isCollection(value) && !isEmptyCollection(value)
      ? yamlNested(value, indent)
      : [`${' '.repeat(indent)}${yamlInline(value)}`];
  return `${lines.join('\n')}\n`;
}

function resource(logicalId: string, definition: Record<string, unknown>): string[] {
  return yamlMapping({ [logicalId]: definition }, 2);
}

/** A document in the template: comments before it, its resource, comments after it. */
interface CloudFormationParts {
  before: string[];
  definition: Record<string, unknown>;
  after?: string[];
}

/** The policy with each AWS principal that is the role's ARN replaced by `reference`. */
function referringToRole(policy: unknown, arn: string, reference: YamlTag): unknown {
  if (!isObject(policy) || !Array.isArray(policy.Statement)) return policy;
  const swap = (value: unknown) => (value === arn ? reference : value);
  const statements: unknown[] = policy.Statement;
  return {
    ...policy,
    Statement: statements.map((statement) => {
      if (!isObject(statement) || !isObject(statement.Principal)) return statement;
      const aws = statement.Principal.AWS;
      const AWS: unknown = Array.isArray(aws) ? aws.map(swap) : swap(aws);
      return { ...statement, Principal: { ...statement.Principal, AWS } };
    }),
  };
}

/** What a document's resource needs to know about the rest of the template. */
interface TemplateContext {
  options: ExportOptions;
  /** The logical ID of the role the template's trust policy example creates, if it has one. */
  role: string | undefined;
}

function cloudFormationParts(
  answers: Answers,
  document: NeededDocument,
  logicalId: string,
  context: TemplateContext,
): CloudFormationParts {
  const policy = document.policy as unknown as Record<string, unknown>;
  switch (document.kind) {
    case 'key-policy': {
      const keyAccount = accountFor(document, answers);
      const elsewhere =
        keyAccount === answerOr(answers, 'accountId')
          ? ''
          : ` This key is in account ${keyAccount}, so such a stack belongs to that account.`;
      // The merged policy as its text has it: parsed by the strict parser,
      // numbers kept as written (JSON.parse would turn 1e400 into Infinity).
      // The merge writes valid JSON; were it not, the template keeps the
      // wizard's own policy and does not call it merged.
      const put = policyToPut(document, context.options);
      const parsed = put.fileName === document.fileName ? undefined : parseJson(put.contents);
      const merged = parsed?.ok === true;
      const reviewed: unknown = parsed?.ok === true ? parsed.value : policy;
      // A key policy may name only principals that exist: when the stack
      // creates the role too (same account), the key refers to it, so
      // CloudFormation creates the role first.
      const role = keyAccount === answers.accountId ? context.role : undefined;
      const keyPolicy =
        role === undefined
          ? reviewed
          : referringToRole(reviewed, roleArn(answers), new YamlTag('!GetAtt', `${role}.Arn`));
      return {
        before: comment(
          [
            `CloudFormation can set the policy only of a key the stack creates (AWS::KMS::Key KeyPolicy). For the existing key ${keyArnFor(document)}, apply the key policy with the AWS CLI (see the runbook) or Terraform. To create a new key in a stack instead, uncomment this.${elsewhere}`,
            ...(merged
              ? [
                  'KeyPolicy is the key’s current policy with the Personalize statement merged in, as reviewed in the wizard.',
                ]
              : []),
            ...(role === undefined
              ? []
              : [
                  `It names the role the ${role} example below creates (!GetAtt ${role}.Arn, and DependsOn), so CloudFormation creates the role first: uncomment both. For an existing role, put its ARN, ${roleArn(answers)}, in place of the !GetAtt and remove DependsOn.`,
                ]),
          ].join(' '),
          2,
        ),
        definition: {
          Type: 'AWS::KMS::Key',
          ...(role === undefined ? {} : { DependsOn: role }),
          // Deleting the stack must not schedule the key, and the data it protects, for deletion.
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
          Properties: {
            Description: `${document.title} for Amazon Personalize`,
            // Only symmetric encryption keys support GenerateDataKey.
            KeySpec: 'SYMMETRIC_DEFAULT',
            EnableKeyRotation: true,
            KeyPolicy: keyPolicy,
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

function cloudFormationResource(
  answers: Answers,
  document: NeededDocument,
  context: TemplateContext,
): string[] {
  const logicalId = EXPORT_NAMES[document.id].logicalId;
  const {
    before,
    definition,
    after = [],
  } = cloudFormationParts(answers, document, logicalId, context);
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
 * CloudFormation sets only on a key or role the stack creates. With
 * `options.mergedKeyPolicies`, a key's KeyPolicy is its reviewed merge.
 */
export function buildCloudFormation(
  answers: Answers,
  documents: readonly NeededDocument[],
  options: ExportOptions = {},
): string {
  const ordered = inApplyOrder(documents);
  const trust = ordered.find((document) => document.kind === 'trust-policy');
  const context: TemplateContext = {
    options,
    role: trust === undefined ? undefined : EXPORT_NAMES[trust.id].logicalId,
  };
  const resources = ordered.flatMap((document) =>
    cloudFormationResource(answers, document, context),
  );
  // A key's ARN is named only in comments: a stack creates its own key.
  const placeholders = missingPlaceholders(answers, ordered, () => undefined);
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
