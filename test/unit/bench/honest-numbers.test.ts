import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { benchmarksMarkdown } from '../../../bench/benchmarks-md.ts'
import type { EngineColdStart } from '../../../bench/figures/cold-start.ts'
import { commitState, type CommitState } from '../../../bench/machine.ts'
import { COLD_START_RUNS, decideRun, FIGURE_NAMES } from '../../../bench/policy.ts'
import { benchPorts } from '../../../bench/ports.ts'
import type { Figures, Results } from '../../../bench/report.ts'

/**
 * Issue 17, "Honest numbers": the bench says which commit it measured, from
 * git; refuses a dirty tree or an unknown commit; and BENCHMARKS.md is the
 * template filled with the run's figures, never written from a development run.
 */
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-commit-'))
  dirs.push(dir)
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'ignore',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'b',
        GIT_AUTHOR_EMAIL: 'b@example.invalid',
        GIT_COMMITTER_NAME: 'b',
        GIT_COMMITTER_EMAIL: 'b@example.invalid',
      },
    })
  git('init', '-q')
  writeFileSync(join(dir, 'a.txt'), 'one\n')
  git('add', 'a.txt')
  git('commit', '-qm', 'one')
  return dir
}

const CLEAN: CommitState = { sha: 'a'.repeat(40), short: 'aaaaaaa', changes: [], clean: true }

describe('the commit a run measures', () => {
  test('a clean checkout gives its full hash from git', () => {
    const dir = repo()
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim()
    expect(commitState(dir)).toEqual({
      sha: head,
      short: head.slice(0, 7),
      changes: [],
      clean: true,
    })
  })

  test('a changed or an untracked file makes the tree dirty, and is named', () => {
    const dir = repo()
    writeFileSync(join(dir, 'new.ts'), 'x\n')
    expect(commitState(dir)).toMatchObject({ clean: false, changes: ['?? new.ts'] })
    writeFileSync(join(dir, 'a.txt'), 'two\n')
    expect(commitState(dir).changes).toContain('M a.txt')
  })

  test('outside a git checkout the commit is unknown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-nogit-'))
    dirs.push(dir)
    expect(commitState(dir)).toEqual({ sha: null, short: null, changes: [], clean: false })
  })
})

describe('what a run may do', () => {
  test('a clean tree at a known commit runs everything and publishes', () => {
    const policy = decideRun({}, CLEAN)
    expect(policy.publishable).toBe(true)
    expect([...policy.figures]).toEqual([...FIGURE_NAMES])
    expect(policy.coldStartRuns).toBe(COLD_START_RUNS)
    expect(COLD_START_RUNS).toBeGreaterThanOrEqual(5)
  })

  test('a dirty tree is refused, naming what changed', () => {
    const dirty = { ...CLEAN, clean: false, changes: [' M src/main.ts'] }
    expect(() => decideRun({}, dirty)).toThrow(/src\/main\.ts[\s\S]*PUNCHPLAY_BENCH_DIRTY=1/)
  })

  test('an unknown commit is refused', () => {
    expect(() => decideRun({}, { sha: null, short: null, changes: [], clean: false })).toThrow(
      /commit/,
    )
  })

  test('a development run is allowed on a dirty tree but never publishes', () => {
    const dirty = { ...CLEAN, clean: false, changes: [' M src/main.ts'] }
    expect(decideRun({ PUNCHPLAY_BENCH_DIRTY: '1' }, dirty).publishable).toBe(false)
    expect(decideRun({ PUNCHPLAY_BENCH_DIRTY: '1' }, CLEAN).publishable).toBe(false)
  })

  test('some figures only, or fewer than five cold starts, only in a development run', () => {
    expect(() => decideRun({ PUNCHPLAY_BENCH_ONLY: 'cold' }, CLEAN)).toThrow(/development/)
    expect(() => decideRun({ PUNCHPLAY_BENCH_COLD_RUNS: '3' }, CLEAN)).toThrow(/development/)
    const dev = decideRun(
      {
        PUNCHPLAY_BENCH_DIRTY: '1',
        PUNCHPLAY_BENCH_ONLY: 'cold,memory',
        PUNCHPLAY_BENCH_COLD_RUNS: '2',
      },
      CLEAN,
    )
    expect([...dev.figures]).toEqual(['cold', 'memory'])
    expect(dev.coldStartRuns).toBe(2)
    expect(() =>
      decideRun({ PUNCHPLAY_BENCH_DIRTY: '1', PUNCHPLAY_BENCH_ONLY: 'speed' }, CLEAN),
    ).toThrow(/unknown speed/)
  })
})

describe('ports', () => {
  test('by default the emulator takes settings.json’s port and the builds any free one', () => {
    expect(benchPorts({})).toEqual({
      emulator: 8787,
      preview: 0,
      apiBase: 'http://127.0.0.1:8787/api/platform/v1',
    })
  })

  test('both move by environment, and the app is built against the moved emulator', () => {
    expect(
      benchPorts({ PUNCHPLAY_BENCH_EMULATOR_PORT: '8915', PUNCHPLAY_BENCH_PORT: '4315' }),
    ).toEqual({ emulator: 8915, preview: 4315, apiBase: 'http://127.0.0.1:8915/api/platform/v1' })
  })

  test('a port that is not one is refused', () => {
    expect(() => benchPorts({ PUNCHPLAY_BENCH_PORT: 'eighty' })).toThrow(/PUNCHPLAY_BENCH_PORT/)
    expect(() => benchPorts({ PUNCHPLAY_BENCH_EMULATOR_PORT: '0' })).toThrow(/not 0/)
  })
})

