/**
 * The answers as typed, kept in this tab so that a reload loses nothing, even
 * a half-typed value the link cannot hold yet. Storage is input like a link:
 * what is read back goes through a schema (each value's type and size), never
 * a cast, and what cannot be read is reported, not silently dropped.
 */
import * as z from 'zod/mini';

import { SHARE_LINK_LIMITS, type LinkNotice } from '../link/share-link';
import { answersSchema, DEFAULT_ANSWERS, OPERATIONS, type Answers } from '../policy';
import { readItem, removeItem, writeItem } from './tab-storage';

const DRAFT = 'draft';

/** What a notice about this tab's kept answers names in place of a link parameter. */
export const TAB_NOTICE = '(this tab)';

/**
 * Each answer as the form may hold it: the choices must be choices, the text
 * may still be invalid (the form shows why) but is bounded like a link's
 * values, so storage cannot feed the form megabytes.
 */
const text = z.string().check(z.maxLength(SHARE_LINK_LIMITS.valueLength));
const valuesSchema = z.object({
  ...answersSchema.shape,
  operations: z.array(z.enum(OPERATIONS)),
  accountId: text,
  roleName: text,
  rolePath: text,
  keyArn: text,
  datasetGroupKeyArn: text,
  bucketName: text,
  region: text,
});

const draftSchema = z.object({ search: z.string(), values: z.looseObject({}) });

export interface Draft {
  /** None when nothing could be read back: the link's answers stand. */
  values?: Answers;
  /** What could not be restored, for a notice like a bad link's. */
  notices: LinkNotice[];
}

/**
 * This tab's draft when it belongs to the address `search` (a draft of
 * another link's answers is not this link's): every value that reads back
 * as an answer of its type, and a notice for each one that does not.
 */
export function readDraft(search: string): Draft | undefined {
  const raw = readItem(DRAFT);
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const draft = draftSchema.safeParse(parsed);
  // Reading has no side effect: start-up reads the state twice (for the
  // step's code, then for the form), and both must see the same notice. The
  // first save after start-up replaces an unreadable draft.
  if (!draft.success) {
    return {
      notices: [
        {
          param: TAB_NOTICE,
          message:
            'The answers this tab kept could not be read back, so the link’s answers are shown instead.',
        },
      ],
    };
  }
  if (draft.data.search !== search) return undefined;
  // Value by value, so that one unreadable answer does not cost the others.
  const kept: Record<string, unknown> = { ...DEFAULT_ANSWERS };
  const unread: string[] = [];
  for (const [field, schema] of Object.entries(valuesSchema.shape)) {
    if (!Object.hasOwn(draft.data.values, field)) continue;
    const value = schema.safeParse(draft.data.values[field]);
    if (value.success) kept[field] = value.data;
    else unread.push(field);
  }
  const values = valuesSchema.safeParse(kept);
  if (!values.success) return undefined;
  return {
    values: values.data,
    notices:
      unread.length === 0
        ? []
        : [
            {
              param: TAB_NOTICE,
              message: `Some answers this tab kept could not be read back (${unread.join(', ')}), so their defaults are shown.`,
            },
          ],
  };
}

/** Keeps the answers as typed, for a reload of the address `search`. */
export function saveDraft(search: string, values: Answers): void {
  // Refused (storage full or disabled): the link alone still keeps every valid answer.
  writeItem(DRAFT, JSON.stringify({ search, values }));
}

export function clearDraft(): void {
  removeItem(DRAFT);
}
