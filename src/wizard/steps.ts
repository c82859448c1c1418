/** The wizard's steps, described once: the Stepper, Next and the link all read this. */
import { createElement, lazy, type ComponentType } from 'react';

import type { AnswerField, Answers, Finding } from '../policy';
import { OperationsStep } from './OperationsStep';
import type { StepProps } from './step-props';
import type { StepId } from './url-state';

// Later steps load after the first paint (see prefetchSteps), keeping the
// first visit light.
const loadEncryptionStep = () => import('./EncryptionStep');
const loadRoleStep = () => import('./RoleStep');
const loadReviewStep = () => import('./ReviewStep');

const LOADERS: Partial<Record<StepId, () => Promise<ComponentType<StepProps>>>> = {
  encryption: async () => (await loadEncryptionStep()).EncryptionStep,
  role: async () => (await loadRoleStep()).RoleStep,
  review: async () => (await loadReviewStep()).ReviewStep,
};

/** Step components whose code has arrived, to render without a loading flash. */
const loaded: Partial<Record<StepId, ComponentType<StepProps>>> = {};

async function loadStep(id: StepId): Promise<ComponentType<StepProps>> {
  const load = LOADERS[id];
  if (!load) throw new Error(`Step ${id} is not loaded lazily.`);
  const component = await load();
  loaded[id] = component;
  return component;
}

/** A step that renders at once when its code is here, and loads it otherwise. */
function lazyStep(id: StepId): ComponentType<StepProps> {
  const Lazy = lazy(async () => ({ default: await loadStep(id) }));
  function Step(props: StepProps) {
    const Loaded = loaded[id];
    return Loaded ? createElement(Loaded, props) : createElement(Lazy, props);
  }
  Step.displayName = `Step(${id})`;
  return Step;
}

const EncryptionStep = lazyStep('encryption');
const RoleStep = lazyStep('role');
const ReviewStep = lazyStep('review');

/** Loads every step's code, so Next is instant and the wizard works offline afterwards. */
export function prefetchSteps(): Promise<unknown> {
  return Promise.all(Object.keys(LOADERS).map((id) => loadStep(id as StepId)));
}

/**
 * Loads the code of the step a link opens before the first paint, so the page
 * does not shift when it arrives. Failing here (offline) is left to the
 * step's own loading.
 */
export async function preloadStep(id: StepId): Promise<void> {
  if (LOADERS[id]) await loadStep(id).catch(() => undefined);
}

export interface StepDefinition {
  id: StepId;
  /** The Stepper's label. */
  label: string;
  /** The step's heading, focused when the step opens. */
  heading: string;
  /** The answers this step asks for, validated by Next. */
  fields: readonly AnswerField[];
  /** Answers that must not be empty to go on, with what to say when they are. */
  required: readonly AnswerField[];
  requiredMessages: Partial<Record<AnswerField, string>>;
  Component: ComponentType<StepProps>;
}

export const STEPS: readonly [StepDefinition, ...StepDefinition[]] = [
  {
    id: 'operations',
    label: 'Operations',
    heading: 'Operations',
    fields: ['operations', 'guide'],
    required: [],
    requiredMessages: {},
    Component: OperationsStep,
  },
  {
    id: 'encryption',
    label: 'Encryption',
    heading: 'Encryption',
    fields: [
      'bucketName',
      'bucketEncrypted',
      'datasetGroupEncrypted',
      'keys',
      'keyArn',
      'datasetGroupKeyArn',
    ],
    required: [],
    requiredMessages: {},
    Component: EncryptionStep,
  },
  {
    id: 'role',
    label: 'Service role',
    heading: 'Service role',
    fields: ['accountId', 'roleName', 'rolePath', 'partition', 'region'],
    required: ['accountId', 'roleName'],
    requiredMessages: {
      accountId: 'Enter the 12-digit ID of the account that owns the role.',
      roleName: 'Enter the name of the role Personalize uses.',
    },
    Component: RoleStep,
  },
  {
    id: 'review',
    label: 'Review',
    heading: 'Review and apply',
    fields: [],
    required: [],
    requiredMessages: {},
    Component: ReviewStep,
  },
];

export function stepLabel(id: StepId): string {
  return (STEPS.find((step) => step.id === id) ?? STEPS[0]).label;
}

/** Why a link or history entry did not open the step it named. */
export function lockedStepReason(wanted: StepId): string {
  return `${stepLabel(wanted)} opens once every step before it is answered`;
}

export function stepIndex(id: StepId): number {
  const index = STEPS.findIndex((step) => step.id === id);
  return index === -1 ? 0 : index;
}

/**
 * For each step, whether it can be opened: every answer of the steps before it
 * is valid (`findings` are the values' problems) and given.
 */
export function reachableSteps(values: Answers, findings: readonly Finding[]): boolean[] {
  const bad = new Set(findings.map((finding) => finding.field));
  return STEPS.map((_step, index) =>
    STEPS.slice(0, index).every(
      (step) =>
        step.fields.every((field) => !bad.has(field)) &&
        step.required.every((field) => values[field] !== ''),
    ),
  );
}

/**
 * The step to open when `wanted` is asked for (by a link, Back or Forward):
 * `wanted` when it can be opened, otherwise the first step that still needs
 * answers (the one before the first step that cannot be opened).
 */
export function openableStep(wanted: StepId, reachable: readonly boolean[]): StepId {
  const index = stepIndex(wanted);
  if (reachable[index] === true) return wanted;
  const firstLocked = reachable.indexOf(false);
  return (STEPS[Math.max(firstLocked - 1, 0)] ?? STEPS[0]).id;
}
