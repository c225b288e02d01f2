import os from 'node:os'
import { buildBoth } from './build.ts'
import { startBenchEmulator } from './emulator.ts'
import { measureColdStart } from './figures/cold-start.ts'
import { measureMemory } from './figures/memory.ts'
import { INTERVALS, measurePairings, type PairingSet } from './figures/pairing.ts'
import { measurePlayback } from './figures/playback.ts'
import { measureRequestDiscipline } from './figures/request-discipline.ts'
import { compareSizes } from './figures/size.ts'
import { describeMachine, measuredCommit } from './machine.ts'
import { table, writeResults } from './report.ts'
import { serveBuilds } from './static-server.ts'
import { launchBrowser } from './tv-browser.ts'

/**
 * `npm run bench`: builds the app and the floor, then measures both side by
 * side in one run. Progress goes to stderr; the table to stdout; the figures
 * to bench/results/latest.json. Takes 11-13 minutes on two cores, mostly waiting
 * on real poll intervals and a title playing to its end.
 */
const RESULTS = 'bench/results/latest.json'

const progress = (line: string) => process.stderr.write(`${line}\n`)

async function main(): Promise<void> {
  const startedAt = Date.now()
  const loadAverage = Number(os.loadavg()[0]!.toFixed(2))
  const commit = measuredCommit()
  const cleanups: (() => unknown)[] = []
  try {
    // First, so a busy port stops the run before minutes of building.
    const { emulator, close } = await startBenchEmulator()
    cleanups.push(close)
    progress('building the app and the floor…')
    const builds = await buildBoth()
    cleanups.push(builds.remove)
    const server = await serveBuilds({ app: builds.app, floor: builds.floor })
    cleanups.push(server.close)
    const browser = await launchBrowser()
    cleanups.push(() => browser.close())

    const size = compareSizes(builds.app, builds.floor)
    const coldStart = await measureColdStart(browser, server.origin, emulator, progress)
    const approvalToHome: PairingSet[] = []
    for (const interval of INTERVALS) {
      approvalToHome.push(
        await measurePairings(browser, server.origin, emulator, interval, progress),
      )
    }
    progress('request discipline: expiry and leaving the page…')
    const tokenRequests = await measureRequestDiscipline(
      browser,
      server.origin,
      emulator,
      approvalToHome,
    )
    progress('memory: pairing cycles and screen changes…')
    const memory = await measureMemory(browser, server.origin, emulator)
    progress('playback: one title from start to end…')
    const playback = await measurePlayback(browser, server.origin, emulator)

    const results = {
      generatedAt: new Date().toISOString(),
      durationSec: Math.round((Date.now() - startedAt) / 1000),
      machine: describeMachine(browser.version(), loadAverage, commit),
      figures: {
        coldStart,
        size,
        approvalToHome,
        tokenRequests,
        memory,
        playback,
      },
    }
    await writeResults(RESULTS, results)
    process.stdout.write(`${table(results)}\n\nWritten to ${RESULTS}\n`)
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup()
      } catch {
        // Keep going: the rest (browser, servers) must still be stopped.
      }
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
