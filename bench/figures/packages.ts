import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildIpk } from '../../scripts/package/ipk.ts'
import { buildWgt } from '../../scripts/package/wgt.ts'

const TARGET_OVER_FLOOR = 150 * 1024

export interface PackageSizes {
  wgt: number
  ipk: number
}

export interface PackageFigure {
  method: string
  app: PackageSizes
  floor: PackageSizes
  wgtOverFloor: number
  ipkOverFloor: number
  targetOverFloor: number
  met: boolean
}

/** Both TV packages of one build, made by `npm run package`'s own code (unsigned). */
async function packageBuild(distDir: string, name: string): Promise<PackageSizes> {
  const outDir = mkdtempSync(join(tmpdir(), `punchplay-bench-${name}-packages-`))
  try {
    const version = '0.0.1'
    const wgt = join(outDir, `${name}.wgt`)
    // No signing variables: a signature would add the same bytes to both and depend on the machine.
    await buildWgt({ distDir, outFile: wgt, version, description: name, env: {} })
    const ipk = buildIpk({ distDir, outDir, version })
    return { wgt: statSync(wgt).size, ipk: statSync(ipk).size }
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}

/** Figure 2b: the whole TV packages, app against floor, each packaged the same way. */
export async function measurePackages(appDir: string, floorDir: string): Promise<PackageFigure> {
  const app = await packageBuild(appDir, 'app')
  const floor = await packageBuild(floorDir, 'floor')
  const wgtOverFloor = app.wgt - floor.wgt
  const ipkOverFloor = app.ipk - floor.ipk
  return {
    method:
      'scripts/package buildWgt (unsigned) and buildIpk (ares-package) on the app build and on the floor build, same manifests and store artwork; file bytes',
    app,
    floor,
    wgtOverFloor,
    ipkOverFloor,
    targetOverFloor: TARGET_OVER_FLOOR,
    met: wgtOverFloor <= TARGET_OVER_FLOOR && ipkOverFloor <= TARGET_OVER_FLOOR,
  }
}
