import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import tseslint from 'typescript-eslint'

const restrict = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
})

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      '.cache/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        console: 'readonly',
        process: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The core is framework-free: it could serve another UI and is tested alone.
    files: ['src/core/**/*.ts'],
    rules: restrict([
      {
        group: ['@lightningjs/*', 'idb-keyval', 'qrcode', 'ky'],
        message: 'core takes its adapters as parameters',
      },
      {
        group: ['**/ui/**', '**/tv/**', '**/adapters/**', '**/emulator/**'],
        message: 'core depends on nothing outside core',
      },
    ]),
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: restrict([
      {
        group: ['**/adapters/**', 'idb-keyval', 'ky'],
        message: 'pages get services from main.ts; types only',
        allowTypeImports: true,
      },
    ]),
  },
  {
    // An independent reading of the API, so one bug cannot hide on both sides.
    files: ['emulator/**/*.ts'],
    rules: restrict([
      { group: ['**/src/**'], message: 'the emulator imports nothing from the app' },
    ]),
  },
  {
    files: ['scripts/**', 'emulator/**', 'test/**', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
  prettier,
)
