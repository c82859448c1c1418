/**
 * Answers a test means to be valid, and their documents. Test-only.
 */
import {
  buildPoliciesFromInput,
  DEFAULT_ANSWERS,
  parseAnswers,
  type Answers,
  type PolicySet,
} from '../index';
import { coveredOperations } from './kms-rules';

/** The defaults with `overrides`, as parseAnswers returns them; throws when they are rejected. */
export function validAnswers(overrides: Partial<Answers> = {}): Answers {
  const parsed = parseAnswers({ ...DEFAULT_ANSWERS, ...overrides });
  if (!parsed.ok) throw new Error(`Invalid test answers: ${JSON.stringify(parsed.findings)}`);
  return parsed.answers;
}

/** The documents of answers a test means to be valid, built as the app does; throws when rejected. */
export function buildValid(answers: Answers): PolicySet {
  const result = buildPoliciesFromInput(answers);
  if (!result.ok)
    throw new Error(`Valid answers were rejected: ${JSON.stringify(result.findings)}`);
  return result.policies;
}

/** Nothing answered but one import from an encrypted bucket: every name is a placeholder. */
export const PLACEHOLDERS_ONLY: Answers = {
  ...DEFAULT_ANSWERS,
  operations: ['import'],
  bucketEncrypted: true,
};

/**
 * validAnswers with `overrides`, on the current guide when they include an
 * operation the January 2023 guide does not cover (batch segment jobs).
 */
export function answersWith(overrides: Partial<Answers>): Answers {
  const covered = coveredOperations('2023-01');
  const needsCurrent = overrides.operations?.some((op) => !covered.includes(op)) === true;
  return validAnswers(needsCurrent ? { ...overrides, guide: 'current' } : overrides);
}
