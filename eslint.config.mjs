import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import { marketSqlRule } from './scripts/lint/market-sql-rule.mjs'

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn'
    }
  },
  {
    // The core must run under plain Node: only the Electron shell may import electron.
    files: ['src/main/**/*.ts', 'src/shared/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/ipc/**', 'src/main/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The core never imports electron; keep it in src/main/index.ts or src/main/ipc/.'
            }
          ]
        }
      ]
    }
  },
  {
    // One read model of the market: only market/ (and the migrations that create the tables) name them in SQL.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/market/**', 'src/main/db/migrations/**'],
    plugins: { seasonwatch: { rules: { 'no-market-sql': marketSqlRule } } },
    rules: { 'seasonwatch/no-market-sql': 'error' }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron'],
              message: 'The contract is shared with the renderer: no node or electron imports.'
            }
          ]
        }
      ]
    }
  },
  {
    // One number format (src/shared/format.ts): screens and the command line's human output never
    // format numbers or dates by hand, so "$61B" cannot sit beside "$461.64B" again.
    files: ['src/renderer/**/*.{ts,tsx}', 'src/main/cli/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(toFixed|toPrecision|toLocaleString|toLocaleDateString|toLocaleTimeString)$/]',
          message: 'Format numbers and dates with src/shared/format.ts, not by hand.'
        },
        {
          selector: "NewExpression[callee.object.name='Intl'][callee.property.name=/^(NumberFormat|DateTimeFormat)$/]",
          message: 'Format numbers and dates with src/shared/format.ts, not with a formatter of your own.'
        }
      ]
    }
  },
  {
    files: ['**/*.cjs', 'scripts/**', 'bin/**'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly'
      }
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' }
  }
)
