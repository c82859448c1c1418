import { afterEach } from 'vitest';

// Only the tests that render into a DOM (the jsdom ones) use Testing Library and its
// matchers: the pure tests skip loading React DOM and Testing Library, which every test
// file paid for before.
if (typeof document !== 'undefined') {
  await import('@testing-library/jest-dom/vitest');
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => {
    cleanup();
  });
}
