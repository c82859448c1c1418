// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';

import { EMPTY_TEXTS } from '../policy/check/fields';
import { clearTabAnswers } from './address';
import { clearCheckTexts } from './check-kept';
import {
  readCheckTexts,
  readCollectedFile,
  readLostCollectedFile,
  saveCheckText,
  saveCollectedFile,
} from './check-texts';

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
    expect(saveCollectedFile('{"collected":true}', 'setup.json')).toBe(true);
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

  it('names after a reload the collected file the storage refused, and no older file comes back', async () => {
    saveCollectedFile('{"older":true}', 'older.json');
    // Full storage: it refuses the file, but a name still fits.
    const setItem = Object.getOwnPropertyDescriptor(Storage.prototype, 'setItem')?.value as (
      this: Storage,
      name: string,
      value: string,
    ) => void;
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (
      this: Storage,
      name: string,
      value: string,
    ) {
      if (value.length > 100) throw new DOMException('full', 'QuotaExceededError');
      setItem.call(this, name, value);
    });
    const file = `{"collected":"${'x'.repeat(200)}"}`;
    expect(saveCollectedFile(file, 'setup.json')).toBe(false);
    // While the page lasts, the file is read from it and nothing is lost.
    expect(readCollectedFile()).toBe(file);
    expect(readLostCollectedFile()).toBeUndefined();
    reload();
    const fresh = await import('./check-texts');
    expect(fresh.readCollectedFile()).toBe('');
    expect(fresh.readLostCollectedFile()).toBe('setup.json');
    // A file kept, or Dismiss, stops naming it.
    expect(fresh.saveCollectedFile('{}', 'small.json')).toBe(true);
    expect(fresh.readLostCollectedFile()).toBeUndefined();
    expect(fresh.saveCollectedFile(file, 'setup.json')).toBe(false);
    reload();
    const again = await import('./check-texts');
    expect(again.readLostCollectedFile()).toBe('setup.json');
    again.forgetLostCollectedFile();
    expect(again.readLostCollectedFile()).toBeUndefined();
  });

  it('forgets everything at Start over, and only the Check step’s items', () => {
    saveCheckText('errorMessage', 'AccessDenied');
    saveCollectedFile('{}', 'setup.json');
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
