import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { parseWriteResult, playbackEventRequest } from '../../src/core/api/playback-writes.ts'
import { createEventQueue } from '../../src/core/playback/event-queue.ts'
import { createEventBuilder, type PlaybackEvent } from '../../src/core/playback/events.ts'
import { createPlaybackReporter } from '../../src/core/playback/reporter.ts'
import { useEmulator } from '../helpers/emulator.ts'
import type { FaultSpec } from '../helpers/emulator-control.ts'
import { signIn } from '../helpers/session.ts'

const emulator = useEmulator({ minPollIntervalSec: 0 })

const received = async () =>
  (
    await emulator().control<{ events: Array<{ action: string; body: { event_id: string } }> }>(
      '/playback-events',
    )
  ).events

async function setUp() {
  const { clock, session } = await signIn(emulator())
  const queue = createEventQueue(createMemoryStore(), clock)
  const reporter = createPlaybackReporter({ session, queue, clock, retryMs: 30_000 })
  const build = createEventBuilder({
    clock,
    ids: { uuid: randomUUID },
    deviceId: 'device-1',
    clientVersion: 'punchplay-tv/test',
  })
  const item = { id: 'm', mediaType: 'movie' as const, title: 'The Long Field', durationSec: 60 }
  const start = (): PlaybackEvent =>
    build('start', randomUUID(), item, { positionSec: 0, durationSec: 60 })
  return { clock, session, queue, reporter, start }
}

const fault = (spec: Omit<FaultSpec, 'route' | 'count'>) =>
  emulator().fault({ route: '/playback/start', count: 1, ...spec })

describe('playback writes judged by status, as the Kodi add-on judges them', () => {
  it('reads any 2xx body as delivered unless it says otherwise', () => {
    for (const body of [undefined, null, true, 'ok', [], {}]) {
      expect(parseWriteResult(body)).toEqual({ ok: true, deduped: false, ignored: null })
    }
    expect(parseWriteResult({ ok: false, ignored: 'old_event' })).toMatchObject({ ok: false })
  })

  it('takes 204 with no body as delivered: sent once, nothing queued, nothing resent', async () => {
    const tv = await setUp()
    await emulator().configure({ realShapes: true })
    await tv.reporter.deliver(tv.start(), tv.reporter.grantId)
    expect(tv.reporter.status).toEqual({ tracking: 'on', queued: 0, dropped: 0, orphaned: 0 })
    await tv.clock.advance(5 * 60_000)
    await tv.reporter.flush()
    expect((await received()).map((event) => event.action)).toEqual(['start'])
    expect((await emulator().requests('/playback/start')).map((r) => r.status)).toEqual([204])
  })

  it('takes a 2xx web page or an empty 200 as delivered too', async () => {
    const tv = await setUp()
    await fault({ kind: 'body', status: 200, contentType: 'text/html', body: '<p>ok</p>' })
    await tv.reporter.deliver(tv.start(), tv.reporter.grantId)
    await fault({ kind: 'empty', status: 200 })
    await tv.reporter.deliver(tv.start(), tv.reporter.grantId)
    expect(tv.reporter.status).toEqual({ tracking: 'on', queued: 0, dropped: 0, orphaned: 0 })
    expect(await emulator().requests('/playback/start')).toHaveLength(2)
  })

  it.each([400, 404, 409, 422])(
    'drops and counts an event refused with an HTML %i, keeps tracking on',
    async (status) => {
      const tv = await setUp()
      await fault({ kind: 'html', status })
      await tv.reporter.deliver(tv.start(), tv.reporter.grantId)
      expect(tv.reporter.status).toEqual({ tracking: 'on', queued: 0, dropped: 1, orphaned: 0 })
      await tv.reporter.deliver(tv.start(), tv.reporter.grantId)
      expect((await received()).map((event) => event.action)).toEqual(['start'])
    },
  )

  it('drops an empty 403 from a proxy without failing and without turning tracking off', async () => {
    const tv = await setUp()
    await fault({ kind: 'empty', status: 403 })
    await expect(tv.reporter.deliver(tv.start(), tv.reporter.grantId)).resolves.toBeUndefined()
    expect(tv.reporter.status).toEqual({ tracking: 'on', queued: 0, dropped: 1, orphaned: 0 })
  })

  it.each([
    ['an HTML 503', { kind: 'html', status: 503 }],
    ['an empty 502', { kind: 'empty', status: 502 }],
    ['an HTML 429', { kind: 'html', status: 429 }],
    ['an HTML 408', { kind: 'html', status: 408 }],
  ] as const)('keeps an event refused with %s and sends it once later', async (_, spec) => {
    const tv = await setUp()
    await fault(spec)
    const event = tv.start()
    await tv.reporter.deliver(event, tv.reporter.grantId)
    expect(tv.reporter.status).toEqual({ tracking: 'on', queued: 1, dropped: 0, orphaned: 0 })
    expect(await received()).toEqual([])
    await tv.clock.advance(30_000)
    await tv.reporter.flush()
    expect((await received()).map((e) => e.body.event_id)).toEqual([event.body.event_id])
    expect(tv.reporter.status.queued).toBe(0)
  })

  it('sends only documented fields, ids included when the catalog has them', () => {
    const build = createEventBuilder({
      clock: { now: () => 0, elapsed: () => 0, sleep: async () => {} },
      ids: { uuid: () => 'u' },
      deviceId: 'd',
      clientVersion: 'v',
    })
    const item = {
      id: 'fc',
      mediaType: 'movie' as const,
      title: 'Fight Club',
      tmdbId: 550,
      imdbId: 'tt0137523',
      durationSec: 8340,
    }
    const { json } = playbackEventRequest(
      build('start', 's', item, { positionSec: 0, durationSec: 0 }),
    )
    expect(json).toMatchObject({ tmdb_id: 550, imdb_id: 'tt0137523' })
    expect(json).not.toHaveProperty('tvdb_id')
  })
})
