/**
 * Differential testing of the policy evaluator (src/policy/evaluate) against the IAM policy
 * simulator @cloud-copilot/iam-simulate (AGPL: tests only): a seeded generator of requests and
 * policies (KMS key, S3 bucket and role trust setups, with identity policies for roles), and the
 * simulator's verdict on each. Test-only.
 *
 * The simulator fills no condition keys itself: it sees exactly the context it is given. Each
 * case therefore carries two contexts: the evaluator's (the keys the case chose, with the rest
 * declared absent or, now and then, left unknown) and the simulator's (the same keys, plus the
 * keys the evaluator fills from the principal, written out here by hand from AWS's global
 * condition keys page, so that a wrong fill shows up as a disagreement).
 */
import {
  allowedContextKeysForRequest,
  runSimulation,
  runUnsafeSimulation,
} from '@cloud-copilot/iam-simulate';

import type {
  ContextValue,
  EvaluationRequest,
  NamedPolicy,
  PolicySet,
  ResourcePolicyKind,
} from '../evaluate';
import { simulation, type Verdict } from './simulator';

export type { Verdict };
export type Scenario = 'kms' | 's3' | 'trust';

export interface DifferentialCase {
  id: number;
  scenario: Scenario;
  /** Always with its resource: the simulator needs one. */
  request: EvaluationRequest & { resource: string };
  policies: PolicySet;
  /** What the simulator is given as the request context. */
  simulatorContext: Record<string, string | string[]>;
  /** The language features and setups the case exercises, for the coverage check. */
  features: Set<string>;
}

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/PersonalizeRole`;
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/Deployer`;
const CROSS_ROLE = `arn:aws:iam::${OTHER_ACCOUNT}:role/CrossAccountRole`;
const SERVICE = 'personalize.amazonaws.com';
const OTHER_SERVICE = 'glue.amazonaws.com';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OTHER_KEY = `arn:aws:kms:us-east-1:${OTHER_ACCOUNT}:key/0987dcba-09ba-87dc-65fe-0987654321ba`;
const BUCKET = 'arn:aws:s3:::data-bucket';
const OBJECT = `${BUCKET}/input/users.csv`;
const ROOT = (account: string) => `arn:aws:iam::${account}:root`;
const DATASET_GROUP = `arn:aws:personalize:us-east-1:${ACCOUNT}:dataset-group/shop`;

/** mulberry32: small, fast and the same everywhere for a given seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(private readonly random: () => number) {}

  chance(probability: number): boolean {
    return this.random() < probability;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    const item = list[Math.floor(this.random() * list.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  weighted<T>(list: readonly (readonly [number, T])[]): T {
    const total = list.reduce((sum, [weight]) => sum + weight, 0);
    let roll = this.random() * total;
    for (const [weight, value] of list) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return this.pick(list)[1];
  }

  /** Between min and max distinct items of the list. */
  some<T>(list: readonly T[], min: number, max: number): T[] {
    const count = Math.min(this.int(min, max), list.length);
    const chosen = new Set<T>();
    while (chosen.size < count) chosen.add(this.pick(list));
    return [...chosen];
  }
}

type KeyType = 'string' | 'arn' | 'numeric' | 'bool' | 'list';

interface ConditionKey {
  name: string;
  type: KeyType;
  /** Values a request may carry (lists for list keys). */
  requestValues: readonly ContextValue[];
  /** Values a policy may compare with. */
  policyValues: readonly string[];
}

