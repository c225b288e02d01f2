import { expect, test } from './support/test.ts'
import {
  emulator,
  otherDevice,
  receivedEvents,
  reportPlayback,
  resetEmulator,
} from './support/emulator.ts'
import { pairQuickly } from './support/pairing.ts'
import { expectFocusOn, onScreenText, pressTvKey, TV_KEYS } from './support/tv.ts'

test.beforeEach(resetEmulator)

const actions = async () => (await receivedEvents()).map((event) => event.action)

test.describe('playback', () => {
  test('playing an item reports start → progress → stop in order with one session id', async ({
    page,
  }) => {
    test.setTimeout(90_000)
    await pairQuickly(page)
    await expectFocusOn(page, 'Tile0')
    await page.keyboard.press('ArrowRight')
    await expectFocusOn(page, 'Tile1')
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'The Long Field')).toBeVisible()
    await expect(onScreenText(page, 'Tracking on PunchPlay')).toBeVisible()
    await expect.poll(actions, { timeout: 10_000 }).toEqual(['start'])
    await expect.poll(actions, { timeout: 20_000 }).toEqual(['start', 'progress'])
    await page.keyboard.press('Backspace')
    await expect(onScreenText(page, 'Watch something')).toBeVisible()
    await expect.poll(actions).toEqual(['start', 'progress', 'stop'])

    const events = await receivedEvents()
    expect(new Set(events.map((event) => event.body.playback_session_id)).size).toBe(1)
    expect(new Set(events.map((event) => event.body.event_id)).size).toBe(3)
    expect(events.every((event) => event.result === 'applied')).toBe(true)
    const progress = events[1]!.body.progress
    expect(progress).toBeGreaterThan(0.2)
    expect(progress).toBeLessThan(0.35)
    expect(events[2]!.body).toMatchObject({ watched: false })
    // Stopped unwatched: it is now something to continue.
    await expect(page.locator('[ref="Continue"] [texture-text="The Long Field"]')).toBeVisible()
  })

  test('OK and the media keys pause and resume, reported once each after the viewer settles', async ({
    page,
  }) => {
    await pairQuickly(page)
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Blue Horizon')).toBeVisible()
    await expect.poll(actions).toEqual(['start'])
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Paused')).toBeVisible()
    await expect.poll(actions).toEqual(['start', 'pause'])
    await pressTvKey(page, TV_KEYS.play)
    await pressTvKey(page, TV_KEYS.pause)
    await pressTvKey(page, TV_KEYS.play)
    await expect(onScreenText(page, 'Playing')).toBeVisible()
    await expect.poll(actions).toEqual(['start', 'pause', 'resume'])
    await pressTvKey(page, TV_KEYS.stop)
    await expect.poll(actions).toEqual(['start', 'pause', 'resume', 'stop'])
  })

  test('home follows the events stream when another device starts playing', async ({ page }) => {
    await pairQuickly(page)
    await expect(onScreenText(page, 'Nothing is playing right now.')).toBeVisible()
    await expect(page.locator('[ref="Live"]')).toBeVisible()
    const phone = await otherDevice('ana')
    await reportPlayback(phone, 'start', {
      event_id: 'phone-1',
      playback_session_id: 'phone-session',
      event_created_at: Date.now(),
      media_type: 'episode',
      title: 'Night Shift',
      season: 2,
      episode: 8,
      episode_title: 'Last Call',
      progress: 0.5,
      position_seconds: 1200,
      duration_seconds: 2400,
    })
    await expect(onScreenText(page, 'Night Shift — S2 · E8 “Last Call”')).toBeVisible({
      timeout: 3000,
    })
    await expect(onScreenText(page, '20:00 of 40:00 · playing')).toBeVisible()
  })

  test('events that fail while PunchPlay is down arrive exactly once after it recovers', async ({
    page,
  }) => {
    test.setTimeout(90_000)
    await pairQuickly(page)
    // A 503, not a dropped connection: Chromium resends a POST cut on a reused connection by
    // itself (seen here: up to twice), which would hide the app's own queue from this test.
    await emulator.fault({ route: '/playback/start', kind: 'status', status: 503, count: 1 })
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Saved offline, will sync')).toBeVisible({ timeout: 10_000 })
    expect(await actions()).toEqual([])
    await expect.poll(actions, { timeout: 20_000 }).toEqual(['start', 'progress'])
    await page.keyboard.press('ArrowRight')
    await expect(onScreenText(page, 'Tracking on PunchPlay')).toBeVisible()
    await page.keyboard.press('Backspace')
    await expect.poll(actions).toEqual(['start', 'progress', 'stop'])
    const events = await receivedEvents()
    expect(new Set(events.map((event) => event.body.event_id)).size).toBe(3)
    expect(events.every((event) => event.result === 'applied')).toBe(true)
  })
})
