import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/**
 * The oldest TV engine the build supports: Chromium 63, the engine of Tizen
 * 5.0 (Samsung 2019). The build lowers syntax to it, es-check holds the bundle
 * to it, and the real-engine suite runs it (on Chromium 64, the nearest build).
 */
export const CHROME_FLOOR = 63
export const BUILD_TARGET = `chrome${CHROME_FLOOR}`
/**
 * The Tizen release that ships the floor's engine, declared in config.xml so
 * an older Samsung TV refuses the install instead of showing a blank screen.
 * webOS has no such field in appinfo.json: its floor is chosen per store
 * submission (README, "Which TVs").
 */
export const TIZEN_REQUIRED_VERSION = '5.0'

/** Each built-in src/polyfills.ts may fill, by es-check's name for it. */
const FEATURE_OF_FILL: Record<string, string> = {
  'self.globalThis': 'globalThis',
  'Object.hasOwn': 'ObjectHasOwn',
  'Object.fromEntries': 'ObjectFromEntries',
}

/**
 * The built-ins the bundle may use past the floor: exactly those a
 * `fill(owner, 'name', …)` call in src/polyfills.ts defines, so dropping one
 * fails the check. Web APIs (AbortController) are no ES feature; the real
 * engines prove them.
 */
export function polyfilledFeatures(polyfillsSource: string): string[] {
  const fills = [...polyfillsSource.matchAll(/^fill\(\s*([\w.]+),\s*'(\w+)'/gm)]
  return fills.map(([, owner, name]) => {
    const filled = `${owner}.${name}`
    const feature = FEATURE_OF_FILL[filled]
    if (!feature)
      throw new Error(`scripts/engine-floor.ts: name the es-check feature ${filled} fills`)
    return feature
  })
}

/** es-check against the floor's browser; `ok: false` carries its explanation. */
export function checkAgainstFloor(
  files: string[],
  allowedFeatures: string[],
): { ok: boolean; output: string } {
  const args = [
    '--checkBrowser',
    `--browserslistQuery=chrome ${CHROME_FLOOR}`,
    '--checkFeatures',
    ...(allowedFeatures.length ? [`--allowList=${allowedFeatures.join(',')}`] : []),
    ...files,
  ]
  try {
    execFileSync(join('node_modules', '.bin', 'es-check'), args, {
      encoding: 'utf8',
      stdio: 'pipe',
    })
    return { ok: true, output: '' }
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    return { ok: false, output: `${stdout}${stderr}` }
  }
}