const CONDITION_KEYS: readonly ConditionKey[] = [
  {
    name: 'aws:SourceAccount',
    type: 'string',
    requestValues: [ACCOUNT, OTHER_ACCOUNT],
    policyValues: [ACCOUNT, OTHER_ACCOUNT, '1111*', '????55556666'],
  },
  {
    name: 'aws:SourceArn',
    type: 'arn',
    requestValues: [
      DATASET_GROUP,
      `arn:aws:personalize:us-east-1:${OTHER_ACCOUNT}:dataset-group/x`,
    ],
    policyValues: [
      DATASET_GROUP,
      `arn:aws:personalize:us-east-1:${ACCOUNT}:*`,
      `arn:aws:personalize:*:${OTHER_ACCOUNT}:*`,
      'arn:aws:personalize:us-east-?:*:dataset-group/*',
    ],
  },
  {
    name: 'aws:PrincipalArn',
    type: 'arn',
    requestValues: [ROLE, DEPLOYER, CROSS_ROLE],
    policyValues: [
      ROLE,
      CROSS_ROLE,
      `arn:aws:iam::${ACCOUNT}:role/*`,
      'arn:aws:iam::*:role/Deploy?r',
    ],
  },
  {
    name: 'aws:PrincipalAccount',
    type: 'string',
    requestValues: [ACCOUNT, OTHER_ACCOUNT],
    policyValues: [ACCOUNT, OTHER_ACCOUNT],
  },
  {
    name: 'aws:PrincipalType',
    type: 'string',
    requestValues: ['AssumedRole', 'User'],
    policyValues: ['AssumedRole', 'assumedrole', 'User', 'Assumed*'],
  },
  {
    name: 'aws:PrincipalServiceName',
    type: 'string',
    requestValues: [SERVICE, OTHER_SERVICE],
    policyValues: [SERVICE, OTHER_SERVICE, '*.amazonaws.com', 'PERSONALIZE.amazonaws.com'],
  },
  {
    name: 'aws:PrincipalIsAWSService',
    type: 'bool',
    requestValues: ['true', 'false'],
    policyValues: ['true', 'false', 'True'],
  },
  {
    name: 'aws:SecureTransport',
    type: 'bool',
    requestValues: ['true', 'false'],
    policyValues: ['true', 'false'],
  },
  {
    name: 'aws:ViaAWSService',
    type: 'bool',
    requestValues: ['true', 'false'],
    policyValues: ['true', 'false'],
  },
  {
    name: 'aws:MultiFactorAuthAge',
    type: 'numeric',
    requestValues: ['30', '3600', '86400'],
    policyValues: ['30', '3600', '3600.5', '-1', '100000'],
  },
  {
    name: 'aws:PrincipalTag/team',
    type: 'string',
    requestValues: ['ml', 'data', 'ML'],
    policyValues: ['ml', 'ML', 'm?', 'da*', ''],
  },
  {
    name: 'aws:PrincipalOrgID',
    type: 'string',
    requestValues: ['o-abc123', 'o-zzz999'],
    policyValues: ['o-abc123', 'o-*', 'O-ABC123'],
  },
  {
    name: 'aws:CalledVia',
    type: 'list',
    requestValues: [[SERVICE], ['athena.amazonaws.com', SERVICE], [], ['athena.amazonaws.com']],
    policyValues: [SERVICE, 'athena.amazonaws.com', '*.amazonaws.com', 'glue.*'],
  },
  {
    name: 'aws:TagKeys',
    type: 'list',
    requestValues: [['team'], ['team', 'cost'], [], ['Team']],
    policyValues: ['team', 'cost', 'TEAM', 't*'],
  },
  {
    name: 'aws:PrincipalOrgPaths',
    type: 'list',
    requestValues: [['o-abc123/r-ab12/ou-ab12-11111111/'], ['o-zzz999/r-zz99/']],
    policyValues: ['o-abc123/*', 'o-abc123/r-ab12/ou-ab12-11111111/', 'o-*/r-zz99/'],
  },
  {
    name: 'kms:CallerAccount',
    type: 'string',
    requestValues: [ACCOUNT, OTHER_ACCOUNT],
    policyValues: [ACCOUNT, OTHER_ACCOUNT],
  },
  {
    name: 'kms:ViaService',
    type: 'string',
    requestValues: ['s3.us-east-1.amazonaws.com', 'personalize.us-east-1.amazonaws.com'],
    policyValues: ['s3.us-east-1.amazonaws.com', 's3.*.amazonaws.com', 'personalize.*'],
  },
  {
    name: 'kms:EncryptionContextKeys',
    type: 'list',
    requestValues: [['aws:s3:arn'], ['aws:personalize:datasetGroupArn', 'aws:s3:arn'], []],
    policyValues: ['aws:s3:arn', 'aws:personalize:*'],
  },
  {
    name: 's3:prefix',
    type: 'string',
    requestValues: ['input/', 'output/', ''],
    policyValues: ['input/', 'input/*', 'out*', ''],
  },
  {
    name: 's3:max-keys',
    type: 'numeric',
    requestValues: ['100', '1000'],
    policyValues: ['10', '1000', '100.0'],
  },
  {
    name: 'sts:ExternalId',
    type: 'string',
    requestValues: ['secret-1', 'secret-2'],
    policyValues: ['secret-1', 'secret-*'],
  },
];

