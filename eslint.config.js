import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Kysely's query starters and the ways to run SQL: none of them belongs in a route. */
// zod is ~90 KB gzipped: a page's module that imports it (or a module that builds schemas at its top level) ships
// all of it to every visitor. Actions import schemas through a `.server` re-export; the browser's check loads them
// on the first submit (components/use-validated-form.ts); pages use the zod-free helpers of forms/names.ts.
const noZod =
  'Not in a page module: import schemas through their .server re-export (actions) or load them lazily (useValidatedForm); helpers from forms/names.'
const noKysely = 'Routes call modules; no Kysely in routes.'
const kyselyCalls =
  '/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom|with|withRecursive|transaction|connection|executeQuery)$/'

export default tseslint.config(
  { ignores: ['node_modules', '.build', 'public/build', '.data', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Dependency direction (DESIGN §3): payments/ and migrations stand alone; routes use modules, not db/.
      'no-restricted-imports': 'off',
    },
  },
  {
    // Playwright fixtures call their argument `use`, which is not React's hook.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // One module graph: the server process takes the application from the build (app/server/build.ts), never by
    // importing it a second time. Types are fine (erased). The migrate/seed CLI is a process of its own.
    files: ['app/server/**/*.ts'],
    ignores: ['app/server/cli.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/modules/**',
                '**/utils/**',
                '**/i18n/**',
                '**/db/**',
                '**/payments',
                '**/payments/**',
                '**/entry.server',
                '~/*',
              ],
              message:
                'The server reaches the app through the build: use build.entry.module (app/entry.server.tsx).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['payments/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/app/**', '**/db/**', '~/*'] }],
    },
  },
  {
    files: ['app/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['zod', '**/auth/schemas', '**/dossiers/lookup-schema', '**/forms/build-schema'],
              message: noZod,
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/routes/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['kysely', '**/db/*'],
              message: noKysely,
              allowTypeImports: true,
            },
            {
              group: ['zod', '**/auth/schemas', '**/dossiers/lookup-schema', '**/forms/build-schema'],
              message: noZod,
              allowTypeImports: true,
            },
          ],
        },
      ],
      // The import rule alone misses `context.db.selectFrom(…)`: the database arrives through the load context.
      // So any Kysely query-builder call or `sql` template fails here, whatever the receiver is called.
      'no-restricted-syntax': [
        'error',
        {
          selector: `CallExpression[callee.type='MemberExpression'][callee.property.name=${kyselyCalls}]`,
          message: noKysely,
        },
        {
          selector: "TaggedTemplateExpression[tag.name='sql']",
          message: noKysely,
        },
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.object.name='sql']",
          message: noKysely,
        },
      ],
    },
  },
)
