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
import { benchPorts } from './ports.ts'
import { table, writeFormatted, writeResults, type Results } from './report.ts'
import { serveBuilds } from './static-server.ts'
import { launchBrowser } from './tv-browser.ts'

/**
 * `npm run bench`: builds the app and the floor, then measures both side by
 * side in one run. Progress goes to stderr; the table to stdout; the figures
 * to bench/results/latest.json and BENCHMARKS.md (bench/BENCHMARKS.template.md
 * filled in), only from a clean tree at a known commit.
 */
const RESULTS = 'bench/results/latest.json'
const BENCHMARKS = 'BENCHMARKS.md'
const FIGURE_NAMES = ['cold', 'size', 'packages', 'memory', 'pairing', 'playback'] as const
/** The issue asks for medians of at least five; nine keeps one slow run from moving them. */
const COLD_START_RUNS = 9

const progress = (line: string) => process.stderr.write(`${line}\n`)

function chosenFigures(env: NodeJS.ProcessEnv): Set<string> {
  if (!env.PUNCHPLAY_BENCH_ONLY) return new Set(FIGURE_NAMES)
  const names = env.PUNCHPLAY_BENCH_ONLY.split(',').map((name) => name.trim())
  const unknown = names.filter((name) => !(FIGURE_NAMES as readonly string[]).includes(name))
  if (unknown.length)
    throw new Error(
      `PUNCHPLAY_BENCH_ONLY: unknown ${unknown.join(', ')} (${FIGURE_NAMES.join(', ')})`,
    )
  return new Set(names)
}

function coldStartRuns(env: NodeJS.ProcessEnv, development: boolean): number {
  if (!env.PUNCHPLAY_BENCH_COLD_RUNS) return COLD_START_RUNS
  const runs = Number(env.PUNCHPLAY_BENCH_COLD_RUNS)
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error('PUNCHPLAY_BENCH_COLD_RUNS: a whole number ≥ 1')
  if (runs < 5 && !development)
    throw new Error('fewer than 5 cold starts only in a development run')
  return runs
}

async function main(): Promise<void> {
  const startedAt = Date.now()
  const load = sampleLoad()
  const env = process.env
  const commit = commitState()
  const development = env.PUNCHPLAY_BENCH_DIRTY === '1'
  if (!commit.sha && !development)
    throw new Error(
      'not a git checkout with a readable commit: the figures could not be attributed',
    )
  if (!commit.clean && !development) {
    throw new Error(
      `the tree has changes, so the figures would describe no commit:\n  ${commit.changes.join('\n  ')}\n` +
        'Commit or stash them, or set PUNCHPLAY_BENCH_DIRTY=1 for a development run (it writes neither BENCHMARKS.md nor bench/results).',
    )
  }
  const only = chosenFigures(env)
  const partial = only.size < FIGURE_NAMES.length
  if (partial && !development)
    throw new Error('PUNCHPLAY_BENCH_ONLY is for development runs (PUNCHPLAY_BENCH_DIRTY=1)')
  const runs = coldStartRuns(env, development)
  const publishable = commit.clean && commit.sha !== null && !development
  const ports = benchPorts(env)
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
    const chromium68 = await realChromium68()

    const figures: Results['figures'] = {}
    if (only.has('size')) figures.size = compareSizes(builds.app, builds.floor)
    if (only.has('packages')) {
      progress('packaging app and floor (.wgt, .ipk)…')
      figures.packages = await measurePackages(builds.app, builds.floor)
    }
    if (only.has('cold'))
      figures.coldStart = await measureColdStart(
        [debianChromium(browser), chromium68],
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
      machine: describeMachine(browser.version(), chromium68.version, load.stop()),
      figures,
    }
    const details = [
      figures.coldStart ? `\n${breakdownTable(figures.coldStart)}\n` : '',
      figures.memory ? `\n${memoryDetail(figures.memory)}\n` : '',
    ].join('')
    const l = results.machine.loadAverage
    const header = publishable
      ? `Commit ${commit.sha}`
      : `Commit ${commit.sha ?? 'unknown'}: dirty, not for BENCHMARKS.md (${commit.changes.length} changed paths)`
    process.stdout.write(
      `${header}; ${(results.durationSec / 60).toFixed(1)} min; load average ${l.atStart} at start, median ${l.median}, max ${l.max}\n\n${table(results)}\n${details}\n`,
    )
    if (publishable) {
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
