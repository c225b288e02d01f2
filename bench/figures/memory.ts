import type { Browser, Page } from '@playwright/test'
import type { Emulator } from '../emulator.ts'
import { liveCountersScript, readMemory, type MemoryReading } from '../live-counters.ts'
import { probes, type Probe } from '../screen-probes.ts'
import { actAndSee, nextFrame, openTvPage, sleep, type TvPage } from '../tv-browser.ts'
import { approveToHome } from './pairing.ts'

export const SCREEN_CHANGES = 200
export const PAIRING_CYCLES = 5
/** Screen changes before the first home reading: the player's and dialog's first use settle. */
const HOME_WARM_UP = 20
const GROWTH_TARGET_BYTES = 2 * 1024 * 1024
const TOKEN_PATH = '/auth/device/token'
const CODE_PATH = '/auth/device/code'

export interface MemoryFigure {
  screenChange: string
  pairingCycle: string
  afterWarmUp: MemoryReading
  afterPairingCycles: MemoryReading
  homeAfterWarmUp: MemoryReading
  afterScreenChanges: MemoryReading
  growthBytes: number
  targetBytes: number
  met: boolean
}

/**
 * One pairing cycle inside one page: the phone declines, the viewer picks
 * "Get a new code", the new code is shown and polled. (A reload would start
 * a new heap and hide any leak; there is no sign-out yet to go round via home.)
 */
async function pairingCycle(page: Page, emulator: Emulator): Promise<void> {
  const codesBefore = (await emulator.requests(CODE_PATH)).length
  const [pending] = (await emulator.deviceCodes()).filter((code) => code.status === 'pending')
  await emulator.approve(pending!.userCode, 'deny')
  await emulator.waitForRequest(
    (requests) => requests.find((r) => r.path.endsWith(TOKEN_PATH) && r.error === 'access_denied'),
    10_000,
    'the denial reach the TV',
  )
  // Enter does nothing until "Get a new code" has the focus; press until a new code is asked for.
  const deadline = Date.now() + 10_000
  while ((await emulator.requests(CODE_PATH)).length === codesBefore) {
    if (Date.now() > deadline) throw new Error('"Get a new code" never asked for a code')
    await page.keyboard.press('Enter')
    await sleep(200)
  }
  const askedAt = (await emulator.requests(CODE_PATH)).at(-1)!.timeMs
  await emulator.waitForRequest(
    (requests) => requests.find((r) => r.path.endsWith(TOKEN_PATH) && r.timeMs > askedAt),
    10_000,
    'the new code being polled',
  )
}

/** Two screen changes: the exit dialog shown (Back) and hidden (Back), one frame drawn after each. */
async function dialogRound(tv: TvPage, check: boolean): Promise<void> {
  const back = () => tv.page.keyboard.press('Backspace')
  const noDialog: Probe = (png) => !probes.exitDialog(png)
  if (check) await actAndSee(tv.cdp, probes.exitDialog, 5000, 'the exit dialog', back)
  else await back()
  await nextFrame(tv.page)
  if (check) await actAndSee(tv.cdp, noDialog, 5000, 'home after the dialog', back)
  else await back()
  await nextFrame(tv.page)
}

/** Two screen changes: the focused title played until its start is reported, then Back home. */
async function playerRound(tv: TvPage, emulator: Emulator): Promise<void> {
  const before = (await emulator.playbackEvents()).length
  await tv.page.keyboard.press('Enter')
  await emulator.waitForPlaybackEvents(before + 1, 30_000)
  await actAndSee(tv.cdp, probes.username, 15_000, 'home after the player', () =>
    tv.page.keyboard.press('Backspace'),
  )
  await emulator.waitForPlaybackEvents(before + 2, 15_000)
}

/**
 * Screen changes on home, the only place to go after pairing: every fifth
 * round goes through the player, the others through the exit dialog. With
 * `check`, dialog rounds are confirmed on screen, so a home that stops
 * answering Back this way fails the run instead of giving a figure for nothing.
 */
async function screenChanges(tv: TvPage, emulator: Emulator, count: number, check: boolean) {
  for (let round = 0; round < count / 2; round++) {
    if (round % 5 === 0) await playerRound(tv, emulator)
    else await dialogRound(tv, check)
  }
}

/** Figure 5. */
export async function measureMemory(
  browser: Browser,
  origin: string,
  emulator: Emulator,
): Promise<MemoryFigure> {
  await emulator.resetTo({ intervalSec: 1, minPollIntervalSec: 1 })
  const tv = await openTvPage(browser)
  try {
    await tv.context.addInitScript({ content: liveCountersScript })
    await actAndSee(tv.cdp, probes.codeAndQr, 60_000, 'code and QR', () =>
      tv.page.goto(`${origin}/app/`),
    )
    await pairingCycle(tv.page, emulator)
    const afterWarmUp = await readMemory(tv.page, tv.cdp)
    for (let cycle = 0; cycle < PAIRING_CYCLES; cycle++) await pairingCycle(tv.page, emulator)
    const afterPairingCycles = await readMemory(tv.page, tv.cdp)

    await approveToHome(tv, emulator)
    await screenChanges(tv, emulator, HOME_WARM_UP, true)
    const homeAfterWarmUp = await readMemory(tv.page, tv.cdp)
    await screenChanges(tv, emulator, SCREEN_CHANGES, false)
    const afterScreenChanges = await readMemory(tv.page, tv.cdp)

    const growthBytes =
      afterPairingCycles.heapUsedBytes -
      afterWarmUp.heapUsedBytes +
      (afterScreenChanges.heapUsedBytes - homeAfterWarmUp.heapUsedBytes)
    return {
      screenChange:
        'on home: one in five pairs opens the focused title in the player (until its start is reported) and goes Back home; the others show and hide the exit dialog (Back, Back)',
      pairingCycle:
        'in the same page: phone declines, "Get a new code", new code shown and polled (1 s interval)',
      afterWarmUp,
      afterPairingCycles,
      homeAfterWarmUp,
      afterScreenChanges,
      growthBytes,
      targetBytes: GROWTH_TARGET_BYTES,
      met: growthBytes < GROWTH_TARGET_BYTES,
    }
  } finally {
    await tv.close()
  }
}
