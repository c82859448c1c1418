/**
 * What the Check step was given: the pasted texts, one per field, and the last collected file
 * loaded (its facts are read from it again, through the same reader, so nothing else has to
 * trust what the tab kept). Kept for Back, Next and reload in this tab (like a pasted key policy,
 * see pasted.ts), never in the link, and forgotten by Start over. A text the tab's storage
 * refuses is still kept in the page until it is left (tab-storage.ts), and the step says a reload
 * would lose it; a collected file refused and then lost to a reload is named, so the step can say
 * which file to load again.
 */
import { EMPTY_TEXTS } from '../policy/check/fields';
import type { CheckField, CheckTexts } from '../policy/check/types';
import { CHECK_PREFIX } from './check-kept';
import { readItem, removeItem, writeItem } from './tab-storage';

const COLLECTED_ITEM = `${CHECK_PREFIX}collected`;

/** The name of the collected file the tab's storage refused: a name fits where a file did not. */
const UNKEPT_ITEM = `${CHECK_PREFIX}collected-unkept`;

function textItem(field: CheckField): string {
  return `${CHECK_PREFIX}text:${field}`;
}

/** Each field's text, as `read` gives it: one line per field, so a new field cannot be missed. */
function eachText(read: (field: CheckField) => string): CheckTexts {
  return {
    errorMessage: read('errorMessage'),
    'key-policy': read('key-policy'),
    'key-policy-bucket': read('key-policy-bucket'),
    'key-policy-dataset-group': read('key-policy-dataset-group'),
    rolePolicies: read('rolePolicies'),
    bucketPolicy: read('bucketPolicy'),
    trustPolicy: read('trustPolicy'),
  };
}

export function readCheckTexts(): CheckTexts {
  return eachText((field) => readItem(textItem(field)) ?? EMPTY_TEXTS[field]);
}

/** The text of the collected file last loaded, '' when none was. */
export function readCollectedFile(): string {
  return readItem(COLLECTED_ITEM) ?? '';
}

/** False when the tab's storage refused it: the text then lasts until the page is left. */
export function saveCheckText(field: CheckField, text: string): boolean {
  return writeItem(textItem(field), text);
}

/** False when the tab's storage refused it: its facts then last until the page is left. */
export function saveCollectedFile(text: string, fileName: string): boolean {
  // A refused write also drops the older file kept under this name (tab-storage.ts), so that
  // one never comes back after a reload in this one's place.
  const kept = writeItem(COLLECTED_ITEM, text);
  if (kept) removeItem(UNKEPT_ITEM);
  else writeItem(UNKEPT_ITEM, fileName);
  return kept;
}

/**
 * The name of the collected file the tab could not keep, once a reload has lost the page's own
 * copy of it; undefined while that copy lasts, or when nothing was lost.
 */
export function readLostCollectedFile(): string | undefined {
  return readItem(COLLECTED_ITEM) === undefined ? readItem(UNKEPT_ITEM) : undefined;
}

/** Stops naming the lost file: the step has said so and was told to stop. */
export function forgetLostCollectedFile(): void {
  removeItem(UNKEPT_ITEM);
}