const STRING_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
] as const;
const ARN_OPERATORS = ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'] as const;
const NUMERIC_OPERATORS = [
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
] as const;

/** Every operator the generator writes (besides a few AWS does not define or the evaluator skips). */
export const CONDITION_OPERATORS = [
  ...STRING_OPERATORS,
  ...ARN_OPERATORS,
  ...NUMERIC_OPERATORS,
  'Bool',
  'Null',
] as const;

/**
 * The coverage features of one condition operator as written (`ForAnyValue:StringLikeIfExists`):
 * `operator:StringLike`, `IfExists:StringLike`, `ForAnyValue:String`, `ForAnyValue:IfExists`.
 */
export function operatorFeatures(operator: string): string[] {
  const [qualifier, rest = ''] = operator.includes(':')
    ? operator.split(':')
    : [undefined, operator];
  const ifExists = rest.endsWith('IfExists');
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  const family = /^(String|Arn|Numeric|Bool|Null)/.exec(base)?.[1] ?? base;
  return [
    `operator:${base}`,
    ...(ifExists ? [`IfExists:${base}`] : []),
    ...(qualifier ? [`${qualifier}:${family}`] : []),
    ...(qualifier && ifExists ? [`${qualifier}:IfExists`] : []),
  ];
}

interface Setup {
  scenario: Scenario;
  principal: string;
  action: string;
  resource: string;
  resourceAccount: string;
}

/** The kind of resource policy each scenario's request is decided by. */
const POLICY_KIND: Readonly<Record<Scenario, ResourcePolicyKind>> = {
  kms: 'key-policy',
  s3: 'bucket-policy',
  trust: 'trust-policy',
};

function isService(principal: string): boolean {
  return principal.endsWith('.amazonaws.com');
}

const KMS_ACTIONS = [
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'kms:DescribeKey',
  'kms:ListGrants',
  'kms:CreateGrant',
  'kms:Encrypt',
  'kms:GenerateDataKeyWithoutPlaintext',
];
const S3_REQUESTS: readonly (readonly [string, string])[] = [
  ['s3:GetObject', OBJECT],
  ['s3:PutObject', OBJECT],
  ['s3:ListBucket', BUCKET],
  ['s3:GetBucketLocation', BUCKET],
];

