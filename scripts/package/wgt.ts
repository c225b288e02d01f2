import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { artwork } from './app-identity.ts'
import { stageApp } from './stage.ts'
import { tizenConfigXml } from './tizen-config.ts'
import { findTizenCli, signWithTizenCli, tizenSigningFromEnv } from './tizen-signing.ts'
import { zipFolder } from './zip-folder.ts'

export interface WgtOptions {
  readonly distDir: string
  readonly outFile: string
  readonly version: string
  readonly description: string
  readonly env: NodeJS.ProcessEnv
}

/** The Samsung Tizen widget: unsigned by default, signed when the environment holds certificates. */
export async function buildWgt(options: WgtOptions): Promise<{ signed: boolean }> {
  // Decide about signing before any work, so a half-configured signer fails fast.
  const signing = tizenSigningFromEnv(options.env)
  const cli = signing ? findTizenCli(options.env) : null
  if (signing && !cli) {
    throw new Error(
      'TIZEN_* certificate variables are set but the Tizen Studio CLI was not found: ' +
        'put its tools/ide/bin on PATH or set TIZEN_CLI to the `tizen` executable ' +
        '(or unset the TIZEN_* variables for an unsigned package)',
    )
  }
  const stageDir = mkdtempSync(join(tmpdir(), 'punchplay-wgt-'))
  try {
    stageApp({
      distDir: options.distDir,
      stageDir,
      extraFiles: artwork.tizen,
      generated: { 'config.xml': tizenConfigXml(options.version, options.description) },
    })
    if (signing && cli) signWithTizenCli(stageDir, options.outFile, signing, cli)
    else await zipFolder(stageDir, options.outFile)
    return { signed: Boolean(signing) }
  } finally {
    rmSync(stageDir, { recursive: true, force: true })
  }
}
