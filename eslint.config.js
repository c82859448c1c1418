import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const uiPackages = [
  'react',
  'react-dom',
  'react-dom/*',
  'react/*',
  '@mui/*',
  '@emotion/*',
  'react-hook-form',
  '@hookform/*',
];

/**
 * The layers of src, top to bottom. A layer imports only the layers below it,
 * never one above: the pure core knows nothing of the page, and the page's
 * parts depend one way, so each can be read (and tested) without the ones above.
 */
const LAYERS = [
  { name: 'app', path: ['./src/app', './src/main.tsx'] },
  { name: 'wizard', path: ['./src/wizard'] },
  { name: 'documents', path: ['./src/documents'] },
  { name: 'ui', path: ['./src/ui'] },
  { name: 'state', path: ['./src/state'] },
  { name: 'link', path: ['./src/link'] },
  { name: 'policy', path: ['./src/policy'] },
];

const layerZones = LAYERS.flatMap((layer, index) =>
  layer.path.map((target) => ({
    target,
    from: LAYERS.slice(0, index).flatMap((above) => above.path),
    message: `The ${layer.name} layer must not import a layer above it (${LAYERS.slice(0, index)
      .map((above) => above.name)
      .join(', ')}); see "How it is built" in the README.`,
  })),
).filter((zone) => zone.from.length > 0);

// Test-only code (and the AGPL simulator) must never reach the app bundle.
const testOnlyPatterns = [
  { group: ['**/test-support/*'], message: 'Test-support code is for tests only.' },
  {
    group: ['@cloud-copilot/*'],
    message: 'The IAM simulator is AGPL: tests only, never in the app.',
  },
];

// The pure layers (policy builder, share-link codec) must run anywhere: no UI
// framework, no form library and no DOM.
const pureLayerRules = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: uiPackages,
          message: 'The pure layers must not depend on React, MUI, Emotion or form libraries.',
        },
        {
          group: ['**/app/*', '**/wizard/*', '**/documents/*'],
          message: 'The pure layers must not import the UI.',
        },
        // Repeated here: a later no-restricted-imports replaces an earlier one.
        ...testOnlyPatterns,
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    ...[
      'window',
      'document',
      'navigator',
      'location',
      'history',
      'localStorage',
      'sessionStorage',
      'fetch',
      'XMLHttpRequest',
      'HTMLElement',
      'Element',
      'Node',
      'self',
      'globalThis',
    ].map((name) => ({ name, message: 'The pure layers must not use DOM or browser APIs.' })),
  ],
};

export default defineConfig([
  globalIgnores([
    'dist',
    'dist-e2e-*',
    'coverage',
    'test-results',
    'playwright-report',
    'bench-results',
    'node_modules',
  ]),
  {
    files: ['**/*.{ts,tsx}'],
    extends: [
      js.configs.recommended,
      tseslint.configs.strictTypeChecked,
      tseslint.configs.stylisticTypeChecked,
    ],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: './tsconfig.app.json' }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // These tests check the link codec and the policy core together (messages,
    // cleaning, partitions, the hardening option read from a link).
    files: ['src/policy/{clean-input,confused-deputy,partition-keys,validate-plain-text}.test.ts'],
    rules: { 'import-x/no-restricted-paths': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/policy/**', 'src/link/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-syntax': [
        'error',
        {
          // MUI 9's Typography knows textPrimary, textSecondary and textDisabled; a palette
          // path there is passed on as an HTML attribute and colours nothing.
          selector: "JSXAttribute[name.name='color'][value.value=/^text\\./]",
          message: 'Use color="textSecondary" (or sx={{ color: "text.secondary" }}).',
        },
      ],
    },
    languageOptions: { globals: globals.browser },
  },
  {
    // Before the pure-layer block, whose rule replaces this one there.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', 'src/**/test-support/**', 'src/test-setup.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: testOnlyPatterns }] },
  },
  {
    files: ['src/policy/**/*.ts', 'src/link/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/**/test-support/**'],
    rules: pureLayerRules,
  },
  {
    files: ['e2e/**/*.ts', 'scripts/**/*.{ts,js,mjs}', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Plain JavaScript (the scripts and this file): ESLint's recommended rules, no type checks.
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended, tseslint.configs.disableTypeChecked],
  },
  {
    // Code these scripts hand to the browser (page.evaluate, addInitScript) runs in the page.
    files: ['scripts/bench-typing.mjs'],
    languageOptions: { globals: globals.browser },
  },
]);
