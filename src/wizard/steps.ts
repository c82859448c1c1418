/** The wizard's step components, loaded lazily after the first, on the steps' rules. */
import type { ComponentType } from 'react';

import { STEP_RULES, type StepId, type StepRule } from '../state/step-rules';
import { lazyComponent, type LazyComponent } from '../ui/lazy-component';
import { OperationsStep } from './OperationsStep';
import type { StepProps } from './step-props';

// Later steps load after the first paint (see prefetchSteps), keeping the
// first visit light.
const EncryptionStep = lazyComponent<StepProps>(
  'EncryptionStep',
  async () => (await import('./EncryptionStep')).EncryptionStep,
);
const RoleStep = lazyComponent<StepProps>(
  'RoleStep',
  async () => (await import('./RoleStep')).RoleStep,
);
const ReviewStep = lazyComponent<StepProps>(
  'ReviewStep',
  async () => (await import('./ReviewStep')).ReviewStep,
);

const CheckStep = lazyComponent<StepProps>(
  'CheckStep',
  async () => (await import('./CheckStep')).CheckStep,
);

const LAZY_STEPS: Partial<Record<StepId, LazyComponent<StepProps>>> = {
  encryption: EncryptionStep,
  role: RoleStep,
  review: ReviewStep,
  check: CheckStep,
};

/** Loads every step's code, so Next is instant and the wizard works offline afterwards. */
export function prefetchSteps(): Promise<unknown> {
  return Promise.all(Object.values(LAZY_STEPS).map((step) => step.preload()));
}

interface StepDefinition extends StepRule {
  Component: ComponentType<StepProps>;
}

const COMPONENTS: Readonly<Record<StepId, ComponentType<StepProps>>> = {
  operations: OperationsStep,
  encryption: EncryptionStep,
  role: RoleStep,
  review: ReviewStep,
  check: CheckStep,
};

/**
 * Loads the code of the step a link opens before the first paint, so the page
 * does not shift when it arrives. Failing here (offline) is left to the
 * step's own loading.
 */
export async function preloadStep(id: StepId): Promise<void> {
  await LAZY_STEPS[id]?.preload().catch(() => undefined);
}

/** The steps' rules (src/state/step-rules.ts), each with the component that asks its questions. */
export const STEPS: readonly [StepDefinition, ...StepDefinition[]] = [
  { ...STEP_RULES[0], Component: COMPONENTS[STEP_RULES[0].id] },
  ...STEP_RULES.slice(1).map((rule) => ({ ...rule, Component: COMPONENTS[rule.id] })),
];
