/**
 * Three-valued (Kleene) logic: a part that cannot be decided only makes the whole undecided
 * when the outcome depends on it. `no AND unknown` is no; `yes OR unknown` is yes.
 */

export type Tri = 'yes' | 'no' | 'unknown';

/** A three-valued answer that, when it is unknown, carries what was not understood. */
export interface Judgement {
  readonly value: Tri;
  /** Plain-words reasons; empty unless the value is unknown. */
  readonly reasons: readonly string[];
}

export const YES: Judgement = { value: 'yes', reasons: [] };
export const NO: Judgement = { value: 'no', reasons: [] };

export function unknown(...reasons: string[]): Judgement {
  return { value: 'unknown', reasons };
}

export function judge(holds: boolean): Judgement {
  return holds ? YES : NO;
}

/** One unknown judgement with the reasons of the unknown ones among `parts`, each once. */
function mergedUnknown(parts: readonly Judgement[]): Judgement {
  const unknowns = parts.filter((part) => part.value === 'unknown');
  if (unknowns.length === 1 && unknowns[0]) return unknowns[0];
  const reasons = new Set<string>();
  for (const part of unknowns) for (const reason of part.reasons) reasons.add(reason);
  return { value: 'unknown', reasons: [...reasons] };
}

/** AND: no as soon as one part is no, yes only when every part is yes. */
export function all(parts: readonly Judgement[]): Judgement {
  let undecided = false;
  for (const part of parts) {
    if (part.value === 'no') return NO;
    if (part.value === 'unknown') undecided = true;
  }
  return undecided ? mergedUnknown(parts) : YES;
}

/** OR: yes as soon as one part is yes, no only when every part is no. */
export function any(parts: readonly Judgement[]): Judgement {
  let undecided = false;
  for (const part of parts) {
    if (part.value === 'yes') return YES;
    if (part.value === 'unknown') undecided = true;
  }
  return undecided ? mergedUnknown(parts) : NO;
}

export function not(part: Judgement): Judgement {
  if (part.value === 'yes') return NO;
  if (part.value === 'no') return YES;
  return part;
}

/** The same judgement with each reason introduced by `prefix` (such as a statement's label). */
export function prefixed(part: Judgement, prefix: string): Judgement {
  if (part.value !== 'unknown') return part;
  return { value: 'unknown', reasons: part.reasons.map((reason) => `${prefix}: ${reason}`) };
}
