import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

/**
 * The layers of docs/ARCHITECTURE.md, enforced: each zone names a folder and what it may not
 * import. test/node/boundaries.test.ts lints a file of each layer that breaks its rule, so a
 * zone that stops firing fails the suite.
 */
const layer = (target, from, message) => ({ target, from, message });
const IO = ['./worker/data', './worker/services', './worker/storage', './worker/gateways', './worker/crypto'];
const ROUTES = ['./worker/pages', './worker/api', './worker/app.ts', './worker/index.ts'];

export const boundaryZones = [
  layer(
    './worker/domain',
    [...IO, ...ROUTES, './worker/lib', './worker/presenters', './worker/print', './worker/config.ts', './web'],
    'worker/domain is pure rules: it imports only other domain files, libraries and reference data.',
  ),
  layer(
    './web',
    [...IO, ...ROUTES, './worker/lib', './worker/presenters', './worker/print', './worker/config.ts'],
    'web/ renders the view types presenters build; it never reaches into the worker (worker/domain types excepted).',
  ),
  layer(
    './worker/data',
    [...ROUTES, './worker/services', './worker/presenters', './worker/lib', './web'],
    'worker/data is SQL only: it never calls up into services, presenters, routes or HTTP helpers.',
  ),
  layer(
    ['./worker/storage', './worker/crypto', './worker/gateways'],
    [...ROUTES, './worker/data', './worker/services', './worker/presenters', './worker/lib', './web'],
    'storage, crypto and gateways talk to one outside thing each and know nothing of the layers above.',
  ),
  layer(
    './worker/services',
    [...ROUTES, './worker/presenters', './worker/lib', './web'],
    'A service orchestrates data, storage, crypto, gateways and domain rules; routes and presenters sit above it.',
  ),
  layer(
    './worker/presenters',
    [...ROUTES, './worker/storage', './worker/gateways', './worker/crypto'],
    'A presenter turns rows into views: no I/O of its own.',
  ),
  layer(
    ['./worker/pages/**/!(index|scope|request).{ts,tsx}'],
    ['./worker/pages/**/!(scope|request).{ts,tsx}'],
    'A route file never imports another route file: shared helpers go in scope.ts, request.ts, worker/lib or worker/schemas.',
  ),
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      '.wrangler',
      'worker/env.d.ts',
      'db/migrations',
      'dist',
      'test-results',
      'web/public/vendor',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error', 'warn', 'log'] }],
      'import-x/no-restricted-paths': ['error', { zones: boundaryZones }],
    },
  },
  {
    // The schema is the one source of the enumerations; the domain may read their types, never the tables.
    files: ['worker/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/schema'],
              allowTypeImports: true,
              message:
                'worker/domain may import only types from db/schema: values (tables, enums) belong to worker/data.',
            },
          ],
        },
      ],
    },
  },
);
