import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { requestDeviceCode, requestDeviceToken } from '../../src/core/api/auth.ts'
import type { ApiClient } from '../../src/core/api/client.ts'
import { ScopeError, SignedOutError } from '../../src/core/errors.ts'
import { grantedScopes } from '../../src/core/session/scopes.ts'
import {
  MAX_COOLDOWN_MS,
  createTokenManager,
  type SessionState,
} from '../../src/core/session/token-manager.ts'
import { createTokenStore, type TokenStore } from '../../src/core/session/token-store.ts'
import {
  CLAIM_LEASE_MS,
  REFRESH_CLAIM_KEY,
  createRefreshClaims,
} from '../../src/core/session/refresh-claim.ts'
import { createHttp } from '../../src/adapters/ky-http.ts'
import { createApiClient } from '../../src/core/api/client.ts'
import { ALL_SCOPES, TV_CLIENT, useEmulator, type TestEmulator } from '../helpers/emulator.ts'
import { ManualClock } from '../helpers/manual-clock.ts'
import { testIds } from '../helpers/ids.ts'
import { reshapedHttp } from '../helpers/reshaped-http.ts'

const emulator = useEmulator({
  minPollIntervalSec: 0,
  accessTokenTtlSec: 3600,
  rotateRefreshTokens: true,
})

interface Me {
  username: string | null
}
const getMe = { method: 'GET', endpoint: '/me', parse: (body: unknown) => body as Me } as const

async function pair(emu: TestEmulator, api: ApiClient, scope = ALL_SCOPES) {
  const code = await requestDeviceCode(api, scope)
  await emu.approve(code.userCode, 'approve', 'ana')
  return requestDeviceToken(api, {
    deviceCode: code.deviceCode,
    deviceId: 'device-1',
    deviceName: 'TV',
  })
}

async function signedInManager(
  options: { clientId?: string; scope?: string; store?: TokenStore } = {},
) {
  const emu = emulator()
  const clock = new ManualClock(Date.UTC(2026, 10, 28, 12, 0, 0), (ms) => emu.advance(ms / 1000))
  const api = emu.client(clock, options.clientId ?? TV_CLIENT)
  const store = options.store ?? createTokenStore(createMemoryStore(), testIds)
  const states: SessionState[] = []
  const manager = createTokenManager({
    api,
    store,
    clock,
    ids: testIds,
    onChange: (state) => states.push(state),
  })
  await manager.start()
  await manager.signIn(await pair(emu, api, options.scope))
  return { emu, clock, api, store, manager, states }
}

const refreshes = (emu: TestEmulator) => emu.requests('/auth/refresh')

/** Lets time pass sleep by sleep until `work` settles; resolves with its result and the time it took. */
async function drive<T>(
  clock: ManualClock,
  work: Promise<T>,
): Promise<{ value: T; tookMs: number }> {
  let settled = false
  const watched = work.finally(() => (settled = true))
  const from = clock.elapsed()
  while (!settled) {
    const due = clock.earliestDueMs()
    if (due === null) await new Promise((resolve) => setTimeout(resolve, 5))
    else await clock.advance(Math.max(0, due - clock.now()))
  }
  return { value: await watched, tookMs: clock.elapsed() - from }
}

