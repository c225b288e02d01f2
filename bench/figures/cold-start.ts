import type { Browser } from '@playwright/test'
import type { Emulator } from '../emulator.ts'
import { probes, type Probe } from '../screen-probes.ts'
import { median, round } from '../stats.ts'
import { actAndSee, CPU_THROTTLE, openTvPage } from '../tv-browser.ts'

export const COLD_START_RUNS = 9
export const COLD_START_TARGET = 1.3

export interface ColdStartFigure {
  method: string
  runs: number
  cpuThrottle: number
  appMs: number[]
  floorMs: number[]
  appMedianMs: number
  floorMedianMs: number
  ratio: number
  target: number
  met: boolean
}

/** Navigation start (performance.timeOrigin) to the first presented frame passing the probe. */
async function coldStartMs(browser: Browser, url: string, probe: Probe, what: string) {
  const tv = await openTvPage(browser)
  try {
    const shownAt = await actAndSee(tv.cdp, probe, 60_000, what, () => tv.page.goto(url))
    const navigationStart = await tv.page.evaluate(() => performance.timeOrigin)
    if (shownAt < navigationStart) throw new Error(`${what} seen before the page loaded`)
    return shownAt - navigationStart
  } finally {
    await tv.close()
  }
}

/**
 * Figure 1. App and floor alternate run by run, so a slow spell on this shared
 * machine hits both rather than one.
 */
export async function measureColdStart(
  browser: Browser,
  origin: string,
  emulator: Emulator,
  progress: (line: string) => void,
): Promise<ColdStartFigure> {
  const appMs: number[] = []
  const floorMs: number[] = []
  for (let run = 1; run <= COLD_START_RUNS; run++) {
    await emulator.resetTo({ intervalSec: null, minPollIntervalSec: 5 })
    appMs.push(await coldStartMs(browser, `${origin}/app/`, probes.codeAndQr, 'code and QR'))
    floorMs.push(await coldStartMs(browser, `${origin}/floor/`, probes.floorText, 'floor text'))
    progress(
      `cold start ${run}/${COLD_START_RUNS}: app ${appMs.at(-1)!.toFixed(0)} ms, floor ${floorMs.at(-1)!.toFixed(0)} ms`,
    )
  }
  const ratio = median(appMs) / median(floorMs)
  return {
    method:
      'fresh browser context per run; CDP screencast at 480x270; time from navigation start to the first presented frame showing the code and the QR modules (app) or the text (floor)',
    runs: COLD_START_RUNS,
    cpuThrottle: CPU_THROTTLE,
    appMs: appMs.map((ms) => round(ms)),
    floorMs: floorMs.map((ms) => round(ms)),
    appMedianMs: round(median(appMs)),
    floorMedianMs: round(median(floorMs)),
    ratio: round(ratio, 2),
    target: COLD_START_TARGET,
    met: ratio <= COLD_START_TARGET,
  }
}
