import type { Browser } from '@playwright/test'
import { readFileSync } from 'node:fs'
import type { Emulator } from '../emulator.ts'
import { round } from '../stats.ts'
import { openTvPage } from '../tv-browser.ts'
import { pairToHome } from './pairing.ts'

/** The app's heartbeat while playing (issue 6). */
const HEARTBEAT_MS = 15_000

export interface PlaybackFigure {
  title: string
  playedSec: number
  events: Record<string, number>
  eventsPerMinute: number
  /** start + one progress per whole heartbeat + stop. */
  expectedEvents: number
  extraEvents: number
  /** API requests other than playback events while the title played (target 0). */
  otherRequests: string[]
  met: boolean
}

/** The longest title of the catalog the app ships, and its place on the "Watch something" rail. */
function longestTitle(): { index: number; title: string; durationSec: number } {
  const { items } = JSON.parse(
    readFileSync(new URL('../../src/catalog.json', import.meta.url), 'utf8'),
  ) as { items: { title: string; duration_seconds: number }[] }
  const index = items.reduce(
    (best, item, i) => (item.duration_seconds > items[best]!.duration_seconds ? i : best),
    0,
  )
  return { index, title: items[index]!.title, durationSec: items[index]!.duration_seconds }
}

/**
 * Figure 6: what the app sends while a title plays from its start to its end
 * (the longest sample, about a minute), counted by the emulator.
 */
export async function measurePlayback(
  browser: Browser,
  origin: string,
  emulator: Emulator,
): Promise<PlaybackFigure> {
  const title = longestTitle()
  const tv = await openTvPage(browser)
  try {
    await pairToHome(tv, origin, emulator)
    // Home opens with the first tile of "Watch something" focused.
    for (let step = 0; step < title.index; step++) await tv.page.keyboard.press('ArrowRight')
    await tv.page.keyboard.press('Enter')
    const [start] = await emulator.waitForPlaybackEvents(1, 30_000)
    const stopped = async () => (await emulator.playbackEvents()).at(-1)?.action === 'stop'
    const deadline = Date.now() + title.durationSec * 1000 + 30_000
    while (!(await stopped())) {
      if (Date.now() > deadline) throw new Error(`${title.title} did not play to its end`)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    const events = await emulator.playbackEvents()
    const stop = events.at(-1)!
    const playedMs = stop.receivedAtMs - start!.receivedAtMs
    // Until the app made its stop: home's own reads on return race the stop to the emulator.
    const others = (await emulator.requests()).filter(
      (r) =>
        r.timeMs > start!.receivedAtMs &&
        r.timeMs < stop.body.event_created_at &&
        !/\/playback\/(start|progress|pause|resume|stop)$/.test(r.path),
    )
    const counts: Record<string, number> = {}
    for (const event of events) counts[event.action] = (counts[event.action] ?? 0) + 1
    const expectedEvents = 2 + Math.floor(playedMs / HEARTBEAT_MS)
    return {
      title: title.title,
      playedSec: round(playedMs / 1000, 1),
      events: counts,
      eventsPerMinute: round(events.length / (playedMs / 60_000), 1),
      expectedEvents,
      extraEvents: Math.max(0, events.length - expectedEvents),
      otherRequests: others.map((r) => `${r.method} ${r.path} ${r.status}`),
      met: events.length <= expectedEvents && others.length === 0,
    }
  } finally {
    await tv.close()
  }
}
