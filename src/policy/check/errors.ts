/** Check a setup: the error catalogue and the explanation of a pasted message. A minimal stand-in. */
import type { Answers } from '../answers';
import type { CheckReport, ErrorEntry, ExplainedError } from './types';

export const ERROR_CATALOGUE: readonly ErrorEntry[] = [];

export function explainError(
  message: string,
  answers: Answers,
  report: CheckReport,
): ExplainedError {
  const matched = ERROR_CATALOGUE.filter((entry) => entry.pattern.test(message));
  const causes = report.findings
    .filter((finding) => finding.status === 'fails' && finding.fix !== undefined)
    .map((finding) => ({
      cause: finding.title,
      evidence: `A finding for the role ${answers.roleName} fails.`,
      confirm: 'aws sts get-caller-identity',
      fix: finding.fix ?? { summary: '' },
      likelihood: 'confirmed' as const,
    }));
  return { matched, causes };
}
