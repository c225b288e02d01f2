import { describe, expect, it } from 'vitest'
import { requestDeviceCode, requestDeviceToken } from '../../src/core/api/auth.ts'
import {
  ApiError,
  CancelledError,
  NetworkError,
  ProtocolError,
  ScopeError,
  TimeoutError,
  isRetryable,
} from '../../src/core/errors.ts'
import { ALL_SCOPES, useEmulator } from '../helpers/emulator.ts'
import { ManualClock } from '../helpers/manual-clock.ts'

const emulator = useEmulator({ minPollIntervalSec: 0 })
const clock = new ManualClock(Date.UTC(2026, 10, 28, 12, 0, 0))

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

describe('PunchPlay API client: every failure is a typed error', () => {
  it('turns a PunchPlay error body into an ApiError with what support needs', async () => {
    const api = emulator().client(clock)
    const error = await failure(
      requestDeviceToken(api, { deviceCode: 'nope', deviceId: 'd', deviceName: 'TV' }),
    )
    expect(error).toBeInstanceOf(ApiError)
    const report = (error as ApiError).toReport()
    expect(report).toMatchObject({
      kind: 'api',
      status: 400,
      code: 'expired',
      method: 'POST',
      endpoint: '/auth/device/token',
      clientId: 'ppc_punchplaytv_dev',
      at: '2026-11-28T12:00:00.000Z',
    })
    expect(report.requestId).toMatch(/^ppreq_[0-9a-f]{20}$/)
    const [logged] = await emulator().requests('/auth/device/token')
    expect(logged).toMatchObject({ status: 400 })
  })

  it('names the unknown client', async () => {
    const error = await failure(
      requestDeviceCode(emulator().client(clock, 'ppc_unknown'), ALL_SCOPES),
    )
    expect(error).toMatchObject({ code: 'invalid_client', kind: 'api' })
  })

  it('reads an HTML error page from a proxy by its status: a 502 to retry, not a protocol error', async () => {
    await emulator().fault({ route: '/auth/device/code', kind: 'html', status: 502, count: 1 })
    const error = await failure(requestDeviceCode(emulator().client(clock), ALL_SCOPES))
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ kind: 'api', code: 'http_502', status: 502 })
    expect((error as ApiError).message).toMatch(/HTTP 502/)
    expect((error as ApiError).body).toMatch(/<html/i)
    expect(isRetryable(error)).toBe(true)
  })

  it('reads malformed JSON and an empty body of a 200 as ProtocolErrors, never a JSON.parse exception', async () => {
    const api = emulator().client(clock)
    await emulator().fault({ route: '/auth/device/code', kind: 'malformed', count: 1 })
    expect(await failure(requestDeviceCode(api, ALL_SCOPES))).toMatchObject({
      name: 'ProtocolError',
      code: 'malformed_json',
    })
    await emulator().fault({ route: '/auth/device/code', kind: 'empty', count: 1 })
    expect(await failure(requestDeviceCode(api, ALL_SCOPES))).toMatchObject({
      name: 'ProtocolError',
      code: 'empty_body',
    })
  })

  it('reports a dropped connection as a NetworkError', async () => {
    await emulator().fault({ route: '/auth/device/code', kind: 'drop', count: 1 })
    const error = await failure(requestDeviceCode(emulator().client(clock), ALL_SCOPES))
    expect(error).toBeInstanceOf(NetworkError)
    expect(isRetryable(error)).toBe(true)
  })

  it('reports a refused connection as a NetworkError', async () => {
    const { createApiClient } = await import('../../src/core/api/client.ts')
    const { createHttp } = await import('../../src/adapters/ky-http.ts')
    const api = createApiClient({
      http: createHttp('http://127.0.0.1:9/api/platform/v1'),
      clientId: 'ppc_punchplaytv_dev',
      clock,
    })
    expect(await failure(requestDeviceCode(api, ALL_SCOPES))).toBeInstanceOf(NetworkError)
  })

  it('gives up after the timeout with a TimeoutError', async () => {
    await emulator().fault({
      route: '/auth/device/code',
      kind: 'latency',
      latencyMs: 1500,
      count: 1,
    })
    const error = await failure(
      requestDeviceCode(emulator().client(clock, undefined, 200), ALL_SCOPES),
    )
    expect(error).toBeInstanceOf(TimeoutError)
  })

  it('stops at once when the caller cancels, with a CancelledError', async () => {
    await emulator().fault({
      route: '/auth/device/code',
      kind: 'latency',
      latencyMs: 1500,
      count: 1,
    })
    const controller = new AbortController()
    const pending = failure(
      requestDeviceCode(emulator().client(clock), ALL_SCOPES, controller.signal),
    )
    setTimeout(() => controller.abort(), 50)
    const started = Date.now()
    expect(await pending).toBeInstanceOf(CancelledError)
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('names a missing field in an answer it cannot use', async () => {
    await emulator().fault({
      route: '/auth/device/code',
      kind: 'status',
      status: 200,
      error: 'x',
      count: 1,
    })
    const error = await failure(requestDeviceCode(emulator().client(clock), ALL_SCOPES))
    expect(error).toBeInstanceOf(ProtocolError)
    expect((error as ProtocolError).message).toMatch(/verification_uri must be a non-empty string/)
  })

  it('turns 403 insufficient_scope into a ScopeError naming the scope', async () => {
    const api = emulator().client(clock, 'ppc_limited_dev')
    const code = await requestDeviceCode(api, 'profile:read')
    await emulator().approve(code.userCode)
    const grant = await requestDeviceToken(api, {
      deviceCode: code.deviceCode,
      deviceId: 'd',
      deviceName: 'TV',
    })
    const error = await failure(
      api.send({
        method: 'GET',
        endpoint: '/playback/now-playing',
        accessToken: grant.accessToken,
        parse: (body) => body,
      }),
    )
    expect(error).toBeInstanceOf(ScopeError)
    expect(error).toMatchObject({
      status: 403,
      code: 'insufficient_scope',
      requiredScope: 'playback:read',
    })
  })

  it('keeps tokens out of error reports', async () => {
    const api = emulator().client(clock)
    const code = await requestDeviceCode(api, ALL_SCOPES)
    await emulator().approve(code.userCode)
    const grant = await requestDeviceToken(api, {
      deviceCode: code.deviceCode,
      deviceId: 'd',
      deviceName: 'TV',
    })
    await emulator().revoke()
    const error = await failure(
      api.send({ method: 'GET', endpoint: '/me', accessToken: grant.accessToken, parse: (b) => b }),
    )
    expect(error).toMatchObject({ status: 401 })
    const report = JSON.stringify((error as ApiError).toReport())
    expect(report).not.toContain(grant.accessToken)
    expect(report).not.toContain(grant.refreshToken!)
  })
})
