/** The wizard's step components, loaded lazily after the first, on the steps' rules. */
import { createElement, lazy, type ComponentType } from 'react';

import { STEP_RULES, type StepId, type StepRule } from '../state/step-rules';
import { OperationsStep } from './OperationsStep';
import type { StepProps } from './step-props';

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

export interface StepDefinition extends StepRule {
  Component: ComponentType<StepProps>;
}

const COMPONENTS: Readonly<Record<StepId, ComponentType<StepProps>>> = {
  operations: OperationsStep,
  encryption: EncryptionStep,
  role: RoleStep,
  review: ReviewStep,
};

/** The steps' rules (src/state/step-rules.ts), each with the component that asks its questions. */
export const STEPS: readonly [StepDefinition, ...StepDefinition[]] = [
  { ...STEP_RULES[0], Component: COMPONENTS[STEP_RULES[0].id] },
  ...STEP_RULES.slice(1).map((rule) => ({ ...rule, Component: COMPONENTS[rule.id] })),
];
