import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { createEventQueue } from '../../src/core/playback/event-queue.ts'
import { createEventBuilder, type PlayableItem } from '../../src/core/playback/events.ts'
import { createPlaybackReporter, type ReporterStatus } from '../../src/core/playback/reporter.ts'
import { createPlaybackTracker } from '../../src/core/playback/tracker.ts'
import { useEmulator, type TestEmulator } from '../helpers/emulator.ts'
import { signIn } from '../helpers/session.ts'

const emulator = useEmulator({ minPollIntervalSec: 0 })

const movie: PlayableItem = {
  id: 'long-field',
  mediaType: 'movie',
  title: 'The Long Field',
  year: 2025,
  tmdbId: 4242,
  durationSec: 60,
}

interface Received {
  action: string
  body: {
    event_id: string
    playback_session_id: string
    watched?: boolean
    watched_threshold?: number
    progress: number
  }
  result: string
}

async function received(emu: TestEmulator): Promise<Received[]> {
  return (await emu.control<{ events: Received[] }>('/playback-events')).events
}

async function setUp(options: { clientId?: string; scope?: string; started?: boolean } = {}) {
  const emu = emulator()
  const { clock, session } = await signIn(emu, options)
  const queue = createEventQueue(createMemoryStore(), clock)
  await queue.load()
  const statuses: ReporterStatus[] = []
  const reporter = createPlaybackReporter({
    session,
    queue,
    clock,
    onStatus: (s) => statuses.push(s),
  })
  const ids = { uuid: randomUUID }
  const build = createEventBuilder({
    clock,
    ids,
    deviceId: 'device-1',
    clientVersion: 'punchplay-tv/test',
  })
  const begin = createPlaybackTracker({ reporter, queue, build, clock, ids })
  const player = { positionSec: 0, durationSec: 60 }
  const tracked = begin(movie, () => ({ ...player }))
  if (options.started ?? true) tracked.playing()
  const actions = async () => (await received(emu)).map((event) => event.action)
  const waitFor = (expected: string[]) =>
    vi.waitFor(async () => expect(await actions()).toEqual(expected))
  return { emu, clock, queue, reporter, statuses, player, tracked, actions, waitFor }
}

describe('playback tracker against the emulator', () => {
  it('reports start, a progress heartbeat every 15 s while playing, and one stop with a verdict', async () => {
    const { emu, clock, player, tracked, waitFor } = await setUp()
    await waitFor(['start'])
    player.positionSec = 15
    await clock.advance(15_000)
    await waitFor(['start', 'progress'])
    player.positionSec = 30
    await clock.advance(15_000)
    await waitFor(['start', 'progress', 'progress'])
    player.positionSec = 58
    await Promise.all([tracked.stop(), tracked.stop()])
    await tracked.stop()
    await waitFor(['start', 'progress', 'progress', 'stop'])
    const events = await received(emu)
    expect(new Set(events.map((e) => e.body.playback_session_id))).toEqual(
      new Set([tracked.sessionId]),
    )
    expect(events.every((e) => e.result === 'applied')).toBe(true)
    expect(events[1]!.body.progress).toBe(0.25)
    expect(events[3]!.body).toMatchObject({ watched: true, watched_threshold: 0.9, progress: 1 })
    await clock.advance(60_000)
    expect(await received(emu)).toHaveLength(4)
  })

  it('debounces pause and resume, and beats only while playing', async () => {
    const { clock, tracked, waitFor, actions } = await setUp()
    await waitFor(['start'])
    tracked.setPlaying(false)
    await clock.advance(400)
    tracked.setPlaying(true)
    await clock.advance(1000)
    tracked.setPlaying(false)
    await clock.advance(1000)
    await waitFor(['start', 'pause'])
    await clock.advance(45_000)
    expect(await actions()).toEqual(['start', 'pause'])
    tracked.setPlaying(true)
    await clock.advance(1000)
    await waitFor(['start', 'pause', 'resume'])
    await clock.advance(15_000)
    await waitFor(['start', 'pause', 'resume', 'progress'])
    await tracked.stop()
    await waitFor(['start', 'pause', 'resume', 'progress', 'stop'])
  })

  it('queues while PunchPlay is unreachable and delivers every event exactly once, in order', async () => {
    const { emu, clock, player, tracked, waitFor, statuses } = await setUp()
    await waitFor(['start'])
    await emu.fault({ route: '*', kind: 'drop', count: 2 })
    player.positionSec = 15
    await clock.advance(15_000)
    await vi.waitFor(() => expect(statuses.at(-1)?.queued).toBe(1))
    player.positionSec = 30
    await clock.advance(15_000)
    await vi.waitFor(() => expect(statuses.at(-1)?.queued).toBe(2))
    tracked.setPlaying(false)
    await clock.advance(1000)
    // The network is back: the next delivery replays the queue first.
    await waitFor(['start', 'progress', 'progress', 'pause'])
    const events = await received(emu)
    expect(new Set(events.map((e) => e.body.event_id)).size).toBe(4)
    expect(events.every((e) => e.result === 'applied')).toBe(true)
    expect(statuses.at(-1)).toEqual({ tracking: 'on', queued: 0, dropped: 0, orphaned: 0 })
  })

  it('drops queued progress of the session before its stop, then replays the stop later', async () => {
    const { emu, clock, player, tracked, queue, waitFor } = await setUp()
    await waitFor(['start'])
    await emu.fault({ route: '*', kind: 'drop', count: 3 })
    player.positionSec = 15
    await clock.advance(15_000)
    player.positionSec = 30
    await clock.advance(15_000)
    await vi.waitFor(() => expect(queue.size).toBe(2))
    await tracked.stop()
    expect(queue.size).toBe(1)
    await clock.advance(30_000)
    await waitFor(['start', 'stop'])
    expect(queue.size).toBe(0)
  })

  it('reports nothing for a video that never started: no start, no progress, no stop', async () => {
    const { emu, clock, tracked, queue } = await setUp({ started: false })
    await clock.advance(60_000)
    tracked.setPlaying(false)
    tracked.setPlaying(true)
    await clock.advance(60_000)
    await tracked.stop()
    // A late `playing` (the element went on loading after the player closed) starts nothing.
    tracked.playing()
    await clock.advance(60_000)
    expect(await received(emu)).toEqual([])
    expect(queue.size).toBe(0)
  })

  it('sends start only once the picture moves, then once however often it moves again', async () => {
    const { clock, tracked, waitFor, actions } = await setUp({ started: false })
    await clock.advance(20_000)
    expect(await actions()).toEqual([])
    tracked.playing()
    tracked.playing()
    await waitFor(['start'])
    // Resuming after buffering fires `playing` again; only the viewer's own presses report.
    tracked.playing()
    await clock.advance(14_000)
    expect(await actions()).toEqual(['start'])
    await clock.advance(1000)
    await waitFor(['start', 'progress'])
    await tracked.stop()
    await waitFor(['start', 'progress', 'stop'])
  })

  it('sends nothing and says tracking is off without playback:write', async () => {
    const { emu, clock, tracked, statuses, reporter } = await setUp({
      clientId: 'ppc_limited_dev',
      scope: 'profile:read playback:read',
    })
    await clock.advance(15_000)
    await tracked.stop()
    expect(await received(emu)).toEqual([])
    expect(reporter.status.tracking).toBe('off-scope')
    expect(statuses.at(-1)?.tracking).toBe('off-scope')
  })
})
