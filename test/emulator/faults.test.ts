import { describe, expect, it } from 'vitest'
import { TV_CLIENT, useEmulator } from '../helpers/emulator.ts'

describe('POST /__emulator/faults', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })
  const codeRequest = () =>
    fetch(`${tv().running.apiBase}/auth/device/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'null' },
      body: JSON.stringify({ client_id: TV_CLIENT }),
    })
  const arm = (fault: Record<string, unknown>) =>
    tv().postControl('/faults', { route: '/auth/device/code', count: 1, ...fault })

  it('answers a status in the error shape, with Retry-After when asked, for N requests', async () => {
    expect((await arm({ kind: 'status', status: 503, retryAfterSec: 7, count: 2 })).status).toBe(
      200,
    )
    for (let i = 0; i < 2; i += 1) {
      const response = await codeRequest()
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('7')
      expect(response.headers.get('access-control-allow-origin')).toBe('null')
      expect(await response.json()).toMatchObject({
        error: 'server_error',
        request_id: response.headers.get('x-punchplay-request-id'),
      })
    }
    expect((await codeRequest()).status).toBe(200)
  })

  it('can inject a specific error code', async () => {
    await tv().postControl('/faults', {
      route: '/auth/device/token',
      kind: 'status',
      status: 400,
      error: 'slow_down',
      count: 1,
    })
    const answer = await tv().post('/auth/device/token', { client_id: TV_CLIENT, device_code: 'x' })
    expect(answer.body.error).toBe('slow_down')
  })

  it('answers an HTML error page like a proxy', async () => {
    await arm({ kind: 'html' })
    const response = await codeRequest()
    expect(response.status).toBe(502)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toContain('502 Bad Gateway')
  })

  it('answers a truncated JSON body with status 200', async () => {
    await arm({ kind: 'malformed' })
    const response = await codeRequest()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    await expect(response.json()).rejects.toThrow(SyntaxError)
  })

  it('answers an empty body', async () => {
    await arm({ kind: 'empty' })
    const response = await codeRequest()
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
  })

  it('drops the connection without an answer and logs it as status 0', async () => {
    await arm({ kind: 'drop' })
    await expect(codeRequest()).rejects.toThrow()
    expect((await codeRequest()).status).toBe(200)
    const log = await tv().request<{ requests: Array<{ status: number; fault?: string }> }>(
      `${tv().running.origin}/__emulator/requests`,
    )
    expect(log.body.requests.map((r) => [r.status, r.fault])).toEqual([
      [0, 'drop'],
      [200, undefined],
    ])
  })

  it('delays an otherwise normal answer', async () => {
    await arm({ kind: 'latency', latencyMs: 300 })
    const started = performance.now()
    const response = await codeRequest()
    expect(response.status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
  })

  it('matches by method and applies "*" to every API route', async () => {
    await tv().postControl('/faults', {
      route: '*',
      method: 'GET',
      kind: 'status',
      status: 500,
      count: 1,
    })
    expect((await codeRequest()).status).toBe(200)
    const read = await tv().get('/me')
    expect(read.status).toBe(500)
    expect(read.body.error).toBe('server_error')
    expect((await tv().get('/me')).status).toBe(401)
  })

  it('is cleared by reset and validates its body', async () => {
    await arm({ kind: 'status', status: 500, count: 5 })
    const armed = await tv().request<{ faults: unknown[] }>(
      `${tv().running.origin}/__emulator/faults`,
    )
    expect(armed.body.faults).toEqual([expect.objectContaining({ kind: 'status', count: 5 })])
    await tv().postControl('/reset')
    expect((await codeRequest()).status).toBe(200)
    const bad = await tv().postControl('/faults', { route: '/me', kind: 'explode', count: 1 })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toBe('invalid_request')
  })
})

describe('hostile answers on request', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })

  it('serves any body with the given status and content type, then behaves again', async () => {
    await tv().postControl('/faults', {
      route: '/auth/device/code',
      kind: 'body',
      status: 200,
      contentType: 'text/plain',
      body: '{"user_code": 42}',
      count: 1,
    })
    const first = await fetch(`${tv().running.apiBase}/auth/device/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: TV_CLIENT }),
    })
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await first.text()).toBe('{"user_code": 42}')
    const second = await tv().post('/auth/device/code', { client_id: TV_CLIENT })
    expect(second.status).toBe(200)
  })

  it('serves a huge error page', async () => {
    await tv().postControl('/faults', { route: '*', kind: 'huge', sizeBytes: 2_000_000, count: 1 })
    const answer = await fetch(`${tv().running.apiBase}/me`)
    expect(answer.status).toBe(502)
    expect((await answer.text()).length).toBeGreaterThan(2_000_000)
  })
})

describe('consent with fewer scopes', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })

  it('grants only the scopes the viewer left ticked', async () => {
    const code = await tv().deviceCode()
    await tv().postControl('/approve', {
      user_code: code.user_code,
      scope: 'profile:read playback:read',
    })
    const answer = await tv().post<{ scope: string }>('/auth/device/token', {
      client_id: TV_CLIENT,
      device_code: code.device_code,
    })
    expect(answer.body.scope).toBe('profile:read playback:read')
  })
})
