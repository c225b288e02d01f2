import { describe, expect, it } from 'vitest'
import { createHttp } from '../../src/adapters/ky-http.ts'
import { createApiClient } from '../../src/core/api/client.ts'
import type { Http } from '../../src/core/ports.ts'
import { createDeviceFlow, type PairingUpdate } from '../../src/core/pairing/device-flow.ts'
import { ALL_SCOPES, TV_CLIENT, useEmulator, type TestEmulator } from '../helpers/emulator.ts'
import { ManualClock } from '../helpers/manual-clock.ts'
import { reshapedHttp } from '../helpers/reshaped-http.ts'

// The emulator enforces the real API's 5 s poll gap on its own clock, which moves with ours.
const emulator = useEmulator({ minPollIntervalSec: 5, deviceCodeTtlSec: 600, intervalSec: null })

/** `throughHttp` stands between the flow and the real HTTP port, for a server or network with other habits. */
function setUp(emu: TestEmulator, throughHttp = (http: Http, _clock: ManualClock) => http) {
  const clock = new ManualClock(Date.UTC(2026, 10, 28, 12, 0, 0), (ms) => emu.advance(ms / 1000))
  const http = throughHttp(createHttp(emu.apiBase), clock)
  const flow = createDeviceFlow({
    api: createApiClient({ http, clientId: TV_CLIENT, clock }),
    clock,
    scope: ALL_SCOPES,
    deviceName: async () => 'Living room TV',
    deviceId: async () => 'device-1',
  })
  const updates: PairingUpdate[] = []
  const onUpdate = (update: PairingUpdate) => updates.push(update)
  return { clock, flow, updates, onUpdate }
}

const tokenPolls = (emu: TestEmulator) => emu.requests('/auth/device/token')

