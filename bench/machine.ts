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
  /** 1-minute load average when the run started: other work on a shared machine skews figures. */
  loadAverageAtStart: number
  node: string
  chromium: string
  lightningSdk: string
  lightningCore: string
  vite: string
  commit: string
}

function distribution(): string {
  if (!existsSync('/etc/os-release')) return `${os.type()} ${os.release()}`
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))
  return pretty?.[1] ?? os.type()
}

const versionOf = (name: string) =>
  (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string })
    .version

/** What the bench builds: a change here since the last commit is measured too. */
const MEASURED_SOURCES = [
  'src',
  'static',
  'index.html',
  'settings.json',
  'vite.config.ts',
  'bench/floor',
]

const git = (...args: string[]) =>
  // --no-optional-locks: never refresh the index, another engineer's git may hold it.
  execFileSync('git', ['--no-optional-locks', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim()

/** The commit the working tree sits on, marked "+changes" when the measured sources differ. */
export function measuredCommit(): string {
  try {
    const head = git('rev-parse', '--short', 'HEAD')
    return git('status', '--porcelain', '--', ...MEASURED_SOURCES) ? `${head}+changes` : head
  } catch {
    return 'unknown'
  }
}

export function describeMachine(
  chromiumVersion: string,
  loadAverageAtStart: number,
  commit: string,
): Machine {
  const cpus = os.cpus()
  return {
    os: distribution(),
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart,
    node: process.version,
    chromium: chromiumVersion,
    lightningSdk: versionOf('@lightningjs/sdk'),
    lightningCore: versionOf('@lightningjs/core'),
    vite: versionOf('vite'),
    commit,
  }
}
