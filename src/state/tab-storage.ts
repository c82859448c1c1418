/**
 * This tab's session storage, under one prefix. Every read and write is
 * guarded: storage may be disabled (private modes) or full, and the page must
 * keep working without it; a write says whether it was kept.
 */
const STORAGE_PREFIX = 'personalize-kms-wizard:';

export function readItem(name: string): string | undefined {
  try {
    return window.sessionStorage.getItem(`${STORAGE_PREFIX}${name}`) ?? undefined;
  } catch {
    return undefined;
  }
}

/** False when the browser refused it (storage full or disabled). */
export function writeItem(name: string, value: string): boolean {
  try {
    window.sessionStorage.setItem(`${STORAGE_PREFIX}${name}`, value);
    return true;
  } catch {
    return false;
  }
}

export function removeItem(name: string): void {
  try {
    window.sessionStorage.removeItem(`${STORAGE_PREFIX}${name}`);
  } catch {
    // Nothing to remove.
  }
}

/** Removes every item whose name `matches`. */
export function removeItems(matches: (name: string) => boolean): void {
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
