import {
  chromium,
  type Browser,
  type BrowserContext,
  type CDPSession,
  type Page,
} from '@playwright/test'
import { PNG } from 'pngjs'
import { chromiumArgs, findChromium } from '../scripts/chromium-path.ts'
import type { Probe } from './screen-probes.ts'

/** Issue 9's stand-in for a TV: the page's CPU four times slower than this machine's. */
export const CPU_THROTTLE = 4
/** Screen frames are read at a quarter of the stage: enough for the probes, cheap to encode. */
const FRAME_WIDTH = 480

export async function launchBrowser(): Promise<Browser> {
  const executablePath = await findChromium()
  if (!executablePath) throw new Error('no Chromium found: install it or set PUNCHPLAY_CHROMIUM')
  return chromium.launch({ executablePath, args: chromiumArgs })
}

export interface TvPage {
  context: BrowserContext
  page: Page
  cdp: CDPSession
  close(): Promise<void>
}

/**
 * A fresh context (empty IndexedDB and cache: a cold start) at 1920x1080 with
 * the CPU throttled. The throttle belongs to the page's DevTools session and
 * survives navigation, so it is set before the first byte loads.
 */
export async function openTvPage(browser: Browser): Promise<TvPage> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE })
  return { context, page, cdp, close: () => context.close() }
}

export interface ScreenWatch {
  /** Compositor time (epoch ms) of the first frame that satisfied the probe. */
  seen: Promise<number>
  stop(): Promise<void>
}

/**
 * Watches frames as the compositor presents them (CDP screencast) and resolves
 * with the presentation time of the first that passes the probe, so the figure
 * does not depend on how often the runner could look.
 */
export async function watchScreen(
  cdp: CDPSession,
  probe: Probe,
  timeoutMs: number,
  what: string,
): Promise<ScreenWatch> {
  let settle: (ms: number) => void = () => {}
  let fail: (error: Error) => void = () => {}
  const seen = new Promise<number>((resolve, reject) => {
    settle = resolve
    fail = reject
  })
  // Handled here too: a caller still busy acting when the time runs out awaits it later.
  seen.catch(() => {})
  const timer = setTimeout(
    () => fail(new Error(`not seen within ${timeoutMs} ms: ${what}`)),
    timeoutMs,
  )
  const onFrame = (frame: {
    data: string
    sessionId: number
    metadata: { timestamp?: number }
  }) => {
    cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => {})
    if (probe(PNG.sync.read(Buffer.from(frame.data, 'base64'))) && frame.metadata.timestamp) {
      clearTimeout(timer)
      settle(frame.metadata.timestamp * 1000)
    }
  }
  cdp.on('Page.screencastFrame', onFrame)
  await cdp.send('Page.startScreencast', {
    format: 'png',
    maxWidth: FRAME_WIDTH,
    maxHeight: (FRAME_WIDTH * 9) / 16,
  })
  return {
    seen,
    stop: async () => {
      clearTimeout(timer)
      cdp.off('Page.screencastFrame', onFrame)
      await cdp.send('Page.stopScreencast').catch(() => {})
    },
  }
}

/**
 * Starts watching, then acts, then waits for the probe: a change drawn at once
 * (and no frame after it) would be missed by a watch started after the action.
 */
export async function actAndSee(
  cdp: CDPSession,
  probe: Probe,
  timeoutMs: number,
  what: string,
  action: () => Promise<unknown>,
): Promise<number> {
  const watch = await watchScreen(cdp, probe, timeoutMs, what)
  try {
    await action()
    return await watch.seen
  } finally {
    await watch.stop()
  }
}

/** One frame later (two rAFs): whatever the last key changed has been drawn. */
export function nextFrame(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  )
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
