import type { Page } from '@playwright/test'
import { expect, test } from './support/test.ts'
import { emulator, otherDevice, reportPlayback, resetEmulator } from './support/emulator.ts'
import { pairQuickly } from './support/pairing.ts'
import { expectFocusOn, onScreenText, pressTvKey } from './support/tv.ts'

test.beforeEach(resetEmulator)

const INFO_KEY = 457

let serial = 0
/** Another device of the viewer watches something part-way and stops: it is in Continue watching. */
async function watchedPartly(phone: string, media: object, state: 'stop' | 'start' = 'stop') {
  const session = `phone-${++serial}`
  const base = {
    playback_session_id: session,
    event_created_at: Date.now(),
    progress: 0.4,
    position_seconds: 960,
    duration_seconds: 2400,
    ...media,
  }
  await reportPlayback(phone, 'start', { ...base, event_id: `${session}-start` })
  if (state === 'stop') {
    await reportPlayback(phone, 'stop', { ...base, event_id: `${session}-stop`, watched: false })
  }
}

const blueHorizon = {
  media_type: 'episode',
  title: 'Blue Horizon',
  season: 1,
  episode: 3,
  episode_title: 'Tidewater',
}
const longField = { media_type: 'movie', title: 'The Long Field' }
const continueTile = (page: Page, title: string) =>
  page.locator(`[ref="Continue"] [texture-text="${title}"]`)

async function inProgressTitles(phone: string): Promise<string[]> {
  const response = await fetch(`${emulator.apiBase}/playback/in-progress`, {
    headers: { authorization: `Bearer ${phone}` },
  })
  const body = (await response.json()) as unknown
  const rows = (Array.isArray(body) ? body : (body as { items: unknown[] }).items) as Array<{
    title?: string
    showTitle?: string
  }>
  return rows.map((row) => row.showTitle ?? row.title ?? '')
}

test.describe('home', () => {
  test('with nothing playing (204) and a bare in-progress list, shows both rows’ titles', async ({
    page,
  }) => {
    await emulator.configure({ realShapes: true })
    const phone = await otherDevice()
    await watchedPartly(phone, blueHorizon)
    await watchedPartly(phone, longField)
    await pairQuickly(page)
    await expect(onScreenText(page, 'Nothing is playing right now.')).toBeVisible()
    await expect(continueTile(page, 'Blue Horizon')).toBeVisible()
    await expect(continueTile(page, 'The Long Field')).toBeVisible()
    const reads = await emulator.requests('/playback/now-playing')
    expect(reads.map((read) => read.status)).toContain(204)

    // Something starts elsewhere: its title-less episode row is named by show and episode.
    await watchedPartly(phone, { ...blueHorizon, episode: 4, episode_title: 'Undertow' }, 'start')
    await expect(onScreenText(page, 'Blue Horizon — S1 · E4 “Undertow”')).toBeVisible()
  })

  test('one read failing leaves the other on screen, with a message for the failed one', async ({
    page,
  }) => {
    const phone = await otherDevice()
    await watchedPartly(phone, longField)
    await pairQuickly(page)
    await expect(continueTile(page, 'The Long Field')).toBeVisible()
    await emulator.fault({ route: '/playback/in-progress', kind: 'html', status: 502, count: 1 })
    await watchedPartly(phone, blueHorizon, 'start')
    await expect(onScreenText(page, 'Blue Horizon — S1 · E3 “Tidewater”')).toBeVisible()
    await expect(
      page.locator(
        '[texture-text^="Couldn\'t load Continue watching. PunchPlay is having trouble"]',
      ),
    ).toBeVisible()
  })

  test('Info on a Continue-watching tile removes it after a confirm; focus moves to its neighbour', async ({
    page,
  }) => {
    const phone = await otherDevice()
    await watchedPartly(phone, blueHorizon)
    await watchedPartly(phone, longField)
    await pairQuickly(page)
    await expect(continueTile(page, 'The Long Field')).toBeVisible()
    await page.keyboard.press('ArrowUp')
    await expect(page.locator('[ref="Continue"] [ref="Tile0"][focused="true"]')).toHaveCount(1)
    await expect(onScreenText(page, 'Hold OK or press Info: remove')).toBeVisible()
    const first = await page
      .locator('[ref="Continue"] [ref="Tile0"] [ref="Title"]')
      .getAttribute('texture-text')

    await pressTvKey(page, INFO_KEY)
    await expect(onScreenText(page, 'Remove from Continue watching?')).toBeVisible()
    await expectFocusOn(page, 'Cancel')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Enter')

    await expect(continueTile(page, first!)).toHaveCount(0)
    await expect(page.locator('[ref="Continue"] [ref="Tile0"][focused="true"]')).toHaveCount(1)
    await expect.poll(() => inProgressTitles(phone)).toHaveLength(1)
    expect(await inProgressTitles(phone)).not.toContain(first)
    const deletes = (await emulator.requests()).filter((r) => r.method === 'DELETE')
    expect(deletes.map((r) => r.status)).toEqual([204])
  })

  test('holding OK on a tile asks too; Cancel keeps it, and a failed removal says so', async ({
    page,
  }) => {
    const phone = await otherDevice()
    await watchedPartly(phone, longField)
    await pairQuickly(page)
    await expect(continueTile(page, 'The Long Field')).toBeVisible()
    await page.keyboard.press('ArrowUp')
    await expect(page.locator('[ref="Continue"] [ref="Tile0"][focused="true"]')).toHaveCount(1)
    // Held twice the 800 ms a remove needs: a busy page runs the long-press timer late.
    await page.keyboard.down('Enter')
    await page.waitForTimeout(1600)
    await page.keyboard.up('Enter')
    await expect(onScreenText(page, 'Remove from Continue watching?')).toBeVisible()
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Remove from Continue watching?')).toBeHidden()
    await expect(continueTile(page, 'The Long Field')).toBeVisible()

    await emulator.fault({ route: '*', method: 'DELETE', kind: 'status', status: 503, count: 1 })
    await pressTvKey(page, INFO_KEY)
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Enter')
    await expect(page.locator('[texture-text^="Couldn\'t remove it."]')).toBeVisible()
    await expect(continueTile(page, 'The Long Field')).toBeVisible()
    expect(await inProgressTitles(phone)).toEqual(['The Long Field'])
  })

  test('a captive portal answering the live stream does not cause a reconnect storm', async ({
    page,
  }) => {
    await pairQuickly(page)
    await expect(page.locator('[ref="Live"]')).toBeVisible()
    await emulator.fault({
      route: '/playback/events',
      kind: 'body',
      status: 200,
      contentType: 'text/html',
      body: '<html><body>Sign in to the hotel Wi-Fi</body></html>',
      count: 1000,
    })
    const before = {
      streams: (await emulator.requests('/playback/events')).length,
      reads: (await emulator.requests('/playback/now-playing')).length,
    }
    await page.reload()
    await expect(onScreenText(page, 'Nothing is playing right now.')).toBeVisible()
    await page.waitForTimeout(10_000)
    await expect(page.locator('[ref="Live"]')).toBeHidden()
    const streams = (await emulator.requests('/playback/events')).length - before.streams
    const reads = (await emulator.requests('/playback/now-playing')).length - before.reads
    // Tries at 0, 1, 3 and 7 s (the issue counted one a second), and one read on arrival.
    expect(streams).toBeGreaterThanOrEqual(3)
    expect(streams).toBeLessThanOrEqual(5)
    expect(reads).toBe(1)
  })
})
