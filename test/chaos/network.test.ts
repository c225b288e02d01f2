import { afterEach, describe, expect } from 'vitest'
import { useEmulator } from '../helpers/emulator.ts'
import { Outage } from './support/outage.ts'
import { matrix } from './support/report.ts'
import { MOVIE, createRig } from './support/rig.ts'

const emulator = useEmulator({ minPollIntervalSec: 5 })
const scenario = matrix(import.meta.filename, () => emulator().control('/reset', {}))
const outages: Outage[] = []
afterEach(async () => {
  await Promise.all(outages.splice(0).map((outage) => outage.close()))
})

async function outage() {
  const origin = new URL(emulator().apiBase)
  const relay = new Outage({ host: origin.hostname, port: Number(origin.port) })
  await relay.up()
  outages.push(relay)
  return relay
}

const tokenPolls = () => emulator().requests('/auth/device/token')

describe('fault matrix: network', () => {
  scenario('network', 'latency spikes while pairing', async () => {
    const emu = emulator()
    const rig = createRig(emu)
    await emu.fault({ route: '/auth/device/token', kind: 'latency', latencyMs: 1500, count: 3 })
    const { result } = await rig.pair(async (_wait, updates) => {
      if (updates.length === 4) await emu.approve((await emu.deviceCodes()).at(-1)!.userCode)
    })
    expect(result.status).toBe('approved')
    const polls = await tokenPolls()
    expect(polls.filter((poll) => poll.status === 429)).toEqual([])
    return { polls: polls.length, slowPolls: 3 }
  })

  scenario('network', 'connections dropped mid-response while pairing and playing', async () => {
    const emu = emulator()
    const rig = createRig(emu)
    await emu.fault({ route: '/auth/device/token', kind: 'drop', count: 3 })
    const { result, updates } = await rig.pair(async (_wait, seen) => {
      if (seen.length === 4) await emu.approve((await emu.deviceCodes()).at(-1)!.userCode)
    })
    expect(result.status).toBe('approved')
    expect(updates.filter((update) => update.state === 'offline')).toHaveLength(3)
    await emu.fault({ route: '/playback/progress', kind: 'drop', count: 2 })
    const delivered = await playFor(rig, 60_000)
    return { drops: 5, ...delivered }
  })

  scenario('network', 'connection refused, offline 2 minutes while pairing', async () => {
    const emu = emulator()
    const relay = await outage()
    const rig = createRig(emu, { apiBase: relay.apiBase })
    let offlineFrom = -1
    const { result } = await rig.pair(async (_wait, updates) => {
      if (updates.length === 2 && offlineFrom < 0) {
        offlineFrom = rig.clock.now()
        await relay.down()
      }
      if (offlineFrom > 0 && rig.clock.now() - offlineFrom >= 120_000 && !(await isUp(relay))) {
        await relay.up()
        await emu.approve((await emu.deviceCodes()).at(-1)!.userCode)
      }
    })
    expect(result.status).toBe('approved')
    // Doubling backoff capped at 60 s: a handful of attempts in two minutes, not 24.
    const attemptsOffline = rig.clock.sleeps.filter((ms) => ms > 5000).length
    expect(attemptsOffline).toBeLessThanOrEqual(6)
    return {
      offlineSec: 120,
      waitsDuringOutage: attemptsOffline,
      polls: (await tokenPolls()).length,
    }
  })

  scenario('network', 'offline 2 minutes while playing: every event arrives once', async () => {
    const emu = emulator()
    const relay = await outage()
    const rig = createRig(emu, { apiBase: relay.apiBase })
    await rig.pair(async (_wait, updates) => {
      if (updates.length === 1) await emu.approve((await emu.deviceCodes()).at(-1)!.userCode)
    })
    const tracked = await rig.begin(MOVIE, () => ({ positionSec: 30, durationSec: 600 }))
    await waitForEvents(1)
    await relay.down()
    for (let i = 0; i < 8; i++) await rig.clock.advance(15_000)
    const queuedOffline = rig.queue.size
    expect(queuedOffline).toBeGreaterThanOrEqual(7)
    await relay.up()
    await rig.clock.advance(15_000)
    await tracked.stop()
    const events = await waitForEvents(queuedOffline + 3)
    expect(new Set(events.map((event) => event.body.event_id)).size).toBe(events.length)
    expect(events.at(-1)?.action).toBe('stop')
    return { queuedOffline, sent: events.length, duplicates: 0 }
  })
})

async function isUp(relay: Outage): Promise<boolean> {
  return fetch(`${relay.apiBase}/me`).then(
    () => true,
    () => false,
  )
}

interface Received {
  action: string
  result: string
  body: { event_id: string }
}

async function waitForEvents(atLeast: number): Promise<Received[]> {
  for (let i = 0; i < 100; i++) {
    const { events } = await emulator().control<{ events: Received[] }>('/playback-events')
    if (events.length >= atLeast) return events
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`fewer than ${atLeast} playback events arrived`)
}

async function playFor(rig: ReturnType<typeof createRig>, ms: number) {
  const tracked = await rig.begin(MOVIE, () => ({ positionSec: 60, durationSec: 600 }))
  await waitForEvents(1)
  for (let t = 0; t < ms; t += 15_000) await rig.clock.advance(15_000)
  await rig.clock.advance(30_000)
  await tracked.stop()
  const events = await waitForEvents(2)
  const ids = new Set(events.map((event) => event.body.event_id))
  expect(ids.size).toBe(events.length)
  return { eventsReceived: events.length, queuedAtEnd: rig.queue.size }
}
