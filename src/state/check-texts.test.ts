// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';

import { EMPTY_TEXTS } from '../policy/check/fields';
import { clearTabAnswers } from './address';
import { clearCheckTexts } from './check-kept';
import { readCheckTexts, readCollectedFile, saveCheckText, saveCollectedFile } from './check-texts';

const POLICY = '{"Version":"2012-10-17","Statement":[]}';

/** A reload: the page's own copy is gone, the tab's storage stays. */
function reload(): void {
  vi.resetModules();
}

afterEach(() => {
  clearCheckTexts();
  vi.restoreAllMocks();
});

describe('the Check step’s texts kept in this tab', () => {
  it('starts with every field empty', () => {
    expect(readCheckTexts()).toEqual(EMPTY_TEXTS);
    expect(readCollectedFile()).toBe('');
  });

  it('reads back after a reload what was pasted and loaded', async () => {
    expect(saveCheckText('bucketPolicy', POLICY)).toBe(true);
    expect(saveCollectedFile('{"collected":true}')).toBe(true);
    reload();
    const fresh = await import('./check-texts');
    expect(fresh.readCheckTexts()).toEqual({ ...EMPTY_TEXTS, bucketPolicy: POLICY });
    expect(fresh.readCollectedFile()).toBe('{"collected":true}');
  });

  it('keeps a text the storage refuses until the page is left, and says it was not kept', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(saveCheckText('trustPolicy', POLICY)).toBe(false);
    expect(readCheckTexts().trustPolicy).toBe(POLICY);
  });

  it('forgets everything at Start over, and only the Check step’s items', () => {
    saveCheckText('errorMessage', 'AccessDenied');
    saveCollectedFile('{}');
    window.sessionStorage.setItem('someone-else', 'kept');
    clearTabAnswers();
    expect(readCheckTexts()).toEqual(EMPTY_TEXTS);
    expect(readCollectedFile()).toBe('');
    expect(window.sessionStorage.getItem('personalize-kms-wizard:check:text:errorMessage')).toBe(
      null,
    );
    expect(window.sessionStorage.getItem('someone-else')).toBe('kept');
  });
});
