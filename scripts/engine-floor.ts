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

/** Each core-js module src/polyfills.ts may import, by es-check's name for what it fills. */
const FEATURE_OF_MODULE: Record<string, string> = {
  'core-js/modules/es.global-this': 'globalThis',
  'core-js/modules/es.object.has-own': 'ObjectHasOwn',
  'core-js/modules/es.object.from-entries': 'ObjectFromEntries',
  'core-js/modules/es.string.replace-all': 'StringReplaceAll',
  'core-js/modules/es.array.at': 'ArrayPrototypeAt',
  'core-js/modules/es.array.flat': 'ArrayFlat',
  'core-js/modules/es.array.flat-map': 'ArrayFlatMap',
  'core-js/modules/es.promise.all-settled': 'PromiseAllSettled',
}

/**
 * The built-ins the bundle may use past the floor: exactly those whose
 * polyfill src/polyfills.ts imports, so dropping an import fails the check.
 * Web APIs (AbortController) are no ES feature; the real engines prove them.
 */
export function polyfilledFeatures(polyfillsSource: string): string[] {
  const modules = [...polyfillsSource.matchAll(/^import '(core-js\/[^']+)'/gm)].map((m) => m[1]!)
  return modules.map((module) => {
    const feature = FEATURE_OF_MODULE[module]
    if (!feature)
      throw new Error(`scripts/engine-floor.mjs: name the es-check feature ${module} fills`)
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
