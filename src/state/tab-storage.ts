/**
 * This tab's session storage, under one prefix. Every read and write is
 * guarded: storage may be disabled (private modes) or full, and the page must
 * keep working without it; a write says whether it was kept. A value the
 * browser refuses is still kept in the page, and read back from there, until
 * the page is left: Back and Next lose nothing, only a reload would (and a
 * reload then finds nothing, never an older value).
 */
const STORAGE_PREFIX = 'personalize-kms-wizard:';

/** Values the browser refused, by name, kept for as long as this page lives. */
const pageOnly = new Map<string, string>();

export function readItem(name: string): string | undefined {
  const kept = pageOnly.get(name);
  if (kept !== undefined) return kept;
  try {
    return window.sessionStorage.getItem(`${STORAGE_PREFIX}${name}`) ?? undefined;
  } catch {
    return undefined;
  }
}

/** False when the browser refused it (storage full or disabled): the page then keeps it. */
export function writeItem(name: string, value: string): boolean {
  try {
    window.sessionStorage.setItem(`${STORAGE_PREFIX}${name}`, value);
    pageOnly.delete(name);
    return true;
  } catch {
    pageOnly.set(name, value);
    // What storage still holds under this name is older than what the page holds now: a
    // reload must not bring it back as if it were the latest.
    try {
      window.sessionStorage.removeItem(`${STORAGE_PREFIX}${name}`);
    } catch {
      // Nothing stored.
    }
    return false;
  }
}

export function removeItem(name: string): void {
  pageOnly.delete(name);
  try {
    window.sessionStorage.removeItem(`${STORAGE_PREFIX}${name}`);
  } catch {
    // Nothing to remove.
  }
}

/** Removes every item whose name `matches`. */
export function removeItems(matches: (name: string) => boolean): void {
  for (const name of [...pageOnly.keys()].filter(matches)) pageOnly.delete(name);
  try {
    const storage = window.sessionStorage;
    const names = Array.from({ length: storage.length }, (_, index) => storage.key(index))
      .filter((key): key is string => key?.startsWith(STORAGE_PREFIX) === true)
      .map((key) => key.slice(STORAGE_PREFIX.length));
    for (const name of names.filter(matches)) removeItem(name);
  } catch {
    // Nothing to clear.
  }
}
