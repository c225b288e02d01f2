import type { Browser, Page } from '@playwright/test'
import type { Emulator } from '../emulator.ts'
import { liveCountersScript, readMemory, type MemoryReading } from '../live-counters.ts'
import { probes, type Probe } from '../screen-probes.ts'
import { actAndSee, nextFrame, openTvPage, sleep, type TvPage } from '../tv-browser.ts'
import { approveToHome } from './pairing.ts'

/** Codes the phone declines and the viewer replaces with "Get a new code". */
export const DECLINED_CODES = 5
export const SCREEN_CHANGES = 200
export const SIGN_OUT_CYCLES = 3
/** One tour of every page from home and back: 8 screen changes. */
const TOUR = 8
const GROWTH_TARGET_BYTES = 2 * 1024 * 1024
const TOKEN_PATH = '/auth/device/token'
const CODE_PATH = '/auth/device/code'
const REVOKE_PATH = '/oauth/revoke'

export interface MemoryCounts {
  /** Screen changes confirmed on screen (or by the emulator, for the player). */
  screenChanges: number
  /** Per page: how often it was entered. */
  visits: Record<string, number>
  /** From the emulator's log, between the two readings. */
  deviceCodes: number
  declinedCodes: number
  signOutRevokes: number
  completedPairings: number
}

export interface MemoryFigure {
  method: string
  first: MemoryReading
  last: MemoryReading
  counts: MemoryCounts
  growthBytes: number
  targetBytes: number
  met: boolean
}

