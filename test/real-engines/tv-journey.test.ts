import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { preview, type PreviewServer } from 'vite'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts'
import { ensureEngine, TV_ENGINES, type TvEngine } from '../../scripts/tv-engines.ts'
import {
  decideOnPhone,
  emulator,
  emulatorPort,
  receivedEvents,
  resetEmulator,
} from '../e2e/support/emulator.ts'
import { decodeQr } from '../helpers/qr.ts'
import { TOKENISH } from '../helpers/tokens.ts'
import { launchEngine, type EngineSession } from './engine.ts'
import { textOf, waitForFocus, waitForText, waitUntil } from './screen.ts'

/**
 * The whole viewer journey on the real engines of 2019–2020 TVs, from http://
 * and from file:// (as a packaged TV app loads): boot, pair through the phone
 * page with the QR read from the screen, home, a restart that stays signed in,
 * Account, a sample played with start → progress → one stop reported, sign
 * out. Runs on the built dist/.
 */
const KEY = { back: 8, ok: 13, left: 37, up: 38, right: 39, down: 40 } as const
const USER_CODE = /^[A-Z0-9]{4}-[A-Z0-9]{4}$/
const SHOTS = resolve('test-results/real-engines')
const DIST = resolve('dist')

let emulatorServer: RunningEmulator
let app: PreviewServer
const timings: string[] = []

beforeAll(async () => {
  emulatorServer = await startEmulator({
    host: '127.0.0.1',
    port: emulatorPort,
    controlEnabled: true,
  })
  app = await preview({ logLevel: 'error', preview: { host: '127.0.0.1', port: 4190 } })
  mkdirSync(SHOTS, { recursive: true })
})

afterAll(async () => {
  await app?.close()
  await emulatorServer?.close()
  if (timings.length) console.log(`real engines, time per run:\n  ${timings.join('\n  ')}`)
})

function appUrl(origin: 'http' | 'file'): string {
  if (origin === 'http') return `${app.resolvedUrls!.local[0]}?inspector=1`
  return `${pathToFileURL(resolve(DIST, 'index.html')).href}?inspector=1`
}

const actions = async () => (await receivedEvents()).map((event) => event.action)

async function journey(tv: EngineSession, origin: 'http' | 'file', step: Step): Promise<void> {
  await step('boot', async () => {
    await tv.open(appUrl(origin))
    await waitUntil(
      'a user code on screen',
      () => textOf(tv, 'Code'),
      (text) => USER_CODE.test(text ?? ''),
      30_000,
    )
  })

  const code = (await textOf(tv, 'Code'))!
  await step('QR read from the screen', async () => {
    const [issued] = await emulator.deviceCodes()
    expect(issued!.userCode).toBe(code)
    await waitUntil(
      'the QR on screen decodes to the verification link',
      async () => decodeQr(await tv.screenshot()),
      (link) => link === issued!.verificationUriComplete,
    )
  })

  await step('approve on the phone page and reach home', async () => {
    await decideOnPhone(code, 'approve', 'ana')
    await waitForText(tv, 'ana')
    await waitForText(tv, 'Watch something')
    await waitForFocus(tv, 'Tile0')
  })

  await step('restart: the sign-in kept in IndexedDB goes straight home', async () => {
    await tv.open(appUrl(origin))
    await waitForText(tv, 'Watch something')
    await waitForText(tv, 'ana')
    await waitForFocus(tv, 'Tile0')
    expect(await textOf(tv, 'Code')).toBeNull()
  })

  await step('Account', async () => {
    await tv.press(KEY.up)
    await waitForFocus(tv, 'Viewer')
    await tv.press(KEY.ok)
    await waitForText(tv, 'Signed in as')
    await waitForFocus(tv, 'SignOut')
    await tv.press(KEY.back)
    await waitForText(tv, 'Watch something')
    await waitForFocus(tv, 'Viewer')
  })

  await step('play a sample: start → progress → one stop', async () => {
    await tv.press(KEY.down)
    await waitForFocus(tv, 'Tile0')
    await tv.press(KEY.ok)
    await waitForText(tv, 'Tracking on PunchPlay')
    await waitUntil('start reported', actions, (seen) => seen.join() === 'start', 15_000)
    await waitUntil(
      'progress reported',
      actions,
      (seen) => seen.join() === 'start,progress',
      25_000,
    )
    await tv.press(KEY.back)
    await waitForText(tv, 'Watch something')
    await waitUntil('one stop reported', actions, (seen) => seen.join() === 'start,progress,stop')
    const events = await receivedEvents()
    expect(events.every((event) => event.result === 'applied')).toBe(true)
    expect(new Set(events.map((event) => event.body.playback_session_id)).size).toBe(1)
  })

  await step('sign out', async () => {
    await waitForFocus(tv, 'Tile0')
    // The stopped sample now heads Continue watching, one rail nearer the viewer chip.
    await tv.press(KEY.up)
    await tv.press(KEY.up)
    await waitForFocus(tv, 'Viewer')
    await tv.press(KEY.ok)
    await waitForFocus(tv, 'SignOut')
    await tv.press(KEY.ok)
    await waitForText(tv, 'Sign out of PunchPlay?')
    await waitForFocus(tv, 'Cancel')
    await tv.press(KEY.left)
    await waitForFocus(tv, 'Confirm')
    await tv.press(KEY.ok)
    await waitForText(tv, 'Sign in to PunchPlay')
    await waitUntil(
      'a new code',
      () => textOf(tv, 'Code'),
      (text) => USER_CODE.test(text ?? '') && text !== code,
    )
  })
}

