/**
 * The documents as Terraform (AWS provider) resources, each policy in a
 * heredoc exactly as the wizard shows it. Pure: answers and documents in,
 * text out.
 *
 * Sources: the rules file's section 6;
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key_policy;
 * https://developer.hashicorp.com/terraform/language/expressions/strings (heredocs, escapes).
 */
import type { Answers } from './answers';
import { accountFor, iamPolicyName, keyArnFor, keyRegionFor, unhandledKind } from './apply';
import { answerOr, type NeededDocument } from './build';
import { EXPORT_NAMES } from './export-facts';
import {
  comment,
  commentedOut,
  groupByAccount,
  heading,
  inApplyOrder,
  PASSROLE_DESCRIPTION,
  placeholderList,
  missingPlaceholders,
  policyToPut,
  type ExportOptions,
} from './export-text';
import { parseKeyArn } from './validate';

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

function providerAlias(account: string): string {
  return `account_${account.replace(/\W/g, '_')}`;
}

function terraformKeyPolicy(
  answers: Answers,
  document: NeededDocument,
  options: ExportOptions,
): string[] {
  const reviewed = policyToPut(document, options);
  const merged = reviewed.fileName !== document.fileName;
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
      `For the key ${keyArn}. This replaces the key’s whole policy. It conflicts with the policy argument of aws_kms_key: if Terraform manages the key, set its policy there instead, never both. Destroying this resource does not delete the key; it resets the key to the default key policy, which drops the Personalize statement.${region === undefined ? '' : ` The provider must be in the key’s region, ${region}.`}${merged ? ' The policy is the key’s current policy with the Personalize statement merged in, as reviewed in the wizard.' : ''}`,
    ),
    ...hclBlock(`resource "aws_kms_key_policy" "${EXPORT_NAMES[document.id].terraformName}"`, [
      ...provider,
      // The provider stores the key ID; an ARN here would show a change on every plan.
      ['key_id', { expression: hclString(parseKeyArn(keyArn)?.keyId ?? '<key-id>') }],
      ['policy', { json: reviewed.contents }],
    ]),
  ];
}

function terraformResource(
  answers: Answers,
  document: NeededDocument,
  options: ExportOptions,
): string[] {
  const name = EXPORT_NAMES[document.id].terraformName;
  const policy: [string, HclValue] = ['policy', { json: document.json }];
  switch (document.kind) {
    case 'key-policy':
      return terraformKeyPolicy(answers, document, options);
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
 * exactly as the wizard shows it (a key's reviewed merge when given), and the trust policy as a commented
 * aws_iam_role example. Keys in another account get their own provider.
 */
export function buildTerraform(
  answers: Answers,
  documents: readonly NeededDocument[],
  options: ExportOptions = {},
): string {
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
    terraformResource(answers, document, options),
  );
  const code = [...providers, ...resources];
  const placeholders = missingPlaceholders(answers, inApplyOrder(documents), () => '<key-id>');
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
