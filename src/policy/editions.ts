/**
 * What changes between the two editions of the guide for one set of answers,
 * said in sentences, from the documents each edition builds.
 */
import type { Answers, GuideEdition } from './answers';
import { buildPolicies } from './build';
import { personalizeActions } from './edition-gap';
import { listInProse } from './prose';
import { CURRENT_GUIDE_ONLY, GUIDE_EDITION_INFO, OPERATION_INFO } from './rules';

export interface EditionComparison {
  /** The edition the answers use, and the other one. */
  shown: GuideEdition;
  other: GuideEdition;
  /** One sentence per difference; empty when both editions give the same documents. */
  differences: string[];
}

export function compareEditions(answers: Answers): EditionComparison {
  const shown = answers.guide;
  const other: GuideEdition = shown === 'current' ? '2023-01' : 'current';
  const withoutCurrentOnly = answers.operations.filter((op) => !CURRENT_GUIDE_ONLY.includes(op));
  const build = (guide: GuideEdition) =>
    buildPolicies({
      ...answers,
      guide,
      operations: guide === 'current' ? answers.operations : withoutCurrentOnly,
    });
  const current = build('current').documents;
  const january = build('2023-01').documents;
  const differences: string[] = [];
  const currentLabel = GUIDE_EDITION_INFO.current.inSentence;
  const januaryLabel = GUIDE_EDITION_INFO['2023-01'].inSentence;

  for (const op of CURRENT_GUIDE_ONLY) {
    if (answers.operations.includes(op)) {
      differences.push(`${OPERATION_INFO[op].label}: only the ${currentLabel} covers them.`);
    }
  }
  for (const after of current) {
    const before = january.find((document) => document.id === after.id);
    if (!before) continue;
    if (after.needed !== before.needed) {
      differences.push(
        after.needed
          ? `${after.title}: needed under the ${currentLabel}, not under the ${januaryLabel}.`
          : `${after.title}: needed under the ${januaryLabel}, not under the ${currentLabel}.`,
      );
      continue;
    }
    const added = personalizeActions(after).filter((a) => !personalizeActions(before).includes(a));
    const removed = personalizeActions(before).filter(
      (a) => !personalizeActions(after).includes(a),
    );
    if (added.length > 0) {
      differences.push(`${after.title}: the ${currentLabel} adds ${listInProse(added)}.`);
    }
    if (removed.length > 0) {
      differences.push(`${after.title}: the ${currentLabel} leaves out ${listInProse(removed)}.`);
    }
  }
  return { shown, other, differences };
}
