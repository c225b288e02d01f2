import { describe } from 'vitest'
import { TOKENS_KEY } from '../../src/core/session/token-store.ts'
import { useEmulator } from '../helpers/emulator.ts'
import { matrix } from './support/report.ts'
import {
  UNTIL_REFRESH_MS,
  pairedTv,
  readHome,
  refreshStatuses,
  restartChecks,
} from './support/steps.ts'
import { atMost, holds } from './support/verdict.ts'

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
        const rotated = (await refreshStatuses(context)).filter((s) => s === 200).length
        const { checks } = await restartChecks(tv)
        const refused = (await refreshStatuses(context)).filter((s) => s >= 400).length
        return [
          holds(
            'storage writes that failed',
            '1',
            String(tv.disk.failures),
            tv.disk.failures === 1,
          ),
          holds('refreshes answered 200 before the restart', '≥ 1', String(rotated), rotated >= 1),
          holds(
            'home read after the refresh',
            'read',
            readAfterRefresh ? 'read' : 'failed',
            readAfterRefresh,
          ),
          ...checks,
          atMost('refreshes refused (spent token replayed)', 0, refused),
        ]
      },
    )
  }
})
