import { describe } from 'vitest'
import { useEmulator } from '../helpers/emulator.ts'
import { pngDataUrl } from '../helpers/png.ts'
import { isPunchPlayError } from '../../src/core/errors.ts'
import { matrix, type ScenarioContext } from './support/report.ts'
import { pairedTv, readHome } from './support/steps.ts'
import { pageTexts, atMost, holds } from './support/verdict.ts'

const emulator = useEmulator({ minPollIntervalSec: 5 })
const scenario = matrix(import.meta.filename, emulator)

/** Width × height from a PNG data URL's IHDR, as the TV's decoder would allocate it. */
function pngSize(src: string | null): { width: number; height: number } | null {
  const match = /^data:image\/png;base64,(.*)$/.exec(src ?? '')
  if (!match) return null
  const bytes = Buffer.from(match[1]!.slice(0, 64), 'base64')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

const onScreen = (texts: string[], value: string | null | undefined) =>
  Boolean(value) && texts.includes(value!)

describe('fault matrix: bounds', () => {
  scenario(
    'bounds',
    'a 20000×20000 PNG as verification_uri_qr',
    { finding: 'a small PNG that decodes to 20000×20000 passes the QR check', events: false },
    async (context) => {
      const relay = await context.relay()
      const qr = pngDataUrl(20_000)
      relay.patch('/auth/device/code', (answer) => ({ ...answer, verification_uri_qr: qr }))
      const tv = context.tv({ apiBase: relay.apiBase })
      const app = await tv.launch()
      await tv.until(() => app.pairingView?.code != null, 10_000)
      const view = app.pairingView
      const size = pngSize(view?.qrSrc ?? null)
      const texts = pageTexts(app)
      return [
        holds('PNG sent (bytes of data URL)', 'one', String(qr.length), qr.length < 256 * 1024),
        atMost('QR image side drawn (px)', 2048, Math.max(size?.width ?? 0, size?.height ?? 0)),
        holds(
          'code and address on screen',
          'both',
          `${onScreen(texts, view?.code) ? 'code' : 'no code'}, ${onScreen(texts, view?.address) ? 'address' : 'no address'}`,
          onScreen(texts, view?.code) && onScreen(texts, view?.address),
        ),
      ]
    },
  )

  scenario(
    'bounds',
    'a verification URI of 1,900 non-ASCII characters (3,800 bytes) that no QR can hold',
    {
      finding: 'an over-long verification URI makes QR drawing throw before the code is shown',
      events: false,
    },
    async (context) => {
      const relay = await context.relay()
      relay.patch('/auth/device/code', (answer) => {
        // Under the 2,048 characters the parser allows, over the 2,331 bytes a QR holds.
        const address = `${String(answer.verification_uri)}/${'ü'.repeat(1900)}`
        return {
          ...answer,
          verification_uri_qr: undefined,
          verification_uri: address,
          verification_uri_complete: address,
        }
      })
      const tv = context.tv({ apiBase: relay.apiBase })
      const app = await tv.launch()
      await tv.until(
        () => app.pairingView?.code != null || app.pairingView?.canRetry === true,
        10_000,
      )
      const view = app.pairingView
      const texts = pageTexts(app)
      const shown = onScreen(texts, view?.code) && onScreen(texts, view?.address)
      return [
        holds(
          'code, address and countdown on screen',
          'all three',
          shown
            ? `code, address, ${Math.round((view?.remainingMs ?? 0) / 1000)} s left`
            : `pairing ${view?.status}`,
          shown && (view?.remainingMs ?? 0) > 0,
        ),
      ]
    },
  )

  scenario(
    'bounds',
    'the live events stream sends one line that never ends (32 MB offered)',
    { finding: 'the stream parser has no buffer limit', events: false, timeoutMs: 90_000 },
    async (context) => {
      const relay = await context.relay()
      const tv = context.tv({ apiBase: relay.apiBase })
      const app = await tv.launch()
      relay.endlessLine(32 * 1024 * 1024)
      await app.pair()
      const started = Date.now()
      while (!relay.endlessDone && Date.now() - started < 60_000) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      // Home keeps reading by polling while the stream is down.
      await tv.pass(60_000)
      return [
        atMost(
          'MB of one unfinished line the app took before hanging up',
          4,
          Math.round((relay.endlessBytesSent / 1024 / 1024) * 10) / 10,
        ),
        holds(
          'the app hung up on the line',
          'yes',
          relay.endlessClosedByApp ? 'hung up' : 'read it all',
          relay.endlessClosedByApp,
        ),
        holds(
          'home reads answered meanwhile',
          'both read',
          app.homeRead ? 'both read' : 'not read',
          app.homeRead,
        ),
      ]
    },
  )
})

const pairedTvAt = (context: ScenarioContext, apiBase: string) => pairedTv(context, { apiBase })

describe('fault matrix: bounds, redaction input', () => {
  scenario(
    'bounds',
    'a 400 whose body quotes a 1 MB value of escaped quotes under a secret-looking key',
    {
      finding:
        'redaction can overflow the stack on a huge quoted value and escape the typed errors',
      events: false,
    },
    async (context) => {
      const relay = await context.relay()
      const { app } = await pairedTvAt(context, relay.apiBase)
      await context.emu.fault({
        route: '/playback/now-playing',
        kind: 'status',
        status: 400,
        count: 1,
      })
      relay.rewrite('/playback/now-playing', 'bearer', () => ({
        contentType: 'application/json',
        body: `{"error":"invalid_request","access_token":"${'a\\"'.repeat(350_000)}"}`,
      }))
      await readHome(app)
      const read = app.homeView?.nowPlaying
      const typed = read?.kind === 'failed' && isPunchPlayError(read.error)
      return [
        holds(
          'the failed read is a typed error, worded on screen',
          'typed',
          read?.kind === 'failed'
            ? `${typed ? 'typed' : `untyped ${String((read.error as Error)?.name)}`}`
            : String(read?.kind),
          typed,
        ),
      ]
    },
  )
})
