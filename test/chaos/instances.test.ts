import { describe } from 'vitest'
import { useEmulator } from '../helpers/emulator.ts'
import { matrix } from './support/report.ts'
import { UNTIL_REFRESH_MS, pairedTv, refreshStatuses, restartChecks } from './support/steps.ts'
import { atMost, holds } from './support/verdict.ts'

const emulator = useEmulator({ minPollIntervalSec: 5 })
const scenario = matrix(import.meta.filename, emulator)

describe('fault matrix: two app instances sharing one IndexedDB', () => {
  scenario(
    'instances',
    'two instances queue events offline, then the TV restarts',
    { finding: 'two app instances sharing IndexedDB overwrite each other’s queue' },
    async (context) => {
      const { tv, app: first } = await pairedTv(context)
      const second = await tv.launch()
      await tv.until(() => second.homeRead, 60_000)
      for (const route of ['/playback/start', '/playback/stop']) {
        await context.emu.fault({ route, kind: 'status', status: 503, count: 4 })
      }
      for (const app of [first, second]) {
        const viewing = await app.play(() => ({ positionSec: 60, durationSec: 600 }))
        await viewing.stop()
        await tv.settle()
      }
      const shown = first.services.playback.status.queued + second.services.playback.status.queued
      const { app: after, checks } = await restartChecks(tv)
      await tv.until(() => after.services.playback.status.queued === 0, 30 * 60_000)
      return [
        holds('events the two instances said were saved offline', '4', String(shown), shown === 4),
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
    'instances',
    'two instances both refresh the shared sign-in, then the TV restarts',
    {
      finding: 'two app instances sharing IndexedDB overwrite each other’s token record',
      events: false,
    },
    async (context) => {
      const { tv } = await pairedTv(context)
      const second = await tv.launch()
      await tv.until(() => second.homeRead, 60_000)
      await tv.pass(UNTIL_REFRESH_MS + 10 * 60_000)
      const { checks } = await restartChecks(tv)
      const refused = (await refreshStatuses(context)).filter((status) => status >= 400).length
      return [...checks, atMost('refreshes refused (spent token replayed)', 0, refused)]
    },
  )
})
