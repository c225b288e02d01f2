import { describe } from 'vitest'
import { useEmulator } from '../helpers/emulator.ts'
import { matrix } from './support/report.ts'
import { NOV_28_NOON } from './support/rig.ts'
import { describeHome, homeFailed, pairedTv, readHome, refreshStatuses } from './support/steps.ts'
import { atLeast, atMost, holds, stillSignedIn } from './support/verdict.ts'

const emulator = useEmulator({ minPollIntervalSec: 5, accessTokenTtlSec: 3600 })
const scenario = matrix(import.meta.filename, emulator)

describe('fault matrix: auth', () => {
  scenario('auth', 'access token revoked mid-session', { events: false }, async (context) => {
    const { tv, app } = await pairedTv(context)
    await context.emu.revoke()
    await readHome(app)
    await tv.until(() => app.page === 'pairing', 60_000)
    const session = app.services.sessionState.current
    const refreshes = (await refreshStatuses(context)).length
    return [
      holds(
        'the viewer lands on pairing, told the sign-in was disconnected',
        'pairing (revoked)',
        `${app.page} (${app.pairingView?.disconnected ?? session.status})`,
        app.page === 'pairing' && app.pairingView?.disconnected === 'revoked',
      ),
      atMost('refreshes tried after the revocation', 1, refreshes),
    ]
  })

  scenario(
    'auth',
    'refresh answers 500 for an hour while home asks every 30 s',
    { events: false, timeoutMs: 120_000 },
    async (context) => {
      const { tv, app } = await pairedTv(context)
      await context.emu.fault({ route: '/auth/refresh', kind: 'status', status: 500, count: 1000 })
      await tv.pass(55 * 60_000)
      let answered = 0
      // Home asks every 30 s for an hour; the token stays valid for the first five minutes.
      for (let t = 0; t < 3_600_000; t += 30_000) {
        if (await readHome(app)) answered++
        await tv.pass(30_000)
      }
      const session = app.services.sessionState.current.status
      return [
        atLeast('home reads answered while the old token was valid', 1, answered),
        holds('still signed in after the hour', 'signed in', session, session === 'signed-in'),
      ]
    },
  )

  for (const jumpMs of [3_600_000, -3_600_000]) {
    scenario(
      'auth',
      `the TV's clock jumps ${jumpMs > 0 ? 'forward' : 'backward'} an hour`,
      { events: false },
      async (context) => {
        const { tv, app } = await pairedTv(context)
        const before = (await refreshStatuses(context)).length
        tv.clock.jump(jumpMs)
        // Going back, the TV believes its token fresh while the server has let it expire.
        if (jumpMs < 0) await context.emu.advance(3601)
        const read = await readHome(app)
        const used = (await refreshStatuses(context)).length - before
        return [
          holds('home reads after the jump', 'both read', describeHome(app), read),
          atMost('refreshes the jump cost', 1, used),
          stillSignedIn(app),
        ]
      },
    )
  }

  scenario(
    'auth',
    'scope narrowed at approval (no playback:write)',
    { events: false },
    async (context) => {
      const tv = context.tv({ startAtMs: NOV_28_NOON })
      const app = await tv.launch()
      await app.pair('profile:read playback:read')
      await tv.until(() => app.homeRead || homeFailed(app), 60_000)
      const viewing = await app.play(() => ({ positionSec: 10, durationSec: 600 }))
      await tv.pass(15_000)
      await viewing.stop()
      const writes = (await context.emu.requests()).filter(
        (request) => request.method === 'POST' && request.path.includes('/playback/'),
      ).length
      const tracking = app.services.playback.status.tracking
      return [
        atMost('playback writes sent', 0, writes),
        holds('tracking shown', 'off-scope', tracking, tracking === 'off-scope'),
        holds('home reads', 'both read', describeHome(app), app.homeRead),
      ]
    },
  )
})
