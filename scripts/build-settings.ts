import { readFileSync } from 'node:fs'
import { parsePunchPlayConfig, type PunchPlayConfig } from '../src/core/config.ts'

export interface BuildSettings {
  readonly version: string
  readonly appSettings: Record<string, unknown>
  readonly platformSettings: Record<string, unknown>
  readonly punchplay: PunchPlayConfig
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, unknown>
}

/**
 * settings.json plus the environment overrides that retarget one checkout at
 * the emulator, a staging host or punchplay.tv. Throws (failing the build)
 * when the result is unsafe, e.g. a non-loopback http apiBase.
 */
export function resolveBuildSettings(env: NodeJS.ProcessEnv): BuildSettings {
  const settings = readJson('../settings.json')
  const pkg = readJson('../package.json')
  const block = { ...(settings.punchplay as Record<string, unknown>) }
  if (env.PUNCHPLAY_API_BASE) block.apiBase = env.PUNCHPLAY_API_BASE
  if (env.PUNCHPLAY_CLIENT_ID) block.clientId = env.PUNCHPLAY_CLIENT_ID
  return {
    version: String(pkg.version),
    appSettings: settings.appSettings as Record<string, unknown>,
    platformSettings: settings.platformSettings as Record<string, unknown>,
    punchplay: parsePunchPlayConfig(block),
  }
}
