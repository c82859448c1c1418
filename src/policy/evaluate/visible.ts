/**
 * Text from a pasted policy, shown so that two values that look alike on screen do not read
 * alike: a zero-width space, a Cyrillic `о` in place of a Latin `o` or a non-breaking space
 * would otherwise hide the difference between a Sid (or principal) and the one it imitates.
 */

function codePointLabel(codePoint: number): string {
  return `[U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}]`;
}

/**
 * Printable ASCII as is; every other character (control, invisible, non-ASCII) as `[U+XXXX]`.
 * `[` is written as `[U+005B]` too, so a value that itself contains the text `[U+200B]` cannot
 * pass for one with a real zero-width space.
 *
 * `visibleText('Allow\u200Buse')` is `'Allow[U+200B]use'`; a Cyrillic `о` becomes `[U+043E]`.
 */
export function visibleText(text: string): string {
  let out = '';
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    const printable = codePoint >= 0x20 && codePoint <= 0x7e && character !== '[';
    out += printable ? character : codePointLabel(codePoint);
  }
  return out;
}

/** A statement's Sid as it should be shown in messages: see {@link visibleText}. */
export function visibleSid(sid: string): string {
  return visibleText(sid);
}
