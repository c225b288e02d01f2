import { describe } from 'vitest'
import { useEmulator } from '../helpers/emulator.ts'
import { matrix } from './support/report.ts'
import { NOV_28_NOON } from './support/rig.ts'
import { pairedTv, restartChecks } from './support/steps.ts'
import { atLeast, atMost, deliveredEvents, holds } from './support/verdict.ts'

const emulator = useEmulator({ minPollIntervalSec: 5 })
const scenario = matrix(import.meta.filename, emulator)

const DAY_MS = 24 * 3_600_000

describe('fault matrix: wall clock', () => {
  scenario(
    'clock',
    'booted offline at 1970, NTP sets 2026 while a pairing code is on screen',
    { finding: 'a forward clock correction expires a valid pairing code', events: false },
    async (context) => {
      const tv = context.tv({ startAtMs: 5 * 60_000 })
      const app = await tv.launch()
      await tv.until(() => app.pairingView?.code != null, 60_000)
      const code = app.pairingView?.code
      await tv.pass(30_000)
      tv.clock.jump(NOV_28_NOON - tv.clock.now())
      await tv.pass(30_000)
      const left = Math.round((app.pairingView?.remainingMs ?? 0) / 1000)
      const status = app.pairingView?.status
      await app.approveOnPhone().catch(() => undefined)
      const took = await tv.until(() => app.signedIn, 5 * 60_000)
      const codes = (await context.emu.requests('/auth/device/code')).length
      return [
        holds(
          'pairing status a minute after the jump',
          'not expired',
          String(status),
          status !== 'expired' && app.pairingView?.code === code,
        ),
        atLeast('seconds left on the countdown after the jump (code lives 600 s)', 500, left),
        holds(
          'approving that code signs in',
          'signed in',
          took === null ? `pairing ${app.pairingView?.status}` : 'signed in',
          took !== null,
        ),
        atMost('device codes asked for', 1, codes),
      ]
    },
  )

  scenario(
    'clock',
    'events queued on a clock 60 days behind, then NTP corrects it and the TV restarts',
    { finding: 'a forward clock correction silently deletes every queued event' },
    async (context) => {
      const { tv, app } = await pairedTv(context, { startAtMs: NOV_28_NOON - 60 * DAY_MS })
      for (const route of ['/playback/start', '/playback/progress', '/playback/stop']) {
        // Enough to fail every try while the clock is wrong; what is left fails a few replays.
        await context.emu.fault({ route, kind: 'status', status: 503, count: 3 })
      }
      const viewing = await app.play(() => ({ positionSec: 120, durationSec: 600 }))
      await tv.pass(20_000)
      await viewing.stop()
      await tv.settle()
      const queued = app.services.playback.status.queued
      tv.clock.jump(60 * DAY_MS)
      const { app: after, checks } = await restartChecks(tv)
      // The faults outlast the first replay: let the app's own retries run.
      await tv.until(() => after.services.playback.status.queued === 0, 30 * 60_000)
      const delivered = (await deliveredEvents(context.emu)).filter((e) => e.action !== 'progress')
      return [
        atLeast('events waiting in the queue before the correction', 2, queued),
        ...checks,
        atLeast('start and stop delivered after the correction', 2, delivered.length),
        atMost('events still queued 30 minutes later', 0, after.services.playback.status.queued),
      ]
    },
  )
})
