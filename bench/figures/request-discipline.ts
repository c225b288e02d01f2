import type { Browser } from '@playwright/test'
import type { Emulator } from '../emulator.ts'
import { probes } from '../screen-probes.ts'
import { actAndSee, openTvPage, sleep } from '../tv-browser.ts'
import { median } from '../stats.ts'
import type { PairingSet } from './pairing.ts'

/** The real API: no interval field, so the client's default 5 s. */
const INTERVAL_MS = 5000
const EXPIRY_TTL_SEC = 7
const TOKEN_PATH = '/auth/device/token'

export interface RequestFigure {
  pairings: number
  /** Token requests beyond ceil(wait / interval), summed over all pairings (target 0). */
  excessPolls: number
  /**
   * Pairings with one poll fewer than the formula: the app starts its interval
   * clock only after drawing the code, so its polls come this much later (median).
   */
  pairingsBelowMinimum: number
  firstPollLateMedianMs: number
  afterApproval: number
  afterExpiry: number
  /** Device codes asked for by the app itself after its code expired (target 0). */
  codesAfterExpiry: number
  afterLeaving: number
  met: boolean
}

/** A code that expires while the pairing page waits; then one interval and a second more. */
async function requestsAfterExpiry(browser: Browser, origin: string, emulator: Emulator) {
  await emulator.resetTo({
    intervalSec: null,
    minPollIntervalSec: 5,
    deviceCodeTtlSec: EXPIRY_TTL_SEC,
  })
  const tv = await openTvPage(browser)
  try {
    await tv.page.goto(`${origin}/app/`)
    await emulator.waitForRequest(
      (requests) => requests.find((request) => request.path.endsWith('/auth/device/code')),
      30_000,
      'a device code request',
    )
    const [issued] = await emulator.deviceCodes()
    await sleep(issued!.expiresAtMs + INTERVAL_MS + 1000 - Date.now())
    const requests = await emulator.requests()
    const after = requests.filter((request) => request.timeMs > issued!.expiresAtMs)
    return {
      polls: after.filter((request) => request.path.endsWith(TOKEN_PATH)).length,
      codes: after.filter((request) => request.path.endsWith('/auth/device/code')).length,
    }
  } finally {
    await tv.close()
  }
}

/** Back on the pairing page opens the exit dialog: polling must stop at the key press. */
async function requestsAfterLeaving(browser: Browser, origin: string, emulator: Emulator) {
  await emulator.resetTo({ intervalSec: null, minPollIntervalSec: 5 })
  const tv = await openTvPage(browser)
  try {
    await tv.page.goto(`${origin}/app/`)
    await emulator.waitForRequest(
      (requests) => requests.find((request) => request.path.endsWith(TOKEN_PATH)),
      30_000 + INTERVAL_MS,
      'a first token poll',
    )
    await sleep(INTERVAL_MS / 2)
    const leftAt = Date.now()
    await actAndSee(tv.cdp, probes.exitDialog, 10_000, 'the exit dialog', () =>
      tv.page.keyboard.press('Backspace'),
    )
    await sleep(2 * INTERVAL_MS + 1000)
    const polls = await emulator.tokenPolls()
    return polls.filter((poll) => poll.timeMs >= leftAt).length
  } finally {
    await tv.close()
  }
}

/** Figure 4: the pairings of figure 3, plus expiry and leaving the page. */
export async function measureRequestDiscipline(
  browser: Browser,
  origin: string,
  emulator: Emulator,
  sets: PairingSet[],
): Promise<RequestFigure> {
  const samples = sets.flatMap((set) => set.samples)
  const expiry = await requestsAfterExpiry(browser, origin, emulator)
  const afterLeaving = await requestsAfterLeaving(browser, origin, emulator)
  const excessPolls = samples.reduce((sum, s) => sum + Math.max(0, s.polls - s.minimumPolls), 0)
  const afterApproval = samples.reduce((sum, s) => sum + s.pollsAfterApproval, 0)
  return {
    pairings: samples.length,
    excessPolls,
    pairingsBelowMinimum: samples.filter((s) => s.polls < s.minimumPolls).length,
    firstPollLateMedianMs: median(samples.map((s) => s.firstPollLateMs)),
    afterApproval,
    afterExpiry: expiry.polls,
    codesAfterExpiry: expiry.codes,
    afterLeaving,
    met: excessPolls + afterApproval + expiry.polls + expiry.codes + afterLeaving === 0,
  }
}
