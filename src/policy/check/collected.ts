/** Check a setup: reading the collected file. A minimal stand-in. */
import type { Answers } from '../answers';
import type { CheckTexts, SetupFacts } from './types';

export type CollectedRead =
  | { ok: true; texts: Partial<CheckTexts>; facts: SetupFacts; notes: string[] }
  | { ok: false; message: string };

export function readCollected(text: string, answers: Answers): CollectedRead {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) {
      return { ok: false, message: 'The file is not a collected setup.' };
    }
  } catch {
    return { ok: false, message: 'The file is not JSON.' };
  }
  return {
    ok: true,
    texts: {},
    facts: {},
    notes: [`Nothing in the file was read for the role ${answers.roleName}.`],
  };
}
