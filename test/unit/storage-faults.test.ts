import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { meRequest } from '../../src/core/api/me.ts'
import { QUEUE_KEY, createEventQueue } from '../../src/core/playback/event-queue.ts'
import { createEventBuilder } from '../../src/core/playback/events.ts'
import { createPlaybackReporter } from '../../src/core/playback/reporter.ts'
import type { KeyValueStore } from '../../src/core/ports.ts'
import { DEVICE_ID_KEY } from '../../src/core/session/token-store.ts'
import { TV_CLIENT, useEmulator, type TestEmulator } from '../helpers/emulator.ts'
import { ManualClock } from '../helpers/manual-clock.ts'
import { coreServices, signIn } from '../helpers/session.ts'

const emulator = useEmulator({ minPollIntervalSec: 0, rotateRefreshTokens: true })

/** IndexedDB that fails the calls the test asks for, as quota or an aborted transaction does. */
function faultyDb() {
  const inner = createMemoryStore()
  let failSets = 0
  let failAllSets = false
  let failGets = false
  const store: KeyValueStore = {
    get: (key) =>
      failGets ? Promise.reject(new DOMException('broken', 'UnknownError')) : inner.get(key),
    set: (key, value) =>
      failAllSets || failSets-- > 0
        ? Promise.reject(new DOMException('full', 'QuotaExceededError'))
        : inner.set(key, value),
    del: (key) => inner.del(key),
  }
  return {
    store,
    failEveryGet: () => (failGets = true),
    failNextSet: () => (failSets = 1),
    failEverySet: () => (failAllSets = true),
  }
}

async function pairIn(
  emu: TestEmulator,
  core: ReturnType<typeof coreServices>,
  clock: ManualClock,
) {
  const code = await core.flow.requestCode()
  await emu.approve(code.userCode, 'approve', 'ana')
  const result = clock.track(core.flow.poll(code, () => {}))
  await clock.tick()
  const outcome = await result
  if (outcome.status !== 'approved') throw new Error(`pairing ended ${outcome.status}`)
  await core.session.signIn(outcome.grant)
}

const clockFor = (emu: TestEmulator) =>
  new ManualClock(Date.UTC(2026, 10, 28, 12), (ms) => emu.advance(ms / 1000))
const refreshStatuses = async (emu: TestEmulator) =>
  (await emu.requests('/auth/refresh')).map((request) => request.status)

/** A start event for a film, built as the app's reporter builds it. */
function startEvent(clock: ManualClock) {
  const build = createEventBuilder({
    clock,
    ids: { uuid: randomUUID },
    deviceId: 'd',
    clientVersion: 'v',
  })
  const item = { id: 'm', mediaType: 'movie' as const, title: 'The Long Field', durationSec: 60 }
  return build('start', randomUUID(), item, { positionSec: 0, durationSec: 60 })
}

/** The event ids PunchPlay recorded, in arrival order. */
const arrivedEventIds = async (emu: TestEmulator) =>
  (
    await emu.control<{ events: Array<{ body: { event_id: string } }> }>('/playback-events')
  ).events.map((event) => event.body.event_id)

/** A signed-in reporter over a fresh in-memory queue: one run of the app's playback side. */
async function signedInReporter() {
  const emu = emulator()
  const { clock, session } = await signIn(emu)
  const db = createMemoryStore()
  const queue = createEventQueue(db, clock)
  const reporter = createPlaybackReporter({ session, queue, clock })
  return { emu, clock, session, db, queue, reporter }
}

/** A first run of the app, paired as `ana`, over storage the test can make fail. */
async function pairedOverFaultyDb() {
  const emu = emulator()
  const db = faultyDb()
  const clock = clockFor(emu)
  const first = coreServices(emu, db.store, clock)
  await first.session.start()
  await pairIn(emu, first, clock)
  return { emu, db, clock, first }
}

