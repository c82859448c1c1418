/**
 * Grants beyond what the chosen operations need, from the pasted documents only: each pasted
 * statement that allows the role or Personalize an action the wizard's own documents do not
 * grant (kms:* or s3:*, a key policy action no chosen operation needs), or on resources beyond
 * the answers' key and bucket, and a trust policy without the confused-deputy conditions.
 * Found by probing each statement with requests (not by reading its text), so a wildcard,
 * NotAction or a condition counts as AWS would read it. Least-privilege advice.
 */
import type { Answers } from '../answers';
import {
  describeStatement,
  statementLabel,
  statementsMatching,
  type NamedPolicy,
  type PolicyKind,
} from '../evaluate';
import { listInProse } from '../prose';
import { KMS_ACTIONS } from '../rules';
import { parseKeyArn } from '../validate';
import {
  capitalizedList,
  mayName,
  serviceOf,
  statementsOf,
  type Pasted,
  type Source,
} from './pasted';
import type { Requirement, RequirementSet } from './requirements';
import type { CheckFinding } from './types';

/** KMS actions beyond the wizard's that would let a principal change or destroy the key. */
const KMS_PROBES = [
  ...KMS_ACTIONS,
  'kms:Encrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:RetireGrant',
  'kms:RevokeGrant',
  'kms:PutKeyPolicy',
  'kms:DisableKey',
  'kms:ScheduleKeyDeletion',
];
const S3_PROBES = [
  's3:GetObject',
  's3:PutObject',
  's3:ListBucket',
  's3:DeleteObject',
  's3:PutBucketPolicy',
  's3:DeleteBucket',
];

interface Extra {
  source: Source;
  index: number;
  principals: Set<string>;
  actions: Set<string>;
  everywhere: Set<string>;
}

