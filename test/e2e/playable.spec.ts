import type { Page } from '@playwright/test'
import { expect, test } from './support/test.ts'
import { receivedEvents, resetEmulator } from './support/emulator.ts'
import { pairQuickly } from './support/pairing.ts'
import { expectFocusOn, onScreenText } from './support/tv.ts'

test.beforeEach(resetEmulator)

const actions = async () => (await receivedEvents()).map((event) => event.action)

/**
 * Makes canPlayType answer '' for every type `refuses` matches, as an engine
 * without those codecs does (Chromium 64–69 builds without H.264, for one).
 */
async function engineWithout(page: Page, refuses: string): Promise<void> {
  await page.addInitScript((pattern) => {
    const canPlayType = HTMLMediaElement.prototype.canPlayType
    HTMLMediaElement.prototype.canPlayType = function (type: string) {
      return new RegExp(pattern).test(type) ? '' : canPlayType.call(this, type)
    }
  }, refuses)
}

/** Opens the first catalog item (Blue Horizon) from home. */
async function openBlueHorizon(page: Page): Promise<void> {
  await pairQuickly(page)
  await expectFocusOn(page, 'Tile0')
  await page.keyboard.press('Enter')
  await expect(onScreenText(page, 'Blue Horizon')).toBeVisible()
}

/** The failure screen: the reason and the way out, still there long after the 4 s overlay time. */
async function expectFailureStays(page: Page, reason: string): Promise<void> {
  const shown = [onScreenText(page, reason), onScreenText(page, 'Back: return')]
  for (const text of shown) await expect(text).toBeVisible()
  await page.waitForTimeout(6000)
  for (const text of shown) await expect(text).toBeVisible()
  await expect(page.locator('[ref="Overlay"] [texture-text="Blue Horizon"]')).toBeVisible()
  for (const state of ['Paused', 'Playing', 'Starting…'])
    await expect(onScreenText(page, state)).toHaveCount(0)
  await expect(page.locator('video')).toHaveCount(0)
}

async function expectBackGoesHome(page: Page): Promise<void> {
  await page.keyboard.press('Backspace')
  await expect(onScreenText(page, 'Watch something')).toBeVisible()
  await expectFocusOn(page, 'Tile0')
}

test.describe('playable everywhere', () => {
  test('an engine that plays none of the sources says so until Back, and reports nothing', async ({
    page,
  }) => {
    await engineWithout(page, '.')
    await openBlueHorizon(page)
    await expectFailureStays(page, "This TV can't play any of the formats this video comes in.")
    await expectBackGoesHome(page)
    expect(await actions()).toEqual([])
  })

  test('a video file the engine cannot open: the reason stays, no event is sent', async ({
    page,
  }) => {
    await page.route('**/videos/**', (route) => route.fulfill({ status: 404, body: 'gone' }))
    await openBlueHorizon(page)
    await expectFailureStays(page, "This TV couldn't open the video file.")
    await expectBackGoesHome(page)
    expect(await actions()).toEqual([])
  })

  test('a load that stalls shows "Starting…", never "Paused", then says it did not start', async ({
    page,
  }) => {
    test.setTimeout(90_000)
    // The file's request never gets an answer: a network that hangs.
    await page.route('**/videos/**', () => undefined)
    await openBlueHorizon(page)
    await expect(onScreenText(page, 'Starting…')).toBeVisible()
    await page.waitForTimeout(6000)
    await expect(onScreenText(page, 'Starting…')).toBeVisible()
    await expect(onScreenText(page, 'Paused')).toHaveCount(0)
    await expect(
      onScreenText(page, "The video didn't start. Check the TV's internet connection."),
    ).toBeVisible({
      timeout: 30_000,
    })
    await expectFailureStays(page, "The video didn't start. Check the TV's internet connection.")
    await expectBackGoesHome(page)
    expect(await actions()).toEqual([])
  })

  test('an engine without H.264 plays the VP9 WebM and reports start → progress → one stop', async ({
    page,
  }) => {
    test.setTimeout(90_000)
    await engineWithout(page, '^video/mp4')
    await openBlueHorizon(page)
    await expect(page.locator('video')).toHaveAttribute('src', /videos\/blue-horizon-s1e3\.webm$/)
    await expect.poll(actions, { timeout: 10_000 }).toEqual(['start'])
    await page.keyboard.press('ArrowUp')
    await expect(onScreenText(page, 'Playing')).toBeVisible()
    await expect.poll(actions, { timeout: 20_000 }).toEqual(['start', 'progress'])
    await page.keyboard.press('Backspace')
    await expect(onScreenText(page, 'Watch something')).toBeVisible()
    await expect.poll(actions).toEqual(['start', 'progress', 'stop'])
    const events = await receivedEvents()
    expect(new Set(events.map((event) => event.body.playback_session_id)).size).toBe(1)
    expect(events.every((event) => event.result === 'applied')).toBe(true)
    // The picture really moved: 15 s of a 45 s episode before the heartbeat.
    expect(events[1]!.body.progress).toBeGreaterThan(0.25)
  })
})
