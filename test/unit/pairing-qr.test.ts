import { describe, expect, it } from 'vitest'
import { renderQr } from '../../src/adapters/qr.ts'
import { createPairingSession, createSessionStore, type PairingView } from '../../src/app/index.ts'
import { createDeviceFlow } from '../../src/core/pairing/device-flow.ts'
import { ALL_SCOPES, useEmulator } from '../helpers/emulator.ts'
import { ManualClock } from '../helpers/manual-clock.ts'

const emulator = useEmulator({ minPollIntervalSec: 0 })

/** A link that fits the parser's 2048 characters but, as UTF-8, no QR code. */
const UNDRAWABLE = `http://127.0.0.1:9/link?code=AK76-P48D&note=${'é'.repeat(1500)}`

function pairing(draw: (text: string) => Promise<string>) {
  const emu = emulator()
  const clock = new ManualClock(Date.UTC(2026, 10, 28, 12), (ms) => emu.advance(ms / 1000))
  const flow = createDeviceFlow({
    api: emu.client(clock),
    clock,
    scope: ALL_SCOPES,
    deviceName: async () => 'TV',
    deviceId: async () => 'device-1',
  })
  const session = createPairingSession({
    flow,
    clock,
    session: createSessionStore(),
    renderQr: draw,
    nameOf: async () => null,
    signIn: async () => {},
  })
  const views: PairingView[] = []
  session.subscribe((view) => views.push(view))
  return { session, views }
}

const codeAnswer = {
  user_code: 'AK76-P48D',
  device_code: 'dc_undrawable_0001',
  verification_uri: 'http://127.0.0.1:9/link',
  verification_uri_complete: UNDRAWABLE,
  expires_in: 600,
  scope: ALL_SCOPES,
}

describe('a QR that cannot be drawn', () => {
  it('still leaves the code, the address and the countdown on screen', async () => {
    await emulator().fault({
      route: '/auth/device/code',
      kind: 'body',
      status: 200,
      body: JSON.stringify(codeAnswer),
      count: 1,
    })
    const { session, views } = pairing((text) => renderQr(text, 512))
    session.start()
    await expect.poll(() => views.at(-1)?.code).toBe('AK76-P48D')
    const view = views.at(-1)!
    expect(view).toMatchObject({
      address: 'http://127.0.0.1:9/link',
      qrSrc: null,
      remainingMs: 600_000,
      lifetimeMs: 600_000,
      canRetry: false,
    })
    expect(view.status).not.toBe('no-code')
    session.pause()
  })

  it('whatever made the drawing fail', async () => {
    await emulator().configure({ qrFormat: 'none' })
    const { session, views } = pairing(() => Promise.reject(new Error('canvas unavailable')))
    session.start()
    await expect.poll(() => views.at(-1)?.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect(views.at(-1)).toMatchObject({ qrSrc: null, error: null })
    expect(views.at(-1)!.address).toMatch(/\/link$/)
    session.pause()
  })
})
