import { mkdirSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { afterAll, it } from 'vitest'

export type Counts = Record<string, number | string>

export interface ScenarioResult {
  readonly group: string
  readonly name: string
  readonly verdict: 'pass' | 'fail'
  readonly counts: Counts
  readonly rounds: number
  readonly error?: string
}

/** How many times `npm run chaos` repeats each scenario; `npm test` runs each once. */
export const ROUNDS = Number(process.env.CHAOS_ROUNDS ?? 1)

/**
 * One row of the fault matrix: runs the scenario (ROUNDS times), keeps its
 * verdict and counts, and — under `npm run chaos` — writes them for the report.
 */
export function matrix(file: string, beforeRound: () => Promise<unknown>) {
  const results: ScenarioResult[] = []
  afterAll(() => {
    if (!process.env.CHAOS_REPORT) return
    mkdirSync('reports/chaos', { recursive: true })
    writeFileSync(`reports/chaos/${basename(file, '.ts')}.json`, JSON.stringify(results, null, 2))
  })
  return (group: string, name: string, run: () => Promise<Counts>, timeout = 60_000) =>
    it(`${group}: ${name}`, { timeout: timeout * ROUNDS }, async () => {
      let counts: Counts = {}
      try {
        for (let round = 0; round < ROUNDS; round++) {
          // Every round starts from a fresh emulator, so counts are per round.
          if (round > 0) await beforeRound()
          counts = await run()
        }
        results.push({ group, name, verdict: 'pass', counts, rounds: ROUNDS })
      } catch (error) {
        results.push({ group, name, verdict: 'fail', counts, rounds: ROUNDS, error: String(error) })
        throw error
      }
    })
}
