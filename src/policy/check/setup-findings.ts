/**
 * Setup facts that break Personalize whatever the policies say, read from the pasted documents
 * and the collected facts: a VPC-only bucket, a key in another region, a key that is not
 * enabled, a role from another account, a trust policy for another account or without
 * Personalize, and a bucket that encrypts with another key than the answers'.
 */
import type { Answers } from '../answers';
import { statementLabel, visibleText } from '../evaluate';
import { listInProse } from '../prose';
import { isObject } from '../strict-json';
import { parseKeyArn } from '../validate';
import type { ReadInputs } from './inputs';
import { capitalizedList, statementsOf, type Pasted } from './pasted';
import type { RequirementSet } from './requirements';
import { type CheckFinding, type SetupFacts, SETUP_FINDING_IDS } from './types';
import { limitsToVpc, vpcDenyingStatements } from './vpc';

function conditionEntries(
  statement: unknown,
): { operator: string; key: string; values: string[] }[] {
  if (!isObject(statement) || !isObject(statement.Condition)) return [];
  const entries: { operator: string; key: string; values: string[] }[] = [];
  for (const [operator, block] of Object.entries(statement.Condition)) {
    if (!isObject(block)) continue;
    for (const [key, value] of Object.entries(block)) {
      const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
      entries.push({
        operator,
        key: key.toLowerCase(),
        values: values.filter((item): item is string => typeof item === 'string'),
      });
    }
  }
  return entries;
}

function namesService(statement: unknown, service: string): boolean {
  if (!isObject(statement) || statement.Effect !== 'Allow') return false;
  const { Principal: principal } = statement;
  if (principal === '*') return true;
  if (!isObject(principal)) return false;
  const list = (value: unknown): unknown[] =>
    typeof value === 'string' ? [value] : Array.isArray(value) ? (value as unknown[]) : [];
  return list(principal.Service).includes(service) || list(principal.AWS).includes('*');
}

export function vpcFinding(pasted: Pasted, facts: SetupFacts | undefined): CheckFinding[] {
  const policy = pasted.resourcePolicy('bucketPolicy');
  const statements = policy ? statementsOf(policy.document) : [];
  const labels = policy
    ? vpcDenyingStatements(policy.document).map((index) => {
        const statement = statements[index];
        return statementLabel(index, isObject(statement) ? statement.Sid : undefined);
      })
    : [];
  const onlyAllows = labels.length === 0 && policy != null && limitsToVpc(policy.document);
  if (labels.length === 0 && !onlyAllows && facts?.bucket?.vpcOnly !== true) return [];
  return [
    {
      id: SETUP_FINDING_IDS.vpcOnlyBucket,
      group: 'setup',
      status: 'fails',
      title: 'The bucket policy only allows access from a VPC',
      details: [
        labels.length > 0
          ? `${capitalizedList(labels)} of the bucket policy ${labels.length > 1 ? 'deny' : 'denies'} requests that do not come from a VPC or VPC endpoint (aws:SourceVpc, aws:SourceVpce). Personalize does not reach the bucket from your VPC, so every job that reads or writes it fails.`
          : onlyAllows
            ? 'Every statement of the bucket policy that allows Personalize allows it only from a VPC or VPC endpoint (aws:SourceVpc, aws:SourceVpce). Personalize does not reach the bucket from your VPC, so every job that reads or writes it fails.'
            : 'The collected facts say the bucket policy limits access to a VPC. Personalize does not reach the bucket from your VPC, so every job that reads or writes it fails.',
        'Amazon Personalize cannot use a bucket whose policy allows access only from a VPC: https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-s3-access.html',
      ],
      fix: {
        summary:
          labels.length > 0
            ? `Remove or narrow ${listInProse(labels)} of the bucket policy so that it does not apply to Personalize (for example, keep the VPC rule for a separate bucket and give Personalize its own).`
            : 'Use a bucket without a VPC-only bucket policy for Personalize.',
      },
    },
  ];
}

