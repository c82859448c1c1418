/**
 * The wizard's state in the address bar (the share link) and, for answers
 * still being typed, in this tab's session storage, so a reload loses nothing.
 */
import {
  decodeShareLink,
  encodeShareLink,
  type LinkNotice,
  SHARE_LINK_LIMITS,
  type StepId,
} from '../link/share-link';
import { DEFAULT_ANSWERS, OPERATIONS, salvageAnswers, type Answers } from '../policy';
import { lockedStepReason, openableStep, reachableSteps, stepLabel } from './steps';

/** Every key this tab keeps starts with this. */
const STORAGE_PREFIX = 'personalize-kms-wizard:';
const DRAFT_KEY = `${STORAGE_PREFIX}draft`;
const PASTED_PREFIX = `${STORAGE_PREFIX}pasted:`;
const WRAP_KEY = `${STORAGE_PREFIX}wrap-lines`;

export interface InitialState {
  values: Answers;
  step: StepId;
  notices: LinkNotice[];
}

/**
 * The raw answers of this tab's last visit, when they belong to the same
 * link. Only their types are checked: they go back into the form (where
 * invalid ones show their error), never straight into a document.
 */
function readDraft(search: string): Answers | undefined {
  try {
    const raw = window.sessionStorage.getItem(DRAFT_KEY);
    if (raw === null) return undefined;
    const draft: unknown = JSON.parse(raw);
    if (typeof draft !== 'object' || draft === null) return undefined;
    const { search: savedSearch, values } = draft as { search?: unknown; values?: unknown };
    if (savedSearch !== search || typeof values !== 'object' || values === null) return undefined;
    const source = values as Record<string, unknown>;
    const out: Record<string, unknown> = { ...DEFAULT_ANSWERS };
    for (const [field, fallback] of Object.entries(DEFAULT_ANSWERS)) {
      const value = source[field];
      if (field === 'operations') {
        if (Array.isArray(value)) {
          out[field] = OPERATIONS.filter((op) => value.includes(op));
        }
      } else if (
        typeof value === typeof fallback &&
        (typeof value !== 'string' || value.length <= SHARE_LINK_LIMITS.valueLength)
      ) {
        out[field] = value;
      }
    }
    return out as Answers;
  } catch {
    return undefined;
  }
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
  const values = readDraft(search) ?? decoded.answers;
  const step = stepToOpen(values, decoded.step);
  if (step === decoded.step) return { values, step, notices: decoded.notices };
  const notice: LinkNotice = {
    param: 'step',
    message: `${lockedStepReason(decoded.step)}, so the wizard opened ${stepLabel(step)}, the first step that still needs answers.`,
  };
  return { values, step, notices: [...decoded.notices, notice] };
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
  if (mode === 'push' && search !== window.location.search) {
    window.history.pushState(null, '', url);
  } else if (search !== window.location.search) {
    window.history.replaceState(null, '', url);
  }
  try {
    window.sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ search, values }));
  } catch {
    // Storage full or disabled: the link alone still keeps every valid answer.
  }
  return search;
}

/**
 * Keeps the answers as typed, for a reload of the address as it is now (the
 * address itself is rewritten a moment later, see writeState).
 */
export function saveDraft(values: Answers): void {
  try {
    window.sessionStorage.setItem(
      DRAFT_KEY,
      JSON.stringify({ search: window.location.search, values }),
    );
  } catch {
    // Storage full or disabled: the link alone still keeps every valid answer.
  }
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

/** A key policy pasted for a document, kept for Back, Next and reload in this tab. */
export function readPasted(documentId: string): string {
  try {
    return window.sessionStorage.getItem(`${PASTED_PREFIX}${documentId}`) ?? '';
  } catch {
    return '';
  }
}

export function savePasted(documentId: string, text: string): void {
  try {
    window.sessionStorage.setItem(`${PASTED_PREFIX}${documentId}`, text);
  } catch {
    // Storage full or disabled: the text stays on screen.
  }
}

/**
 * Whether code blocks wrap long lines, as last chosen in this tab. A way of
 * reading, not an answer: Start over keeps it.
 */
export function readWrapLines(): boolean {
  try {
    return window.sessionStorage.getItem(WRAP_KEY) === '1';
  } catch {
    return false;
  }
}

export function saveWrapLines(on: boolean): void {
  try {
    window.sessionStorage.setItem(WRAP_KEY, on ? '1' : '0');
  } catch {
    // Storage refused (private mode, quota): the choice lasts until the page is left.
  }
}

/** Forgets the answers this tab kept: the draft and every pasted key policy. */
export function clearTabStorage(): void {
  try {
    const storage = window.sessionStorage;
    const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index));
    for (const key of keys) {
      if (key === DRAFT_KEY || key?.startsWith(PASTED_PREFIX) === true) storage.removeItem(key);
    }
  } catch {
    // Nothing to clear.
  }
}

export type { StepId };