type Step = (name: string, run: () => Promise<void>) => Promise<void>

/** Names the engine, the origin and the step in a failure, with a screenshot of that moment. */
function stepper(engine: TvEngine, origin: string, tv: EngineSession): Step {
  return async (name, run) => {
    try {
      await run()
    } catch (error) {
      const shot = resolve(SHOTS, `${engine.id}-${origin}-${name.replace(/\W+/g, '-')}.png`)
      writeFileSync(shot, await tv.screenshotBytes().catch(() => Buffer.alloc(0)))
      const errors = tv.pageErrors
      const pageErrors = errors.length ? `\npage errors:\n  ${errors.join('\n  ')}` : ''
      throw new Error(
        `[${engine.id} (Chrome ${tv.version}) from ${origin}://] step "${name}" failed: ${(error as Error).message}\nscreenshot: ${shot}${pageErrors}`,
        { cause: error },
      )
    }
  }
}

describe.each(TV_ENGINES)('$id — $stands_for', (engine) => {
  let executable: string
  beforeAll(() => {
    executable = ensureEngine(engine)
  })

  // From file://, PunchPlay answers in the shapes real servers use (204s, bare lists): README, "Real servers".
  test.each([
    ['http', false],
    ['file', true],
  ] as const)(
    'from %s:// (real shapes: %s): boot, pair by QR, home, restart, Account, play with start → progress → stop, sign out',
    async (origin, realShapes) => {
      await resetEmulator({ realShapes })
      await emulator.configure({ intervalSec: 1, minPollIntervalSec: 1 })
      const started = Date.now()
      const tv = await launchEngine(executable)
      try {
        expect(tv.version.split('.')[0]).toBe(String(engine.major))
        await journey(tv, origin, stepper(engine, origin, tv))
        expect(tv.pageErrors, 'uncaught errors in the page').toEqual([])
        const leaks = [...tv.consoleLines, ...tv.pageErrors].filter((line) => TOKENISH.test(line))
        expect(leaks, 'console output holds a token').toEqual([])
      } finally {
        await tv.close()
        timings.push(`${engine.id} ${origin}:// ${((Date.now() - started) / 1000).toFixed(1)} s`)
      }
    },
    180_000,
  )
})
