import { test as base, expect } from '@playwright/test'
import { TOKENISH } from '../../helpers/tokens.ts'

/**
 * Every end-to-end test, watched: anything the page writes to its console or
 * throws is scanned for tokens, and the test fails if one appears.
 */
export const test = base.extend<{ consoleGuard: void; realShapes: boolean }>({
  /** Set by the "real-shapes" project (playwright.config.ts); resetEmulator applies it. */
  realShapes: [false, { option: true }],
  consoleGuard: [
    async ({ page }, use) => {
      const lines: string[] = []
      page.on('console', (message) => lines.push(message.text()))
      page.on('pageerror', (error) => lines.push(`${error.message}\n${error.stack ?? ''}`))
      await use()
      expect(
        lines.filter((line) => TOKENISH.test(line)),
        'console output holds a token',
      ).toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
