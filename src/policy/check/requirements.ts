/**
 * Every request a Personalize setup makes for a set of answers, each tied to what needs it (an
 * operation, or the encrypted dataset group), with the documents that decide it and the wizard's
 * own statement that grants it.
 *
 * Which action each operation needs is read from the guide's tables (RULES through
 * rulesApplying, S3_ACCESS_RULES, TRUST_RULE); who asks and on what resource is read from the
 * same tables' wording of the documents the wizard builds:
 * - a key policy rule's keyPolicyActions are asked for by the Personalize service principal,
 *   and its iamPolicyActions by the service role (the wizard's key policy names both, and its
 *   IAM policy grants the role the iamPolicyActions), on the key that rule's key policy is for;
 * - an S3 rule's roleActions are asked for by the role and its bucketPolicyActions by the
 *   service principal, on the bucket or its objects as S3_ACCESS_ACTION_INFO scopes them
 *   (cloudwatch:PutMetricData has no resource: the role's policies alone decide it);
 * - every operation, and an encrypted dataset group, needs Personalize to assume the role
 *   (sts:AssumeRole by the service principal on the role, decided by its trust policy).
 *
 * How each request's context is filled (AWS global condition keys,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
 * - every request: aws:SecureTransport is `true` (AWS services call each other over TLS), and
 *   aws:SourceVpc and aws:SourceVpce are absent (Personalize does not call from your VPC, which is
 *   why a VPC-only bucket blocks it:
 *   https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-s3-access.html);
 * - the service principal: aws:SourceAccount is the answers' account, and aws:SourceArn an ARN of
 *   a Personalize resource of that account in the answers' region, of the kind the operation
 *   creates (`arn:aws:personalize:us-east-1:111122223333:dataset-import-job/…`, the name unknown,
 *   written `…`): the trust policy AWS shows matches `arn:…:personalize:REGION:ACCOUNT:*`
 *   (https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html).
 *   Without a region, aws:SourceArn is unknown. kms:CreateGrant carries
 *   kms:GrantIsForAWSResource `true`: Personalize creates grants for the AWS resources it manages
 *   (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource);
 * - the role (its session, which Personalize makes): aws:SourceAccount and aws:SourceArn are
 *   absent (only a service calling for a resource carries them), kms:CallerAccount is the role's
 *   account; the evaluator fills aws:PrincipalArn, aws:PrincipalAccount and aws:PrincipalType.
 * Left unknown, so a condition on them that decides gives "cannot tell": kms:ViaService,
 * kms:EncryptionContext…, aws:SourceIp, aws:PrincipalOrgID, principal and resource tags,
 * aws:CalledVia, aws:ViaAWSService, the s3:x-amz-server-side-encryption headers, and the
 * object's key (an object ARN ends with `…`: a grant on the whole bucket's objects covers it, one
 * on a prefix does not). The bucket is taken to be in the answers' account (S3 ARNs do not say).
 */
import type { Answers, Operation } from '../answers';
import { OPERATIONS } from '../answers';
import {
  buildPolicies,
  roleArn,
  rulesApplying,
  type BuiltDocument,
  type NeededDocument,
} from '../build';
import { S3_ACCESS_ACTION_INFO, S3_ACCESS_RULES, TRUST_RULE } from '../companion-rules';
import { buildCompanionDocuments } from '../companions';
import type { PolicyStatement } from '../document';
import type { DocumentId } from '../document-facts';
import type { EvaluationRequest, PolicyKind } from '../evaluate';
import { SERVICE_PRINCIPAL } from '../partitions';
import type { Encrypted } from '../rules';
import { parseKeyArn } from '../validate';
import type { KeyPolicyField } from './types';

/** What needs a request: an operation, or the encrypted dataset group itself. */
export type Need = Operation | 'dataset-group';

/** The resource policy field that decides a request, or none (CloudWatch). */
export type ResourceField = KeyPolicyField | 'bucketPolicy' | 'trustPolicy';

/** The wizard's own grant of a request in one document: the document and its statement. */
export interface Grant {
  document: NeededDocument;
  statement: PolicyStatement | undefined;
}

export interface Requirement {
  need: Need;
  /** With its resource always given. */
  request: EvaluationRequest & { resource: string };
  /** The resource policy field that decides it; undefined for an identity-only request. */
  resourceField: ResourceField | undefined;
  /** The principal is the role, so the role's policies decide too. */
  byRole: boolean;
  /** The resource in words, for messages: "the bucket key (arn:…)". */
  resourceWords: string;
  /** Where the wizard's documents grant it, by the kind of document. */
  grants: Partial<Record<PolicyKind, Grant>>;
}

export interface KeyInUse {
  field: KeyPolicyField;
  arn: string;
  covers: readonly Encrypted[];
  /** The wizard's key policy for it. */
  document: NeededDocument;
}

