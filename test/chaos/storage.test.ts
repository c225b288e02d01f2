import { describe, expect } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { meRequest } from '../../src/core/api/me.ts'
import type { KeyValueStore } from '../../src/core/ports.ts'
import { TOKENS_KEY } from '../../src/core/session/token-store.ts'
import { useEmulator, type TestEmulator } from '../helpers/emulator.ts'
import { ManualClock } from '../helpers/manual-clock.ts'
import { matrix } from './support/report.ts'
import { MOVIE, createRig, type Rig } from './support/rig.ts'

const emulator = useEmulator({ minPollIntervalSec: 5 })
const scenario = matrix(import.meta.filename, () => emulator().control('/reset', {}))

async function signedIn(emu: TestEmulator, rig: Rig) {
  const { result } = await rig.pair(async (_wait, updates) => {
    if (updates.length === 1) await emu.approve((await emu.deviceCodes()).at(-1)!.userCode)
  })
  expect(result.status).toBe('approved')
  return rig
}

/** IndexedDB as it fails in private mode, when full, or with a broken database. */
function failing(on: Array<keyof KeyValueStore>, name: string): KeyValueStore {
  const inner = createMemoryStore()
  const fail = () => Promise.reject(new DOMException('storage failed', name))
  return {
    get: (key) => (on.includes('get') ? fail() : inner.get(key)),
    set: (key, value) => (on.includes('set') ? fail() : inner.set(key, value)),
    del: (key) => (on.includes('del') ? fail() : inner.del(key)),
  }
}

const clockFor = (emu: TestEmulator) =>
  new ManualClock(Date.UTC(2026, 10, 28, 12), (ms) => emu.advance(ms / 1000))

describe('fault matrix: storage', () => {
  for (const [label, store] of [
    ['IndexedDB unavailable', () => failing(['get', 'set', 'del'], 'InvalidStateError')],
    ['IndexedDB throwing on write', () => failing(['set'], 'UnknownError')],
    ['quota exceeded', () => failing(['set'], 'QuotaExceededError')],
  ] as const) {
    scenario('storage', `${label}: the session works from memory and says so`, async () => {
      const emu = emulator()
      const rig = await signedIn(emu, createRig(emu, { store: store() }))
      expect(await rig.session.send(meRequest())).toMatchObject({ username: 'sofa_viewer' })
      expect(rig.store.degraded).toBe(true)
      expect(rig.troubles.length).toBeGreaterThan(0)
      return { troublesReported: rig.troubles.length, signedIn: 'yes' }
    })
  }

  scenario('storage', 'a corrupted token record', async () => {
    const emu = emulator()
    const store = createMemoryStore()
    await store.set(TOKENS_KEY, { v: 1, accessToken: 12, refreshToken: null })
    const rig = createRig(emu, { store })
    expect(await rig.session.start()).toEqual({ signedIn: false, reason: 'never' })
    expect(await store.get(TOKENS_KEY)).toMatchObject({ accessToken: 12 })
    await signedIn(emu, rig)
    return { treatedAs: 'signed out', recordKeptUntilNewSignIn: 'yes' }
  })

  scenario('storage', 'app killed between receiving new tokens and using them', async () => {
    const emu = emulator()
    const store = createMemoryStore()
    const clock = clockFor(emu)
    const before = await signedIn(emu, createRig(emu, { store, clock }))
    await before.session.refresh()
    // The process dies here; a new one starts from what was stored.
    const after = createRig(emu, { store, clock })
    expect(await after.session.start()).toMatchObject({ signedIn: true })
    expect(await after.session.send(meRequest())).toMatchObject({ username: 'sofa_viewer' })
    await after.session.refresh()
    const refreshes = (await emu.requests('/auth/refresh')).map((request) => request.status)
    expect(refreshes).toEqual([200, 200])
    return { refreshes: refreshes.length, invalidGrant: 0 }
  })

  scenario('storage', 'app killed between queueing an event and sending it', async () => {
    const emu = emulator()
    const store = createMemoryStore()
    const clock = clockFor(emu)
    const before = await signedIn(emu, createRig(emu, { store, clock }))
    await emu.fault({ route: '*', kind: 'status', status: 503, count: 2 })
    const tracked = await before.begin(MOVIE, () => ({ positionSec: 42, durationSec: 600 }))
    await clock.advance(15_000)
    await tracked.stop()
    const queued = before.queue.size
    expect(queued).toBeGreaterThanOrEqual(2)
    // The process dies with events queued; the next start replays them.
    const after = createRig(emu, { store, clock })
    await after.session.start()
    await after.queue.load()
    await after.playback.flush()
    const { events } = await emu.control<{
      events: Array<{ action: string; body: { event_id: string } }>
    }>('/playback-events')
    expect(events.map((event) => event.action)).toEqual(['start', 'stop'])
    expect(new Set(events.map((event) => event.body.event_id)).size).toBe(events.length)
    return { queuedAtKill: queued, deliveredAfterRestart: events.length, duplicates: 0 }
  })
})
