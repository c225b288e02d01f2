import type { Page } from '@playwright/test'
import { expect, test } from './support/test.ts'
import { resetEmulator } from './support/emulator.ts'
import { codeOnScreen, pairQuickly } from './support/pairing.ts'
import { TV_KEYS, expectFocusOn, onScreenText, openApp, pressTvKey } from './support/tv.ts'

declare global {
  interface Window {
    __exitCalls: string[]
    __registeredKeys: string[]
  }
}

/** Fake TV runtimes: record what the app asks of them instead of quitting the browser. */
async function fakeRuntime(page: Page, runtime: 'browser' | 'tizen' | 'webos'): Promise<void> {
  await page.addInitScript((kind) => {
    window.__exitCalls = []
    window.__registeredKeys = []
    window.close = () => window.__exitCalls.push('window.close')
    const w = window as unknown as Record<string, unknown>
    if (kind === 'tizen') {
      w.tizen = {
        tvinputdevice: {
          registerKeyBatch: (keys: string[]) => window.__registeredKeys.push(...keys),
        },
        application: {
          getCurrentApplication: () => ({ exit: () => window.__exitCalls.push('tizen.exit') }),
        },
      }
    }
    if (kind === 'webos')
      w.webOS = { platformBack: () => window.__exitCalls.push('webOS.platformBack') }
  }, runtime)
}

test.beforeEach(resetEmulator)

const exitCalls = (page: Page) => page.evaluate(() => window.__exitCalls)
const dialogTitle = (page: Page) => onScreenText(page, 'Exit PunchPlay?')

test.describe('Back asks before exiting', () => {
  test('Back opens the question with Stay focused; Stay keeps the app', async ({ page }) => {
    await fakeRuntime(page, 'browser')
    await pairQuickly(page)
    await expectFocusOn(page, 'Tile0')
    await page.keyboard.press('Backspace')
    await expect(dialogTitle(page)).toBeVisible()
    await expectFocusOn(page, 'Cancel')
    await page.keyboard.press('Enter')
    await expect(dialogTitle(page)).toBeHidden()
    await expect(onScreenText(page, 'Watch something')).toBeVisible()
    await expectFocusOn(page, 'Tile0')
    expect(await exitCalls(page)).toEqual([])
  })

  test('Back inside the question is the same as Stay', async ({ page }) => {
    await fakeRuntime(page, 'browser')
    await pairQuickly(page)
    await expectFocusOn(page, 'Tile0')
    await page.keyboard.press('Backspace')
    await expect(dialogTitle(page)).toBeVisible()
    await page.keyboard.press('Backspace')
    await expect(dialogTitle(page)).toBeHidden()
    expect(await exitCalls(page)).toEqual([])
  })

  test('choosing Exit in a desktop browser only closes the window', async ({ page }) => {
    await fakeRuntime(page, 'browser')
    await pairQuickly(page)
    await expectFocusOn(page, 'Tile0')
    await page.keyboard.press('Backspace')
    await expectFocusOn(page, 'Cancel')
    await page.keyboard.press('ArrowLeft')
    await expectFocusOn(page, 'Confirm')
    await page.keyboard.press('Enter')
    await expect.poll(() => exitCalls(page)).toEqual(['window.close'])
  })

  test('Tizen: media keys are registered, Back is 10009, exit uses the application API', async ({
    page,
  }) => {
    await fakeRuntime(page, 'tizen')
    await openApp(page)
    await codeOnScreen(page)
    expect(await page.evaluate(() => window.__registeredKeys)).toEqual(
      expect.arrayContaining(['MediaPlayPause', 'MediaPlay', 'MediaPause', 'MediaStop']),
    )
    await pressTvKey(page, TV_KEYS.tizenBack)
    await expect(dialogTitle(page)).toBeVisible()
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Enter')
    await expect.poll(() => exitCalls(page)).toEqual(['tizen.exit'])
  })

  test('webOS: Back is 461 and exit uses platformBack', async ({ page }) => {
    await fakeRuntime(page, 'webos')
    await openApp(page)
    await codeOnScreen(page)
    await pressTvKey(page, TV_KEYS.webosBack)
    await expect(dialogTitle(page)).toBeVisible()
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Enter')
    await expect.poll(() => exitCalls(page)).toEqual(['webOS.platformBack'])
  })
})
