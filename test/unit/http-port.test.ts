import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { createHttp } from '../../src/adapters/ky-http.ts'
import { requestDeviceCode, requestDeviceToken } from '../../src/core/api/auth.ts'
import { ApiError, ScopeError, isRetryable } from '../../src/core/errors.ts'
import { createTokenManager } from '../../src/core/session/token-manager.ts'
import { createTokenStore } from '../../src/core/session/token-store.ts'
import { ALL_SCOPES, useEmulator } from '../helpers/emulator.ts'
import { testIds } from '../helpers/ids.ts'
import { ManualClock } from '../helpers/manual-clock.ts'

const emulator = useEmulator({ minPollIntervalSec: 0 })

const getMe = {
  method: 'GET',
  endpoint: '/me',
  parse: (body: unknown) => body as { username: string | null },
} as const

async function signedIn() {
  const emu = emulator()
  const clock = new ManualClock(Date.UTC(2026, 10, 28, 12), (ms) => emu.advance(ms / 1000))
  const api = emu.client(clock)
  const manager = createTokenManager({
    api,
    store: createTokenStore(createMemoryStore(), testIds),
    clock,
    ids: testIds,
  })
  const code = await requestDeviceCode(api, ALL_SCOPES)
  await emu.approve(code.userCode, 'approve', 'ana')
  await manager.signIn(
    await requestDeviceToken(api, { deviceCode: code.deviceCode, deviceId: 'd', deviceName: 'TV' }),
  )
  return { emu, manager }
}

const statusesOf = async (path: string) =>
  (await emulator().requests(path)).map((request) => request.status)

describe('the Http port on ky', () => {
  it('returns every status with its headers and body, never throwing for one', async () => {
    const http = createHttp(emulator().apiBase)
    const answer = await http.send({ method: 'GET', path: '/me', headers: {} })
    expect(answer.status).toBe(401)
    expect(answer.headers.get('x-punchplay-request-id')).toMatch(/^ppreq_/)
    expect(JSON.parse(await answer.text())).toMatchObject({ error: expect.any(String) })
  })

  it('sends JSON and streams a body that stays open past the time limit', async () => {
    const { emu, manager } = await signedIn()
    const http = createHttp(emu.apiBase, 300)
    const created = await http.send({
      method: 'POST',
      path: '/auth/device/code',
      headers: {},
      json: { client_id: 'ppc_punchplaytv_dev', scope: 'profile:read' },
    })
    expect(created.status).toBe(200)
    const stream = await manager.open({ endpoint: '/playback/events' })
    const reader = stream.body!.getReader()
    await new Promise((resolve) => setTimeout(resolve, 400))
    const first = new TextDecoder().decode((await reader.read()).value)
    expect(first).toContain('ready')
    await reader.cancel()
  })
})

describe('status before body: what a proxy or a bare server answers', () => {
  const bodies = [
    ['an empty', 'empty'],
    ['an HTML', 'html'],
  ] as const

  for (const [words, kind] of bodies) {
    it(`refreshes once on ${words} 401 and retries once, then answers`, async () => {
      const { emu, manager } = await signedIn()
      await emu.fault({ route: '/me', kind, status: 401, count: 1 })
      expect(await manager.send(getMe)).toMatchObject({ username: 'ana' })
      expect(await statusesOf('/me')).toEqual([401, 200])
      expect(await statusesOf('/auth/refresh')).toEqual([200])
    })

    it(`gives up after one refresh when ${words} 401 comes again`, async () => {
      const { emu, manager } = await signedIn()
      await emu.fault({ route: '/me', kind, status: 401, count: 2 })
      const error = await manager.send(getMe).catch((e: unknown) => e)
      expect(error).toMatchObject({ kind: 'api', status: 401, code: 'http_401' })
      expect(await statusesOf('/me')).toEqual([401, 401])
      expect(await statusesOf('/auth/refresh')).toEqual([200])
    })

    for (const status of [403, 404]) {
      it(`reads ${words} ${status} as a refusal of that status: no refresh, not retried`, async () => {
        const { emu, manager } = await signedIn()
        await emu.fault({ route: '/me', kind, status, count: 1 })
        const error = await manager.send(getMe).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(ApiError)
        expect(error).not.toBeInstanceOf(ScopeError)
        expect(error).toMatchObject({ status, code: `http_${status}` })
        expect(isRetryable(error)).toBe(false)
        expect(await statusesOf('/me')).toEqual([status])
        expect(await statusesOf('/auth/refresh')).toEqual([])
      })
    }

    it(`reads ${words} 500 as a server failure worth retrying later`, async () => {
      const { emu, manager } = await signedIn()
      await emu.fault({ route: '/me', kind, status: 500, count: 1 })
      const error = await manager.send(getMe).catch((e: unknown) => e)
      expect(error).toMatchObject({ kind: 'api', status: 500, code: 'http_500' })
      expect(isRetryable(error)).toBe(true)
      expect(await manager.send(getMe)).toMatchObject({ username: 'ana' })
    })
  }

  it('keeps PunchPlay’s own code and request id when its error body is JSON', async () => {
    const { emu, manager } = await signedIn()
    await emu.fault({ route: '/me', kind: 'status', status: 404, error: 'not_found', count: 1 })
    const error = await manager.send(getMe).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 404, code: 'not_found' })
    expect((error as ApiError).requestId).toMatch(/^ppreq_/)
  })

  it('reads a 403 insufficient_scope as a ScopeError, a 403 of another code as a plain refusal', async () => {
    const { emu, manager } = await signedIn()
    await emu.fault({ route: '/me', kind: 'status', status: 403, error: 'forbidden', count: 1 })
    const other = await manager.send(getMe).catch((e: unknown) => e)
    expect(other).toMatchObject({ status: 403, code: 'forbidden' })
    expect(other).not.toBeInstanceOf(ScopeError)
    const scope = {
      error: 'insufficient_scope',
      message: 'needs profile:read',
      scope: 'profile:read',
    }
    await emu.fault({
      route: '/me',
      kind: 'body',
      status: 403,
      contentType: 'application/json',
      body: JSON.stringify(scope),
      count: 1,
    })
    const refused = await manager.send(getMe).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ScopeError)
    expect(refused).toMatchObject({ requiredScope: 'profile:read' })
    expect(await statusesOf('/auth/refresh')).toEqual([])
  })
})
