import { existsSync } from 'node:fs'

/**
 * Which Chromium the end-to-end tests drive: an explicit environment variable,
 * else Debian's package, else Playwright's own download (on a laptop).
 * Returns null when none is installed.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const fromEnv = env.PUNCHPLAY_CHROMIUM || env.CHROMIUM_PATH
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(`PUNCHPLAY_CHROMIUM points to ${fromEnv}, which does not exist`)
    return fromEnv
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  try {
    const { chromium } = await import('@playwright/test')
    const own = chromium.executablePath()
    if (own && existsSync(own)) return own
  } catch {
    // Playwright has no browser of its own here; fall through.
  }
  return null
}

/** Flags that let headless Chromium run as root on a machine with a closed network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
]
