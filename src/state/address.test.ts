// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';

import { DEFAULT_ANSWERS, type Answers } from '../policy';
import { clearTabAnswers, readInitialState, saveDraftForAddress, stepInAddress } from './address';

afterEach(() => {
  clearTabAnswers();
  window.history.replaceState(null, '', '/');
});

/** Everything before Review answered. */
const COMPLETE: Answers = {
  ...DEFAULT_ANSWERS,
  operations: ['import'],
  bucketEncrypted: true,
  accountId: '111122223333',
  roleName: 'PersonalizeRole',
};

describe('the step the address opens at start-up', () => {
  it.each([
    ['the link alone', false, 'role'],
    ['this tab’s draft of its answers', true, 'review'],
  ] as const)('follows %s', (_what, withDraft, expected) => {
    // The link's own answers lack the role, so Review cannot be opened from them.
    window.history.replaceState(null, '', '/?v=1&ops=import&enc=bucket&step=review');
    if (withDraft) saveDraftForAddress(COMPLETE);
    // The step whose code is loaded first is the step the wizard then opens.
    expect(stepInAddress()).toBe(expected);
    expect(readInitialState().step).toBe(expected);
  });

  it('reports an unreadable draft to the form after the step’s code was chosen from it', () => {
    window.history.replaceState(null, '', '/?v=1&ops=import');
    window.sessionStorage.setItem('personalize-kms-wizard:draft', '{"search": "?v=1&o');
    // Start-up reads the address twice: for the step's code, then for the form.
    expect(stepInAddress()).toBe('operations');
    expect(readInitialState().notices.map((notice) => notice.message)).toEqual([
      expect.stringContaining('could not be read back'),
    ]);
  });
});
