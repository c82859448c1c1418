import type { Answers } from '../policy';

/** The answers held as text, which a text, radio or select control can edit. */
export type StringField = {
  [K in keyof Answers]: Answers[K] extends string ? K : never;
}[keyof Answers];
