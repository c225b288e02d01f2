import { describe } from 'vitest'
import { DEVICE_ID_KEY, TOKENS_KEY } from '../../src/core/session/token-store.ts'
import { useEmulator } from '../helpers/emulator.ts'
import { matrix } from './support/report.ts'
import {
  UNTIL_REFRESH_MS,
  describeHome,
  pairedTv,
  readHome,
  refreshStatuses,
  restartChecks,
} from './support/steps.ts'
import {
  atLeast,
  atMost,
  deliveredEvents,
  holds,
  noSpentTokenReplayed,
  refreshesAccepted,
} from './support/verdict.ts'

const emulator = useEmulator({ minPollIntervalSec: 5 })
const scenario = matrix(import.meta.filename, emulator)

describe('fault matrix: storage', () => {
  for (const [label, key] of [
    ['a preferences write', undefined],
    ['the rotated token write', TOKENS_KEY],
  ] as const) {
    scenario(
      'storage',
      `one failed IndexedDB write (${label}), then a refresh, then a restart`,
      { finding: 'one failed IndexedDB write costs the sign-in', events: false },
      async (context) => {
        const { tv, app } = await pairedTv(context)
        tv.disk.fail({ ops: ['set'], name: 'QuotaExceededError', count: 1, key })
        // The viewer switches language: a write that may fail (quota), as any write can.
        if (key === undefined) await app.services.screens.account.switchLanguage()
        await tv.pass(UNTIL_REFRESH_MS)
        const readAfterRefresh = await readHome(app)
        const beforeRestart = await refreshStatuses(context)
        const { checks } = await restartChecks(tv)
        return [
          holds(
            'storage writes that failed',
            '1',
            String(tv.disk.failures),
            tv.disk.failures === 1,
          ),
          refreshesAccepted('refreshes answered 200 before the restart', beforeRestart),
          holds(
            'home read after the refresh',
            'read',
            readAfterRefresh ? 'read' : 'failed',
            readAfterRefresh,
          ),
          ...checks,
          noSpentTokenReplayed(await refreshStatuses(context)),
        ]
      },
    )
  }

  for (const [label, ops, name] of [
    ['IndexedDB unavailable', ['get', 'set', 'del'], 'InvalidStateError'],
    ['IndexedDB throwing on every write', ['set'], 'UnknownError'],
    ['quota exceeded on every write', ['set'], 'QuotaExceededError'],
  ] as const) {
    scenario(
      'storage',
      `${label}: the session works from memory and says so`,
      { events: false },
      async (context) => {
        const tv = context.tv()
        tv.disk.fail({ ops, name, count: Infinity })
        const app = await tv.launch()
        await app.pair()
        await tv.until(() => app.homeRead, 60_000)
        const said = context.console.lines.filter((line) => line.includes('storage unavailable'))
        const inDiagnostics = app.services.diagnostics.entries.filter((e) => e.kind === 'storage')
        return [
          atLeast('storage failures the app said (console)', 1, said.length),
          atLeast('storage failures in Diagnostics', 1, inDiagnostics.length),
          holds('home reads', 'both read', describeHome(app), app.homeRead),
        ]
      },
    )
  }

  scenario('storage', 'a corrupted token record', { events: false }, async (context) => {
    const tv = context.tv()
    const corrupt = { v: 1, accessToken: 12, refreshToken: null }
    await tv.disk.set(TOKENS_KEY, corrupt)
    const app = await tv.launch()
    const firstPage = app.page
    const kept = JSON.stringify(tv.disk.dump()[TOKENS_KEY]) === JSON.stringify(corrupt)
    await app.pair()
    return [
      holds('first page', 'pairing', firstPage, firstPage === 'pairing'),
      holds('the record is kept until a new sign-in', 'kept', kept ? 'kept' : 'changed', kept),
      holds(
        'pairing again signs in',
        'signed in',
        app.services.sessionState.current.status,
        app.signedIn,
      ),
    ]
  })

  scenario(
    'storage',
    'app killed right after a refresh rotated the tokens',
    { events: false },
    async (context) => {
      const { tv } = await pairedTv(context)
      await tv.until(
        () => tv.net.calls.some((call) => call.path === '/auth/refresh'),
        UNTIL_REFRESH_MS + 60_000,
      )
      const { checks } = await restartChecks(tv)
      const statuses = await refreshStatuses(context)
      return [
        refreshesAccepted('refreshes answered 200 before the kill', statuses),
        ...checks,
        noSpentTokenReplayed(statuses),
      ]
    },
  )

  scenario(
    'storage',
    'app killed between queueing events and sending them',
    {},
    async (context) => {
      const { tv, app } = await pairedTv(context)
      // Every try fails until the kill; the restart's first replays fail too, then recover.
      await context.emu.fault({ route: '/playback/start', kind: 'status', status: 503, count: 5 })
      const viewing = await app.play(() => ({ positionSec: 42, durationSec: 600 }))
      await tv.pass(15_000)
      await viewing.stop()
      const queued = app.services.playback.status.queued
      const { app: after, checks } = await restartChecks(tv)
      await tv.until(() => after.services.playback.status.queued === 0, 30 * 60_000)
      return [
        atLeast('events queued at the kill', 2, queued),
        ...checks,
        atMost(
          'events still queued 30 minutes after the restart',
          0,
          after.services.playback.status.queued,
        ),
      ]
    },
  )

  scenario(
    'storage',
    'a device_id read fails once at a start: the TV keeps one device_id',
    { finding: 'device-id reads can mint a new id mid-run' },
    async (context) => {
      const { tv, app } = await pairedTv(context)
      const watch = async (on: typeof app) => {
        const viewing = await on.play(() => ({ positionSec: 30, durationSec: 600 }))
        await viewing.stop()
        await tv.settle()
      }
      await watch(app)
      tv.disk.fail({ ops: ['get'], name: 'UnknownError', count: 1, key: DEVICE_ID_KEY })
      const { app: second } = await restartChecks(tv)
      await watch(second)
      const { app: third } = await restartChecks(tv)
      await watch(third)
      const ids = new Set<string>()
      for (const call of tv.net.calls) {
        const id = (call.json as { device_id?: unknown } | undefined)?.device_id
        if (typeof id === 'string') ids.add(id)
      }
      for (const event of await deliveredEvents(context.emu)) {
        const id = (event.body as { device_id?: unknown }).device_id
        if (typeof id === 'string') ids.add(id)
      }
      return [
        holds('storage reads that failed', '1', String(tv.disk.failures), tv.disk.failures === 1),
        atMost('distinct device_id values this TV sent (token poll and events)', 1, ids.size),
      ]
    },
  )
})
