import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'

const require = createRequire(import.meta.url)

export interface Machine {
  os: string
  kernel: string
  cpuModel: string
  cpuCount: number
  memoryGiB: number
  /** 1-minute load average through the run: other work on a shared machine skews figures. */
  loadAverage: LoadAverage
  node: string
  chromium: string
  /** How Debian's Chromium composited the cold starts, in chrome://gpu's words. */
  coldStartCompositing: string
  lightningSdk: string
  lightningCore: string
  vite: string
  chromium68: string
}

function distribution(): string {
  if (!existsSync('/etc/os-release')) return `${os.type()} ${os.release()}`
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))
  return pretty?.[1] ?? os.type()
}

const versionOf = (name: string) =>
  (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string })
    .version

const git = (cwd: string, ...args: string[]) =>
  // --no-optional-locks: never refresh the index, another engineer's git may hold it.
  execFileSync('git', ['--no-optional-locks', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim()

export interface CommitState {
  /** Full hash of HEAD, or null outside a git checkout. */
  sha: string | null
  short: string | null
  /** Tracked changes and untracked files (not ignored): anything that could reach a build. */
  changes: string[]
  /** True only for a known commit and a clean tree: the one state BENCHMARKS.md may describe. */
  clean: boolean
}

/** What the run measures, read from git and never from input. */
export function commitState(cwd = process.cwd()): CommitState {
  try {
    const sha = git(cwd, 'rev-parse', '--verify', 'HEAD^{commit}')
    const changes = git(cwd, 'status', '--porcelain', '--untracked-files=all')
      .split('\n')
      .filter(Boolean)
    return { sha, short: sha.slice(0, 7), changes, clean: changes.length === 0 }
  } catch {
    return { sha: null, short: null, changes: [], clean: false }
  }
}

/**
 * The 1-minute load average, sampled through the run: figures on a shared
 * machine move with the other work on it, and the report says how much there was.
 */
export function sampleLoad(everyMs = 10_000): { stop(): LoadAverage } {
  const samples = [os.loadavg()[0]!]
  const timer = setInterval(() => samples.push(os.loadavg()[0]!), everyMs)
  return {
    stop() {
      clearInterval(timer)
      samples.push(os.loadavg()[0]!)
      const sorted = [...samples].sort((a, b) => a - b)
      const two = (value: number) => Number(value.toFixed(2))
      return {
        atStart: two(samples[0]!),
        median: two(sorted[Math.floor(sorted.length / 2)]!),
        max: two(sorted.at(-1)!),
        atEnd: two(samples.at(-1)!),
        samples: samples.length,
      }
    },
  }
}

export interface LoadAverage {
  atStart: number
  median: number
  max: number
  atEnd: number
  samples: number
}

export function describeMachine(
  chromiumVersion: string,
  chromium68Version: string,
  coldStartCompositing: string,
  loadAverage: LoadAverage,
): Machine {
  const cpus = os.cpus()
  return {
    os: distribution(),
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage,
    node: process.version,
    chromium: chromiumVersion,
    coldStartCompositing,
    lightningSdk: versionOf('@lightningjs/sdk'),
    lightningCore: versionOf('@lightningjs/core'),
    vite: versionOf('vite'),
    chromium68: chromium68Version,
  }
}
