import { expect, test } from './support/test.ts'
import { decideOnPhone, emulator, resetEmulator } from './support/emulator.ts'
import { codeOnScreen, decodeQr } from './support/pairing.ts'
import { expectFocusOn, onScreenText, openApp, screenPixels } from './support/tv.ts'

/**
 * Built-ins that Chrome 68 (Tizen 5.0 / webOS 5) lacks. Deleting them before
 * the bundle runs simulates that engine: the app must still boot and render.
 */
const MISSING_ON_CHROME_68 = [
  'globalThis',
  'Object.hasOwn',
  'Object.fromEntries',
  'String.prototype.replaceAll',
  'String.prototype.matchAll',
  'Array.prototype.at',
  'Array.prototype.flat',
  'Array.prototype.flatMap',
  'Array.prototype.findLast',
  'Promise.allSettled',
  'Promise.any',
  'AbortSignal.any',
  'AbortSignal.timeout',
  'structuredClone',
  'queueMicrotask',
]

test.beforeEach(resetEmulator)

test('pairs and reaches home on a simulated Chrome 68 engine', async ({ page }) => {
  await emulator.configure({ intervalSec: 1, minPollIntervalSec: 1 })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.addInitScript((paths) => {
    const deleted: string[] = []
    for (const path of paths) {
      const parts = path.split('.')
      const name = parts.pop()!
      const owner = parts.reduce<Record<string, unknown>>(
        (object, key) => object[key] as Record<string, unknown>,
        window as unknown as Record<string, unknown>,
      )
      delete owner[name]
      if (!(name in owner)) deleted.push(path)
    }
    ;(window as unknown as { __deleted: string[] }).__deleted = deleted
  }, MISSING_ON_CHROME_68)

  await openApp(page)
  expect(
    await page.evaluate(() => (window as unknown as { __deleted: string[] }).__deleted),
  ).toEqual(MISSING_ON_CHROME_68)
  const code = await codeOnScreen(page)
  const [issued] = await emulator.deviceCodes()
  await page.waitForTimeout(300)
  expect(decodeQr(await screenPixels(page))).toBe(issued!.verificationUriComplete)
  await decideOnPhone(code, 'approve', 'ana')
  await expect(onScreenText(page, 'ana')).toBeVisible()
  await expect(onScreenText(page, 'Nothing is playing right now.')).toBeVisible()
  await expect(page.locator('[ref="Live"]')).toBeVisible()
  await expectFocusOn(page, 'Tile0')
  await page.keyboard.press('ArrowRight')
  await expectFocusOn(page, 'Tile1')
  expect(errors).toEqual([])
})