describe('device flow against the emulator', () => {
  it('polls every 5 s until the viewer approves, then returns the tokens', async () => {
    const emu = emulator()
    const { clock, flow, updates, onUpdate } = setUp(emu)
    const code = await flow.requestCode()
    const result = clock.track(flow.poll(code, onUpdate))
    expect(await clock.tick()).toBe(5000)
    expect(await clock.tick()).toBe(5000)
    await emu.approve(code.userCode, 'approve', 'ana')
    expect(await clock.tick()).toBe(5000)
    const outcome = await result
    expect(outcome.status).toBe('approved')
    if (outcome.status !== 'approved') return
    expect(outcome.grant.username).toBe('ana')
    expect(outcome.grant.scope).toBe(ALL_SCOPES)
    expect(updates.map((update) => update.state)).toEqual([
      'waiting',
      'waiting',
      'waiting',
      'approved',
    ])
    expect(updates[1]!.remainingMs).toBe(595_000)
    const polls = await tokenPolls(emu)
    expect(polls.map((poll) => poll.status)).toEqual([400, 400, 200])
    expect(polls.every((poll) => poll.status !== 429)).toBe(true)
  })

  it('uses the interval the server sends when it sends one', async () => {
    const emu = emulator()
    await emu.configure({ intervalSec: 7, minPollIntervalSec: 7 })
    const { clock, flow, onUpdate } = setUp(emu)
    const code = await flow.requestCode()
    expect(code.intervalSec).toBe(7)
    const result = clock.track(flow.poll(code, onUpdate))
    expect(await clock.tick()).toBe(7000)
    await emu.approve(code.userCode)
    expect(await clock.tick()).toBe(7000)
    expect((await result).status).toBe('approved')
  })

  it('polls no faster than every 5 s when the server sends a shorter interval', async () => {
    const emu = emulator()
    await emu.configure({ intervalSec: 1, minPollIntervalSec: 1 })
    const { clock, flow, onUpdate } = setUp(emu)
    const code = await flow.requestCode()
    const result = clock.track(flow.poll(code, onUpdate))
    expect(await clock.tick()).toBe(5000)
    await emu.approve(code.userCode)
    expect(await clock.tick()).toBe(5000)
    expect((await result).status).toBe('approved')
    expect(await tokenPolls(emu)).toHaveLength(2)
  })

  it('adds 5 s per slow_down, keeps it, and honours Retry-After on 429', async () => {
    const emu = emulator()
    const { clock, flow, updates, onUpdate } = setUp(emu)
    const code = await flow.requestCode()
    const result = clock.track(flow.poll(code, onUpdate))
    await emu.fault({
      route: '/auth/device/token',
      kind: 'status',
      status: 400,
      error: 'slow_down',
      count: 2,
    })
    expect(await clock.tick()).toBe(5000)
    expect(await clock.tick()).toBe(10_000)
    expect(await clock.tick()).toBe(15_000)
    expect(await clock.tick()).toBe(15_000)
    await emu.fault({
      route: '/auth/device/token',
      kind: 'status',
      status: 429,
      retryAfterSec: 40,
      count: 1,
    })
    expect(await clock.tick()).toBe(15_000)
    expect(await clock.tick()).toBe(40_000)
    await emu.approve(code.userCode)
    expect(await clock.tick()).toBe(15_000)
    expect((await result).status).toBe('approved')
    expect(updates.filter((update) => update.state === 'slowed')).toHaveLength(3)
  })

  it('rides out 500s, an HTML page and a dropped connection with capped backoff, then pairs', async () => {
    const emu = emulator()
    const { clock, flow, updates, onUpdate } = setUp(emu)
    const code = await flow.requestCode()
    const result = clock.track(flow.poll(code, onUpdate))
    await emu.fault({ route: '/auth/device/token', kind: 'status', status: 500, count: 2 })
    await emu.fault({ route: '/auth/device/token', kind: 'html', status: 502, count: 1 })
    await emu.fault({ route: '/auth/device/token', kind: 'drop', count: 2 })
    const waits: number[] = []
    for (let i = 0; i < 6; i++) waits.push(await clock.tick())
    expect(waits).toEqual([5000, 5000, 10_000, 20_000, 40_000, 60_000])
    expect(updates.filter((update) => update.state === 'offline')).toHaveLength(5)
    await emu.approve(code.userCode)
    expect(await clock.tick()).toBe(5000)
    expect((await result).status).toBe('approved')
  })

  it('reports denial and stops polling', async () => {
    const emu = emulator()
    const { clock, flow, updates, onUpdate } = setUp(emu)
    const code = await flow.requestCode()
    const result = clock.track(flow.poll(code, onUpdate))
    await emu.approve(code.userCode, 'deny')
    await clock.tick()
    const outcome = await result
    expect(outcome.status).toBe('denied')
    expect(updates.at(-1)?.state).toBe('denied')
    expect(clock.sleeps).toHaveLength(1)
    expect(await tokenPolls(emu)).toHaveLength(1)
  })

  it('stops at expires_in by its own clock, without a last useless poll', async () => {
    const emu = emulator()
    await emu.configure({ deviceCodeTtlSec: 12 })
    const { clock, flow, updates, onUpdate } = setUp(emu)
    const code = await flow.requestCode()
    const result = clock.track(flow.poll(code, onUpdate))
    expect(await clock.tick()).toBe(5000)
    expect(await clock.tick()).toBe(5000)
    expect(await clock.tick()).toBe(2000)
    expect(await result).toEqual({ status: 'expired' })
    expect(updates.at(-1)).toMatchObject({ state: 'expired', remainingMs: 0 })
    expect(await tokenPolls(emu)).toHaveLength(2)
  })

  it('counts the code’s life from when it was asked for: no poll reaches the server after it expired the code', async () => {
    const emu = emulator()
    await emu.configure({ deviceCodeTtlSec: 11 })
    // The code's answer reaches the TV 2 s after the server issued it (a slow network or a busy TV).
    const { clock, flow } = setUp(emu, (http, clock) => ({
      async send(request) {
        const response = await http.send(request)
        if (request.path === '/auth/device/code') await clock.advance(2000)
        return response
      },
    }))
    const code = await flow.requestCode()
    const result = clock.track(flow.poll(code, () => {}))
    expect(await clock.tick()).toBe(5000)
    // The server expires it 9 s after the answer arrived: the TV stops there, not 2 s later.
    expect(await clock.tick()).toBe(4000)
    expect(await result).toEqual({ status: 'expired' })
    expect(await tokenPolls(emu)).toHaveLength(1)
  })

  it('stops when the server says the code expired', async () => {
    const emu = emulator()
    const { clock, flow, onUpdate } = setUp(emu)
    const code = await flow.requestCode()
    const result = clock.track(flow.poll(code, onUpdate))
    await emu.fault({
      route: '/auth/device/token',
      kind: 'status',
      status: 400,
      error: 'expired',
      count: 1,
    })
    await clock.tick()
    expect(await result).toEqual({ status: 'expired' })
  })

  it('fails with the typed error on invalid_client', async () => {
    const emu = emulator()
    const { clock, flow, onUpdate } = setUp(emu)
    const code = await flow.requestCode()
    const result = clock.track(flow.poll(code, onUpdate))
    await emu.fault({
      route: '/auth/device/token',
      kind: 'status',
      status: 401,
      error: 'invalid_client',
      count: 1,
    })
    await clock.tick()
    const outcome = await result
    expect(outcome.status).toBe('failed')
    if (outcome.status === 'failed')
      expect(outcome.error).toMatchObject({ code: 'invalid_client', status: 401 })
  })

  it('stops at once when cancelled while waiting: no request afterwards', async () => {
    const emu = emulator()
    const { clock, flow, onUpdate } = setUp(emu)
    const code = await flow.requestCode()
    const controller = new AbortController()
    const result = clock.track(flow.poll(code, onUpdate, controller.signal))
    await clock.tick()
    await clock.nextSleep()
    controller.abort()
    expect(await result).toEqual({ status: 'cancelled' })
    await clock.advance(60_000)
    expect(await tokenPolls(emu)).toHaveLength(1)
  })

  it('stops at once when cancelled during a slow request, with one request in flight at most', async () => {
    const emu = emulator()
    const { clock, flow, onUpdate } = setUp(emu)
    const code = await flow.requestCode()
    const controller = new AbortController()
    await emu.fault({ route: '/auth/device/token', kind: 'latency', latencyMs: 2000, count: 1 })
    const result = clock.track(flow.poll(code, onUpdate, controller.signal))
    await clock.advance(await clock.nextSleep())
    await new Promise((resolve) => setTimeout(resolve, 100))
    controller.abort()
    const started = Date.now()
    expect(await result).toEqual({ status: 'cancelled' })
    expect(Date.now() - started).toBeLessThan(500)
    expect(clock.sleeps).toHaveLength(1)
  })

  it('sends device_id and device_name with every token request', async () => {
    const emu = emulator()
    const { clock, flow, onUpdate } = setUp(emu)
    const code = await flow.requestCode()
    const result = clock.track(flow.poll(code, onUpdate))
    await emu.approve(code.userCode)
    await clock.tick()
    expect((await result).status).toBe('approved')
    const page = await fetch(`${emu.running.origin}/settings/connected-apps`).then((r) => r.text())
    expect(page).toContain('Living room TV')
  })

  // Issue 15: a TV that booted offline at 1970 gets NTP while the code is on screen.
  it('keeps a valid code through a forward wall-clock correction', async () => {
    const emu = emulator()
    const { clock, flow, updates, onUpdate } = setUp(emu)
    const code = await flow.requestCode()
    const result = clock.track(flow.poll(code, onUpdate))
    expect(await clock.tick()).toBe(5000)
    clock.jump(56 * 365 * 24 * 3600_000)
    expect(await clock.tick()).toBe(5000)
    expect(updates.at(-1)).toMatchObject({ state: 'waiting', remainingMs: 590_000 })
    await emu.approve(code.userCode)
    expect(await clock.tick()).toBe(5000)
    expect((await result).status).toBe('approved')
  })

  // Issue 15: the server redeemed the code; odd side fields must not keep the TV polling.
  it('stops polling once tokens arrive, even with odd side fields, and the tokens work', async () => {
    const emu = emulator()
    const { clock, flow } = setUp(emu, (http) =>
      reshapedHttp(http, '/auth/device/token', (body) => ({
        access_token: body.access_token,
        refresh_token: body.refresh_token,
        username: '',
        scope: '',
        expires_in: 'an hour',
      })),
    )
    const code = await flow.requestCode()
    const result = clock.track(flow.poll(code, () => {}))
    await emu.approve(code.userCode, 'approve', 'ana')
    await clock.tick()
    const outcome = await result
    expect(outcome.status).toBe('approved')
    if (outcome.status !== 'approved') return
    expect(outcome.grant).toMatchObject({ username: null, scope: code.scope })
    expect(await tokenPolls(emu)).toHaveLength(1)
    expect((await emu.get('/me', outcome.grant.accessToken)).status).toBe(200)
  })
})
