import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { PNG } from 'pngjs'
import { chromiumArgs, findChromium } from '../scripts/chromium-path.ts'
import { fromPlaywright, type Cdp } from './cdp.ts'
import type { Probe } from './screen-probes.ts'

/** Issue 9's stand-in for a TV: the page's CPU four times slower than this machine's. */
export const CPU_THROTTLE = 4
/** Screen frames are read at a quarter of the stage: enough for the probes, cheap to encode. */
const FRAME_WIDTH = 480

async function chromiumPath(): Promise<string> {
  const executablePath = await findChromium()
  if (!executablePath) throw new Error('no Chromium found: install it or set PUNCHPLAY_CHROMIUM')
  return executablePath
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), args: chromiumArgs })
}

/** SwiftShader stands in for the GPU, so that headless Chromium may composite on its GPU path. */
const GPU_COMPOSITING_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader']

export interface GpuCompositedBrowser {
  browser: Browser
  /** chrome://gpu's own words for how this browser composites. */
  compositing: string
}

/**
 * The cold-start browser: Debian's Chromium compositing on its GPU path, as a
 * TV composites on its GPU. With `--disable-gpu`, as the test suites run it,
 * Chromium composites in software and reads every changed WebGL frame back on
 * the page's main thread, in a cold start the largest single cost of app and
 * floor alike, and one no TV has. Refuses to measure in any other mode.
 */
export async function launchGpuCompositedBrowser(): Promise<GpuCompositedBrowser> {
  const args = [...chromiumArgs.filter((arg) => arg !== '--disable-gpu'), ...GPU_COMPOSITING_ARGS]
  const browser = await chromium.launch({ executablePath: await chromiumPath(), args })
  const compositing = await compositingStatus(browser)
  if (!compositing.startsWith('Hardware accelerated')) {
    await browser.close()
    throw new Error(`Chromium does not composite on its GPU path here: "${compositing}"`)
  }
  return { browser, compositing }
}

async function compositingStatus(browser: Browser): Promise<string> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    await page.goto('chrome://gpu')
    const status = await page.waitForFunction(() => {
      const text = document.querySelector('info-view')?.shadowRoot?.textContent ?? ''
      return /Compositing:\s*([^*\n]+)/.exec(text)?.[1]?.trim() ?? false
    })
    return String(await status.jsonValue())
  } finally {
    await context.close()
  }
}

export interface TvPage {
  context: BrowserContext
  page: Page
  cdp: Cdp
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
  const cdp = fromPlaywright(await context.newCDPSession(page))
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE })
  return { context, page, cdp, close: () => context.close() }
}

export interface ScreenWatch {
  /** Compositor time (epoch ms) of the first frame that satisfied the probe. */
  seen: Promise<number>
  /** Compositor time of the first frame passing each of the `marks` probes, up to now. */
  marks: Record<string, number>
  stop(): Promise<void>
}

interface ScreencastFrame {
  data: string
  sessionId: number
  metadata: { timestamp?: number }
}

/**
 * Watches frames as the compositor presents them (CDP screencast) and resolves
 * with the presentation time of the first that passes the probe, so the figure
 * does not depend on how often the runner could look. `marks` are probes timed
 * on the way (the first frame drawn, the code before its QR).
 */
export async function watchScreen(
  cdp: Cdp,
  probe: Probe,
  timeoutMs: number,
  what: string,
  marks: Record<string, Probe> = {},
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
  const marked: Record<string, number> = {}
  const onFrame = (frame: ScreencastFrame) => {
    cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => {})
    if (!frame.metadata.timestamp) return
    const at = frame.metadata.timestamp * 1000
    const png = PNG.sync.read(Buffer.from(frame.data, 'base64'))
    for (const [name, mark] of Object.entries(marks))
      if (marked[name] === undefined && mark(png)) marked[name] = at
    if (probe(png)) {
      clearTimeout(timer)
      settle(at)
    }
  }
  cdp.on('Page.screencastFrame', onFrame as (params: never) => void)
  await cdp.send('Page.startScreencast', {
    format: 'png',
    maxWidth: FRAME_WIDTH,
    maxHeight: (FRAME_WIDTH * 9) / 16,
  })
  return {
    seen,
    marks: marked,
    stop: async () => {
      clearTimeout(timer)
      cdp.off('Page.screencastFrame', onFrame as (params: never) => void)
      await cdp.send('Page.stopScreencast').catch(() => {})
    },
  }
}

/**
 * Starts watching, then acts, then waits for the probe: a change drawn at once
 * (and no frame after it) would be missed by a watch started after the action.
 */
export async function actAndSee(
  cdp: Cdp,
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
