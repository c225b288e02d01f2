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
    // Use-cases: framework-free like the core, time only through the Clock port.
    files: ['src/app/**/*.ts'],
    rules: {
      ...restrict([
        {
          group: ['@lightningjs/*', 'idb-keyval', 'ky', 'qrcode'],
          message: 'the app layer takes its adapters as parameters',
        },
        {
          group: ['**/ui/**', '**/tv/**', '**/adapters/**', '**/emulator/**'],
          message: 'the app layer depends on core only; ui depends on it',
        },
      ]),
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'indexedDB', 'fetch'].map(
          (name) => ({ name, message: 'no DOM in the app layer: take a port' }),
        ),
        ...['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'].map((name) => ({
          name,
          message: 'timers go through the Clock port',
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'time goes through the Clock port' },
      ],
    },
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: restrict([
      {
        group: ['**/adapters/**', 'idb-keyval', 'ky'],
        message: 'pages get services from main.ts; types only',
        allowTypeImports: true,
      },
      {
        group: ['**/core/session/token-manager*'],
        message: 'pages follow the session store (src/app), never the token manager',
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