export function keyFindings(
  answers: Answers,
  set: RequirementSet,
  facts: SetupFacts | undefined,
): CheckFinding[] {
  const findings: CheckFinding[] = [];
  for (const key of set.keys) {
    const arn = parseKeyArn(key.arn);
    if (!arn) continue;
    const factRegion = facts?.keys?.find((fact) => fact.arn === key.arn)?.region;
    const region = factRegion ?? arn.region;
    if (answers.region !== '' && region !== answers.region) {
      findings.push({
        id: `${SETUP_FINDING_IDS.keyRegion}:${key.field}`,
        group: 'setup',
        status: 'fails',
        title: `The key is in ${region}, the Personalize resources in ${answers.region}`,
        details: [
          `KMS keys are regional: Personalize in ${answers.region} cannot use ${key.arn}. KMS answers that the key “does not exist in this region”.`,
        ],
        fix: {
          summary: `Use a key in ${answers.region} (create one, or a multi-Region replica of this key there), and give its ARN in the wizard.`,
        },
      });
    }
  }
  for (const fact of facts?.keys ?? []) {
    const state = fact.state;
    if (state === undefined || state === 'Enabled') continue;
    const inUse = set.keys.some((key) => key.arn === fact.arn || key.arn.endsWith(`/${fact.arn}`));
    if (!inUse) continue;
    const words =
      state === 'PendingDeletion' || state === 'PendingReplicaDeletion'
        ? 'is scheduled for deletion'
        : state === 'Disabled'
          ? 'is disabled'
          : `is in the state ${visibleText(state)}, not Enabled`;
    findings.push({
      id: `${SETUP_FINDING_IDS.keyState}:${fact.arn}`,
      group: 'setup',
      status: 'fails',
      title: `The key ${words}`,
      details: [
        `KMS refuses every cryptographic request with a key that is not Enabled (KMSInvalidStateException), whatever the policies say: ${fact.arn}. https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html`,
      ],
      fix: {
        summary:
          state === 'PendingDeletion'
            ? 'Cancel the key’s deletion and enable it again.'
            : 'Enable the key.',
        copy:
          state === 'PendingDeletion'
            ? `aws kms cancel-key-deletion --key-id ${fact.arn}\naws kms enable-key --key-id ${fact.arn}\n`
            : `aws kms enable-key --key-id ${fact.arn}\n`,
      },
    });
  }
  return findings;
}

/** The pasted role (get-role output) is not the answers' role: another name or account. */
export function pastedRoleFinding(set: RequirementSet, read: ReadInputs): CheckFinding[] {
  const pastedArn = read.trustRoleArn;
  if (pastedArn === undefined || set.role === undefined || pastedArn === set.role) return [];
  const account = pastedArn.split(':')[4] ?? '';
  const answered = set.role.split(':')[4] ?? '';
  const otherAccount = account !== answered;
  return [
    {
      id: SETUP_FINDING_IDS.pastedRole,
      group: 'setup',
      status: otherAccount ? 'fails' : 'warning',
      title: otherAccount
        ? `The pasted role is in account ${visibleText(account)}, not ${answered}`
        : 'The pasted role is not the role in the answers',
      details: [
        `The trust policy was pasted from ${visibleText(pastedArn)}, while the answers name ${set.role}.`,
        ...(otherAccount
          ? [
              'Personalize takes a service role of the account its resources are in: a role from another account fails with “Cross-account pass role is not allowed”.',
            ]
          : []),
      ],
      fix: {
        summary: otherAccount
          ? `Use a role in account ${answered}, or answer the role’s own account and name in the wizard.`
          : 'Answer the pasted role’s name and path in the wizard, or paste the trust policy of the role in the answers.',
      },
    },
  ];
}

function sourceArnParts(value: string): { account: string; region: string } | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { region: parts[3] ?? '', account: parts[4] ?? '' };
}

const isWild = (text: string) => text.includes('*') || text.includes('?');

