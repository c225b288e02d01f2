import type { Browser } from '@playwright/test'
import { ensureEngine, TV_ENGINES } from '../scripts/tv-engines.ts'
import type { Cdp } from './cdp.ts'
import { openEngineTv } from './engine-tv.ts'
import { CPU_THROTTLE, openTvPage } from './tv-browser.ts'

/** One cold start's browser: a fresh profile or context, 1920x1080, CPU throttled. */
export interface ColdTv {
  cdp: Cdp
  close(): Promise<void>
}

export interface ColdStartEngine {
  id: 'debian-chromium' | 'chromium-68'
  label: string
  version: string
  open(): Promise<ColdTv>
}

/** Debian's Chromium through Playwright: a fresh browser context per start. */
export function debianChromium(browser: Browser): ColdStartEngine {
  return {
    id: 'debian-chromium',
    label: "Debian's Chromium",
    version: browser.version(),
    open: () => openTvPage(browser),
  }
}

/**
 * The real Chromium 68 of webOS 5 (scripts/tv-engines.ts): a new process and
 * profile per start, driven over chrome-remote-interface.
 */
export async function realChromium68(): Promise<ColdStartEngine> {
  const engine = TV_ENGINES.find((candidate) => candidate.major === 68)
  if (!engine) throw new Error('scripts/tv-engines.ts lists no Chromium 68')
  const executable = ensureEngine(engine)
  const probe = await openEngineTv(executable, CPU_THROTTLE)
  try {
    const { result } = await probe.cdp.send<{ result: { value: string } }>('Runtime.evaluate', {
      expression: 'navigator.userAgent',
      returnByValue: true,
    })
    const version = /Chrome\/([\d.]+)/.exec(result.value)?.[1] ?? result.value
    return {
      id: 'chromium-68',
      // "webOS 5, LG 2020 (Chromium 68)" → "real Chromium 68 (webOS 5, LG 2020)"
      label: `real Chromium 68 (${engine.stands_for.replace(/\s*\(Chromium \d+\)$/, '')})`,
      version,
      open: () => openEngineTv(executable, CPU_THROTTLE),
    }
  } finally {
    await probe.close()
  }
}
