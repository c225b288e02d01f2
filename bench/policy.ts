import type { CommitState } from './machine.ts'

export const FIGURE_NAMES = ['cold', 'size', 'packages', 'memory', 'pairing', 'playback'] as const
export type FigureName = (typeof FIGURE_NAMES)[number]

/** The issue asks for medians of at least five; nine keeps one slow run from moving them. */
export const COLD_START_RUNS = 9
const MIN_PUBLISHED_COLD_RUNS = 5

export interface RunPolicy {
  /** Only a full run at a known commit on a clean tree writes BENCHMARKS.md and bench/results. */
  publishable: boolean
  figures: Set<FigureName>
  coldStartRuns: number
}

function chosenFigures(only: string | undefined): Set<FigureName> {
  if (!only) return new Set(FIGURE_NAMES)
  const names = only.split(',').map((name) => name.trim())
  const unknown = names.filter((name) => !(FIGURE_NAMES as readonly string[]).includes(name))
  if (unknown.length)
    throw new Error(
      `PUNCHPLAY_BENCH_ONLY: unknown ${unknown.join(', ')} (choose from ${FIGURE_NAMES.join(', ')})`,
    )
  return new Set(names as FigureName[])
}

/**
 * What a run may do, decided before anything is built. A run that could not
 * say which commit it measured, or that would measure uncommitted changes,
 * is refused unless PUNCHPLAY_BENCH_DIRTY=1 makes it a development run; a
 * development run (or one limited to some figures, or with fewer cold
 * starts) is never publishable.
 */
export function decideRun(env: NodeJS.ProcessEnv, commit: CommitState): RunPolicy {
  const development = env.PUNCHPLAY_BENCH_DIRTY === '1'
  if (!development && !commit.sha)
    throw new Error(
      'not a git checkout with a readable commit: the figures could not be attributed to one',
    )
  if (!development && !commit.clean)
    throw new Error(
      `the tree has changes, so the figures would describe no commit:\n  ${commit.changes.join('\n  ')}\n` +
        'Commit or stash them, or set PUNCHPLAY_BENCH_DIRTY=1 for a development run ' +
        '(it writes neither BENCHMARKS.md nor bench/results).',
    )
  const figures = chosenFigures(env.PUNCHPLAY_BENCH_ONLY)
  if (!development && figures.size < FIGURE_NAMES.length)
    throw new Error('PUNCHPLAY_BENCH_ONLY is for development runs (PUNCHPLAY_BENCH_DIRTY=1)')
  let coldStartRuns = COLD_START_RUNS
  if (env.PUNCHPLAY_BENCH_COLD_RUNS) {
    coldStartRuns = Number(env.PUNCHPLAY_BENCH_COLD_RUNS)
    if (!Number.isInteger(coldStartRuns) || coldStartRuns < 1)
      throw new Error(
        `PUNCHPLAY_BENCH_COLD_RUNS=${env.PUNCHPLAY_BENCH_COLD_RUNS}: a whole number ≥ 1`,
      )
    if (!development && coldStartRuns < MIN_PUBLISHED_COLD_RUNS)
      throw new Error(
        `fewer than ${MIN_PUBLISHED_COLD_RUNS} cold starts only in a development run (PUNCHPLAY_BENCH_DIRTY=1)`,
      )
  }
  return { publishable: !development, figures, coldStartRuns }
}