export interface RequirementSet {
  requirements: Requirement[];
  /** What needs checking: the chosen operations in the wizard's order, then the dataset group. */
  needs: Need[];
  /** The answers not given yet without which the requests cannot be written, in words. */
  unanswered: string[];
  /** The role's ARN, when its account and name are answered. */
  role: string | undefined;
  service: string;
  keys: KeyInUse[];
  bucketArn: string | undefined;
  /** Everything the wizard builds for the answers, needed or not. */
  documents: readonly BuiltDocument[];
}

/** The kind of Personalize resource each need works for, in aws:SourceArn. */
const SOURCE_RESOURCE: Readonly<Record<Need, string>> = {
  import: 'dataset-import-job',
  export: 'dataset-export-job',
  'batch-inference': 'batch-inference-job',
  'batch-segment': 'batch-segment-job',
  'metric-reports': 'metric-attribution',
  'dataset-group': 'dataset-group',
};

/** What a key policy field's key is used for. */
function coversOf(answers: Answers, field: KeyPolicyField): Encrypted[] {
  if (field === 'key-policy-bucket') return ['bucket'];
  if (field === 'key-policy-dataset-group') return ['datasetGroup'];
  return [
    ...(answers.bucketEncrypted ? (['bucket'] as const) : []),
    ...(answers.datasetGroupEncrypted ? (['datasetGroup'] as const) : []),
  ];
}

const KEY_WORDS: Readonly<Record<KeyPolicyField, string>> = {
  'key-policy': 'the key',
  'key-policy-bucket': 'the bucket key',
  'key-policy-dataset-group': 'the dataset group key',
};

