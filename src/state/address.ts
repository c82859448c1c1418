/**
 * The wizard's state in the address bar: the share link holds the valid
 * answers and the step; this tab's draft (draft.ts) holds them as typed.
 */
import { decodeShareLink, encodeShareLink, type LinkNotice, type StepId } from '../link/share-link';
import { salvageAnswers, type Answers } from '../policy';
import { clearDraft, readDraft, saveDraft } from './draft';
import { clearCheckTexts } from './check-kept';
import { clearPasted } from './pasted';
import { lockedStepReason, openableStep, reachableSteps, stepLabel } from './step-rules';

export interface InitialState {
  values: Answers;
  step: StepId;
  notices: LinkNotice[];
}

/**
 * The step to open for these answers: `wanted`, or, when it cannot be opened
 * yet, the first step that still needs answers.
 */
function stepToOpen(values: Answers, wanted: StepId): StepId {
  return openableStep(wanted, reachableSteps(values, salvageAnswers(values).findings));
}

export function readInitialState(): InitialState {
  const search = window.location.search;
  const decoded = decodeShareLink(search);
  const draft = readDraft(search);
  const values = draft?.values ?? decoded.answers;
  const notices = [...decoded.notices, ...(draft?.notices ?? [])];
  const step = stepToOpen(values, decoded.step);
  if (step === decoded.step) return { values, step, notices };
  const notice: LinkNotice = {
    param: 'step',
    message: `${lockedStepReason(decoded.step)}, so the wizard opened ${stepLabel(step)}, the first step that still needs answers.`,
  };
  return { values, step, notices: [...notices, notice] };
}

/** The query string for these (possibly half-typed) answers: only valid ones go in. */
export function shareSearch(values: Answers, step: StepId): string {
  return encodeShareLink(salvageAnswers(values).answers, step);
}

export function shareUrl(search: string): string {
  return `${window.location.origin}${window.location.pathname}${search}`;
}

/**
 * Puts the state in the address bar. `push` adds a history entry (moving
 * between steps, so Back and Forward follow them); `replace` does not (typing).
 */
export function writeState(values: Answers, step: StepId, mode: 'push' | 'replace'): string {
  const search = shareSearch(values, step);
  const url = `${window.location.pathname}${search}${window.location.hash}`;
  const depth = depthOf(window.history.state);
  if (mode === 'push' && search !== window.location.search) {
    window.history.pushState({ wizardDepth: depth + 1 } satisfies HistoryMark, '', url);
  } else if (search !== window.location.search) {
    window.history.replaceState({ wizardDepth: depth } satisfies HistoryMark, '', url);
  }
  saveDraft(search, values);
  return search;
}

/**
 * Keeps the answers as typed, for a reload of the address as it is now (the
 * address itself is rewritten a moment later, see writeState).
 */
export function saveDraftForAddress(values: Answers): void {
  saveDraft(window.location.search, values);
}

/** The step the current address names, whether or not it can be opened. */
export function stepNamedInAddress(): StepId {
  return decodeShareLink(window.location.search).step;
}

/**
 * The step the current address opens at start-up: the one it names, unless
 * its answers (this tab's draft of them, if any) do not let that step be
 * opened yet.
 */
export function stepInAddress(): StepId {
  return readInitialState().step;
}

/** Forgets the answers this tab kept: the draft, every pasted policy and the Check step's texts. */
export function clearTabAnswers(): void {
  clearDraft();
  clearPasted();
  clearCheckTexts();
}

/** How many entries this page has pushed onto the tab's history since it was opened. */
interface HistoryMark {
  wizardDepth: number;
}

function depthOf(state: unknown): number {
  if (typeof state !== 'object' || state === null || !('wizardDepth' in state)) return 0;
  const { wizardDepth } = state as HistoryMark;
  return Number.isInteger(wizardDepth) && wizardDepth > 0 ? wizardDepth : 0;
}

/**
 * Rewrites the tab's history entries this page wrote so that none holds an
 * answer any more: it goes back to the first of them, replaces it with the
 * bare address, and pushes the bare address on top, which drops every entry
 * after it (the ones Forward would have brought back). `onDone` runs once
 * the tab is at the new entry.
 */
export function forgetWrittenHistory(onDone: () => void): void {
  const bare = window.location.pathname;
  const depth = depthOf(window.history.state);
  const finish = () => {
    window.history.replaceState({ wizardDepth: 0 } satisfies HistoryMark, '', bare);
    if (depth > 0) window.history.pushState({ wizardDepth: 1 } satisfies HistoryMark, '', bare);
    onDone();
  };
  if (depth === 0) {
    finish();
    return;
  }
  window.addEventListener(
    'popstate',
    (event) => {
      event.stopImmediatePropagation();
      finish();
    },
    { capture: true, once: true },
  );
  window.history.go(-depth);
}