export function overGrantFindings(
  answers: Answers,
  set: RequirementSet,
  pasted: Pasted,
): CheckFinding[] {
  if (set.requirements.length === 0 || !set.role || !set.bucketArn) return [];
  const role = set.role;
  const extras = new Map<string, Extra>();
  const note = (
    policy: NamedPolicy,
    index: number,
    principal: string,
    action: string,
    everywhere: boolean,
  ) => {
    const source = pasted.sources.get(policy.name);
    if (!source) return;
    const id = `${policy.name}#${String(index)}`;
    const extra = extras.get(id) ?? {
      source,
      index,
      principals: new Set<string>(),
      actions: new Set<string>(),
      everywhere: new Set<string>(),
    };
    extra.principals.add(principal);
    (everywhere ? extra.everywhere : extra.actions).add(action);
    extras.set(id, extra);
  };
  // What the wizard's own documents grant is never an over-grant, whatever a rule's wording.
  const wizard = (id: string, kind: PolicyKind): [NamedPolicy, PolicyKind][] => {
    const document = set.documents.find((candidate) => candidate.id === id);
    return document?.needed ? [[{ name: document.title, document: document.policy }, kind]] : [];
  };
  const beyondWizard = (
    documents: readonly [NamedPolicy, PolicyKind][],
    template: Requirement['request'],
    actions: readonly string[],
  ) =>
    actions.filter(
      (action) =>
        !documents.some(([policy, kind]) =>
          statementsMatching(policy, { ...template, action }, kind).verdicts.some(
            (verdict) =>
              verdict.ref.effect === 'Allow' &&
              (kind === 'identity' ? verdict.applies : verdict.appliesDirectly) === 'yes',
          ),
        ),
    );
  const probe = (
    policy: NamedPolicy,
    kind: PolicyKind,
    template: Requirement['request'],
    actions: readonly string[],
    everywhere = false,
  ) => {
    const [first] = actions;
    if (first === undefined || !mayName(policy, serviceOf(first))) return;
    for (const action of actions) {
      const { verdicts } = statementsMatching(policy, { ...template, action }, kind);
      for (const verdict of verdicts) {
        const applies = kind === 'identity' ? verdict.applies : verdict.appliesDirectly;
        if (verdict.ref.effect === 'Allow' && applies === 'yes') {
          note(policy, verdict.ref.index, template.principal, action, everywhere);
        }
      }
    }
  };
  const templateFor = (principal: string, resource: string): Requirement['request'] =>
    set.requirements.find((requirement) => requirement.request.principal === principal)
      ?.request ?? {
      principal,
      action: '',
      resource,
      resourceAccount: answers.accountId,
    };
  const at = (request: Requirement['request'], resource: string, resourceAccount: string) => ({
    ...request,
    resource,
    resourceAccount,
  });

  const rolePolicies = pasted.rolePolicies() ?? [];
  for (const key of set.keys) {
    const keyAccount = parseKeyArn(key.arn)?.accountId ?? answers.accountId;
    const keyPolicy = pasted.resourcePolicy(key.field);
    for (const principal of [set.service, role]) {
      const template = at(templateFor(principal, key.arn), key.arn, keyAccount);
      const extra = beyondWizard(
        [
          ...wizard(key.field, 'key-policy'),
          ...(principal === role ? wizard('iam-policy', 'identity') : []),
        ],
        template,
        KMS_PROBES,
      );
      if (keyPolicy) probe(keyPolicy, 'key-policy', template, extra);
      if (principal === role) {
        for (const policy of rolePolicies) probe(policy, 'identity', template, extra);
      }
    }
  }
  // The role's KMS grants on any key: a key it has no business with stands for "every key".
  if (set.keys.length > 0) {
    const [first] = set.keys;
    const arn = first ? parseKeyArn(first.arn) : undefined;
    if (arn) {
      const ids = ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
      const unused = ids.find((id) => set.keys.every((key) => !key.arn.endsWith(id))) ?? '';
      const otherKey = `arn:${arn.partition}:kms:${arn.region}:${answers.accountId}:key/${unused}`;
      const template = at(templateFor(role, otherKey), otherKey, answers.accountId);
      const extra = beyondWizard(wizard('iam-policy', 'identity'), template, KMS_PROBES);
      for (const policy of rolePolicies) probe(policy, 'identity', template, extra, true);
    }
  }
  const bucketPolicy = pasted.resourcePolicy('bucketPolicy');
  const objectArn = `${set.bucketArn}/…`;
  for (const principal of [set.service, role]) {
    const onBucket = S3_PROBES.filter((action) => action.includes('Bucket'));
    const onObjects = S3_PROBES.filter((action) => !onBucket.includes(action));
    const bucketTemplate = at(
      templateFor(principal, set.bucketArn),
      set.bucketArn,
      answers.accountId,
    );
    const objectTemplate = at(bucketTemplate, objectArn, answers.accountId);
    const own =
      principal === role
        ? wizard('s3-access-policy', 'identity')
        : wizard('bucket-policy', 'bucket-policy');
    const policies: [NamedPolicy, PolicyKind][] = [
      ...(bucketPolicy ? [[bucketPolicy, 'bucket-policy'] as [NamedPolicy, PolicyKind]] : []),
      ...(principal === role
        ? rolePolicies.map((policy) => [policy, 'identity'] as [NamedPolicy, PolicyKind])
        : []),
    ];
    for (const [policy, kind] of policies) {
      probe(policy, kind, bucketTemplate, beyondWizard(own, bucketTemplate, onBucket));
      probe(policy, kind, objectTemplate, beyondWizard(own, objectTemplate, onObjects));
    }
  }
  const otherBucket = `arn:${answers.partition}:s3:::another-bucket-${answers.accountId}`;
  const otherTemplate = at(templateFor(role, otherBucket), `${otherBucket}/…`, answers.accountId);
  for (const policy of rolePolicies) {
    probe(
      policy,
      'identity',
      otherTemplate,
      beyondWizard(wizard('s3-access-policy', 'identity'), otherTemplate, [
        's3:GetObject',
        's3:PutObject',
      ]),
      true,
    );
  }

  const findings: CheckFinding[] = [...extras.values()].map((extra) => {
    const statement = statementsOf(extra.source.document)[extra.index];
    const described = describeStatement(statement, extra.index);
    const whom = listInProse(
      [...extra.principals].map((principal) =>
        principal === role ? 'the service role' : principal,
      ),
    );
    const details: string[] = [];
    if (extra.actions.size > 0) {
      details.push(
        `It allows ${whom} ${listInProse([...extra.actions])}, which none of the chosen operations needs.`,
      );
    }
    if (extra.everywhere.size > 0) {
      details.push(
        `It allows ${listInProse([...extra.everywhere])} on resources beyond the key and bucket in the answers (Resource "*" or a wildcard): scope it to their ARNs.`,
      );
    }
    details.push(`As pasted: ${described.effect} ${described.principal}, ${described.actions}.`);
    return {
      id: `over-grant:${extra.source.field}:${extra.source.words}:${String(extra.index)}`,
      group: 'over-grant',
      status: 'warning',
      title: `${capitalizedList([described.label])} of ${extra.source.words} grants more than the chosen operations need`,
      details,
      fix: {
        summary: `Narrow ${described.label} of ${extra.source.words} to the actions and resources the documents in Review grant (least privilege).`,
      },
    };
  });

  // A trust policy that admits Personalize for any account's resources invites the confused deputy.
  const trust = pasted.resourcePolicy('trustPolicy');
  const trustRequirement = set.requirements.find(
    (requirement) => requirement.resourceField === 'trustPolicy',
  );
  if (trust && trustRequirement) {
    const stranger = answers.accountId === '000000000000' ? '999999999999' : '000000000000';
    const { verdicts } = statementsMatching(
      trust,
      {
        ...trustRequirement.request,
        context: {
          ...trustRequirement.request.context,
          'aws:SourceAccount': stranger,
          'aws:SourceArn': `arn:${answers.partition}:personalize:${answers.region || 'us-east-1'}:${stranger}:dataset-group/…`,
        },
      },
      'trust-policy',
    );
    const open = verdicts.filter(
      (verdict) => verdict.ref.effect === 'Allow' && verdict.appliesDirectly === 'yes',
    );
    for (const verdict of open) {
      const label = statementLabel(verdict.ref.index, verdict.ref.sid);
      findings.push({
        id: `over-grant:trustPolicy:${String(verdict.ref.index)}`,
        group: 'over-grant',
        status: 'warning',
        title: `${capitalizedList([label])} of the trust policy lets Personalize assume the role for any account’s resources`,
        details: [
          'Without aws:SourceAccount and aws:SourceArn conditions for your own account, Personalize could be asked to use this role for someone else’s resources (the confused deputy problem): https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html',
        ],
        fix: {
          summary: 'Put the trust policy shown in Review, which has both conditions.',
          ...(() => {
            const document = set.documents.find((candidate) => candidate.id === 'trust-policy');
            return document?.needed ? { copy: document.json } : {};
          })(),
        },
      });
    }
  }
  return findings;
}