describe('token manager', () => {
  it('starts signed out, signs in and calls the API with the bearer token', async () => {
    const { manager, states } = await signedInManager()
    expect(states[0]).toEqual({ signedIn: false, reason: 'never' })
    expect(states[1]).toMatchObject({ signedIn: true, username: 'ana' })
    expect(await manager.send(getMe)).toMatchObject({ username: 'ana' })
  })

  it('exposes the granted scope as questions the UI can ask', async () => {
    const { manager } = await signedInManager({
      clientId: 'ppc_limited_dev',
      scope: 'profile:read playback:read',
    })
    const state = manager.state
    expect(state.signedIn && state.scopes.canReadPlayback).toBe(true)
    expect(state.signedIn && state.scopes.canWritePlayback).toBe(false)
    expect(state.signedIn && state.scopes.canSubscribeEvents).toBe(false)
    expect(grantedScopes(ALL_SCOPES).has('events:read')).toBe(true)
  })

  it('refreshes shortly before expiry, and stores the rotated pair before using it', async () => {
    const { emu, clock, store, manager } = await signedInManager()
    const before = await store.load()
    await clock.advance(3600_000 - 4 * 60_000)
    await manager.send(getMe)
    const after = await store.load()
    expect(after!.accessToken).not.toBe(before!.accessToken)
    expect(after!.refreshToken).not.toBe(before!.refreshToken)
    expect((await emu.requests()).map((r) => r.path.replace(/.*\/v1/, ''))).toEqual([
      '/auth/device/code',
      '/auth/device/token',
      '/auth/refresh',
      '/me',
    ])
  })

  it('keeps the old refresh token when the server does not rotate', async () => {
    const { emu, store, manager } = await signedInManager()
    await emu.configure({ rotateRefreshTokens: false })
    const before = await store.load()
    await manager.refresh()
    await manager.refresh()
    const after = await store.load()
    expect(after!.refreshToken).toBe(before!.refreshToken)
    expect(after!.accessToken).not.toBe(before!.accessToken)
    expect((await refreshes(emu)).map((r) => r.status)).toEqual([200, 200])
  })

  it('turns many concurrent 401s into exactly one refresh, then retries each once', async () => {
    const { emu, manager } = await signedInManager()
    await emu.advance(3601) // the server's token expired; our clock still thinks it is fresh
    const answers = await Promise.all(Array.from({ length: 5 }, () => manager.send(getMe)))
    expect(answers.every((me) => me.username === 'ana')).toBe(true)
    expect(await refreshes(emu)).toHaveLength(1)
    const me = await emu.requests('/me')
    expect(me.filter((r) => r.status === 401)).toHaveLength(5)
    expect(me.filter((r) => r.status === 200)).toHaveLength(5)
  })

  it('signs out when the refresh token is refused (invalid_grant) and removes the tokens', async () => {
    const { emu, store, manager, states } = await signedInManager()
    await emu.revoke()
    await expect(manager.send(getMe)).rejects.toMatchObject({ code: 'invalid_grant' })
    expect(manager.state).toEqual({ signedIn: false, reason: 'revoked' })
    expect(states.at(-1)).toEqual({ signedIn: false, reason: 'revoked' })
    expect(await store.load()).toBeNull()
    await expect(manager.send(getMe)).rejects.toBeInstanceOf(SignedOutError)
  })

  it('detects refresh-token reuse by a second instance: the grant ends for both', async () => {
    const { clock, api, store, manager } = await signedInManager()
    const copied = await store.load()
    const otherStore = createTokenStore(createMemoryStore(), testIds)
    await otherStore.save(copied!)
    const other = createTokenManager({ api, store: otherStore, clock, ids: testIds })
    await other.start()
    await manager.refresh()
    await expect(other.refresh()).rejects.toMatchObject({ code: 'invalid_grant' })
    expect(other.state).toMatchObject({ signedIn: false, reason: 'revoked' })
    // Reuse revoked the whole grant (as real servers do): the first instance is out too.
    await expect(manager.send(getMe)).rejects.toMatchObject({ code: 'invalid_grant' })
    expect(manager.state).toMatchObject({ signedIn: false })
  })

  it('stays signed in through a refresh that fails with 5xx, and waits before trying again', async () => {
    const { emu, clock, manager } = await signedInManager()
    await emu.fault({ route: '/auth/refresh', kind: 'status', status: 503, count: 5 })
    await clock.advance(3600_000 - 60_000)
    // The early refresh failed, but the access token is still valid: the call goes through.
    expect(await manager.send(getMe)).toMatchObject({ username: 'ana' })
    expect(manager.state.signedIn).toBe(true)
    await manager.send(getMe)
    expect(await refreshes(emu)).toHaveLength(1)
    await clock.advance(30_000)
    await manager.send(getMe)
    expect(await refreshes(emu)).toHaveLength(2)
  })

  it('reports an expired token with a failing refresh as an error but stays signed in', async () => {
    const { emu, clock, manager } = await signedInManager()
    await emu.fault({ route: '/auth/refresh', kind: 'drop', count: 1 })
    await clock.advance(3601_000)
    await expect(manager.send(getMe)).rejects.toMatchObject({ kind: 'network' })
    expect(manager.state.signedIn).toBe(true)
  })

  it('does not refresh on 403 insufficient_scope: it names the scope', async () => {
    const { emu, manager } = await signedInManager({
      clientId: 'ppc_limited_dev',
      scope: 'profile:read',
    })
    const error = await manager
      .send({ method: 'GET', endpoint: '/playback/in-progress', parse: (body) => body })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ScopeError)
    expect(error).toMatchObject({ requiredScope: 'playback:read' })
    expect(await refreshes(emu)).toHaveLength(0)
  })

  it('reads the stored sign-in once at start', async () => {
    const { store } = await signedInManager()
    const emu = emulator()
    const clock = new ManualClock()
    const again = createTokenManager({ api: emu.client(clock), store, clock, ids: testIds })
    expect(again.state).toEqual({ signedIn: false, reason: 'never' })
    expect(await again.start()).toMatchObject({ signedIn: true, username: 'ana' })
  })

  it('signs out on request, keeping nothing', async () => {
    const { store, manager } = await signedInManager()
    await manager.signOut()
    expect(manager.state).toEqual({ signedIn: false, reason: 'signed-out' })
    expect(await store.load()).toBeNull()
  })

  // Issue 15: a 2xx refresh has rotated the token on the server; odd side fields must not lose it.
  it('keeps a refresh answer whose side fields are odd: still signed in, no invalid_grant', async () => {
    const emu = emulator()
    const clock = new ManualClock(Date.UTC(2026, 10, 28, 12, 0, 0), (ms) => emu.advance(ms / 1000))
    const http = reshapedHttp(createHttp(emu.apiBase), '/auth/refresh', (body) => ({
      access_token: body.access_token,
      refresh_token: body.refresh_token,
      scope: '',
      username: '',
    }))
    const api = createApiClient({ http, clientId: TV_CLIENT, clock })
    const store = createTokenStore(createMemoryStore(), testIds)
    const manager = createTokenManager({ api, store, clock, ids: testIds })
    await manager.signIn(await pair(emu, api))
    await manager.refresh()
    await manager.refresh()
    expect(manager.state).toMatchObject({ signedIn: true, username: 'ana' })
    expect(manager.state.signedIn && manager.state.scopes.list.join(' ')).toBe(ALL_SCOPES)
    expect(await manager.send(getMe)).toMatchObject({ username: 'ana' })
    expect((await refreshes(emu)).map((r) => r.status)).toEqual([200, 200])
  })

  // Issue 15: the answer comes after the usual request timeout; the server rotated already.
  it('waits for a slow refresh answer instead of throwing away the rotated token', async () => {
    const emu = emulator()
    const clock = new ManualClock(Date.UTC(2026, 10, 28, 12, 0, 0), (ms) => emu.advance(ms / 1000))
    const api = emu.client(clock, TV_CLIENT, 300)
    const manager = createTokenManager({
      api,
      store: createTokenStore(createMemoryStore(), testIds),
      clock,
      ids: testIds,
    })
    await manager.signIn(await pair(emu, api))
    await emu.fault({ route: '/auth/refresh', kind: 'latency', latencyMs: 900, count: 1 })
    await manager.refresh()
    await manager.refresh()
    expect(manager.state.signedIn).toBe(true)
    expect((await refreshes(emu)).map((r) => r.status)).toEqual([200, 200])
  })

  it('caps a huge Retry-After on refresh: it tries again within ten minutes', async () => {
    const { emu, clock, manager } = await signedInManager()
    await emu.fault({
      route: '/auth/refresh',
      kind: 'status',
      status: 429,
      retryAfterSec: 1e9,
      count: 1,
    })
    await expect(manager.refresh()).rejects.toMatchObject({ status: 429 })
    await clock.advance(MAX_COOLDOWN_MS - 1000)
    await expect(manager.refresh()).rejects.toMatchObject({ status: 429 })
    expect(await refreshes(emu)).toHaveLength(1)
    await clock.advance(1000)
    await manager.refresh()
    expect((await refreshes(emu)).map((r) => r.status)).toEqual([429, 200])
  })

  it('measures the wait after a failed refresh by elapsed time, not the wall clock', async () => {
    const { emu, clock, manager } = await signedInManager()
    await emu.fault({ route: '/auth/refresh', kind: 'status', status: 503, count: 1 })
    await expect(manager.refresh()).rejects.toMatchObject({ status: 503 })
    clock.jump(-365 * 24 * 3600_000)
    await clock.advance(30_000)
    await manager.refresh()
    expect((await refreshes(emu)).map((r) => r.status)).toEqual([503, 200])
  })

  // Issue 15: two app instances on one IndexedDB must not spend one refresh token twice.
  it('uses the token another instance sharing the storage rotated, instead of reusing the spent one', async () => {
    const shared = createMemoryStore()
    const { emu, clock, api } = await signedInManager({ store: createTokenStore(shared, testIds) })
    const instance = () =>
      createTokenManager({ api, store: createTokenStore(shared, testIds), clock, ids: testIds })
    const a = instance()
    const b = instance()
    await a.start()
    await b.start()
    await a.refresh()
    await clock.advance(3600_000)
    expect(await b.send(getMe)).toMatchObject({ username: 'ana' })
    expect(await a.send(getMe)).toMatchObject({ username: 'ana' })
    expect(a.state.signedIn && b.state.signedIn).toBe(true)
    const statuses = (await refreshes(emu)).map((r) => r.status)
    expect(statuses).not.toContain(400)
  })

  it('never deletes the sign-in another instance made when its own grant is refused', async () => {
    const shared = createMemoryStore()
    const {
      emu,
      clock,
      api,
      manager: a,
    } = await signedInManager({
      store: createTokenStore(shared, testIds),
    })
    await emu.revoke()
    const b = createTokenManager({
      api,
      store: createTokenStore(shared, testIds),
      clock,
      ids: testIds,
    })
    await b.signIn(await pair(emu, api))
    await a.refresh().catch(() => undefined)
    const restarted = createTokenManager({
      api,
      store: createTokenStore(shared, testIds),
      clock,
      ids: testIds,
    })
    expect(await restarted.start()).toMatchObject({ signedIn: true, username: 'ana' })
    expect(await restarted.send(getMe)).toMatchObject({ username: 'ana' })
    expect(b.state.signedIn).toBe(true)
  })

  // Issue 15: two instances finding the shared token due at the same moment must not both spend it.
  it('lets one of two instances refresh a sign-in both find due at once; the other uses its answer', async () => {
    const shared = createMemoryStore()
    const { emu, clock, api } = await signedInManager({ store: createTokenStore(shared, testIds) })
    const instance = () =>
      createTokenManager({
        api,
        store: createTokenStore(shared, testIds),
        clock,
        ids: testIds,
        claims: createRefreshClaims(shared),
      })
    const a = instance()
    const b = instance()
    await a.start()
    await b.start()
    await clock.advance(3600_000)
    const both = await drive(clock, Promise.all([a.send(getMe), b.send(getMe)]))
    expect(both.value).toMatchObject([{ username: 'ana' }, { username: 'ana' }])
    expect((await refreshes(emu)).map((r) => r.status)).toEqual([200])
    expect(a.state.signedIn && b.state.signedIn).toBe(true)
    expect(await shared.get(REFRESH_CLAIM_KEY)).toBeUndefined()
  })

  it('refreshes after the lease of an instance that died holding the turn', async () => {
    const shared = createMemoryStore()
    const { emu, clock, api, manager } = await signedInManager({
      store: createTokenStore(shared, testIds),
    })
    await shared.set(REFRESH_CLAIM_KEY, { v: 1, owner: 'gone', atMs: clock.now() })
    const restarted = createTokenManager({
      api,
      store: createTokenStore(shared, testIds),
      clock,
      ids: testIds,
      claims: createRefreshClaims(shared),
    })
    await restarted.start()
    const { tookMs } = await drive(clock, restarted.refresh())
    expect(tookMs).toBeGreaterThanOrEqual(CLAIM_LEASE_MS)
    expect(tookMs).toBeLessThan(CLAIM_LEASE_MS + 5000)
    expect((await refreshes(emu)).map((r) => r.status)).toEqual([200])
    expect(restarted.state.signedIn).toBe(true)
    expect(manager.state.signedIn).toBe(true)
  })
})
