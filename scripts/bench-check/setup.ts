// What bench-check.mjs times, bundled by vite and run in Chromium: the Check step's work for a
// realistic setup (src/policy/check/test-support/realistic-setup.ts: separate bucket and dataset
// group keys with console-written key policies, ten role policies, the bucket and trust
// policies), the findings and the explanation of a pasted error message, as the step does on
// each change; and, as the baseline of the same moment, building the wizard's documents for the
// same answers, which every keystroke on the other steps does.
import { buildPolicies } from '../../src/policy/build';
import { explainError } from '../../src/policy/check/errors';
import { EMPTY_TEXTS } from '../../src/policy/check/fields';
import { checkSetup } from '../../src/policy/check/findings';
import {
  REALISTIC_ANSWERS,
  REALISTIC_TEXTS,
} from '../../src/policy/check/test-support/realistic-setup';
import { buildCompanionDocuments } from '../../src/policy/companions';

const MESSAGE =
  'An error occurred (InvalidInputException) when calling the CreateDatasetImportJob operation: Insufficient privileges for accessing data in S3.';

function timed(runs: number, work: () => void): number[] {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times;
}

/** Milliseconds each of `runs` checks took (findings, then the message's explanation). */
export function timeCheck(runs: number): number[] {
  return timed(runs, () => {
    const report = checkSetup(REALISTIC_ANSWERS, { texts: REALISTIC_TEXTS });
    explainError(MESSAGE, REALISTIC_ANSWERS, report);
  });
}

/** Milliseconds the check of the same answers with every field empty took: the step's first. */
export function timeEmptyCheck(): number {
  const start = performance.now();
  checkSetup(REALISTIC_ANSWERS, { texts: EMPTY_TEXTS });
  return performance.now() - start;
}

/** The same for building the wizard's documents from the answers: the baseline. */
export function timeBuild(runs: number): number[] {
  return timed(runs, () => {
    buildPolicies(REALISTIC_ANSWERS);
    buildCompanionDocuments(REALISTIC_ANSWERS);
  });
}

/** What the check reads, for the printout. */
export function describeSetup(): { characters: number; findings: number } {
  return {
    characters: Object.values(REALISTIC_TEXTS).reduce((sum, text) => sum + text.length, 0),
    findings: checkSetup(REALISTIC_ANSWERS, { texts: REALISTIC_TEXTS }).findings.length,
  };
}
