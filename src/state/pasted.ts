/**
 * Policies pasted into the page (a key's current policy), kept for Back, Next
 * and reload in this tab, never in the link.
 */
import { readItem, removeItems, writeItem } from './tab-storage';

const PASTED_PREFIX = 'pasted:';

export function readPasted(documentId: string): string {
  return readItem(`${PASTED_PREFIX}${documentId}`) ?? '';
}

/** False when the tab's storage could not keep it: the text then lasts until the page is left. */
export function savePasted(documentId: string, text: string): boolean {
  return writeItem(`${PASTED_PREFIX}${documentId}`, text);
}

export function clearPasted(): void {
  removeItems((name) => name.startsWith(PASTED_PREFIX));
}
