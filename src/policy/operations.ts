/**
 * The Personalize operations and guide editions the wizard knows: plain
 * lists that both the answers schema (answers.ts) and the guide's rules
 * (rules.ts) are written in terms of, so neither imports the other's module.
 */
export const OPERATIONS = [
  'import',
  'export',
  'batch-inference',
  'batch-segment',
  'metric-reports',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * Editions of the Personalize KMS guide: the January 2023 text (the default)
 * and the current one, which AWS changed a month later.
 */
export const GUIDE_EDITIONS = ['2023-01', 'current'] as const;
export type GuideEdition = (typeof GUIDE_EDITIONS)[number];
