/**
 * The wizard's steps as data: what each asks for and when it can be opened.
 * The step bar, Next and the address bar read this; the step components are
 * attached to it by the wizard (src/wizard/steps.ts).
 */
import type { StepId } from '../link/share-link';
import type { AnswerField, Answers, Finding } from '../policy';

export interface StepRule {
  id: StepId;
  /** The step bar's label. */
  label: string;
  /** The step's heading, focused when the step opens. */
  heading: string;
  /** The answers this step asks for, validated by Next. */
  fields: readonly AnswerField[];
  /** Answers that must not be empty to go on, with what to say when they are. */
  required: readonly AnswerField[];
  requiredMessages: Partial<Record<AnswerField, string>>;
}

export const STEP_RULES: readonly [StepRule, ...StepRule[]] = [
  {
    id: 'operations',
    label: 'Operations',
    heading: 'Operations',
    fields: ['operations', 'guide', 'confusedDeputy'],
    required: [],
    requiredMessages: {},
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
  },
  {
    id: 'review',
    label: 'Review',
    heading: 'Review and apply',
    fields: [],
    required: [],
    requiredMessages: {},
  },
  {
    id: 'check',
    label: 'Check',
    heading: 'Check a setup',
    fields: [],
    required: [],
    requiredMessages: {},
  },
];

export function stepLabel(id: StepId): string {
  return (STEP_RULES.find((step) => step.id === id) ?? STEP_RULES[0]).label;
}

/** Why a link or history entry did not open the step it named. */
export function lockedStepReason(wanted: StepId): string {
  return `${stepLabel(wanted)} opens once every step before it is answered`;
}

export function stepIndex(id: StepId): number {
  const index = STEP_RULES.findIndex((step) => step.id === id);
  return index === -1 ? 0 : index;
}

/**
 * For each step, whether it can be opened: every answer of the steps before it
 * is valid (`findings` are the values' problems) and given.
 */
export function reachableSteps(values: Answers, findings: readonly Finding[]): boolean[] {
  const bad = new Set(findings.map((finding) => finding.field));
  return STEP_RULES.map((_step, index) =>
    STEP_RULES.slice(0, index).every(
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
  return (STEP_RULES[Math.max(firstLocked - 1, 0)] ?? STEP_RULES[0]).id;
}

/** Each answer's name in a sentence: notices, placeholders and Review's links to the field. */
export const FIELD_LABELS: Readonly<Record<AnswerField, string>> = {
  operations: 'Operations',
  bucketEncrypted: 'Bucket encryption',
  datasetGroupEncrypted: 'Dataset group encryption',
  keys: 'Same or separate keys',
  accountId: 'AWS account ID',
  roleName: 'Service role name',
  rolePath: 'Role path',
  partition: 'AWS partition',
  keyArn: 'Key ARN',
  guide: 'Guide edition',
  bucketName: 'Bucket name',
  region: 'Region',
  datasetGroupKeyArn: 'Dataset group key ARN',
  confusedDeputy: 'Confused-deputy conditions',
};

export type { StepId };