function chooseSetup(dice: Dice): Setup {
  const scenario = dice.weighted<Scenario>([
    [45, 'kms'],
    [35, 's3'],
    [20, 'trust'],
  ]);
  const principal = dice.weighted([
    [35, SERVICE],
    [30, ROLE],
    [15, DEPLOYER],
    [20, CROSS_ROLE],
  ]);
  if (scenario === 'kms') {
    const resource = dice.chance(0.8) ? KEY : OTHER_KEY;
    return {
      scenario,
      principal,
      action: dice.pick(KMS_ACTIONS),
      resource,
      resourceAccount: resource === KEY ? ACCOUNT : OTHER_ACCOUNT,
    };
  }
  if (scenario === 's3') {
    const [action, resource] = dice.pick(S3_REQUESTS);
    return {
      scenario,
      principal,
      action,
      resource,
      resourceAccount: dice.chance(0.75) ? ACCOUNT : OTHER_ACCOUNT,
    };
  }
  const resource = dice.chance(0.8) ? ROLE : CROSS_ROLE;
  return {
    scenario,
    principal: resource === ROLE && principal === ROLE ? SERVICE : principal,
    action: 'sts:AssumeRole',
    resource,
    resourceAccount: resource === ROLE ? ACCOUNT : OTHER_ACCOUNT,
  };
}

const ACTION_PATTERNS: Record<Scenario, readonly string[]> = {
  kms: [
    'kms:Decrypt',
    'kms:*',
    'kms:De*',
    'kms:GenerateDataKey*',
    'kms:Generate?ataKey',
    'KMS:DECRYPT',
    'kms:Describe*',
    'kms:List*',
    'kms:*Grant*',
    'kms:Encrypt',
    '*',
    's3:*',
  ],
  s3: [
    's3:GetObject',
    's3:*',
    's3:Get*',
    's3:*Object',
    's3:List*',
    'S3:getobject',
    's3:PutObject',
    's3:GetBucket?ocation',
    '*',
    'kms:*',
  ],
  trust: [
    'sts:AssumeRole',
    'sts:*',
    'sts:Assume*',
    'STS:assumerole',
    'sts:TagSession',
    '*',
    'iam:PassRole',
  ],
};

const RESOURCE_PATTERNS: Record<Scenario, readonly string[]> = {
  kms: [
    '*',
    KEY,
    OTHER_KEY,
    `arn:aws:kms:*:${ACCOUNT}:key/*`,
    'arn:aws:kms:us-east-1:*:key/*',
    'arn:aws:kms:*',
    `arn:aws:kms:us-east-1:${ACCOUNT}:key/other`,
    'arn:aws:kms:us-east-?:*:key/*',
    `arn:aws:kms:us-east-1:${ACCOUNT}:*`,
    `arn:aws:kms:US-EAST-1:${ACCOUNT}:key/*`,
  ],
  s3: [
    '*',
    BUCKET,
    `${BUCKET}/*`,
    'arn:aws:s3:::data-*',
    `${BUCKET}/input/*`,
    'arn:aws:s3:::other-bucket/*',
    'arn:aws:s3:::data-bucke?/*',
    'arn:aws:s3:::*',
    `${BUCKET}/INPUT/*`,
  ],
  trust: [
    '*',
    ROLE,
    CROSS_ROLE,
    `arn:aws:iam::${ACCOUNT}:role/*`,
    'arn:aws:iam::*:role/service-role/*',
    `arn:aws:iam::${OTHER_ACCOUNT}:role/Other`,
  ],
};