function isKeyPolicyField(id: DocumentId): id is KeyPolicyField {
  return id === 'key-policy' || id === 'key-policy-bucket' || id === 'key-policy-dataset-group';
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/** The wizard's statement in `document` that grants `action` to `principal` on `resource`. */
function grantIn(
  document: NeededDocument | undefined,
  action: string,
  principal: string | undefined,
  resource: string | undefined,
): Grant | undefined {
  if (!document) return undefined;
  const statement = document.policy.Statement.find((candidate) => {
    if (candidate.Effect !== 'Allow' || !asList(candidate.Action).includes(action)) return false;
    if (principal !== undefined) {
      const named =
        candidate.Principal === '*'
          ? []
          : [...asList(candidate.Principal?.AWS), ...asList(candidate.Principal?.Service)];
      if (!named.includes(principal)) return false;
    }
    if (resource !== undefined) {
      const resources = asList(candidate.Resource);
      if (!resources.includes(resource) && !resources.includes('*')) return false;
    }
    return true;
  });
  return { document, statement };
}

function neededDocument(
  documents: readonly BuiltDocument[],
  id: DocumentId,
): NeededDocument | undefined {
  const found = documents.find((document) => document.id === id);
  return found?.needed ? found : undefined;
}

/** The needs a rule's operations bring in, for these answers. */
function needsOf(answers: Answers, operations: readonly Operation[] | 'always'): Need[] {
  if (operations === 'always') return ['dataset-group'];
  return OPERATIONS.filter((op) => operations.includes(op) && answers.operations.includes(op));
}

export function requirementsFor(answers: Answers): RequirementSet {
  const kms = buildPolicies(answers).documents;
  const companions = buildCompanionDocuments(answers);
  const documents = [...kms, ...companions];
  const needs: Need[] = [
    ...OPERATIONS.filter((op) => answers.operations.includes(op)),
    ...(answers.datasetGroupEncrypted ? (['dataset-group'] as const) : []),
  ];
  const keys: KeyInUse[] = kms.flatMap((document) =>
    document.needed && isKeyPolicyField(document.id)
      ? [
          {
            field: document.id,
            arn: document.key?.arn ?? '',
            covers: coversOf(answers, document.id),
            document,
          },
        ]
      : [],
  );

  const unanswered: string[] = [];
  if (needs.length > 0 && answers.accountId === '') unanswered.push('the account ID');
  if (needs.length > 0 && answers.roleName === '') unanswered.push('the service role’s name');
  if (answers.operations.length > 0 && answers.bucketName === '') {
    unanswered.push('the bucket’s name');
  }
  for (const key of keys) {
    if (key.arn === '') unanswered.push(`the ARN of ${KEY_WORDS[key.field]}`);
  }
  const base = { needs, unanswered, service: SERVICE_PRINCIPAL, keys, documents };
  if (unanswered.length > 0) {
    return { ...base, requirements: [], role: undefined, bucketArn: undefined };
  }

  const role = roleArn(answers);
  const account = answers.accountId;
  const { partition } = answers;
  const bucketArn = `arn:${partition}:s3:::${answers.bucketName}`;
  const iamPolicy = neededDocument(documents, 'iam-policy');
  const s3Policy = neededDocument(documents, 's3-access-policy');
  const bucketPolicy = neededDocument(documents, 'bucket-policy');
  const trustPolicy = neededDocument(documents, 'trust-policy');

  const common = { 'aws:SecureTransport': 'true' };
  const commonAbsent = ['aws:SourceVpc', 'aws:SourceVpce'];
  const serviceContext = (need: Need, action: string) => ({
    ...common,
    'aws:SourceAccount': account,
    ...(answers.region === ''
      ? {}
      : {
          'aws:SourceArn': `arn:${partition}:personalize:${answers.region}:${account}:${SOURCE_RESOURCE[need]}/…`,
        }),
    ...(action === 'kms:CreateGrant' ? { 'kms:GrantIsForAWSResource': 'true' } : {}),
  });
  const roleContext = (action: string) => ({
    ...common,
    ...(action.startsWith('kms:') ? { 'kms:CallerAccount': account } : {}),
  });

  const requirements: Requirement[] = [];
  const seen = new Set<string>();
  const add = (requirement: Requirement) => {
    const { need, request } = requirement;
    const id = [need, request.principal, request.action, request.resource].join(' ');
    if (seen.has(id)) return;
    seen.add(id);
    requirements.push(requirement);
  };
  const request = (
    need: Need,
    principal: string,
    action: string,
    resource: string,
    resourceAccount: string,
  ): Requirement['request'] => {
    const byRole = principal === role;
    return {
      principal,
      action,
      resource,
      resourceAccount,
      context: byRole ? roleContext(action) : serviceContext(need, action),
      absentKeys: byRole ? [...commonAbsent, 'aws:SourceAccount', 'aws:SourceArn'] : commonAbsent,
    };
  };

  for (const key of keys) {
    const keyAccount = parseKeyArn(key.arn)?.accountId ?? account;
    const resourceWords = `${KEY_WORDS[key.field]} (${key.arn})`;
    for (const rule of rulesApplying(answers, key.covers)) {
      for (const need of needsOf(answers, rule.operations)) {
        const callers = [
          ...rule.keyPolicyActions.map((action) => ({ principal: SERVICE_PRINCIPAL, action })),
          ...rule.iamPolicyActions.map((action) => ({ principal: role, action })),
        ];
        for (const { principal, action } of callers) {
          const byRole = principal === role;
          const keyGrant = grantIn(key.document, action, principal, undefined);
          const identityGrant = byRole ? grantIn(iamPolicy, action, undefined, key.arn) : undefined;
          add({
            need,
            request: request(need, principal, action, key.arn, keyAccount),
            resourceField: key.field,
            byRole,
            resourceWords,
            grants: {
              ...(keyGrant ? { 'key-policy': keyGrant } : {}),
              ...(identityGrant ? { identity: identityGrant } : {}),
            },
          });
        }
      }
    }
  }

  for (const need of needs) {
    if (need === 'dataset-group') continue;
    for (const rule of S3_ACCESS_RULES.filter((candidate) => candidate.operation === need)) {
      const callers = [
        ...rule.roleActions.map((action) => ({ principal: role, action })),
        ...rule.bucketPolicyActions.map((action) => ({ principal: SERVICE_PRINCIPAL, action })),
      ];
      for (const { principal, action } of callers) {
        const byRole = principal === role;
        const { scope } = S3_ACCESS_ACTION_INFO[action];
        if (scope === 'any') {
          const grant = grantIn(s3Policy, action, undefined, '*');
          add({
            need,
            request: request(need, principal, action, '*', account),
            resourceField: undefined,
            byRole,
            resourceWords: 'any resource (it has none to name)',
            grants: grant ? { identity: grant } : {},
          });
          continue;
        }
        const resource = scope === 'bucket' ? bucketArn : `${bucketArn}/…`;
        const granted = scope === 'bucket' ? bucketArn : `${bucketArn}/*`;
        const grant = byRole
          ? grantIn(s3Policy, action, undefined, granted)
          : grantIn(bucketPolicy, action, SERVICE_PRINCIPAL, granted);
        add({
          need,
          request: request(need, principal, action, resource, account),
          resourceField: 'bucketPolicy',
          byRole,
          resourceWords:
            scope === 'bucket'
              ? `the bucket (${bucketArn})`
              : `the bucket’s objects (${bucketArn}/…)`,
          grants: grant ? { [byRole ? 'identity' : 'bucket-policy']: grant } : {},
        });
      }
    }
  }

  for (const need of needs) {
    const grant = grantIn(trustPolicy, TRUST_RULE.action, SERVICE_PRINCIPAL, undefined);
    add({
      need,
      request: request(need, SERVICE_PRINCIPAL, TRUST_RULE.action, role, account),
      resourceField: 'trustPolicy',
      byRole: false,
      resourceWords: `the service role (${role})`,
      grants: grant ? { 'trust-policy': grant } : {},
    });
  }

  return { ...base, requirements, role, bucketArn };
}
