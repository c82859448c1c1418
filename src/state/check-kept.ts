/**
 * The part of the Check step's kept texts that Start over needs: what this page holds and the
 * forgetting of it. Apart from check-texts.ts, which reads and writes them, so that the first
 * visit loads none of that.
 */
import type { CheckTexts } from '../policy/check/types';
import { removeItems } from './tab-storage';

/** The tab storage items of the Check step start with this. */
export const CHECK_PREFIX = 'check:';

export interface CheckKept {
  texts: CheckTexts;
  /** The collected file last loaded, as text. */
  collected: string;
}

/** What this page holds, read from the tab once and then kept here, so a refused write loses nothing. */
let held: CheckKept | undefined;

export function heldCheck(): CheckKept | undefined {
  return held;
}

export function holdCheck(kept: CheckKept): void {
  held = kept;
}

export function clearCheckTexts(): void {
  held = undefined;
  removeItems((name) => name.startsWith(CHECK_PREFIX));
}
