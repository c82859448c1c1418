/**
 * The part of the Check step's kept texts that Start over needs: forgetting them. Apart from
 * check-texts.ts, which reads and writes them, so that the first visit loads none of that.
 */
import { removeItems } from './tab-storage';

/** The tab storage items of the Check step start with this. */
export const CHECK_PREFIX = 'check:';

export function clearCheckTexts(): void {
  removeItems((name) => name.startsWith(CHECK_PREFIX));
}
