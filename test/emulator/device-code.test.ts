import { createRequire } from 'node:module'
import jsQR from 'jsqr'
import { describe, expect, it } from 'vitest'
import { REQUEST_ID, TV_CLIENT, useEmulator } from '../helpers/emulator.ts'

interface DecodedPng {
  width: number
  height: number
  data: Uint8Array
}
// pngjs ships no types; only its sync reader is needed.
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read(buffer: Buffer): DecodedPng } }
}

interface CodeAnswer {
  user_code: string
  device_code: string
  verification_uri: string
  verification_uri_complete: string
  verification_uri_qr: string
  expires_in: number
  scope: string
  interval?: number
}

describe('POST /auth/device/code', () => {
  const tv = useEmulator({ minPollIntervalSec: 0, publicUrl: 'http://192.0.2.10:8787' })

  it('answers every documented field with a readable code and a QR of the complete URI', async () => {
    const { status, headers, body } = await tv().post<CodeAnswer>('/auth/device/code', {
      client_id: TV_CLIENT,
    })
    expect(status).toBe(200)
    expect(headers.get('x-punchplay-request-id')).toMatch(REQUEST_ID)
    expect(body.user_code).toMatch(
      /^[ACDEFGHJKLMNPQRTUVWXY34679]{4}-[ACDEFGHJKLMNPQRTUVWXY34679]{4}$/,
    )
    expect(body.device_code).toMatch(/^[A-Za-z0-9_-]{40,}$/)
    expect(body.verification_uri).toBe('http://192.0.2.10:8787/link')
    expect(body.verification_uri_complete).toBe(
      `http://192.0.2.10:8787/link?code=${body.user_code}&type=platform`,
    )
    expect(body.expires_in).toBe(600)
    expect(body.scope).toBe('profile:read playback:read playback:write events:read')
    expect(body).not.toHaveProperty('interval')

    const prefix = 'data:image/png;base64,'
    expect(body.verification_uri_qr.startsWith(prefix)).toBe(true)
    const png = PNG.sync.read(Buffer.from(body.verification_uri_qr.slice(prefix.length), 'base64'))
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    expect(qr?.data).toBe(body.verification_uri_complete)
  })

  it.each([
    ['none', undefined],
    ['svg', /^data:image\/svg\+xml;base64,/],
  ] as const)('sends verification_uri_qr as %s when configured so', async (qrFormat, shape) => {
    await tv().postControl('/config', { qrFormat })
    const { body } = await tv().post<CodeAnswer>('/auth/device/code', { client_id: TV_CLIENT })
    if (shape) expect(body.verification_uri_qr).toMatch(shape)
    else expect(body).not.toHaveProperty('verification_uri_qr')
    await tv().postControl('/config', { qrFormat: 'png' })
  })

  it('issues a different code each time', async () => {
    const first = await tv().post<CodeAnswer>('/auth/device/code', { client_id: TV_CLIENT })
    const second = await tv().post<CodeAnswer>('/auth/device/code', { client_id: TV_CLIENT })
    expect(first.body.user_code).not.toBe(second.body.user_code)
    expect(first.body.device_code).not.toBe(second.body.device_code)
  })

  it('grants the requested subset of allowed scopes', async () => {
    const { status, body } = await tv().post<CodeAnswer>('/auth/device/code', {
      client_id: TV_CLIENT,
      scope: 'playback:write profile:read',
    })
    expect(status).toBe(200)
    expect(body.scope).toBe('profile:read playback:write')
  })

  it.each([
    ['a scope outside the app allowance', 'ppc_limited_dev', 'profile:read playback:write'],
    ['a scope that does not exist', TV_CLIENT, 'lists:write'],
    ['an empty scope', TV_CLIENT, ''],
  ])('refuses %s with 400 invalid_scope', async (_case, clientId, scope) => {
    const { status, body } = await tv().post('/auth/device/code', { client_id: clientId, scope })
    expect(status).toBe(400)
    expect(body.error).toBe('invalid_scope')
    expect(body.request_id).toMatch(REQUEST_ID)
  })

  it('rejects unknown and inactive clients', async () => {
    const unknown = await tv().post('/auth/device/code', { client_id: 'ppc_nobody' })
    expect(unknown.status).toBe(401)
    expect(unknown.body.error).toBe('invalid_client')
    const inactive = await tv().post('/auth/device/code', { client_id: 'ppc_inactive_dev' })
    expect(inactive.status).toBe(400)
    expect(inactive.body.error).toBe('unauthorized_client')
  })

  it('checks client secrets: confidential clients need theirs, public clients send none', async () => {
    const missing = await tv().post('/auth/device/code', { client_id: 'ppc_confidential_dev' })
    expect(missing.body.error).toBe('invalid_client')
    const wrong = await tv().post('/auth/device/code', {
      client_id: 'ppc_confidential_dev',
      client_secret: 'guess',
    })
    expect(wrong.body.error).toBe('invalid_client')
    const right = await tv().post('/auth/device/code', {
      client_id: 'ppc_confidential_dev',
      client_secret: 'emulator-secret',
    })
    expect(right.status).toBe(200)
    const publicWithSecret = await tv().post('/auth/device/code', {
      client_id: TV_CLIENT,
      client_secret: 'emulator-secret',
    })
    expect(publicWithSecret.body.error).toBe('invalid_client')
    const publicWithNull = await tv().post('/auth/device/code', {
      client_id: TV_CLIENT,
      client_secret: null,
    })
    expect(publicWithNull.status).toBe(200)
  })

  it('names the faulty field in invalid_request answers', async () => {
    const missing = await tv().post('/auth/device/code', {})
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({
      error: 'invalid_request',
      message: 'client_id must be a non-empty string',
    })
    const extra = await tv().post('/auth/device/code', { client_id: TV_CLIENT, client_type: 'tv' })
    expect(extra.status).toBe(400)
    expect(extra.body.message).toContain('client_type')
  })

  it('accepts JSON only', async () => {
    const form = await tv().request(`${tv().running.apiBase}/auth/device/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `client_id=${TV_CLIENT}`,
    })
    expect(form.status).toBe(415)
    expect(form.body).toMatchObject({ error: 'invalid_request' })
    const broken = await tv().request(`${tv().running.apiBase}/auth/device/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"client_id":',
    })
    expect(broken.status).toBe(400)
    expect(broken.body).toMatchObject({ error: 'invalid_request' })
  })
})

describe('POST /auth/device/code with configured timings', () => {
  const tv = useEmulator({ minPollIntervalSec: 0, intervalSec: 7, deviceCodeTtlSec: 120 })

  it('sends an interval field only when configured', async () => {
    const { body } = await tv().post<CodeAnswer>('/auth/device/code', { client_id: TV_CLIENT })
    expect(body.interval).toBe(7)
    expect(body.expires_in).toBe(120)
  })

  it('defaults the public URL to the bound address when bound to one address', async () => {
    const { body } = await tv().post<CodeAnswer>('/auth/device/code', { client_id: TV_CLIENT })
    expect(body.verification_uri).toBe(`${tv().running.origin}/link`)
    expect(tv().running.publicUrl).toBe(tv().running.origin)
  })
})