const PRINCIPALS: readonly (readonly [number, unknown])[] = [
  [10, '*'],
  [4, { AWS: '*' }],
  [8, { AWS: ACCOUNT }],
  [5, { AWS: OTHER_ACCOUNT }],
  [8, { AWS: ROOT(ACCOUNT) }],
  [5, { AWS: ROOT(OTHER_ACCOUNT) }],
  [10, { AWS: ROLE }],
  [6, { AWS: DEPLOYER }],
  [8, { AWS: CROSS_ROLE }],
  [14, { Service: SERVICE }],
  [4, { Service: OTHER_SERVICE }],
  [4, { AWS: [ROLE, ACCOUNT] }],
  [6, { AWS: ROLE, Service: SERVICE }],
  [3, { AWS: [CROSS_ROLE, ROOT(ACCOUNT)] }],
  [2, { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }],
  [2, { Federated: 'cognito-identity.amazonaws.com' }],
  [1, { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/PersonalizeRole/session-1` }],
];

// Mostly names that leave the requester in; a few that name it (cannot tell for a role).
const NOT_PRINCIPALS: readonly (readonly [number, unknown])[] = [
  [6, { Service: SERVICE }],
  [6, { Service: OTHER_SERVICE }],
  [5, { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }],
  [4, { AWS: [OTHER_ACCOUNT, `arn:aws:iam::${OTHER_ACCOUNT}:role/Other`] }],
  [2, { AWS: '*' }],
  [1, { AWS: ROOT(ACCOUNT) }],
  [1, { AWS: [ROLE, ROOT(ACCOUNT)] }],
];

interface Generation {
  dice: Dice;
  setup: Setup;
  features: Set<string>;
  /** Condition keys the policies use, by lower-case name. */
  keysUsed: Map<string, ConditionKey>;
  /** The condition keys the simulator accepts for this request. */
  allowedKeys: readonly ConditionKey[];
}

function keyAllowed(generation: Generation, key: ConditionKey): boolean {
  return generation.allowedKeys.includes(key);
}

function conditionValues(generation: Generation, key: ConditionKey, operator: string): string[] {
  const { dice, features } = generation;
  // Fewer values for numeric operators: any of three numbers mostly holds, so a Numeric
  // operator would seldom come out false.
  const values = dice.some(key.policyValues, 1, operator.includes('Numeric') ? 2 : 3);
  if (dice.chance(0.01) && !operator.startsWith('Numeric') && !operator.startsWith('Bool')) {
    features.add('policy-variable');
    return [...values, '${aws:username}'];
  }
  return values;
}

function operatorFor(generation: Generation, key: ConditionKey): string {
  const { dice, features } = generation;
  if (dice.chance(0.008)) {
    features.add('operator-not-supported');
    return dice.pick(['StringEqualsFoo', 'DateLessThan', 'IpAddress', 'stringequals']);
  }
  if (dice.chance(0.07)) return 'Null';
  let base: string;
  switch (key.type) {
    case 'string':
      base = dice.chance(0.97) ? dice.pick(STRING_OPERATORS) : dice.pick(NUMERIC_OPERATORS);
      break;
    case 'arn':
      base = dice.chance(0.7) ? dice.pick(ARN_OPERATORS) : dice.pick(STRING_OPERATORS);
      break;
    case 'numeric':
      base = dice.pick(NUMERIC_OPERATORS);
      break;
    case 'bool':
      base = 'Bool';
      break;
    case 'list':
      base = dice.pick(STRING_OPERATORS);
      break;
  }
  // Numeric keys are two of the twenty-odd: they take IfExists and a set qualifier more often,
  // so that each Numeric operator comes out both ways under each of them (the coverage check).
  const ifExists = dice.chance(key.type === 'numeric' ? 0.6 : 0.25) ? 'IfExists' : '';
  const setChance = key.type === 'list' ? 0.93 : key.type === 'numeric' ? 0.3 : 0.1;
  const set = dice.chance(setChance) ? `${dice.pick(['ForAnyValue', 'ForAllValues'])}:` : '';
  return `${set}${base}${ifExists}`;
}

function condition(generation: Generation): Record<string, Record<string, string[]>> {
  const { dice, setup, features, keysUsed } = generation;
  // Now and then a key the action does not define, which a request never carries.
  const usable = dice.chance(0.1) ? CONDITION_KEYS : generation.allowedKeys;
  const block: Record<string, Record<string, string[]>> = {};
  const operators = dice.int(1, 2);
  for (let index = 0; index < operators; index += 1) {
    const first = dice.pick(usable);
    // A second key under the same operator is mostly of the same type, as in real policies.
    const keys = dice.chance(0.3)
      ? [
          first,
          dice.pick(dice.chance(0.9) ? usable.filter((key) => key.type === first.type) : usable),
        ]
      : [first];
    const operator = operatorFor(generation, first);
    const entry: Record<string, string[]> = block[operator] ?? {};
    for (const key of keys) {
      // Names are case-insensitive: now and then write one in another case.
      const name = dice.chance(0.05) ? key.name.toUpperCase() : key.name;
      entry[name] =
        operator === 'Null'
          ? [dice.pick(['true', 'false'])]
          : conditionValues(generation, key, operator);
      keysUsed.set(key.name.toLowerCase(), key);
      features.add(`key:${key.type}`);
    }
    block[operator] = entry;
    for (const feature of operatorFeatures(operator)) features.add(feature);
  }
  if (Object.keys(block).length > 1) features.add('several-operators');
  if (Object.values(block).some((entry) => Object.keys(entry).length > 1)) {
    features.add('several-keys');
  }
  features.add(`condition-in:${setup.scenario}`);
  return block;
}

function actionElement(generation: Generation): Record<string, string | string[]> {
  const { dice, setup, features } = generation;
  const patterns = dice.some(ACTION_PATTERNS[setup.scenario], 1, 3);
  if (patterns.some((pattern) => pattern.includes('*') || pattern.includes('?'))) {
    features.add('action-wildcard');
  }
  const value = patterns.length === 1 && dice.chance(0.5) ? (patterns[0] ?? '*') : patterns;
  if (dice.chance(0.12)) {
    features.add('NotAction');
    return { NotAction: value };
  }
  return { Action: value };
}

function resourceElement(generation: Generation, inResourcePolicy: boolean) {
  const { dice, setup, features } = generation;
  if (setup.scenario === 'trust' && inResourcePolicy) return {};
  if (setup.scenario === 'kms' && inResourcePolicy && dice.chance(0.7)) return { Resource: '*' };
  const patterns = dice.some(RESOURCE_PATTERNS[setup.scenario], 1, 2);
  if (
    patterns.some((pattern) => pattern !== '*' && (pattern.includes('*') || pattern.includes('?')))
  ) {
    features.add('resource-wildcard');
  }
  if (dice.chance(0.1)) {
    features.add('NotResource');
    return { NotResource: patterns };
  }
  return { Resource: patterns.length === 1 ? (patterns[0] ?? '*') : patterns };
}

function statement(generation: Generation, inResourcePolicy: boolean, index: number) {
  const { dice, features } = generation;
  const effect = dice.chance(inResourcePolicy ? 0.3 : 0.25) ? 'Deny' : 'Allow';
  features.add(`${inResourcePolicy ? 'resource' : 'identity'}-${effect}`);
  const out: Record<string, unknown> = {};
  if (dice.chance(0.5)) out.Sid = `S${index}`;
  out.Effect = effect;
  if (inResourcePolicy) {
    if (dice.chance(0.08)) {
      const notPrincipal = dice.weighted(NOT_PRINCIPALS);
      out.NotPrincipal = notPrincipal;
      features.add('NotPrincipal');
    } else {
      const principal = dice.weighted(PRINCIPALS);
      out.Principal = principal;
      features.add(`principal:${JSON.stringify(principal)}`);
    }
  }
  Object.assign(out, actionElement(generation), resourceElement(generation, inResourcePolicy));
  if (dice.chance(0.35)) out.Condition = condition(generation);
  return out;
}

function policyOf(generation: Generation, name: string, inResourcePolicy: boolean): NamedPolicy {
  const { dice } = generation;
  const count = inResourcePolicy ? dice.int(1, 4) : dice.int(1, 3);
  const statements = Array.from({ length: count }, (_, index) =>
    statement(generation, inResourcePolicy, index),
  );
  if (statements.length > 1) generation.features.add('several-statements');
  return {
    name,
    document: {
      Version: '2012-10-17',
      Statement: statements.length === 1 && dice.chance(0.3) ? statements[0] : statements,
    },
  };
}

/**
 * The keys the evaluator fills from the principal, as the simulator must be given them:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 * (aws:PrincipalArn is the role's ARN for a role session; aws:PrincipalType AssumedRole;
 * aws:PrincipalServiceName only for a service principal).
 */
function keysFromPrincipal(principal: string): Record<string, string> {
  if (isService(principal)) {
    return { 'aws:PrincipalServiceName': principal, 'aws:PrincipalIsAWSService': 'true' };
  }
  return {
    'aws:PrincipalArn': principal,
    'aws:PrincipalAccount': principal.split(':')[4] ?? '',
    'aws:PrincipalType': 'AssumedRole',
    'aws:PrincipalIsAWSService': 'false',
  };
}

const KEYS_ABSENT_FOR_ROLES = ['aws:principalservicename'];

function contexts(generation: Generation) {
  const { dice, setup, features, keysUsed } = generation;
  const filled = keysFromPrincipal(setup.principal);
  const filledNames = new Map(
    Object.entries(filled).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const isRole = !isService(setup.principal);
  const ours: Record<string, ContextValue> = {};
  const absent: string[] = [];
  const simulator: Record<string, string | string[]> = { ...filled };
  for (const [name, key] of keysUsed) {
    const filledValue = filledNames.get(name);
    const knownAbsent = isRole && KEYS_ABSENT_FOR_ROLES.includes(name);
    if (filledValue !== undefined || knownAbsent) {
      // Now and then the caller says otherwise, which wins over the fill.
      if (dice.chance(0.05)) {
        const value = dice.pick(key.requestValues);
        ours[key.name] = value;
        simulator[key.name] = typeof value === 'string' ? value : [...value];
        features.add('filled-key-overridden');
      } else {
        features.add(knownAbsent ? 'filled-key-absent' : 'filled-key');
      }
      continue;
    }
    if (!keyAllowed(generation, key)) {
      // The simulator drops keys the action does not define: the request does not carry them.
      absent.push(key.name);
      features.add('key-not-for-this-action');
      continue;
    }
    const roll = dice.int(1, 100);
    if (roll <= 60) {
      const value = dice.pick(key.requestValues);
      ours[key.name] = value;
      simulator[key.name] = typeof value === 'string' ? value : [...value];
      features.add(typeof value === 'string' ? 'key-present' : 'key-present-list');
      if (typeof value !== 'string' && value.length === 0) features.add('key-present-empty-list');
    } else if (roll <= 98) {
      absent.push(key.name);
      features.add('key-absent');
    } else {
      features.add('key-unknown');
    }
  }
  return { ours, absent, simulator };
}

/** The condition keys the simulator accepts for each request, asked once per action and resource. */
async function allowedKeysFor(setups: readonly Setup[]): Promise<Map<string, ConditionKey[]>> {
  const map = new Map<string, ConditionKey[]>();
  for (const setup of setups) {
    const id = `${setup.action} ${setup.resource}`;
    if (map.has(id)) continue;
    const [service = '', action = ''] = setup.action.split(':');
    const names = await allowedContextKeysForRequest(
      service,
      action,
      setup.resource,
      false,
      undefined,
    );
    const allowed = new Set(names.map((name) => name.toLowerCase()));
    // Keys such as aws:PrincipalTag/team are listed with a variable after the slash.
    const accepts = (name: string) =>
      allowed.has(name) ||
      (name.includes('/') &&
        [...allowed].some((known) => known.startsWith(name.slice(0, name.indexOf('/') + 1))));
    map.set(
      id,
      CONDITION_KEYS.filter((key) => accepts(key.name.toLowerCase())),
    );
  }
  return map;
}

export async function generateCases(seed: number, count: number): Promise<DifferentialCase[]> {
  const dice = new Dice(seededRandom(seed));
  const setups = Array.from({ length: count }, () => chooseSetup(dice));
  const allowed = await allowedKeysFor(setups);
  return setups.map((setup, id) => {
    const generation: Generation = {
      dice,
      setup,
      features: new Set([`scenario:${setup.scenario}`]),
      keysUsed: new Map(),
      allowedKeys: allowed.get(`${setup.action} ${setup.resource}`) ?? [],
    };
    const { features } = generation;
    const service = isService(setup.principal);
    const sameAccount = setup.principal.split(':')[4] === setup.resourceAccount;
    features.add(service ? 'service-principal' : sameAccount ? 'same-account' : 'cross-account');
    features.add(`${setup.scenario}:${service ? 'service' : sameAccount ? 'same' : 'cross'}`);
    const identityCount = service ? (dice.chance(0.2) ? 1 : 0) : dice.int(0, 2);
    const identityPolicies = Array.from({ length: identityCount }, (_, index) =>
      policyOf(generation, `identity policy ${index + 1}`, false),
    );
    const bucketWithout = setup.scenario === 's3' && dice.chance(0.15);
    const resourcePolicy = bucketWithout
      ? null
      : policyOf(generation, POLICY_KIND[setup.scenario], true);
    if (bucketWithout) features.add('no-bucket-policy');
    const { ours, absent, simulator } = contexts(generation);
    return {
      id,
      scenario: setup.scenario,
      request: {
        principal: setup.principal,
        action: setup.action,
        resource: setup.resource,
        resourceAccount: setup.resourceAccount,
        context: ours,
        absentKeys: absent,
      },
      policies: { identityPolicies, resourcePolicy },
      simulatorContext: simulator,
      features,
    };
  });
}

/** The simulation of one case. Identity policies go to the simulator for roles only: a service
 * principal has none (the evaluator is given them anyway, and must ignore them). */
function simulationOf(testCase: DifferentialCase, resourcePolicy: unknown) {
  const { request, policies } = testCase;
  return simulation({
    principal: request.principal,
    action: request.action,
    resource: request.resource,
    resourceAccount: request.resourceAccount,
    context: testCase.simulatorContext,
    identityPolicies: isService(request.principal)
      ? []
      : (policies.identityPolicies ?? []).map(({ name, document }) => ({ name, policy: document })),
    resourcePolicy,
  });
}

/**
 * The simulator's verdict through runSimulation, which validates the policies, checks the
 * action and fits the context to the action's keys. Throws when it rejects the case or drops a
 * context key: the generator is meant to give it neither reason.
 */
export async function checkedSimulatorVerdict(testCase: DifferentialCase): Promise<Verdict> {
  const response = await runSimulation(
    simulationOf(testCase, testCase.policies.resourcePolicy?.document),
    {},
  );
  if (response.resultType === 'error') {
    throw new Error(
      `case ${testCase.id}: the simulator rejected it: ${JSON.stringify(response.errors)}`,
    );
  }
  if (response.resultType === 'single' && (response.result.ignoredContextKeys?.length ?? 0) > 0) {
    throw new Error(
      `case ${testCase.id}: the simulator ignored ${(response.result.ignoredContextKeys ?? []).join(', ')}`,
    );
  }
  return response.overallResult;
}

/**
 * The simulator's verdict through runUnsafeSimulation: the same authorization without the
 * validation and the action and context-key lookups, which cost more than half of each run.
 * The test checks it against checkedSimulatorVerdict on a sample of the cases.
 *
 * runUnsafeSimulation loads the resource policy without a name, then reads its name; handed
 * as @cloud-copilot/iam-policy's ValidatedPolicy shape (a document with metadata), it has one.
 */
export function simulatorVerdict(testCase: DifferentialCase): Verdict {
  const resource = testCase.policies.resourcePolicy;
  const validated = resource
    ? {
        __validated: true,
        policyDocument: resource.document,
        metadata: { name: resource.name },
        errors: [],
      }
    : undefined;
  return runUnsafeSimulation(simulationOf(testCase, validated), {});
}
