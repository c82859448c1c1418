/** "a", "a and b", "a, b and c": a list in a sentence. */
export function listInProse(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** A sentence's first letter in capitals: "the trust policy" becomes "The trust policy". */
export function capitalized(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/**
 * A whole number with a comma between thousands, as the messages write it: 20480 becomes
 * "20,480". Not toLocaleString('en'): its first call loads the locale's number data, which
 * took about 70 ms of the Review step's first render at 4x CPU (its size checks), for commas.
 */
export function withThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
