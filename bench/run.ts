import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { benchmarksMarkdown, breakdownTable, memoryDetail } from './benchmarks-md.ts'
import { buildBoth } from './build.ts'
import { debianChromium, realChromium68 } from './cold-start-engines.ts'
import { startBenchEmulator } from './emulator.ts'
import { measureColdStart } from './figures/cold-start.ts'
import { measureMemory } from './figures/memory.ts'
import { measurePackages } from './figures/packages.ts'
import { INTERVALS, measurePairings, type PairingSet } from './figures/pairing.ts'
import { measurePlayback } from './figures/playback.ts'
import { measureRequestDiscipline } from './figures/request-discipline.ts'
import { compareSizes } from './figures/size.ts'
import { commitState, describeMachine, sampleLoad } from './machine.ts'
import { decideRun } from './policy.ts'
import { benchPorts } from './ports.ts'
import { table, writeFormatted, writeResults, type Results } from './report.ts'
import { serveBuilds } from './static-server.ts'
import { launchBrowser, launchGpuCompositedBrowser } from './tv-browser.ts'

/**
 * `npm run bench`: builds the app and the floor, then measures both side by
 * side in one run. Progress goes to stderr; the table to stdout; the figures
 * to bench/results/latest.json and BENCHMARKS.md (bench/BENCHMARKS.template.md
 * filled in), only from a clean tree at a known commit.
 */
const RESULTS = 'bench/results/latest.json'
const BENCHMARKS = 'BENCHMARKS.md'
const progress = (line: string) => process.stderr.write(`${line}\n`)

async function main(): Promise<void> {
  const startedAt = Date.now()
  const env = process.env
  const commit = commitState()
  // Refusals come before any work: a dirty tree or unknown commit stops the run here.
  const { publishable, figures: only, coldStartRuns: runs } = decideRun(env, commit)
  const ports = benchPorts(env)
  const load = sampleLoad()
  const cleanups: (() => unknown)[] = [() => load.stop()]
  try {
    // First, so a busy port stops the run before minutes of building.
    const { emulator, close } = await startBenchEmulator(ports.emulator)
    cleanups.push(close)
    progress(`building the app (API ${ports.apiBase}) and the floor…`)
    const builds = await buildBoth(ports.apiBase)
    cleanups.push(builds.remove)
    const server = await serveBuilds({ app: builds.app, floor: builds.floor }, ports.preview)
    cleanups.push(server.close)
    const browser = await launchBrowser()
    cleanups.push(() => browser.close())
    const coldBrowser = await launchGpuCompositedBrowser()
    cleanups.push(() => coldBrowser.browser.close())
    const chromium68 = await realChromium68()

    const figures: Results['figures'] = {}
    if (only.has('size')) figures.size = compareSizes(builds.app, builds.floor)
    if (only.has('packages')) {
      progress('packaging app and floor (.wgt, .ipk)…')
      figures.packages = await measurePackages(builds.app, builds.floor)
    }
    if (only.has('cold'))
      figures.coldStart = await measureColdStart(
        [debianChromium(coldBrowser.browser), chromium68],
        server.origin,
        emulator,
        runs,
        progress,
      )
    if (only.has('memory')) {
      progress('memory: every page, declined codes, sign-out cycles…')
      figures.memory = await measureMemory(browser, server.origin, emulator, progress)
    }
    if (only.has('pairing')) {
      const approvalToHome: PairingSet[] = []
      for (const interval of INTERVALS)
        approvalToHome.push(
          await measurePairings(browser, server.origin, emulator, interval, progress),
        )
      progress('request discipline: expiry and leaving the page…')
      figures.approvalToHome = approvalToHome
      figures.tokenRequests = await measureRequestDiscipline(
        browser,
        server.origin,
        emulator,
        approvalToHome,
      )
    }
    if (only.has('playback')) {
      progress('playback: one title from start to end…')
      figures.playback = await measurePlayback(browser, server.origin, emulator)
    }

    const results: Results = {
      generatedAt: new Date().toISOString(),
      durationSec: Math.round((Date.now() - startedAt) / 1000),
      commit,
      publishable,
      machine: describeMachine(
        browser.version(),
        chromium68.version,
        coldBrowser.compositing,
        load.stop(),
      ),
      figures,
    }
    const details = [
      figures.coldStart ? `\n${breakdownTable(figures.coldStart)}\n` : '',
      figures.coldStart?.repeated.length
        ? `\nCold starts run again after a failure: ${figures.coldStart.repeated.join('; ')}\n`
        : '',
      figures.memory ? `\n${memoryDetail(figures.memory)}\n` : '',
    ].join('')
    const l = results.machine.loadAverage
    const header = publishable
      ? `Commit ${commit.sha}`
      : `Development run at commit ${commit.sha ?? 'unknown'} (${commit.changes.length} changed paths): dirty, not for BENCHMARKS.md`
    process.stdout.write(
      `${header}; ${(results.durationSec / 60).toFixed(1)} min; load average ${l.atStart} at start, median ${l.median}, max ${l.max}\n\n${table(results)}\n${details}\n`,
    )
    if (publishable) {
      // Nothing may have moved under the run: the figures describe the commit it started on.
      const now = commitState()
      if (now.sha !== commit.sha || !now.clean)
        throw new Error(
          `the tree changed during the run (now ${now.sha ?? 'unknown'}, ${now.changes.length} changed paths): nothing written`,
        )
      await writeResults(RESULTS, results)
      await writeFormatted(BENCHMARKS, benchmarksMarkdown(results))
      process.stdout.write(`Written to ${RESULTS} and ${BENCHMARKS}\n`)
    } else {
      const path = join(tmpdir(), `punchplay-bench-dev-${Date.now()}.json`)
      await writeResults(path, results)
      process.stdout.write(`Development run: figures in ${path}; BENCHMARKS.md not written\n`)
    }
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
