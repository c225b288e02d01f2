import { readFileSync } from 'node:fs'

/**
 * Where the bench listens. By default the emulator takes the port of the
 * shipped settings.json's apiBase (127.0.0.1:8787) and the builds are served
 * from an ephemeral port; both can be moved, so that a bench can run beside
 * `npm start` or another worktree's end-to-end tests:
 *
 *   PUNCHPLAY_BENCH_EMULATOR_PORT=8915 PUNCHPLAY_BENCH_PORT=4315 npm run bench
 */
export interface BenchPorts {
  emulator: number
  /** 0: any free port. */
  preview: number
  /** settings.json's apiBase with the emulator's port: what the bench builds the app with. */
  apiBase: string
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name}=${text} is not a port number (0-65535)`)
  return value
}

export function benchPorts(env: NodeJS.ProcessEnv = process.env): BenchPorts {
  const settings = JSON.parse(readFileSync(new URL('../settings.json', import.meta.url), 'utf8'))
  const shipped = new URL(settings.punchplay.apiBase as string)
  const emulator = port(env, 'PUNCHPLAY_BENCH_EMULATOR_PORT', Number(shipped.port))
  if (emulator === 0) throw new Error('PUNCHPLAY_BENCH_EMULATOR_PORT must name a port, not 0')
  shipped.port = String(emulator)
  return {
    emulator,
    preview: port(env, 'PUNCHPLAY_BENCH_PORT', 0),
    apiBase: shipped.href.replace(/\/$/, ''),
  }
}
