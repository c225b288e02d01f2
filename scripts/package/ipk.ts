import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { artwork, ipkName } from './app-identity.ts'
import { stageApp } from './stage.ts'
import { webosAppInfo } from './webos-appinfo.ts'

const require = createRequire(import.meta.url)

export interface IpkOptions {
  readonly distDir: string
  readonly outDir: string
  readonly version: string
}

/** The LG webOS package, made by LG's own ares-package (offline). Returns its path. */
export function buildIpk({ distDir, outDir, version }: IpkOptions): string {
  const cli = join(dirname(require.resolve('@webos-tools/cli/package.json')), 'bin/ares-package.js')
  const stageDir = mkdtempSync(join(tmpdir(), 'punchplay-ipk-'))
  try {
    stageApp({
      distDir,
      stageDir,
      extraFiles: artwork.webos,
      generated: { 'appinfo.json': `${JSON.stringify(webosAppInfo(version), null, 2)}\n` },
    })
    // -n: the bundle is already minified and checked against Chromium 63; ares' own minifier must not touch it.
    try {
      execFileSync(process.execPath, [cli, '-n', '-o', outDir, stageDir], { stdio: 'pipe' })
    } catch (error) {
      const output = error as { stdout?: Buffer; stderr?: Buffer }
      throw new Error(`ares-package failed:\n${output.stdout ?? ''}${output.stderr ?? ''}`, {
        cause: error,
      })
    }
    const ipk = join(outDir, ipkName(version))
    if (!existsSync(ipk)) throw new Error(`ares-package did not write ${ipk}`)
    return ipk
  } finally {
    rmSync(stageDir, { recursive: true, force: true })
  }
}