const KEY = { up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight' } as const
const press = (tv: TvPage, key: string) => tv.page.keyboard.press(key)
const notDialog: Probe = (png) => !probes.exitDialog(png)

class Walk {
  readonly visits: Record<string, number> = {}
  changes = 0
  constructor(
    private readonly tv: TvPage,
    private readonly emulator: Emulator,
  ) {}

  /** One screen change, confirmed by a probe on the frames the compositor presents. */
  private async change(page: string, probe: Probe, key: string): Promise<void> {
    await actAndSee(this.tv.cdp, probe, 15_000, page, () => press(this.tv, key))
    await nextFrame(this.tv.page)
    this.visits[page] = (this.visits[page] ?? 0) + 1
    this.changes++
  }

  /** From anywhere on home to the viewer chip: Up until nothing is above. */
  private async toViewerChip(): Promise<void> {
    for (let i = 0; i < 3; i++) await press(this.tv, KEY.up)
  }

  /**
   * Home → Account → Diagnostics → Account → home → player → home → exit
   * dialog → home: every page a signed-in viewer reaches, 8 changes.
   */
  async tour(): Promise<void> {
    await this.toViewerChip()
    await this.change('account', probes.account, 'Enter')
    await press(this.tv, KEY.right)
    await this.change('diagnostics', probes.diagnostics, 'Enter')
    await this.change('account', probes.account, 'Backspace')
    await this.change('home', probes.username, 'Backspace')
    // Down twice from the chip: "Watch something", whether or not "Continue watching" is shown.
    await press(this.tv, KEY.down)
    await press(this.tv, KEY.down)
    const before = (await this.emulator.playbackEvents()).length
    await press(this.tv, 'Enter')
    // The player is confirmed by what a viewer's account sees: the start of the title.
    await this.emulator.waitForPlaybackEvents(before + 1, 30_000)
    this.visits.player = (this.visits.player ?? 0) + 1
    this.changes++
    await this.change('home', probes.username, 'Backspace')
    await this.emulator.waitForPlaybackEvents(before + 2, 15_000)
    await this.change('exit dialog', probes.exitDialog, 'Backspace')
    await this.change('home', notDialog, 'Backspace')
  }

  /** Home → Account → Sign out → confirm → pairing (a new code on screen). */
  async signOut(): Promise<void> {
    const codesBefore = (await this.emulator.requests(CODE_PATH)).length
    await this.toViewerChip()
    await actAndSee(this.tv.cdp, probes.account, 15_000, 'account', () => press(this.tv, 'Enter'))
    // "Sign out of PunchPlay?" opens with Cancel focused; Confirm is on its left.
    await press(this.tv, 'Enter')
    await nextFrame(this.tv.page)
    await press(this.tv, KEY.left)
    await actAndSee(this.tv.cdp, probes.codeAndQr, 30_000, 'pairing after sign-out', () =>
      press(this.tv, 'Enter'),
    )
    await this.emulator.waitForRequest(
      (requests) => requests.filter((r) => r.path.endsWith(CODE_PATH))[codesBefore],
      15_000,
      'a new code after sign-out',
    )
  }
}

/**
 * On the pairing page: the phone declines, the viewer picks "Get a new code",
 * the new code is shown and polled, all in the same page (a reload would
 * start a new heap and hide any leak).
 */
async function declineAndReplace(page: Page, emulator: Emulator): Promise<void> {
  const codesBefore = (await emulator.requests(CODE_PATH)).length
  const [pending] = (await emulator.deviceCodes()).filter((code) => code.status === 'pending')
  if (!pending) throw new Error('no pending code to decline')
  await emulator.approve(pending.userCode, 'deny')
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

async function logCounts(emulator: Emulator) {
  const requests = await emulator.requests()
  const count = (test: (r: (typeof requests)[number]) => boolean) => requests.filter(test).length
  return {
    codes: count((r) => r.path.endsWith(CODE_PATH)),
    declined: count((r) => r.path.endsWith(TOKEN_PATH) && r.error === 'access_denied'),
    revokes: count((r) => r.path.endsWith(REVOKE_PATH)),
    paired: count((r) => r.path.endsWith(TOKEN_PATH) && r.status === 200),
  }
}

/** Shares `total` over `parts` as evenly as whole numbers allow. */
const shares = (total: number, parts: number) =>
  Array.from(
    { length: parts },
    (_, i) => Math.floor(((i + 1) * total) / parts) - Math.floor((i * total) / parts),
  )

/**
 * Figure 5. One page for the whole figure. After a warm-up that visits every
 * page once and goes round sign-out once, the first reading; then the screen
 * changes, declined codes and sign-out/re-pair cycles, interleaved; then the
 * last reading, on home as the first was.
 */
export async function measureMemory(
  browser: Browser,
  origin: string,
  emulator: Emulator,
  progress: (line: string) => void,
): Promise<MemoryFigure> {
  await emulator.resetTo({ intervalSec: 1, minPollIntervalSec: 1 })
  // The run asks for more codes than PunchPlay allows an hour (10); the limit is not what it measures.
  await emulator.configure({ rateLimits: { deviceCode: { max: 1000, windowSec: 3600 } } })
  const tv = await openTvPage(browser)
  try {
    await tv.context.addInitScript({ content: liveCountersScript })
    await actAndSee(tv.cdp, probes.codeAndQr, 60_000, 'code and QR', () =>
      tv.page.goto(`${origin}/app/`),
    )
    await approveToHome(tv, emulator)
    const walk = new Walk(tv, emulator)
    await walk.tour()
    await walk.signOut()
    await declineAndReplace(tv.page, emulator)
    await approveToHome(tv, emulator)
    await walk.tour()
    progress('memory: warmed up (every page, one sign-out, one declined code)')

    const first = await readMemory(tv.page, tv.cdp)
    const logBefore = await logCounts(emulator)
    const changesBefore = walk.changes
    const visitsBefore = { ...walk.visits }
    const tours = shares(Math.ceil(SCREEN_CHANGES / TOUR), SIGN_OUT_CYCLES + 1)
    const declines = shares(DECLINED_CODES, SIGN_OUT_CYCLES)
    for (let cycle = 0; cycle <= SIGN_OUT_CYCLES; cycle++) {
      for (let t = 0; t < tours[cycle]!; t++) await walk.tour()
      progress(`memory: ${walk.changes - changesBefore} screen changes`)
      if (cycle === SIGN_OUT_CYCLES) break
      await walk.signOut()
      for (let d = 0; d < declines[cycle]!; d++) await declineAndReplace(tv.page, emulator)
      await approveToHome(tv, emulator)
      progress(`memory: sign-out cycle ${cycle + 1}/${SIGN_OUT_CYCLES}`)
    }
    // On home, as at the first reading; the last player's stop and home's reads have landed.
    await sleep(1000)
    const last = await readMemory(tv.page, tv.cdp)
    const logAfter = await logCounts(emulator)
    const visits = Object.fromEntries(
      Object.entries(walk.visits).map(([page, n]) => [page, n - (visitsBefore[page] ?? 0)]),
    )
    const growthBytes = last.heapUsedBytes - first.heapUsedBytes
    return {
      method:
        'one page, CPU 4x; readings on home after two full collections (HeapProfiler.collectGarbage, Runtime.getHeapUsage); warm-up first: one tour of every page, one sign-out with a declined code and a re-pair, one more tour. A tour: home → Account → Diagnostics → Account → home → player (until its start is reported) → home → exit dialog → home, every change confirmed on screen (player: by the emulator). Between the readings: the tours, and sign-out cycles (Account → Sign out → confirm → pairing → declined codes replaced with "Get a new code" → approved → home), interleaved. Counts are read from the walk and the emulator log.',
      first,
      last,
      counts: {
        screenChanges: walk.changes - changesBefore,
        visits,
        deviceCodes: logAfter.codes - logBefore.codes,
        declinedCodes: logAfter.declined - logBefore.declined,
        signOutRevokes: logAfter.revokes - logBefore.revokes,
        completedPairings: logAfter.paired - logBefore.paired,
      },
      growthBytes,
      targetBytes: GROWTH_TARGET_BYTES,
      met: growthBytes < GROWTH_TARGET_BYTES,
    }
  } finally {
    await tv.close()
  }
}
