// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';

import { DEFAULT_ANSWERS } from '../policy';
import { clearTabAnswers, readInitialState } from './address';
import { saveDraft } from './draft';

const KEY = 'personalize-kms-wizard:draft';
const SEARCH = '?v=1&ops=import';

afterEach(() => {
  clearTabAnswers();
  window.history.replaceState(null, '', '/');
});

describe('answers kept in this tab, read back on reload', () => {
  it.each([
    {
      what: 'restores a half-typed answer the link cannot hold',
      draft: { search: SEARCH, operations: ['import' as const] },
      shown: { operations: ['import'], accountId: '1111' },
    },
    {
      // A draft of another link's answers is not this link's: the link's answers stand.
      what: 'shows the link’s answers, without a notice, over a draft of another link’s',
      draft: { search: '?v=1&ops=export', operations: ['export' as const] },
      shown: { operations: ['import'], accountId: '' },
    },
  ])('$what', ({ draft, shown }) => {
    window.history.replaceState(null, '', `/${SEARCH}`);
    saveDraft(draft.search, {
      ...DEFAULT_ANSWERS,
      operations: draft.operations,
      accountId: '1111',
    });
    const state = readInitialState();
    expect(state.values.operations).toEqual(shown.operations);
    expect(state.values.accountId).toBe(shown.accountId);
    expect(state.notices).toEqual([]);
  });

  it.each([
    ['text that is not JSON', '{"search": "?v=1&ops=imp', /could not be read back/],
    ['JSON of another shape', '[1, 2, 3]', /could not be read back/],
  ])('says so, and shows the link’s answers, for %s', (_what, stored, message) => {
    window.history.replaceState(null, '', `/${SEARCH}`);
    window.sessionStorage.setItem(KEY, stored);
    const state = readInitialState();
    expect(state.values.operations).toEqual(['import']);
    expect(state.notices.map((notice) => notice.message)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['a choice that is not one', { partition: 'aws-evil' }, 'partition'],
    ['an operation that does not exist', { operations: ['import', 'hack'] }, 'operations'],
    ['a value of the wrong type', { bucketEncrypted: 'yes' }, 'bucketEncrypted'],
    ['text longer than a link may hold', { roleName: 'r'.repeat(5000) }, 'roleName'],
  ])('keeps the other answers and names %s', (_what, bad, field) => {
    window.history.replaceState(null, '', `/${SEARCH}`);
    window.sessionStorage.setItem(
      KEY,
      JSON.stringify({
        search: SEARCH,
        values: { ...DEFAULT_ANSWERS, operations: ['import'], accountId: '111122223333', ...bad },
      }),
    );
    const state = readInitialState();
    expect(state.values.accountId).toBe('111122223333');
    expect(state.values[field as keyof typeof DEFAULT_ANSWERS]).toEqual(
      DEFAULT_ANSWERS[field as keyof typeof DEFAULT_ANSWERS],
    );
    expect(state.notices.map((notice) => notice.message)).toEqual([expect.stringContaining(field)]);
  });
});