describe('a sign-in survives storage faults (issue 15)', () => {
  it('one failed IndexedDB write, a refresh, a restart: still signed in', async () => {
    const { emu, db, clock, first } = await pairedOverFaultyDb()
    db.failNextSet()
    await first.diagnostics.record({
      ...{ method: 'GET', endpoint: '/me', clientId: TV_CLIENT, at: new Date().toISOString() },
      ...{ kind: 'network', status: null, code: 'network_error', message: 'x' },
      ...{ requestId: null, body: null },
    })
    await first.session.refresh()
    const again = coreServices(emu, db.store, clock)
    expect(await again.session.start()).toMatchObject({ signedIn: true, username: 'ana' })
    await again.session.refresh()
    expect(await again.session.send(meRequest())).toMatchObject({ username: 'ana' })
    expect(await refreshStatuses(emu)).toEqual([200, 200])
  })

  it('a rotated token that cannot be stored: this run goes on, the next start pairs cleanly', async () => {
    const { emu, db, clock, first } = await pairedOverFaultyDb()
    db.failEverySet()
    await first.session.refresh()
    expect(await first.session.send(meRequest())).toMatchObject({ username: 'ana' })
    const again = coreServices(emu, db.store, clock)
    expect(await again.session.start()).toEqual({ signedIn: false, reason: 'never' })
    // The spent refresh token was never replayed: no invalid_grant, no revoked grant.
    expect(await refreshStatuses(emu)).toEqual([200])
  })

  it('reads device_id at start, so a read failing later never sends another one', async () => {
    const emu = emulator()
    const db = faultyDb()
    await db.store.set(DEVICE_ID_KEY, 'tv-install-1')
    const clock = clockFor(emu)
    const core = coreServices(emu, db.store, clock)
    await core.session.start()
    db.failEveryGet()
    await pairIn(emu, core, clock)
    const tracked = await core.playback.begin(
      { id: 'm', mediaType: 'movie', title: 'The Long Field', durationSec: 60 },
      () => ({ positionSec: 0, durationSec: 60 }),
    )
    tracked.playing()
    await tracked.stop()
    const { events } = await emu.control<{ events: Array<{ body: { device_id: string } }> }>(
      '/playback-events',
    )
    expect(events.map((event) => event.body.device_id)).toEqual(['tv-install-1', 'tv-install-1'])
    expect(await db.store.get(DEVICE_ID_KEY).catch(() => 'unreadable')).toBe('unreadable')
  })

  it('notes in Diagnostics every queued event dropped unsent', async () => {
    const emu = emulator()
    const db = createMemoryStore()
    const clock = clockFor(emu)
    const event = startEvent(clock)
    const first = coreServices(emu, db, clock)
    await first.session.start()
    await pairIn(emu, first, clock)
    const state = first.session.state
    const grantId = state.signedIn ? state.grantId : 'none'
    const old = { ...event, queuedAtMs: clock.now(), waitedMs: 31 * 24 * 3600_000, grantId }
    await db.set(QUEUE_KEY, [old])
    // The next start loads the viewer's queue with their sign-in.
    const core = coreServices(emu, db, clock)
    await core.session.start()
    await expect
      .poll(() => core.diagnostics.entries.map((entry) => [entry.code, entry.message]))
      .toEqual([
        [
          'events_expired',
          '1 saved playback event was not sent: waited more than 30 days to be sent',
        ],
      ])
  })
})

// Issue 15: reporter.dispose() during a flush used to delete what it had not sent.
describe('closing the app while queued events are being replayed', () => {
  it('keeps every event not yet sent, and they all arrive after a restart', async () => {
    const { emu, clock, session, db, queue, reporter } = await signedInReporter()
    const grantId = reporter.grantId
    await emu.fault({ route: '/playback/start', kind: 'status', status: 503, count: 3 })
    for (let i = 0; i < 3; i++) {
      await reporter.deliver(startEvent(clock), grantId)
    }
    expect(queue.size).toBe(3)
    await emu.fault({ route: '/playback/start', kind: 'latency', latencyMs: 400, count: 1 })
    const flushing = reporter.flush()
    await new Promise((resolve) => setTimeout(resolve, 100))
    reporter.dispose()
    await flushing
    // The send already out got its answer: PunchPlay took that one, the other two wait.
    const after = createEventQueue(db, clock)
    await after.load()
    expect(after.size).toBe(2)
    const restarted = createPlaybackReporter({ session, queue: after, clock })
    await restarted.flush()
    const arrived = await arrivedEventIds(emu)
    expect(arrived).toHaveLength(3)
    expect(new Set(arrived).size).toBe(3)
  })

  it('keeps an event whose send the closing app cut off, for the next start', async () => {
    const { emu, clock, session, db, reporter } = await signedInReporter()
    const event = startEvent(clock)
    await emu.fault({ route: '/playback/start', kind: 'latency', latencyMs: 400, count: 1 })
    const delivering = reporter.deliver(event, reporter.grantId)
    await new Promise((resolve) => setTimeout(resolve, 100))
    reporter.dispose()
    await delivering
    // The next start comes later: the emulator has finished with the cut-off request by then.
    await new Promise((resolve) => setTimeout(resolve, 600))
    const after = createEventQueue(db, clock)
    await after.load()
    const replayed = createPlaybackReporter({ session, queue: after, clock })
    await replayed.flush()
    expect(await arrivedEventIds(emu)).toContain(event.body.event_id)
    expect(after.size).toBe(0)
  })
})
