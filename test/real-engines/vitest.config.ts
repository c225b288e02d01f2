import { defineConfig } from 'vitest/config'

/**
 * The real-engine suite (npm run test:engines): one engine at a time, since
 * each is a whole browser and the machine has two cores.
 */
export default defineConfig({
  test: {
    root: '.',
    include: ['test/real-engines/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
})
