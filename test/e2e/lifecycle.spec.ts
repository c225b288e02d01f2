import type { Page } from '@playwright/test'
import { expect, test } from './support/test.ts'
import { otherDevice, receivedEvents, reportPlayback, resetEmulator } from './support/emulator.ts'
import { pairQuickly } from './support/pairing.ts'
import { onScreenText } from './support/tv.ts'

test.beforeEach(resetEmulator)

const actions = async () => (await receivedEvents()).map((event) => event.action)

/** What a TV does when the Home button or another input takes the screen, and back. */
async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((value) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => value })
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (value ? 'hidden' : 'visible'),
    })
    document.dispatchEvent(new Event('visibilitychange'))
  }, hidden)
}

test.describe('the TV hides or closes the app', () => {
  test('while playing: pause reported at once, no heartbeat while hidden, still paused on return', async ({
    page,
  }) => {
    test.setTimeout(90_000)
    await pairQuickly(page)
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Blue Horizon')).toBeVisible()
    await expect.poll(actions).toEqual(['start'])
    await setHidden(page, true)
    await expect.poll(actions, { timeout: 3000 }).toEqual(['start', 'pause'])
    // Longer than a heartbeat: nothing reports a frozen position.
    await page.waitForTimeout(17_000)
    expect(await actions()).toEqual(['start', 'pause'])
    await setHidden(page, false)
    await expect(onScreenText(page, 'Paused')).toBeVisible()
    expect(await page.evaluate(() => document.querySelector('video')?.paused)).toBe(true)
    await page.waitForTimeout(2000)
    expect(await actions()).toEqual(['start', 'pause'])
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Playing')).toBeVisible()
    await expect.poll(actions).toEqual(['start', 'pause', 'resume'])
    await page.keyboard.press('Backspace')
    await expect(onScreenText(page, 'Watch something')).toBeVisible()
    await expect.poll(actions).toEqual(['start', 'pause', 'resume', 'stop'])
  })

  test('on home: the live stream closes while hidden; on return it reconnects and home reads again', async ({
    page,
  }) => {
    await pairQuickly(page)
    await expect(onScreenText(page, 'Nothing is playing right now.')).toBeVisible()
    await expect(page.locator('[ref="Live"]')).toBeVisible()
    await setHidden(page, true)
    await expect(page.locator('[ref="Live"]')).toBeHidden()
    const phone = await otherDevice('ana')
    await reportPlayback(phone, 'start', {
      event_id: 'phone-1',
      playback_session_id: 'phone-session',
      event_created_at: Date.now(),
      media_type: 'movie',
      title: 'Elsewhere Only',
      progress: 0.5,
      position_seconds: 1200,
      duration_seconds: 2400,
    })
    // With the stream open, this shows within a second (playback.spec.ts).
    await page.waitForTimeout(2500)
    await expect(onScreenText(page, 'Elsewhere Only')).toHaveCount(0)
    await setHidden(page, false)
    const hero = page.locator('[ref="Hero"] [texture-text="Elsewhere Only"]')
    await expect(hero).toBeVisible({ timeout: 3000 })
    await expect(page.locator('[ref="Live"]')).toBeVisible()
  })

  test('closing the app while playing (pagehide) sends one stop', async ({ page }) => {
    await pairQuickly(page)
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Blue Horizon')).toBeVisible()
    await expect.poll(actions).toEqual(['start'])
    await page.evaluate(() => {
      // Tizen fires visibilitychange on exit, then the page goes.
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true })
      document.dispatchEvent(new Event('visibilitychange'))
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }))
    })
    await expect.poll(actions).toEqual(['start', 'pause', 'stop'])
    await page.waitForTimeout(2000)
    expect(await actions()).toEqual(['start', 'pause', 'stop'])
  })
})
