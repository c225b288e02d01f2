import { afterEach, describe } from 'vitest'
import type { LoggedRequest } from '../helpers/emulator-control.ts'
import { useEmulator } from '../helpers/emulator.ts'
import { Outage } from './support/outage.ts'
import { matrix, type ScenarioContext } from './support/report.ts'
import { pairedTv } from './support/steps.ts'
import { atLeast, atMost, holds } from './support/verdict.ts'

const emulator = useEmulator({ minPollIntervalSec: 5 })
const scenario = matrix(import.meta.filename, emulator)
const outages: Outage[] = []
afterEach(async () => {
  await Promise.all(outages.splice(0).map((outage) => outage.close()))
})

async function outage(context: ScenarioContext) {
  const origin = new URL(context.emu.apiBase)
  const relay = new Outage({ host: origin.hostname, port: Number(origin.port) })
  await relay.up()
  outages.push(relay)
  return relay
}

describe('fault matrix: network', () => {
  scenario(
    'network',
    'latency spikes (1.5 s) on three token polls',
    { events: false },
    async (context) => {
      await context.emu.fault({
        route: '/auth/device/token',
        kind: 'latency',
        latencyMs: 1500,
        count: 3,
      })
      const tv = context.tv()
      const app = await tv.launch()
      // The viewer approves only after three slow polls.
      await tv.until(() => false, 16_000)
      await app.approveOnPhone()
      await tv.until(() => app.signedIn, 60_000)
      const polls = (await context.emu.requests('/auth/device/token')) as Array<
        LoggedRequest & { fault?: string }
      >
      return [
        atLeast('slow polls answered', 3, polls.filter((p) => p.fault === 'latency').length),
        atMost(
          'polls answered 429 (too soon after a slow one)',
          0,
          polls.filter((p) => p.status === 429).length,
        ),
        holds('signed in', 'signed in', app.services.sessionState.current.status, app.signedIn),
      ]
    },
  )

  scenario(
    'network',
    'connections dropped mid-response while pairing and playing',
    {},
    async (context) => {
      await context.emu.fault({ route: '/auth/device/token', kind: 'drop', count: 3 })
      const { tv, app } = await pairedTv(context)
      await context.emu.fault({ route: '/playback/progress', kind: 'drop', count: 2 })
      const viewing = await app.play(() => ({ positionSec: 60, durationSec: 600 }))
      await tv.pass(90_000)
      await viewing.stop()
      await tv.until(() => app.services.playback.status.queued === 0, 30 * 60_000)
      const dropped = (await context.emu.requests()).filter((r) => r.status === 0).length
      return [
        atLeast('connections dropped (emulator log)', 5, dropped),
        holds('signed in', 'signed in', app.services.sessionState.current.status, app.signedIn),
        atMost('events still queued at the end', 0, app.services.playback.status.queued),
      ]
    },
  )

  scenario(
    'network',
    'connection refused for 2 minutes while pairing',
    { events: false },
    async (context) => {
      const relay = await outage(context)
      const tv = context.tv({ apiBase: relay.apiBase })
      const app = await tv.launch()
      await tv.until(() => app.pairingView?.code != null, 60_000)
      await tv.pass(6000)
      await relay.down()
      const downAt = tv.clock.elapsed()
      await tv.pass(120_000)
      const upAt = tv.clock.elapsed()
      await relay.up()
      const tries = tv.net.calls.filter(
        (call) => call.path === '/auth/device/token' && call.atMs >= downAt && call.atMs < upAt,
      ).length
      await app.approveOnPhone()
      const took = await tv.until(() => app.signedIn, 5 * 60_000)
      return [
        holds(
          'offline for (s)',
          'measured',
          String((upAt - downAt) / 1000),
          upAt - downAt >= 120_000,
        ),
        atMost('token polls tried while offline (waits double to 60 s)', 6, tries),
        holds(
          'pairing recovers by itself',
          'signed in',
          took === null
            ? `pairing ${app.pairingView?.status}`
            : `signed in ${Math.round(took / 1000)} s after`,
          took !== null,
        ),
      ]
    },
  )

  scenario(
    'network',
    'offline 2 minutes while playing: every event arrives once',
    {},
    async (context) => {
      const relay = await outage(context)
      const { tv, app } = await pairedTv(context, { apiBase: relay.apiBase })
      const viewing = await app.play(() => ({ positionSec: 30, durationSec: 600 }))
      await relay.down()
      await tv.pass(120_000)
      const queuedOffline = app.services.playback.status.queued
      await relay.up()
      await tv.pass(15_000)
      await viewing.stop()
      await tv.until(() => app.services.playback.status.queued === 0, 30 * 60_000)
      return [
        atLeast('events saved while offline', 7, queuedOffline),
        atMost('events still queued at the end', 0, app.services.playback.status.queued),
      ]
    },
  )
})
