import { readFileSync } from 'node:fs'
import { TIZEN_REQUIRED_VERSION } from '../engine-floor.ts'

/**
 * Who the app is on each store. The ids are permanent: a TV treats a package
 * with another id as another app, so changing one loses every install.
 */
export const identity = {
  title: 'PunchPlay TV',
  vendor: 'PunchPlay',
  website: 'https://punchplay.tv',
  tizen: {
    widgetId: 'https://punchplay.tv/tv',
    packageId: 'PnchPlyTV1',
    applicationId: 'PnchPlyTV1.PunchPlayTV',
    requiredVersion: TIZEN_REQUIRED_VERSION,
  },
  webos: { id: 'tv.punchplay.app' },
  colors: { background: '#0B0F14', accent: '#FF5A4E', text: '#F2F5F8' },
} as const

/** Store artwork committed under static/, by the name each package gives it at its root. */
export const artwork = {
  tizen: { 'icon.png': 'static/icons/tizen-icon-512x423.png' },
  webos: {
    'icon.png': 'static/icons/webos-icon-80x80.png',
    'largeIcon.png': 'static/icons/webos-large-icon-130x130.png',
    'splash.png': 'static/splash/webos-splash-1920x1080.png',
  },
} as const

export const outputDir = 'dist-packages'
export const wgtName = (version: string) => `PunchPlayTV-${version}.wgt`
// ares-package names the file itself; this is its pattern, checked after it runs.
export const ipkName = (version: string) => `${identity.webos.id}_${version}_all.ipk`

/**
 * Both stores read x.y.z with small numbers (Tizen caps the first two parts
 * at 255), so a pre-release tag in package.json must not reach a package.
 */
export function packageVersion(packageJsonPath = 'package.json'): string {
  const { version } = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version?: unknown }
  const parts = typeof version === 'string' ? version.split('.') : []
  const valid =
    parts.length === 3 &&
    parts.every((part) => /^(0|[1-9]\d{0,4})$/.test(part)) &&
    Number(parts[0]) <= 255 &&
    Number(parts[1]) <= 255 &&
    Number(parts[2]) <= 65535
  if (!valid) throw new Error(`package.json version ${String(version)} is not x.y.z for a TV store`)
  return version as string
}
