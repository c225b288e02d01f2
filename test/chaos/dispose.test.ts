import { describe, vi } from 'vitest'
import type { PlaybackReporter } from '../../src/core/playback/reporter.ts'
import { useEmulator } from '../helpers/emulator.ts'
import { matrix } from './support/report.ts'
import { pairedTv, restartChecks } from './support/steps.ts'
import { atLeast, atMost } from './support/verdict.ts'

/**
 * The reporter createServices builds is not handed out: a spy keeps each one
 * as it is made (the real one, unchanged), so the app's shutdown can be
 * played here the way a TV closing the app would run it.
 */
const made = vi.hoisted(() => ({ reporters: [] as PlaybackReporter[] }))
vi.mock('../../src/core/playback/reporter.ts', async (original) => {
  const real = await original<typeof import('../../src/core/playback/reporter.ts')>()
  return {
    ...real,
    createPlaybackReporter: (...args: Parameters<typeof real.createPlaybackReporter>) => {
      const reporter = real.createPlaybackReporter(...args)
      made.reporters.push(reporter)
      return reporter
    },
  }
})

const emulator = useEmulator({ minPollIntervalSec: 5 })
const scenario = matrix(import.meta.filename, emulator)

describe('fault matrix: shutting down', () => {
  scenario(
    'storage',
    'the reporter is disposed while it replays the queue, then the TV restarts',
    { finding: 'reporter.dispose() during a flush empties the persisted queue' },
    async (context) => {
      const relay = await context.relay()
      const { tv, app } = await pairedTv(context, { apiBase: relay.apiBase })
      const reporter = made.reporters.at(-1)!
      for (const route of ['/playback/start', '/playback/stop']) {
        await context.emu.fault({ route, kind: 'status', status: 503, count: 2 })
      }
      const viewing = await app.play(() => ({ positionSec: 60, durationSec: 600 }))
      await viewing.stop()
      await tv.settle()
      const queued = app.services.playback.status.queued
      // The replay's first event is held in flight while the app shuts down.
      relay.delay('/playback/start', 500)
      const replay = app.services.playback.flush()
      await new Promise((resolve) => setTimeout(resolve, 100))
      reporter.dispose()
      await replay.catch(() => undefined)
      await tv.settle()
      const { app: after, checks } = await restartChecks(tv)
      await tv.until(() => after.services.playback.status.queued === 0, 30 * 60_000)
      return [
        atLeast('events queued before the shutdown', 2, queued),
        ...checks,
        atMost(
          'events still queued 30 minutes after the restart',
          0,
          after.services.playback.status.queued,
        ),
      ]
    },
  )
})
