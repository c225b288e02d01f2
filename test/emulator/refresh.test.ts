import { describe, expect, it } from 'vitest'
import { TV_CLIENT, useEmulator } from '../helpers/emulator.ts'

interface RefreshAnswer {
  access_token: string
  token_type: string
  expires_in: number
  scope: string
  refresh_token?: string
  refresh_expires_in?: number
  error?: string
}

describe('POST /auth/refresh with rotation (default)', () => {
  const tv = useEmulator({ minPollIntervalSec: 0, accessTokenTtlSec: 60 })
  const refresh = (refreshToken: string, clientId = TV_CLIENT) =>
    tv().post<RefreshAnswer>('/auth/refresh', { client_id: clientId, refresh_token: refreshToken })

  it('replaces an expired access token and rotates the refresh token', async () => {
    const tokens = await tv().login()
    expect(tokens.expires_in).toBe(60)
    await tv().postControl('/clock', { advanceSec: 60 })
    const expired = await tv().get('/me', tokens.access_token)
    expect(expired.status).toBe(401)
    expect(expired.body.error).toBe('invalid_token')

    const { status, body } = await refresh(tokens.refresh_token)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 60,
      scope: tokens.scope,
      refresh_expires_in: 31_536_000,
    })
    expect(body.refresh_token).toMatch(/^pprt_/)
    expect(body.refresh_token).not.toBe(tokens.refresh_token)
    expect((await tv().get('/me', body.access_token)).status).toBe(200)
  })

  it('treats reuse of a spent refresh token as theft and revokes the whole grant', async () => {
    const tokens = await tv().login()
    const rotated = await refresh(tokens.refresh_token)
    const reuse = await refresh(tokens.refresh_token)
    expect(reuse.status).toBe(400)
    expect(reuse.body.error).toBe('invalid_grant')

    expect((await tv().get('/me', rotated.body.access_token)).status).toBe(401)
    expect((await tv().get('/me', tokens.access_token)).status).toBe(401)
    const newest = await refresh(rotated.body.refresh_token ?? '')
    expect(newest.status).toBe(400)
    expect(newest.body.error).toBe('invalid_grant')
  })

  it('leaves other grants of the same viewer alone', async () => {
    const first = await tv().login()
    const second = await tv().login()
    await refresh(first.refresh_token)
    await refresh(first.refresh_token)
    expect((await tv().get('/me', second.access_token)).status).toBe(200)
  })

  it('refuses unknown tokens, foreign clients and unknown clients', async () => {
    const tokens = await tv().login()
    const unknown = await refresh('pprt_made_up')
    expect(unknown.status).toBe(400)
    expect(unknown.body.error).toBe('invalid_grant')
    const foreign = await refresh(tokens.refresh_token, 'ppc_limited_dev')
    expect(foreign.status).toBe(400)
    expect(foreign.body.error).toBe('invalid_grant')
    const nobody = await refresh(tokens.refresh_token, 'ppc_nobody')
    expect(nobody.status).toBe(401)
    expect(nobody.body.error).toBe('invalid_client')
    expect((await refresh(tokens.refresh_token)).status).toBe(200)
  })

  it('refuses the refresh token of a revoked grant', async () => {
    const tokens = await tv().login()
    await tv().postControl('/revoke', { client_id: TV_CLIENT })
    const answer = await refresh(tokens.refresh_token)
    expect(answer.status).toBe(400)
    expect(answer.body.error).toBe('invalid_grant')
  })

  it('refuses a refresh token past refresh_expires_in', async () => {
    await tv().postControl('/config', { refreshTokenTtlSec: 120 })
    try {
      const tokens = await tv().login()
      expect(tokens.refresh_expires_in).toBe(120)
      await tv().postControl('/clock', { advanceSec: 120 })
      const answer = await refresh(tokens.refresh_token)
      expect(answer.status).toBe(400)
      expect(answer.body.error).toBe('invalid_grant')
    } finally {
      await tv().postControl('/config', { refreshTokenTtlSec: 31_536_000 })
    }
  })

  it('validates the body', async () => {
    const answer = await tv().post('/auth/refresh', { client_id: TV_CLIENT })
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({
      error: 'invalid_request',
      message: 'refresh_token must be a non-empty string',
    })
  })
})

describe('POST /auth/refresh without rotation', () => {
  const tv = useEmulator({ minPollIntervalSec: 0, rotateRefreshTokens: false })

  it('answers the documented shape and keeps the refresh token usable', async () => {
    const tokens = await tv().login()
    const first = await tv().post<RefreshAnswer>('/auth/refresh', {
      client_id: TV_CLIENT,
      refresh_token: tokens.refresh_token,
    })
    expect(first.status).toBe(200)
    expect(Object.keys(first.body).sort()).toEqual([
      'access_token',
      'expires_in',
      'scope',
      'token_type',
    ])
    const second = await tv().post<RefreshAnswer>('/auth/refresh', {
      client_id: TV_CLIENT,
      refresh_token: tokens.refresh_token,
    })
    expect(second.status).toBe(200)
    expect(second.body.access_token).not.toBe(first.body.access_token)
  })
})