function engine(name: string, appMs: number, floorMs: number): EngineColdStart {
  const spread = (ms: number) => ({ median: ms, min: ms - 10, max: ms + 10 })
  return {
    engine: name,
    version: '1.0',
    runs: 5,
    cpuThrottle: 4,
    app: [],
    floorMs: [floorMs],
    appSpread: spread(appMs),
    floorSpread: spread(floorMs),
    ratio: appMs / floorMs,
    target: 1.3,
    met: appMs / floorMs <= 1.3,
    breakdown: { codeRequest: [100, 300], codeAnswer: 40, codeAndQrFrame: appMs, fonts: null },
  }
}

function results(publishable: boolean): Results {
  const reading = {
    heapUsedBytes: 4_000_000,
    jsEventListeners: 1,
    domNodes: 2,
    intervals: 0,
    timeouts: 0,
    webglTextures: 3,
  }
  const sizes = { jsRaw: 1, jsGzip: 1, totalRaw: 1, totalGzip: 1, files: {} }
  const figures: Figures = {
    coldStart: {
      method: '',
      engines: [engine('Engine A', 2600, 1000), engine('Engine B', 1234, 1000)],
      repeated: ['app run 3 in Engine B: not seen within 60000 ms'],
    },
    size: {
      gzip: '',
      app: { ...sizes, jsGzip: 150_000 },
      floor: { ...sizes, jsGzip: 90_000 },
      jsGzipOverFloor: 60_000,
      totalGzipOverFloor: 0,
      targetOverFloorGzip: 61_440,
      jsMet: true,
    },
    packages: {
      method: '',
      app: { wgt: 300_000, ipk: 310_000 },
      floor: { wgt: 100_000, ipk: 110_000 },
      wgtOverFloor: 200_000,
      ipkOverFloor: 200_000,
      targetOverFloor: 153_600,
      met: false,
    },
    memory: {
      method: '',
      first: reading,
      last: { ...reading, heapUsedBytes: 4_500_000 },
      counts: {
        screenChanges: 200,
        visits: { account: 50 },
        deviceCodes: 8,
        declinedCodes: 5,
        signOutRevokes: 3,
        completedPairings: 3,
      },
      growthBytes: 500_000,
      targetBytes: 2_097_152,
      met: true,
    },
    approvalToHome: [],
    tokenRequests: {
      pairings: 0,
      excessPolls: 0,
      pairingsBelowMinimum: 0,
      firstPollLateMedianMs: 0,
      afterApproval: 0,
      afterExpiry: 0,
      codesAfterExpiry: 0,
      afterLeaving: 0,
      met: true,
    },
    playback: {
      title: 'T',
      playedSec: 60,
      events: { start: 1 },
      eventsPerMinute: 1,
      expectedEvents: 6,
      extraEvents: 0,
      otherRequests: [],
      met: true,
    },
  }
  return {
    generatedAt: '2026-11-29T21:00:00.000Z',
    durationSec: 600,
    commit: CLEAN,
    publishable,
    machine: {
      os: 'os',
      kernel: 'k',
      cpuModel: 'cpu',
      cpuCount: 2,
      memoryGiB: 8,
      node: 'v20',
      chromium: '156',
      coldStartCompositing: 'Hardware accelerated',
      chromium68: '68.0',
      lightningSdk: '5',
      lightningCore: '2',
      vite: '8',
      loadAverage: { atStart: 1.5, median: 2.25, max: 3.75, atEnd: 2, samples: 7 },
    },
    figures,
  }
}

describe('BENCHMARKS.md', () => {
  test('is the template filled with the run’s own figures, the commit from git included', () => {
    const text = benchmarksMarkdown(results(true))
    expect(text).not.toMatch(/\{\{/)
    expect(text).toContain(`Commit \`${'a'.repeat(40)}\``)
    expect(text).toContain('2.60× MISSED')
    expect(text).toContain('1.23× met')
    expect(text).toContain('+195.3 KB / +195.3 KB MISSED')
    expect(text).toContain('median 2.25 and highest 3.75')
    expect(text).toMatch(/Cold start in Engine A: 2\.60× the floor/)
    // The code request from both ends: the engine's view, then the emulator's share of it.
    expect(text).toMatch(/request sent → answer read +\| 100 → 300 \(200\) /)
    expect(text).toMatch(/of which the emulator took \(a duration, its own clock\) +\| 40 /)
    // A start that failed and was run again is in the record, not dropped.
    expect(text).toContain('1 start(s) failed and were run again: app run 3 in Engine B')
  })

  test('is never written from a development run or a partial one', () => {
    expect(() => benchmarksMarkdown(results(false))).toThrow(/dirty tree or unknown commit/)
    const partial = results(true)
    delete partial.figures.memory
    expect(() => benchmarksMarkdown(partial)).toThrow(/not measured: memory/)
  })
})
