/**
 * Storage the browser refuses (here there is no window at all, as with storage disabled): what
 * was written is still read back in this page, so Back and Next lose nothing, until it is removed.
 */
import { afterEach, expect, test, vi } from 'vitest';

import { readItem, removeItem, removeItems, writeItem } from './tab-storage';

test('a refused write is kept in the page and read back, until it is removed', () => {
  expect(writeItem('pasted:key-policy', '{"Statement":[]}')).toBe(false);
  expect(writeItem('check:text:errorMessage', 'AccessDenied')).toBe(false);
  expect(readItem('pasted:key-policy')).toBe('{"Statement":[]}');

  removeItems((name) => name.startsWith('check:'));
  expect(readItem('check:text:errorMessage')).toBeUndefined();
  expect(readItem('pasted:key-policy')).toBe('{"Statement":[]}');

  removeItem('pasted:key-policy');
  expect(readItem('pasted:key-policy')).toBeUndefined();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

test('a refused write drops the older stored value: a reload finds nothing, not the older text', async () => {
  // Storage that keeps short values and refuses long ones, as a nearly full storage does.
  const stored = new Map<string, string>();
  vi.stubGlobal('window', {
    sessionStorage: {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => {
        if (value.length > 20) throw new DOMException('Full', 'QuotaExceededError');
        stored.set(key, value);
      },
      removeItem: (key: string) => stored.delete(key),
    },
  });
  expect(writeItem('check:text:bucketPolicy', '{"Statement":[]}')).toBe(true);
  const longer = `{"Statement":[${'{}, '.repeat(10)}{}]}`;
  expect(writeItem('check:text:bucketPolicy', longer)).toBe(false);
  expect(readItem('check:text:bucketPolicy')).toBe(longer);

  vi.resetModules();
  const reloaded = await import('./tab-storage');
  expect(reloaded.readItem('check:text:bucketPolicy')).toBeUndefined();
});
