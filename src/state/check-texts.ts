/**
 * What the Check step was given: the pasted texts, one per field, and the last collected file
 * loaded (its facts are read from it again, through the same reader, so nothing else has to
 * trust what the tab kept). Kept for Back, Next and reload in this tab (like a pasted key policy,
 * see pasted.ts), never in the link, and forgotten by Start over. A text the tab's storage
 * refuses is still kept in the page until it is left (tab-storage.ts), and the step says a reload
 * would lose it.
 */
import { EMPTY_TEXTS } from '../policy/check/fields';
import type { CheckField, CheckTexts } from '../policy/check/types';
import { CHECK_PREFIX } from './check-kept';
import { readItem, writeItem } from './tab-storage';

const COLLECTED_ITEM = `${CHECK_PREFIX}collected`;

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
export function saveCollectedFile(text: string): boolean {
  return writeItem(COLLECTED_ITEM, text);
}
