/**
 * Storage the browser refuses (here there is no window at all, as with storage disabled): what
 * was written is still read back in this page, so Back and Next lose nothing, until it is removed.
 */
import { expect, test } from 'vitest';

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
