/**
 * Runs requests through the IAM policy simulator (@cloud-copilot/iam-simulate,
 * AGPL: tests only) and states the expected verdicts. Test-only.
 */
import {
  runSimulation,
  type Simulation,
  type SimulationIdentityPolicy,
} from '@cloud-copilot/iam-simulate';

import type { PolicyDocument } from '../index';

export type Verdict = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** The guide's five KMS actions, then sensitive ones nobody but administrators should get. */
export const CHECKED_KMS_ACTIONS = [
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:DescribeKey',
  'kms:ListGrants',
  'kms:Encrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKeyPair',
  'kms:Sign',
  'kms:CreateGrant',
  'kms:RetireGrant',
  'kms:RevokeGrant',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:DisableKey',
  'kms:EnableKey',
  'kms:UpdateKeyDescription',
  'kms:TagResource',
  'kms:ImportKeyMaterial',
] as const;

/** An identity policy that allows every KMS action on every key. */
export const ALLOW_ALL_KMS: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }],
};

export interface Request {
  principal: string;
  action: string;
  resource: string;
  /** The account that owns the resource. */
  resourceAccount: string;
  identityPolicies?: readonly unknown[];
  /** A key policy, bucket policy or trust policy. */
  resourcePolicy?: unknown;
  context?: Record<string, string>;
}

/**
 * One request as the simulator takes it (runSimulation and runUnsafeSimulation alike), decided
 * by identity policies and a resource policy only: the setups tested here have no service
 * control, resource control or session policies.
 */
export function simulation(request: {
  principal: string;
  action: string;
  resource: string;
  resourceAccount: string;
  context: Record<string, string | string[]>;
  identityPolicies: readonly SimulationIdentityPolicy[];
  /** A key policy, bucket policy or trust policy, if the resource has one. */
  resourcePolicy?: unknown;
}): Simulation {
  return {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: request.context,
    },
    identityPolicies: [...request.identityPolicies],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: request.resourcePolicy,
  };
}

/** The simulator's verdict on one request. */
export async function decide(request: Request): Promise<Verdict> {
  const response = await runSimulation(
    simulation({
      ...request,
      context: request.context ?? {},
      identityPolicies: (request.identityPolicies ?? []).map((policy, index) => ({
        name: `identity-${String(index)}`,
        policy,
      })),
    }),
    {},
  );
  if (response.resultType === 'error') {
    throw new Error(`Simulator rejected the request: ${JSON.stringify(response.errors)}`);
  }
  return response.overallResult;
}

/** The verdict for every checked KMS action on one key. */
export async function kmsVerdicts(
  request: Omit<Request, 'action' | 'resourceAccount'>,
): Promise<Record<string, Verdict>> {
  const resourceAccount = request.resource.split(':')[4] ?? '';
  const entries = await Promise.all(
    CHECKED_KMS_ACTIONS.map(
      async (action) => [action, await decide({ ...request, action, resourceAccount })] as const,
    ),
  );
  return Object.fromEntries(entries);
}

/** Allowed for exactly these actions, implicitly denied for every other checked one. */
export function allowedOnly(allowed: readonly string[]): Record<string, Verdict> {
  for (const action of allowed) {
    if (!(CHECKED_KMS_ACTIONS as readonly string[]).includes(action)) {
      throw new Error(`${action} is not in CHECKED_KMS_ACTIONS`);
    }
  }
  return Object.fromEntries(
    CHECKED_KMS_ACTIONS.map((action) => [
      action,
      allowed.includes(action) ? 'Allowed' : 'ImplicitlyDenied',
    ]),
  );
}
