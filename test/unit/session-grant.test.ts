import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { requestDeviceCode, requestDeviceToken } from '../../src/core/api/auth.ts'
import { SignedOutError } from '../../src/core/errors.ts'
import { createTokenManager, type SessionState } from '../../src/core/session/token-manager.ts'
import { TOKENS_KEY, createTokenStore } from '../../src/core/session/token-store.ts'
import { ALL_SCOPES, useEmulator, type TestEmulator } from '../helpers/emulator.ts'
import { testIds } from '../helpers/ids.ts'
import { ManualClock } from '../helpers/manual-clock.ts'

const emulator = useEmulator({ minPollIntervalSec: 0, accessTokenTtlSec: 3600 })

const getMe = {
  method: 'GET',
  endpoint: '/me',
  parse: (body: unknown) => body as { username: string | null },
} as const

async function grantFor(emu: TestEmulator, clock: ManualClock, username: string) {
  const api = emu.client(clock)
  const code = await requestDeviceCode(api, ALL_SCOPES)
  await emu.approve(code.userCode, 'approve', username)
  return requestDeviceToken(api, { deviceCode: code.deviceCode, deviceId: 'd', deviceName: 'TV' })
}

function setUp(kv = createMemoryStore()) {
  const emu = emulator()
  const clock = new ManualClock(Date.UTC(2026, 10, 28, 12), (ms) => emu.advance(ms / 1000))
  const manager = createTokenManager({
    api: emu.client(clock),
    store: createTokenStore(kv, testIds),
    clock,
    ids: testIds,
  })
  return { emu, clock, kv, manager }
}

const grantIdOf = (state: SessionState) => (state.signedIn ? state.grantId : null)

describe('the grant id: one local name per sign-in', () => {
  it('is made at sign-in and stays through refreshes and a restart', async () => {
    const { emu, clock, kv, manager } = setUp()
    await manager.start()
    await manager.signIn(await grantFor(emu, clock, 'ana'))
    const grantId = grantIdOf(manager.state)
    expect(grantId).toMatch(/^[0-9a-f-]{36}$/)
    await manager.refresh()
    await clock.advance(3600_000)
    expect(await manager.send(getMe)).toMatchObject({ username: 'ana' })
    expect((await emu.requests('/auth/refresh')).map((r) => r.status)).toEqual([200, 200])
    expect(grantIdOf(manager.state)).toBe(grantId)
    const restarted = setUp(kv).manager
    expect(grantIdOf(await restarted.start())).toBe(grantId)
  })

  it('is new for every pairing, even of the same viewer', async () => {
    const { emu, clock, manager } = setUp()
    await manager.signIn(await grantFor(emu, clock, 'ana'))
    const first = grantIdOf(manager.state)
    await manager.signOut()
    await manager.signIn(await grantFor(emu, clock, 'ana'))
    expect(grantIdOf(manager.state)).not.toBe(first)
  })

  it('is given to a record stored by an older build, once, and kept from then on', async () => {
    const { emu, clock, kv, manager } = setUp()
    await manager.signIn(await grantFor(emu, clock, 'ana'))
    const older = { ...((await kv.get(TOKENS_KEY)) as Record<string, unknown>) }
    delete older.grantId
    await kv.set(TOKENS_KEY, older)
    const first = grantIdOf(await setUp(kv).manager.start())
    expect(first).toMatch(/^[0-9a-f-]{36}$/)
    expect(grantIdOf(await setUp(kv).manager.start())).toBe(first)
    expect(
      await setUp(kv)
        .manager.send(getMe)
        .catch((e: unknown) => e),
    ).toBeInstanceOf(SignedOutError)
  })

  it('guards a request made for one sign-in from going out under the next', async () => {
    const { emu, clock, manager } = setUp()
    await manager.signIn(await grantFor(emu, clock, 'ana'))
    const anasGrant = grantIdOf(manager.state)!
    expect(await manager.send({ ...getMe, grantId: anasGrant })).toMatchObject({ username: 'ana' })
    await manager.signOut()
    await manager.signIn(await grantFor(emu, clock, 'bob'))
    const error = await manager.send({ ...getMe, grantId: anasGrant }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SignedOutError)
    expect((await emu.requests('/me')).length).toBe(1)
  })

  it('guards the retry after a 401 too: the token of the next sign-in never carries it', async () => {
    const { emu, clock, manager } = setUp()
    await manager.signIn(await grantFor(emu, clock, 'ana'))
    const anasGrant = grantIdOf(manager.state)!
    // Ana's token has expired on the server only; her call's 401 arrives after Bob paired.
    await emu.advance(3601)
    await emu.fault({ route: '/me', kind: 'latency', latencyMs: 400, count: 1 })
    const pending = manager.send({ ...getMe, grantId: anasGrant }).catch((e: unknown) => e)
    await manager.signIn(await grantFor(emu, clock, 'bob'))
    expect(await pending).toBeInstanceOf(SignedOutError)
    expect((await emu.requests('/me')).map((r) => r.status)).toEqual([401])
    expect(await emu.requests('/auth/refresh')).toHaveLength(0)
  })
})

describe('subscribe: every change of the session, to every listener', () => {
  it('tells start, sign-in, refresh, revocation, and stops after unsubscribe', async () => {
    const { emu, clock, manager } = setUp()
    const seen: SessionState[] = []
    const other: SessionState[] = []
    manager.subscribe((state) => seen.push(state))
    const stop = manager.subscribe((state) => other.push(state))
    await manager.start()
    await manager.signIn(await grantFor(emu, clock, 'ana'))
    await manager.refresh()
    stop()
    await emu.revoke()
    await manager.refresh().catch(() => undefined)
    expect(seen.map((s) => (s.signedIn ? `in:${s.username}` : `out:${s.reason}`))).toEqual([
      'out:never',
      'in:ana',
      'in:ana',
      'out:revoked',
    ])
    expect(grantIdOf(seen[1]!)).toBe(grantIdOf(seen[2]!))
    expect(other).toHaveLength(3)
  })

  it('keeps the onChange option working alongside subscribers', async () => {
    const { emu, clock } = setUp()
    const changes: SessionState[] = []
    const manager = createTokenManager({
      api: emu.client(clock),
      store: createTokenStore(createMemoryStore(), testIds),
      clock,
      ids: testIds,
      onChange: (state) => changes.push(state),
    })
    await manager.signIn(await grantFor(emu, clock, 'ana'))
    await manager.signOut()
    expect(changes.map((s) => s.signedIn)).toEqual([true, false])
  })
})
