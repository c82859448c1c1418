/**
 * Check a setup: what the answers and the pasted policies say about each operation. A minimal
 * stand-in until the evaluator-backed check lands: it reads each pasted policy as JSON and says
 * what it could not check.
 */
import type { Answers } from '../answers';
import { checkFields, CHECK_LABELS } from './fields';
import type { CheckFinding, CheckInputs, CheckReport, InputProblem } from './types';

export function checkSetup(answers: Answers, inputs: CheckInputs): CheckReport {
  const problems: InputProblem[] = [];
  for (const field of checkFields(answers)) {
    const text = inputs.texts[field].trim();
    if (field === 'errorMessage' || text === '') continue;
    try {
      JSON.parse(text);
    } catch {
      problems.push({ field, message: `${CHECK_LABELS[field]} is not JSON.` });
    }
  }
  const findings: CheckFinding[] = answers.operations.map((operation) => ({
    id: `operation:${operation}`,
    group: 'operation',
    status: 'not-checked',
    title: `${operation}: not checked`,
    operation,
    details: ['The policies were not evaluated.'],
  }));
  return { findings, problems };
}
