import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import regexp from 'eslint-plugin-regexp';
import security from 'eslint-plugin-security';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const browserOnlyGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'location',
  'history',
  'HTMLElement',
  'Element',
  'Node',
  'customElements',
  'alert',
  'confirm',
  'prompt',
].map((name) => ({
  name,
  message: 'core/ is pure: it runs in Node and in the browser. Pass what you need in.',
}));

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'reports/**',
      'test-results/**',
      'bench/results/**',
      'templates/**',
      // Generated from the OSCAL JSON Schema by scripts/generate-oscal-validator.mjs.
      'core/oscal/catalog-schema.validate.js',
      'scripts/*.d.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  security.configs.recommended,
  {
    // Regular expressions run over untrusted text (evidence, logs, imports): none may backtrack
    // or move in more than linear time. eslint-plugin-regexp analyses each pattern for it; the
    // security plugin's star-height heuristic both flagged linear patterns and missed quadratic
    // ones (`/\/\*.*?\*\//g` over a line of unclosed comments), so it gives way here.
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': [
        'error',
        { report: 'potential', ignorePartial: false, ignoreSticky: false },
      ],
      'security/detect-unsafe-regex': 'off',
    },
  },
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', 'scripts/*.mjs', 'bin/*.js', 'build/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      // Object keys from our own typed maps are not user input; the rule cannot tell them apart.
      'security/detect-object-injection': 'off',
      // Handler tables mix synchronous and asynchronous entries behind one async signature.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/unit/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '(useQuery)' }],
    },
  },
  {
    // The renderer reaches main only through the typed API (its tests may run main's handler
    // table as their host).
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/cli/**', '**/preload/**'],
              message: 'The renderer talks to main through getApi() only.',
            },
          ],
        },
      ],
    },
  },
  {
    // One formatter for the screen (lib/format.ts): dates, times and numbers follow the user's
    // locale the same way everywhere, and ISO stays in machine outputs.
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['renderer/src/lib/format.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'].map((property) => ({
          property,
          message: 'Format for the screen with lib/format.ts (formatDateTime, formatNumber …).',
        })),
        ...['DateTimeFormat', 'NumberFormat', 'RelativeTimeFormat'].map((property) => ({
          object: 'Intl',
          property,
          message: 'Format for the screen with lib/format.ts (formatDateTime, formatNumber …).',
        })),
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'fs',
            'path',
            'os',
            'child_process',
            'crypto',
            'stream',
            'zlib',
            'buffer',
            'util',
            'url',
            'http',
            'https',
            'net',
            'worker_threads',
          ].map((name) => ({
            name,
            message: 'core/ is pure: no Node built-ins.',
          })),
          patterns: [
            { regex: '^node:', message: 'core/ is pure: no Node built-ins.' },
            {
              group: [
                'electron',
                'electron/*',
                'react',
                'react-dom',
                'react/*',
                'react-dom/*',
                'dexie',
                'dexie/*',
                'playwright-core',
                '@playwright/*',
              ],
              message: 'core/ is pure: no Electron, React, Dexie or browser automation.',
            },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'],
              message: 'core/ depends on nothing else in the app.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...browserOnlyGlobals,
        { name: 'process', message: 'core/ is pure: no process.' },
        { name: 'Buffer', message: 'core/ is pure: use Uint8Array.' },
        { name: 'require', message: 'core/ is pure.' },
        { name: '__dirname', message: 'core/ is pure.' },
      ],
    },
  },
  {
    files: [
      'main/services/**/*.ts',
      'main/handlers.ts',
      'main/platform.ts',
      'main/hosts/chromium*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Only the Electron host, security.ts, menu.ts and index.ts may import electron; these run under the Chromium host too.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'zod', message: 'The preload stays small: schemas are checked in main.' },
          ],
          patterns: [
            {
              group: ['**/core/ipc/contract'],
              allowTypeImports: true,
              message: 'The preload imports the contract for types only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Node code works with computed paths by nature: they come from native dialogs, the app's own
    // folders or resolveInside() (the traversal guard), never from renderer strings unchecked.
    files: [
      'main/**/*.ts',
      'cli/**/*.ts',
      'scripts/**',
      'bin/**',
      'build/**',
      'test/**',
      'bench/**',
      '*.config.ts',
    ],
    rules: { 'security/detect-non-literal-fs-filename': 'off' },
  },
  {
    // vi.fn() mocks are passed around as methods in assertions by design.
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
