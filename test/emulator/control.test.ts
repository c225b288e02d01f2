import { describe, expect, it } from 'vitest'
import { TV_CLIENT, useEmulator } from '../helpers/emulator.ts'

interface LoggedRequest {
  method: string
  path: string
  status: number
  timeMs: number
  durationMs: number
  error?: string
  userCode?: string
}

describe('test control under /__emulator', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })
  const requests = async () =>
    (
      await tv().request<{ requests: LoggedRequest[] }>(
        `${tv().running.origin}/__emulator/requests`,
      )
    ).body.requests

  it('logs every API request with path, status, time and error code', async () => {
    const before = Date.now()
    const code = await tv().deviceCode()
    await tv().request(`${tv().running.apiBase}/auth/device/token?debug=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: TV_CLIENT, device_code: code.device_code }),
    })
    await tv().request(`${tv().running.origin}/link`)
    const log = await requests()
    expect(log).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/api/platform/v1/auth/device/code',
        status: 200,
      }),
      expect.objectContaining({
        method: 'POST',
        path: '/api/platform/v1/auth/device/token',
        status: 400,
        error: 'authorization_pending',
        userCode: code.user_code,
      }),
    ])
    expect(log[0]?.timeMs).toBeGreaterThanOrEqual(before)
    expect(log[1]?.timeMs).toBeGreaterThanOrEqual(log[0]?.timeMs ?? Infinity)
    expect(log[0]?.durationMs).toEqual(expect.any(Number))
  })

  it('lists the device codes it issued with their state and complete link', async () => {
    const code = await tv().deviceCode()
    await tv().postControl('/approve', { user_code: code.user_code })
    const { deviceCodes } = (
      await tv().request<{ deviceCodes: Array<Record<string, unknown>> }>(
        `${tv().running.origin}/__emulator/device-codes`,
      )
    ).body
    expect(deviceCodes).toEqual([
      {
        userCode: code.user_code,
        clientId: TV_CLIENT,
        status: 'approved',
        expiresAtMs: expect.any(Number),
        verificationUriComplete: code.verification_uri_complete,
      },
    ])
  })

  it('reset forgets codes, tokens and logs', async () => {
    const tokens = await tv().login()
    await tv().postControl('/reset')
    expect(await requests()).toEqual([])
    expect((await tv().get('/me', tokens.access_token)).status).toBe(401)
  })

  it('config reports and changes timings at run time', async () => {
    const changed = await tv().postControl<{ config: Record<string, unknown> }>('/config', {
      deviceCodeTtlSec: 30,
      intervalSec: 2,
    })
    expect(changed.body.config).toMatchObject({ deviceCodeTtlSec: 30, intervalSec: 2 })
    const current = await tv().request<{ config: Record<string, unknown> }>(
      `${tv().running.origin}/__emulator/config`,
    )
    expect(current.body.config).toMatchObject({ deviceCodeTtlSec: 30, rotateRefreshTokens: true })
    try {
      const code = await tv().post('/auth/device/code', { client_id: TV_CLIENT })
      expect(code.body).toMatchObject({ expires_in: 30, interval: 2 })
    } finally {
      await tv().postControl('/config', { deviceCodeTtlSec: 600, intervalSec: null })
    }
    const bad = await tv().postControl('/config', { pollViolation: 'ignore' })
    expect(bad.status).toBe(400)
  })

  it('clock moves emulator time forward only', async () => {
    const answer = await tv().postControl<{ nowMs: number }>('/clock', { advanceSec: 3600 })
    expect(answer.body.nowMs).toBeGreaterThan(Date.now() + 3_590_000)
    expect((await tv().postControl('/clock', { advanceSec: -5 })).status).toBe(400)
  })

  it('approve refuses unknown codes', async () => {
    const answer = await tv().postControl('/approve', { user_code: 'AAAA-AAAA' })
    expect(answer.status).toBe(400)
    expect(answer.body.error).toBe('expired')
  })

  it('revoke can target one viewer of an app', async () => {
    const mine = await tv().login()
    const theirs = await tv().login(TV_CLIENT, { username: 'someone_else' })
    const answer = await tv().postControl('/revoke', {
      client_id: TV_CLIENT,
      username: 'someone_else',
    })
    expect(answer.body).toMatchObject({ ok: true, revoked: 1 })
    expect((await tv().get('/me', theirs.access_token)).status).toBe(401)
    expect((await tv().get('/me', mine.access_token)).status).toBe(200)
  })
})

describe('test control when disabled', () => {
  const tv = useEmulator({ minPollIntervalSec: 0, controlEnabled: false })

  it.each(['/requests', '/playback-events'])('GET /__emulator%s is 404', async (path) => {
    const answer = await tv().request(`${tv().running.origin}/__emulator${path}`)
    expect(answer.status).toBe(404)
  })

  it.each(['/reset', '/faults', '/config', '/clock', '/approve', '/revoke'])(
    'POST /__emulator%s is 404',
    async (path) => {
      expect((await tv().postControl(path, {})).status).toBe(404)
    },
  )
})
