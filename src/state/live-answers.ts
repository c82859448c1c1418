/**
 * The answers as they are typed, checked once per change, for every
 * part of the page that follows them. Each part subscribes to the slice it
 * shows (a document's text, which steps can be opened, …) and re-renders only
 * when that slice changes, so a keystroke updates the JSON and little else.
 */
import { createContext, use, useRef, useSyncExternalStore } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { dequal } from 'dequal/lite';

import { salvageAnswers, type Answers, type Finding } from '../policy';

export interface LiveState {
  /** The form's values as they are, valid or not. */
  readonly values: Answers;
  /** The valid answers: an invalid one is replaced by its default. */
  readonly answers: Answers;
  /** Why each invalid answer was left out. */
  readonly findings: readonly Finding[];
}

export interface LiveAnswers {
  getState: () => LiveState;
  subscribe: (listener: () => void) => () => void;
}

/**
 * The state for these values. While the valid answers stay the same (a
 * half-typed invalid answer, a value set to what it was), the previous
 * state's answers are kept, object and all: whoever shows them does not
 * re-render, and the documents built for that object (src/documents/built.ts)
 * are not built again.
 */
function stateFor(values: Answers, previous: LiveState | undefined): LiveState {
  const salvaged = salvageAnswers(values);
  const same = previous !== undefined && samePlainData(previous.answers, salvaged.answers);
  const answers = same ? previous.answers : salvaged.answers;
  const findings =
    previous !== undefined && samePlainData(previous.findings, salvaged.findings)
      ? previous.findings
      : salvaged.findings;
  return { values, answers, findings };
}

/**
 * Follows the form: the state is rebuilt (lazily, at most once per change)
 * when a value changes, and listeners are told at once.
 */
export function createLiveAnswers(
  form: Pick<UseFormReturn<Answers>, 'getValues' | 'subscribe'>,
): LiveAnswers {
  let state: LiveState | undefined;
  /** The last state built, kept when the values change to reuse what did not. */
  let previous: LiveState | undefined;
  const listeners = new Set<() => void>();
  let unsubscribeForm: (() => void) | undefined;
  const sameValues = (values: Answers) => {
    const now = form.getValues();
    return (Object.keys(now) as (keyof Answers)[]).every((field) => {
      const a = values[field];
      const b = now[field];
      return Array.isArray(a) && Array.isArray(b) ? a.join() === b.join() : a === b;
    });
  };

  return {
    getState() {
      // Without a subscription, nothing says when the values change: compare them.
      if (state === undefined || (unsubscribeForm === undefined && !sameValues(state.values))) {
        state = stateFor(form.getValues(), previous);
        previous = state;
      }
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      unsubscribeForm ??= form.subscribe({
        formState: { values: true },
        callback: () => {
          state = undefined;
          for (const notify of [...listeners]) notify();
        },
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          unsubscribeForm?.();
          unsubscribeForm = undefined;
          state = undefined;
        }
      };
    },
  };
}

export const LiveAnswersContext = createContext<LiveAnswers | null>(null);

export function useLiveAnswers(): LiveAnswers {
  const live = use(LiveAnswersContext);
  if (!live) throw new Error('useLiveAnswers needs a LiveAnswersContext provider.');
  return live;
}

/**
 * The slice `select` picks from the live state; the component re-renders only
 * when the slice changes, as `isEqual` sees it (same value by default).
 */
export function useLive<T>(
  select: (state: LiveState) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const live = useLiveAnswers();
  const last = useRef<{ state: LiveState; select: (state: LiveState) => T; value: T } | null>(null);
  const selection = () => {
    const state = live.getState();
    const previous = last.current;
    if (previous?.state === state && previous.select === select) return previous.value;
    const next = select(state);
    const value = previous !== null && isEqual(previous.value, next) ? previous.value : next;
    last.current = { state, select, value };
    return value;
  };
  return useSyncExternalStore(live.subscribe, selection);
}

/**
 * Equal when they hold the same plain data (slices are never mutated). It
 * walks both and stops at the first difference, with nothing to allocate:
 * this runs for every slice on every keystroke.
 */
export const samePlainData: (a: unknown, b: unknown) => boolean = dequal;
