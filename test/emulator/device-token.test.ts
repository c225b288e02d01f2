import { describe, expect, it } from 'vitest'
import { TV_CLIENT, useEmulator } from '../helpers/emulator.ts'
import type { Tokens } from '../helpers/emulator.ts'

describe('POST /auth/device/token', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })
  const poll = (deviceCode: string, extra: Record<string, unknown> = {}) =>
    tv().post<Tokens & { error?: string }>('/auth/device/token', {
      client_id: TV_CLIENT,
      device_code: deviceCode,
      ...extra,
    })

  it('answers authorization_pending until the viewer approves, then the tokens', async () => {
    const code = await tv().deviceCode()
    const pending = await poll(code.device_code)
    expect(pending.status).toBe(400)
    expect(pending.body.error).toBe('authorization_pending')

    await tv().postControl('/approve', { user_code: code.user_code })
    const { status, body } = await poll(code.device_code)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      refresh_expires_in: 31_536_000,
      scope: 'profile:read playback:read playback:write events:read',
      username: 'sofa_viewer',
    })
    expect(body.access_token).toMatch(/^ppat_/)
    expect(body.refresh_token).toMatch(/^pprt_/)
  })

  it('redeems a device code only once', async () => {
    const code = await tv().deviceCode()
    await tv().postControl('/approve', { user_code: code.user_code })
    expect((await poll(code.device_code)).status).toBe(200)
    const again = await poll(code.device_code)
    expect(again.status).toBe(400)
    expect(again.body.error).toBe('expired')
  })

  it('answers expired for unknown codes and for codes past expires_in', async () => {
    const unknown = await poll('not-a-real-device-code')
    expect(unknown.status).toBe(400)
    expect(unknown.body.error).toBe('expired')

    const code = await tv().deviceCode()
    await tv().postControl('/clock', { advanceSec: 599 })
    expect((await poll(code.device_code)).body.error).toBe('authorization_pending')
    await tv().postControl('/clock', { advanceSec: 1 })
    const late = await poll(code.device_code)
    expect(late.status).toBe(400)
    expect(late.body.error).toBe('expired')
    const approveLate = await tv().postControl('/approve', { user_code: code.user_code })
    expect(approveLate.status).toBe(400)
  })

  it('answers access_denied when the viewer denies', async () => {
    const code = await tv().deviceCode()
    await tv().postControl('/approve', { user_code: code.user_code, decision: 'deny' })
    const denied = await poll(code.device_code)
    expect(denied.status).toBe(400)
    expect(denied.body.error).toBe('access_denied')
  })

  it('does not let another client redeem the code', async () => {
    const code = await tv().deviceCode()
    await tv().postControl('/approve', { user_code: code.user_code })
    const stolen = await tv().post('/auth/device/token', {
      client_id: 'ppc_limited_dev',
      device_code: code.device_code,
    })
    expect(stolen.status).toBe(400)
    expect(stolen.body.error).toBe('expired')
    expect((await poll(code.device_code)).status).toBe(200)
  })

  it('rejects unknown clients and missing fields', async () => {
    const code = await tv().deviceCode()
    const unknown = await tv().post('/auth/device/token', {
      client_id: 'ppc_nobody',
      device_code: code.device_code,
    })
    expect(unknown.status).toBe(401)
    expect(unknown.body.error).toBe('invalid_client')
    const missing = await tv().post('/auth/device/token', { client_id: TV_CLIENT })
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({
      error: 'invalid_request',
      message: 'device_code must be a non-empty string',
    })
  })

  it('stores the device fields on the grant and names the viewer who approved', async () => {
    const code = await tv().deviceCode()
    await tv().postControl('/approve', { user_code: code.user_code, username: 'couch_potato' })
    const { body } = await poll(code.device_code, {
      device_id: 'tv-1234',
      device_name: 'Living room TV',
      linked_user_id: 'profile-9',
      linked_username: 'kids',
    })
    expect(body.username).toBe('couch_potato')
    const page = await tv().request<string>(`${tv().running.origin}/settings/connected-apps`)
    expect(page.body).toContain('Living room TV')
    expect(page.body).toContain('tv-1234')
    expect(page.body).toContain('kids')
    expect(page.body).toContain('profile-9')
    expect(page.body).toContain('couch_potato')
  })
})

describe('POST /auth/device/token poll interval', () => {
  const tv = useEmulator({ minPollIntervalSec: 5 })
  const poll = (deviceCode: string) =>
    tv().post('/auth/device/token', { client_id: TV_CLIENT, device_code: deviceCode })

  it('answers 429 rate_limited with Retry-After when polled faster than the interval', async () => {
    const code = await tv().deviceCode()
    expect((await poll(code.device_code)).body.error).toBe('authorization_pending')
    const tooSoon = await poll(code.device_code)
    expect(tooSoon.status).toBe(429)
    expect(tooSoon.body.error).toBe('rate_limited')
    expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThanOrEqual(4)
    expect(Number(tooSoon.headers.get('retry-after'))).toBeLessThanOrEqual(5)

    await tv().postControl('/clock', { advanceSec: 5 })
    expect((await poll(code.device_code)).body.error).toBe('authorization_pending')
  })

  it('keeps the interval per device code', async () => {
    const first = await tv().deviceCode()
    const second = await tv().deviceCode()
    expect((await poll(first.device_code)).status).toBe(400)
    expect((await poll(second.device_code)).status).toBe(400)
  })

  it('can answer slow_down instead, adding 5 s to the interval each time', async () => {
    await tv().postControl('/config', { pollViolation: 'slow_down' })
    try {
      const code = await tv().deviceCode()
      await poll(code.device_code)
      const tooSoon = await poll(code.device_code)
      expect(tooSoon.status).toBe(400)
      expect(tooSoon.body.error).toBe('slow_down')
      // A client that added 5 s is fine; one that kept 5 s is told again.
      await tv().postControl('/clock', { advanceSec: 10 })
      expect((await poll(code.device_code)).body.error).toBe('authorization_pending')
      await tv().postControl('/clock', { advanceSec: 5 })
      expect((await poll(code.device_code)).body.error).toBe('slow_down')
    } finally {
      await tv().postControl('/config', { pollViolation: 'rate_limited' })
    }
  })
})
