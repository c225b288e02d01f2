import type { Page } from '@playwright/test'
import { expect, test } from './support/test.ts'
import { resetEmulator } from './support/emulator.ts'
import { codeOnScreen } from './support/pairing.ts'
import { expectFocusOn, onScreenText, openApp } from './support/tv.ts'

declare global {
  interface Window {
    __holdStorage: boolean
    __exitCalls: string[]
  }
}

/** IndexedDB opens that never answer while `__holdStorage` is set, as on a wedged TV engine. */
async function wedgeStorage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__holdStorage = true
    window.__exitCalls = []
    window.close = () => window.__exitCalls.push('window.close')
    const open = indexedDB.open.bind(indexedDB)
    indexedDB.open = (...args: Parameters<IDBFactory['open']>) =>
      window.__holdStorage ? ({} as IDBOpenDBRequest) : open(...args)
  })
}

test.beforeEach(resetEmulator)

test.describe('start-up', () => {
  test('Back during start-up asks the exit question instead of being swallowed', async ({
    page,
  }) => {
    await wedgeStorage(page)
    await openApp(page)
    await expect(onScreenText(page, 'Starting…')).toBeVisible()
    await page.keyboard.press('Backspace')
    await expect(onScreenText(page, 'Exit PunchPlay?')).toBeVisible()
    await expectFocusOn(page, 'Cancel')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => window.__exitCalls)).toEqual(['window.close'])
  })

  test('a start that fails says why and offers Try again, which then starts the app', async ({
    page,
  }) => {
    await wedgeStorage(page)
    await openApp(page)
    await expect(page.locator('[texture-text^="PunchPlay TV could not start."]')).toBeVisible({
      timeout: 15_000,
    })
    await expect(page.locator('[texture-text$="did not answer in time."]')).toBeVisible()
    await expectFocusOn(page, 'Retry')
    // Staying on the question leaves the failure and its Try again where they were.
    await page.keyboard.press('Backspace')
    await expect(onScreenText(page, 'Exit PunchPlay?')).toBeVisible()
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Exit PunchPlay?')).toBeHidden()
    await expectFocusOn(page, 'Retry')

    await page.evaluate(() => (window.__holdStorage = false))
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Sign in to PunchPlay')).toBeVisible()
    await codeOnScreen(page)
  })
})
