/**
 * How the page shows code (a way of reading, not an answer): kept in this
 * tab, and Start over keeps it.
 */
import { readItem, writeItem } from './tab-storage';

const WRAP_LINES = 'wrap-lines';

/**
 * Whether code blocks wrap long lines, as last chosen in this tab: on until
 * turned off, so an ARN is never cut off at the block's edge.
 */
export function readWrapLines(): boolean {
  return readItem(WRAP_LINES) !== '0';
}

export function saveWrapLines(on: boolean): void {
  // Refused (private mode, quota): the choice lasts until the page is left.
  writeItem(WRAP_LINES, on ? '1' : '0');
}