export function trustFindings(
  answers: Answers,
  set: RequirementSet,
  pasted: Pasted,
): CheckFinding[] {
  const policy = pasted.resourcePolicy('trustPolicy');
  if (!policy || set.needs.length === 0) return [];
  const statements = statementsOf(policy.document);
  const admitting = statements
    .map((statement, index) => ({ statement, index }))
    .filter(({ statement }) => namesService(statement, set.service));
  if (admitting.length === 0) {
    const trust = set.documents.find((document) => document.id === 'trust-policy');
    return [
      {
        id: SETUP_FINDING_IDS.trustPrincipal,
        group: 'setup',
        status: 'fails',
        title: `The trust policy does not let ${set.service} assume the role`,
        details: [
          `No Allow statement of the trust policy names the service principal ${set.service}, so Personalize cannot assume the role for any job.`,
        ],
        fix: {
          summary: 'Put the trust policy shown in Review.',
          ...(trust?.needed ? { copy: trust.json } : {}),
        },
      },
    ];
  }
  const account = answers.accountId;
  if (account === '') return [];
  const findings: CheckFinding[] = [];
  const negated = (operator: string) => operator.includes('Not');
  for (const { statement, index } of admitting) {
    const label = statementLabel(index, isObject(statement) ? statement.Sid : undefined);
    for (const entry of conditionEntries(statement)) {
      if (negated(entry.operator) || entry.values.length === 0) continue;
      if (entry.key === 'aws:sourceaccount') {
        const others = entry.values.filter((value) => !isWild(value) && value !== account);
        if (others.length === entry.values.length) {
          findings.push({
            id: `${SETUP_FINDING_IDS.trustSourceAccount}:${String(index)}`,
            group: 'setup',
            status: 'fails',
            title: `The trust policy’s aws:SourceAccount names ${listInProse(others.map(visibleText))}, not ${account}`,
            details: [
              `${capitalizedList([label])} of the trust policy admits Personalize only for resources of ${listInProse(others.map(visibleText))}. Personalize assumes the role for resources of ${account}, so every job fails to assume it.`,
            ],
            fix: {
              summary: `Set aws:SourceAccount to ${account} in ${label} of the trust policy.`,
            },
          });
        }
      }
      if (entry.key === 'aws:sourcearn') {
        const wrong = entry.values.filter((value) => {
          const parts = sourceArnParts(value);
          if (!parts) return false;
          const accountWrong = !isWild(parts.account) && parts.account !== account;
          const regionWrong =
            answers.region !== '' && !isWild(parts.region) && parts.region !== answers.region;
          return accountWrong || regionWrong;
        });
        if (wrong.length === entry.values.length) {
          findings.push({
            id: `${SETUP_FINDING_IDS.trustSourceArn}:${String(index)}`,
            group: 'setup',
            status: 'fails',
            title: `The trust policy’s aws:SourceArn does not match account ${account}${answers.region === '' ? '' : ` in ${answers.region}`}`,
            details: [
              `${capitalizedList([label])} of the trust policy admits Personalize only for ${listInProse(wrong.map((value) => visibleText(value)))}. Personalize assumes the role for resources of account ${account}${answers.region === '' ? '' : ` in ${answers.region}`}, so every job fails to assume it.`,
            ],
            fix: {
              summary: `Set aws:SourceArn to arn:${answers.partition}:personalize:${answers.region || '<region>'}:${account}:* in ${label} of the trust policy.`,
            },
          });
        }
      }
    }
  }
  return findings;
}

function sameKey(reported: string, arn: string): boolean {
  if (reported === arn) return true;
  return parseKeyArn(arn)?.keyId === reported;
}

export function bucketEncryptionFindings(
  answers: Answers,
  facts: SetupFacts | undefined,
): CheckFinding[] {
  const bucket = facts?.bucket;
  if (!bucket || answers.operations.length === 0) return [];
  const kms = bucket.encryption === 'aws:kms' || bucket.encryption === 'aws:kms:dsse';
  if (kms && !answers.bucketEncrypted) {
    return [
      {
        id: SETUP_FINDING_IDS.bucketEncryption,
        group: 'setup',
        status: 'fails',
        title: 'The bucket encrypts with a KMS key, but the answers say it is not encrypted',
        details: [
          `The bucket’s default encryption is ${visibleText(bucket.encryption ?? '')}${bucket.encryptionKey ? ` with ${visibleText(bucket.encryptionKey)}` : ''}: Personalize needs that key to read and write objects, and the wizard writes no key policy for it.`,
        ],
        fix: {
          summary: 'Answer that the bucket is encrypted with a KMS key, and give that key’s ARN.',
        },
      },
    ];
  }
  if (kms && answers.bucketEncrypted && answers.keyArn !== '' && bucket.encryptionKey) {
    if (bucket.encryptionKey.startsWith('alias/') || bucket.encryptionKey.includes(':alias/')) {
      return [
        {
          id: SETUP_FINDING_IDS.bucketEncryption,
          group: 'setup',
          status: 'cannot-tell',
          title: 'The bucket’s default encryption names a key alias',
          details: [
            `S3 reports ${visibleText(bucket.encryptionKey)}; whether it points at ${answers.keyArn} is not known here (aws kms describe-key --key-id ${visibleText(bucket.encryptionKey)} says).`,
          ],
        },
      ];
    }
    if (!sameKey(bucket.encryptionKey, answers.keyArn)) {
      return [
        {
          id: SETUP_FINDING_IDS.bucketEncryption,
          group: 'setup',
          status: 'fails',
          title: 'The bucket encrypts with another key than the one in the answers',
          details: [
            `New objects are encrypted with ${visibleText(bucket.encryptionKey)}, while the documents give Personalize ${answers.keyArn}. Personalize then cannot read or write the objects under the bucket’s key.`,
          ],
          fix: {
            summary:
              'Give the bucket’s key in the wizard, or set the bucket’s default encryption to the key in the answers.',
          },
        },
      ];
    }
  }
  if (bucket.encryption === 'AES256' && answers.bucketEncrypted) {
    return [
      {
        id: SETUP_FINDING_IDS.bucketEncryption,
        group: 'setup',
        status: 'warning',
        title: 'The bucket’s default encryption is S3-managed (SSE-S3), not a KMS key',
        details: [
          'Objects written without a KMS key need no key policy; objects already encrypted with the key in the answers still do.',
        ],
      },
    ];
  }
  return [];
}
