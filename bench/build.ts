import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'

export interface Builds {
  app: string
  floor: string
  remove(): void
}

/**
 * Builds the app (root vite.config.ts) and the floor (bench/floor) with the
 * same Vite, into a temporary folder: dist/ stays as the developer left it,
 * and nothing built lands in the tree for the linters to trip over.
 */
export async function buildBoth(apiBase: string): Promise<Builds> {
  const root = mkdtempSync(join(tmpdir(), 'punchplay-bench-'))
  const app = join(root, 'app')
  const floor = join(root, 'floor')
  // The shipped defaults, pointed at the emulator the bench starts (bench/ports.ts).
  process.env.PUNCHPLAY_API_BASE = apiBase
  delete process.env.PUNCHPLAY_CLIENT_ID
  // Errors only: npm run build is where build warnings are read.
  await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir: app } })
  await build({
    configFile: 'bench/floor/vite.config.ts',
    logLevel: 'error',
    build: { outDir: floor },
  })
  return { app, floor, remove: () => rmSync(root, { recursive: true, force: true }) }
}
