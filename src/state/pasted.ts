/**
 * Policies pasted into the page (a key's current policy), kept for Back, Next
 * and reload in this tab, never in the link. A paste belongs to the key it
 * was pasted for: its ARN is kept with it, so a paste is never taken for the
 * policy of another key.
 */
import * as z from 'zod/mini';

import { readItem, removeItems, writeItem } from './tab-storage';

const PASTED_PREFIX = 'pasted:';

export interface Pasted {
  /** The key ARN answered when it was pasted ('' while none was given). */
  keyArn: string;
  text: string;
}

const pastedSchema = z.object({ keyArn: z.string(), text: z.string() });

export function readPasted(documentId: string): Pasted {
  const raw = readItem(`${PASTED_PREFIX}${documentId}`);
  let value: unknown;
  try {
    value = raw === undefined ? undefined : JSON.parse(raw);
  } catch {
    value = undefined;
  }
  const parsed = pastedSchema.safeParse(value);
  return parsed.success ? parsed.data : { keyArn: '', text: '' };
}

/** False when the tab's storage could not keep it: the text then lasts until the page is left. */
export function savePasted(documentId: string, pasted: Pasted): boolean {
  return writeItem(`${PASTED_PREFIX}${documentId}`, JSON.stringify(pasted));
}

export function clearPasted(): void {
  removeItems((name) => name.startsWith(PASTED_PREFIX));
}
