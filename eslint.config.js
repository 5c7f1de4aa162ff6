/**
 * Lint is part of `npm test` and every rule is an error: a warning nobody is forced to read is noise.
 * The architecture rule (eslint-rules/architecture.js) enforces DESIGN.md §2.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import architecture from './eslint-rules/architecture.js';

const WEB_STORAGE = 'Web Storage is banned: settings live in the encrypted vault (DESIGN.md §2).';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'out-bench/', 'dist/', 'release/', 'test-results/', 'playwright-report/', '**/*.d.ts.map'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked.map((config) => ({ ...config, files: ['**/*.ts', '**/*.tsx'] })),
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    plugins: { architecture },
    rules: {
      'architecture/boundaries': 'error',
      'no-restricted-globals': [
        'error',
        { name: 'localStorage', message: WEB_STORAGE },
        { name: 'sessionStorage', message: WEB_STORAGE },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='localStorage']", message: WEB_STORAGE },
        { selector: "MemberExpression[property.name='sessionStorage']", message: WEB_STORAGE },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // shared/ runs in the renderer, the worker, Electron main, the CLI and tests: no runtime globals.
    files: ['shared/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'self', 'indexedDB', 'location', 'process', 'Buffer', 'require', '__dirname', 'localStorage', 'sessionStorage'].map(
          (name) => ({ name, message: `shared/ is pure TypeScript: '${name}' belongs to a runtime (DESIGN.md §2).` }),
        ),
      ],
    },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          name: '@mantine/core',
          importNames: ['AppShell', 'Grid', 'SimpleGrid', 'ColorSchemeScript', 'useMantineColorScheme'],
          message:
            'These write CSS or script through innerHTML, which Trusted Types refuse (the page crashes): use the layout in app/shell.css and the UI store for the colour scheme.',
        },
      ],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Trusted Types are enforced: build DOM with React, never HTML strings.' },
        { property: 'outerHTML', message: 'Trusted Types are enforced: build DOM with React, never HTML strings.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Record text is never rendered as HTML.' },
        { selector: "MemberExpression[property.name='localStorage']", message: WEB_STORAGE },
        { selector: "MemberExpression[property.name='sessionStorage']", message: WEB_STORAGE },
      ],
    },
  },
);
