import { describe, expect, it, vi } from 'vitest'
import type { Session } from '../../src/app/index.ts'
import type { KeyValueStore } from '../../src/core/ports.ts'
import { createAppRig } from '../chaos/support/rig.ts'
import { useEmulator } from '../helpers/emulator.ts'
import { runThatSignsIn } from '../helpers/stored-sign-in.ts'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'

const emulator = useEmulator({ minPollIntervalSec: 5, deviceCodeTtlSec: 600, intervalSec: null })

const tokenPolls = async () =>
  (await emulator().requests('/auth/device/token')).filter((r) => r.method === 'POST').length

async function pairedApp() {
  const rig = createAppRig(emulator())
  const { services } = rig
  await services.boot.start()
  services.pairing.start()
  await vi.waitFor(() => expect(services.pairing.view.code).not.toBeNull())
  return rig
}

describe('the app built by createServices, against the emulator', () => {
  it('boots to pairing, shows a code with its address, QR and a countdown from the clock', async () => {
    const { services, pass } = await pairedApp()
    expect(services.boot.view).toEqual({
      phase: 'started',
      first: { screen: 'pairing', why: 'never-signed-in' },
    })
    const view = services.pairing.view
    expect(view.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect(view.address).toContain('/link')
    expect(view.qrSrc).toMatch(/^data:image\/png;base64,/)
    expect(view.lifetimeMs).toBe(600_000)
    expect(view.remainingMs).toBe(600_000)
    expect(view.disconnected).toBeNull()
    await pass(61_000)
    expect(services.pairing.view.remainingMs).toBe(539_000)
    expect(services.pairing.view.status).toBe('waiting')
  })

  it('pauses polling around the exit question and resumes with the same code', async () => {
    const { services, pass } = await pairedApp()
    const code = services.pairing.view.code
    await pass(11_000)
    const before = await tokenPolls()
    expect(before).toBe(2)
    services.pairing.pause()
    await pass(60_000)
    expect(await tokenPolls()).toBe(before)
    services.pairing.resume()
    await pass(11_000)
    expect(await tokenPolls()).toBe(before + 2)
    expect(services.pairing.view.code).toBe(code)
    expect((await emulator().deviceCodes()).length).toBe(1)
  })

  it('a code that expired during the question offers a new one and asks for none by itself', async () => {
    const { services, pass } = await pairedApp()
    services.pairing.pause()
    await pass(601_000)
    services.pairing.resume()
    expect(services.pairing.view).toMatchObject({ status: 'expired', canRetry: true })
    await pass(30_000)
    expect((await emulator().deviceCodes()).length).toBe(1)
    services.pairing.retry()
    await vi.waitFor(() => expect(services.pairing.view.status).toBe('waiting'))
    expect((await emulator().deviceCodes()).length).toBe(2)
  })

  it('approval signs in with the name from the grant; a revoke ends the session at the next failed call', async () => {
    const { services, pass } = await pairedApp()
    const seen: Session[] = []
    services.sessionState.subscribe((session) => seen.push(session))
    await emulator().approve(services.pairing.view.code!, 'approve', 'ana')
    await pass(5_000)
    await vi.waitFor(() => expect(services.sessionState.current.status).toBe('signed-in'))
    const first = services.sessionState.current
    expect(first).toMatchObject({ username: 'ana', justPaired: true })

    await emulator().revoke()
    // Home's first read after the revoke is the one failed call.
    const closeHome = services.screens.home.open(() => {})
    await vi.waitFor(() =>
      expect(services.sessionState.current).toEqual({ status: 'disconnected', reason: 'revoked' }),
    )
    closeHome()
    expect(seen.map((session) => session.status)).toEqual(['signed-in', 'disconnected'])

    // The pairing page says why, and a new sign-in is a new session.
    services.pairing.start()
    await vi.waitFor(() => expect(services.pairing.view.code).not.toBeNull())
    expect(services.pairing.view.disconnected).toBe('revoked')
    await emulator().approve(services.pairing.view.code!, 'approve', 'ben')
    await pass(5_000)
    await vi.waitFor(() => expect(services.sessionState.current.status).toBe('signed-in'))
    const second = services.sessionState.current
    expect(second).toMatchObject({ username: 'ben' })
    if (first.status !== 'signed-in' || second.status !== 'signed-in') return
    expect(second.id).not.toBe(first.id)
  })

  it('a restart with a stored sign-in starts at home quietly', async () => {
    const store = createMemoryStore()
    await runThatSignsIn(emulator(), store)

    const again = createAppRig(emulator(), { store })
    await again.services.boot.start()
    expect(again.services.boot.view).toEqual({
      phase: 'started',
      first: { screen: 'home', why: 'signed-in' },
    })
    expect(again.services.sessionState.current).toMatchObject({
      username: 'ana',
      justPaired: false,
    })
  })

  it('a store that never answers fails start-up at the deadline; Try again recovers', async () => {
    let wedged = true
    const working = createMemoryStore()
    const store: KeyValueStore = {
      get: (key) => (wedged ? new Promise(() => {}) : working.get(key)),
      set: (key, value) => working.set(key, value),
      del: (key) => working.del(key),
    }
    const { services, pass } = createAppRig(emulator(), { store })
    const starting = services.boot.start()
    expect(services.boot.view.phase).toBe('starting')
    await pass(10_000)
    await starting
    expect(services.boot.view).toEqual({ phase: 'failed', error: null })
    expect(services.sessionState.current.status).toBe('starting')
    wedged = false
    await services.boot.retry()
    expect(services.boot.view).toMatchObject({ phase: 'started', first: { screen: 'pairing' } })
    expect(services.sessionState.current.status).toBe('signed-out')
  })
})
