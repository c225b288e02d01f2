import { describe, expect, it, vi } from 'vitest'
import {
  createBoot,
  createPairingSession,
  createSessionStore,
  firstScreenReady,
  type Boot,
  type PairingSession,
  type PairingView,
} from '../../src/app/index.ts'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import type { KeyValueStore } from '../../src/core/ports.ts'
import { createHttp } from '../../src/adapters/ky-http.ts'
import { createApiClient } from '../../src/core/api/client.ts'
import { createDeviceFlow } from '../../src/core/pairing/device-flow.ts'
import { createAppRig } from '../chaos/support/rig.ts'
import { ALL_SCOPES, TV_CLIENT } from '../helpers/emulator-control.ts'
import { useEmulator } from '../helpers/emulator.ts'
import { ManualClock } from '../helpers/manual-clock.ts'
import { runThatSignsIn } from '../helpers/stored-sign-in.ts'

const emulator = useEmulator({ minPollIntervalSec: 5, deviceCodeTtlSec: 600, intervalSec: null })

const tokenPolls = async () =>
  (await emulator().requests('/auth/device/token')).filter((r) => r.method === 'POST').length
const codesAsked = async () => (await emulator().deviceCodes()).length

/** A store whose reads answer only when told, as IndexedDB on a busy TV. */
function heldStore() {
  const inner = createMemoryStore()
  let release: () => void = () => {}
  const opened = new Promise<void>((resolve) => (release = resolve))
  const store: KeyValueStore = {
    get: async (key) => (await opened, inner.get(key)),
    set: (key, value) => inner.set(key, value),
    del: (key) => inner.del(key),
  }
  return { store, release }
}

describe('start-up asks for the code early and draws the first screen whole', () => {
  it('asks for the device code as soon as storage says there is no sign-in, and polls only once pairing shows', async () => {
    const { services, pass } = createAppRig(emulator())
    void services.boot.start()
    await vi.waitFor(() => expect(services.pairing.view.code).not.toBeNull())
    expect(services.pairing.view).toMatchObject({ address: expect.stringContaining('/link') })
    expect(services.pairing.view.remainingMs).toBe(600_000)
    // Behind the splash (or a failed start) nothing is polled.
    await pass(30_000)
    expect(await tokenPolls()).toBe(0)

    services.pairing.start()
    await pass(5_000)
    expect(await tokenPolls()).toBe(1)
    // The page shows the code asked for at start-up, not a second one.
    expect(await codesAsked()).toBe(1)
    expect(services.pairing.view.remainingMs).toBe(565_000)
  })

  it('asks for no code when a sign-in is stored', async () => {
    const store = createMemoryStore()
    await runThatSignsIn(emulator(), store)

    const again = createAppRig(emulator(), { store })
    void again.services.boot.start()
    await expect(again.services.firstScreen(1_000)).resolves.toEqual({
      screen: 'home',
      why: 'signed-in',
    })
    expect(await codesAsked()).toBe(1)
  })

  it('names the pairing screen only once its code is in, so its first frame shows it', async () => {
    const { services } = createAppRig(emulator())
    const ready = services.firstScreen(5_000)
    void services.boot.start()
    await expect(ready).resolves.toEqual({ screen: 'pairing', why: 'never-signed-in' })
    expect(services.pairing.view.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
  })

  it('names the viewer picker at once: it has no code to wait for', async () => {
    const clock = new ManualClock(0)
    const first = { screen: 'viewers', why: 'several-viewers' } as const
    const boot = { view: { phase: 'started', first }, subscribe: () => () => {} } as unknown as Boot
    const view = { code: null, canRetry: false } as unknown as PairingView
    const pairing = { view, subscribe: () => () => {} } as unknown as PairingSession
    await expect(firstScreenReady({ boot, pairing, clock }, 1_000)).resolves.toEqual(first)
  })

  it('a code request that fails still lets the pairing screen show, with its failure', async () => {
    await emulator().fault({ route: '/auth/device/code', kind: 'status', status: 503, count: 1 })
    const { services } = createAppRig(emulator())
    const ready = services.firstScreen(5_000)
    void services.boot.start()
    await expect(ready).resolves.toEqual({ screen: 'pairing', why: 'never-signed-in' })
    expect(services.pairing.view).toMatchObject({ status: 'no-code', canRetry: true, code: null })
  })

  it('a slow storage read gives up the wait after the given time, so the splash shows', async () => {
    const { store, release } = heldStore()
    const { services, pass } = createAppRig(emulator(), { store })
    void services.boot.start()
    const ready = services.firstScreen(1_000)
    await pass(999)
    let answered = false
    void ready.then(() => (answered = true))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(answered).toBe(false)
    await pass(1)
    await expect(ready).resolves.toBeNull()
    release()
    await vi.waitFor(() => expect(services.pairing.view.code).not.toBeNull())
  })
})

describe('the pairing session draws the code before the QR', () => {
  const session = (renderQr: (text: string) => Promise<string>) => {
    const emu = emulator()
    const clock = new ManualClock(Date.UTC(2026, 10, 28, 12), (ms) => emu.advance(ms / 1000))
    const api = createApiClient({ http: createHttp(emu.apiBase), clientId: TV_CLIENT, clock })
    const flow = createDeviceFlow({
      api,
      clock,
      scope: ALL_SCOPES,
      deviceName: async () => 'Start-up TV',
      deviceId: async () => 'start-up-tv',
    })
    return createPairingSession({
      flow,
      clock,
      session: createSessionStore(),
      renderQr,
      nameOf: async () => null,
      signIn: async () => {},
    })
  }

  it('shows code, address and countdown while the QR is still being drawn', async () => {
    await emulator().configure({ qrFormat: 'none' })
    let drawQr: (src: string) => void = () => {}
    const pairing = session(() => new Promise((resolve) => (drawQr = resolve)))
    pairing.start()
    await vi.waitFor(() => expect(pairing.view.code).not.toBeNull())
    expect(pairing.view).toMatchObject({ qrSrc: null, remainingMs: 600_000, status: 'waiting' })
    expect(pairing.view.address).toContain('/link')
    drawQr('data:image/png;base64,AAAA')
    await vi.waitFor(() => expect(pairing.view.qrSrc).toBe('data:image/png;base64,AAAA'))
  })

  it('a QR that cannot be drawn leaves the code and address on screen', async () => {
    await emulator().configure({ qrFormat: 'none' })
    const pairing = session(() => Promise.reject(new Error('canvas unavailable')))
    pairing.start()
    await vi.waitFor(() => expect(pairing.view.code).not.toBeNull())
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(pairing.view).toMatchObject({ qrSrc: null, status: 'waiting', canRetry: false })
    expect(pairing.view.address).toContain('/link')
  })
})

describe('boot', () => {
  it('says when the sign-in is read, before the rest of start-up, and asks for a code only without one', async () => {
    const session = createSessionStore()
    const calls: string[] = []
    let prepared: () => void = () => {}
    const boot = createBoot({
      session,
      clock: new ManualClock(0),
      steps: {
        restore: async () => session.follow({ signedIn: false, reason: 'never' }),
        beforePairing: () => calls.push('code asked for'),
        prepare: () => new Promise<void>((resolve) => (prepared = resolve)),
        afterSignedIn: () => calls.push('replay'),
      },
    })
    const started = boot.start()
    await boot.restored()
    expect(calls).toEqual(['code asked for'])
    expect(boot.view.phase).toBe('starting')
    prepared()
    await started
    expect(boot.view).toEqual({
      phase: 'started',
      first: { screen: 'pairing', why: 'never-signed-in' },
    })
  })
})
