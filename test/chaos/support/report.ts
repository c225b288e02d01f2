import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { afterAll, it } from 'vitest'
import type { TestEmulator } from '../../helpers/emulator-control.ts'
import { ConsoleProbe } from './probes.ts'
import { Relay } from './relay.ts'
import { Tv, type TvOptions } from './rig.ts'
import { eventChecks, leakCheck, rateChecks, type Check } from './verdict.ts'

export type { Check } from './verdict.ts'

export interface ScenarioResult {
  readonly group: string
  readonly name: string
  /** The issue-15 finding this scenario reproduces, when it was written for one. */
  readonly finding: string | null
  readonly verdict: 'pass' | 'fail'
  readonly rounds: number
  /** Per round, every limit checked and the figure measured. */
  readonly checks: Check[][]
  readonly error?: string
}

/** What one scenario file measured, and at which commit. */
export interface FileReport {
  readonly commit: string
  readonly results: readonly ScenarioResult[]
}

/** The commit the figures were measured at, and whether app, tests or emulator differed from it. */
function measuredAt(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim()
    const sha = git('rev-parse', '--short', 'HEAD')
    const dirty = git('status', '--porcelain', '--', 'src', 'test', 'emulator')
    return dirty ? `${sha} with uncommitted changes` : sha
  } catch {
    return 'unknown commit'
  }
}

export interface ScenarioContext {
  readonly emu: TestEmulator
  /** A TV for this round; the verdict looks at every TV made here. */
  tv(options?: TvOptions): Tv
  /** What the app wrote to the console so far in this round. */
  readonly console: ConsoleProbe
  /** An HTTP relay in front of the emulator for this round (closed after it). */
  relay(options?: { readonly opaque?: boolean }): Promise<Relay>
}

export interface ScenarioSpec {
  readonly finding?: string
  /** false where the scenario makes no playback events, or ends them by design (sign-out). */
  readonly events?: boolean
  readonly timeoutMs?: number
}

/** How many times `npm run chaos` repeats each scenario; `npm test` runs each once. */
export const ROUNDS = Number(process.env.CHAOS_ROUNDS ?? 1)

/**
 * One row of the fault matrix per scenario: each round runs on a fresh
 * emulator, returns its own checks, and gets the checks every scenario owes
 * (rate limits from the emulator's request log; no event lost or twice, from
 * its playback log; no credential in anything the viewer or a log can see).
 * Every figure is measured in the round; under `npm run chaos` they are
 * written for the report.
 */
export function matrix(file: string, emulator: () => TestEmulator) {
  const results: ScenarioResult[] = []
  afterAll(() => {
    if (!process.env.CHAOS_REPORT) return
    mkdirSync('reports/chaos', { recursive: true })
    const report: FileReport = { commit: measuredAt(), results }
    writeFileSync(`reports/chaos/${basename(file, '.ts')}.json`, JSON.stringify(report, null, 2))
  })

  return (
    group: string,
    name: string,
    spec: ScenarioSpec,
    run: (context: ScenarioContext) => Promise<Check[]>,
  ) =>
    it(`${group}: ${name}`, { timeout: (spec.timeoutMs ?? 60_000) * ROUNDS }, async () => {
      const rounds: Check[][] = []
      const record = (verdict: 'pass' | 'fail', error?: string) =>
        results.push({
          group,
          name,
          finding: spec.finding ?? null,
          verdict,
          rounds: ROUNDS,
          checks: rounds,
          ...(error ? { error } : {}),
        })
      try {
        for (let round = 0; round < ROUNDS; round++) {
          const emu = emulator()
          // Every round starts from a fresh emulator, so figures are per round.
          if (round > 0) await emu.control('/reset', {})
          rounds.push(await runRound(emu, spec, run))
          const failed = rounds.at(-1)!.filter((check) => !check.ok)
          if (failed.length > 0) {
            throw new Error(
              failed.map((c) => `${c.name}: limit ${c.limit}, measured ${c.measured}`).join('; '),
            )
          }
        }
        record('pass')
      } catch (error) {
        record('fail', error instanceof Error ? error.message : String(error))
        throw error
      }
    })
}

async function runRound(
  emu: TestEmulator,
  spec: ScenarioSpec,
  run: (context: ScenarioContext) => Promise<Check[]>,
): Promise<Check[]> {
  const tvs: Tv[] = []
  const relays: Relay[] = []
  const consoleProbe = new ConsoleProbe()
  consoleProbe.start()
  try {
    const own = await run({
      emu,
      console: consoleProbe,
      tv: (options) => {
        const tv = new Tv(emu, options)
        tvs.push(tv)
        return tv
      },
      relay: async (options) => {
        const relay = await new Relay(emu.running.origin, options).up()
        relays.push(relay)
        return relay
      },
    })
    for (const tv of tvs) await tv.settle()
    return [
      ...own,
      ...(await rateChecks(emu)),
      ...(spec.events === false ? [] : await eventChecks(emu, tvs)),
      leakCheck(tvs, consoleProbe),
    ]
  } finally {
    consoleProbe.stop()
    for (const tv of tvs) for (const app of tv.apps) app.kill()
    await Promise.all(relays.map((relay) => relay.close()))
  }
}
