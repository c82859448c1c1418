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
import { answerOr, type NeededDocument } from './build';
import { DOCUMENT_FACTS, KIND_FACTS } from './document-facts';
import {
  comment,
  commentedOut,
  heading,
  inApplyOrder,
  PASSROLE_DESCRIPTION,
  placeholderList,
  placeholdersInCode,
} from './export-text';

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
  const logicalId = DOCUMENT_FACTS[document.id].logicalId;
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
