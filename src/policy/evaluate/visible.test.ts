import { describe, expect, test } from 'vitest';

import { visibleSid, visibleText } from './visible';

describe('visibleSid', () => {
  test.each([
    ['AllowUse', 'AllowUse'],
    ['Allow use of the key', 'Allow use of the key'],
    ['Allow\u200Buse', 'Allow[U+200B]use'],
    // Cyrillic о (U+043E) in place of the Latin o.
    ['Allоw', 'All[U+043E]w'],
    // Greek capital alpha in place of the Latin A.
    ['\u0391llow', '[U+0391]llow'],
    ['Allow\u00A0use', 'Allow[U+00A0]use'],
    ['Allow\tuse\n', 'Allow[U+0009]use[U+000A]'],
    ['\u202EwollA', '[U+202E]wollA'],
    ['\uFEFFAllow', '[U+FEFF]Allow'],
    ['Allow😀', 'Allow[U+1F600]'],
    // A Sid that spells out an escape cannot pass for one that has the character.
    ['Allow[U+200B]use', 'Allow[U+005B]U+200B]use'],
    ['', ''],
  ])('%j is shown as %j', (sid, shown) => {
    expect(visibleSid(sid)).toBe(shown);
  });

  test('two lookalikes are shown differently', () => {
    expect(visibleSid('AllowPersonalize')).not.toBe(visibleSid('AllowPersоnalize'));
    expect(visibleText('arn:aws:iam::111122223333:role/Rоle')).toContain('[U+043E]');
  });
});
