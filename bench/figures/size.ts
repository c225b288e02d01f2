import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { isLeftOut } from '../../scripts/package/stage.ts'

const TARGET_OVER_FLOOR_GZIP = 60 * 1024

export interface Sizes {
  jsRaw: number
  jsGzip: number
  totalRaw: number
  totalGzip: number
  /** Every shipped file: path → [raw, gzip] bytes. */
  files: Record<string, [number, number]>
}

export interface SizeFigure {
  gzip: string
  app: Sizes
  floor: Sizes
  jsGzipOverFloor: number
  totalGzipOverFloor: number
  targetOverFloorGzip: number
  /** The target is on the shipped JavaScript; the whole build is reported beside it. */
  jsMet: boolean
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Raw and gzip bytes of a build, as a TV package holds it (its zip deflates like gzip). */
export function measureSizes(dir: string): Sizes {
  const sizes: Sizes = { jsRaw: 0, jsGzip: 0, totalRaw: 0, totalGzip: 0, files: {} }
  for (const file of filesUnder(dir).sort()) {
    const name = relative(dir, file)
    // As the TV packages do: no inspector (test-only), source maps or store artwork.
    if (isLeftOut(name)) continue
    const body = readFileSync(file)
    const gzip = gzipSync(body).length
    sizes.files[name] = [body.length, gzip]
    sizes.totalRaw += body.length
    sizes.totalGzip += gzip
    if (name.endsWith('.js')) {
      sizes.jsRaw += body.length
      sizes.jsGzip += gzip
    }
  }
  return sizes
}

/** Figure 2. */
export function compareSizes(appDir: string, floorDir: string): SizeFigure {
  const app = measureSizes(appDir)
  const floor = measureSizes(floorDir)
  const jsGzipOverFloor = app.jsGzip - floor.jsGzip
  const totalGzipOverFloor = app.totalGzip - floor.totalGzip
  return {
    gzip: 'zlib level 6 (the gzip default), per file; left out as the TV packages leave them out: lightning-inspect.js (test-only), source maps, store artwork (icons/, splash/)',
    app,
    floor,
    jsGzipOverFloor,
    totalGzipOverFloor,
    targetOverFloorGzip: TARGET_OVER_FLOOR_GZIP,
    jsMet: jsGzipOverFloor <= TARGET_OVER_FLOOR_GZIP,
  }
}
