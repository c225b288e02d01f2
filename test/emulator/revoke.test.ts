import { describe, expect, it } from 'vitest'
import { TV_CLIENT, useEmulator } from '../helpers/emulator.ts'

describe('POST /oauth/revoke (§3.5, RFC 7009)', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })
  const revoke = (body: Record<string, unknown>) => tv().post('/oauth/revoke', body)
  const refresh = (refreshToken: string) =>
    tv().post('/auth/refresh', { client_id: TV_CLIENT, refresh_token: refreshToken })
  const connectedApps = async () =>
    (await tv().request<string>(`${tv().running.origin}/settings/connected-apps`)).body

  it('revoking the refresh token ends the whole grant: both tokens fail, the page drops it', async () => {
    const tokens = await tv().login()
    expect(await connectedApps()).toContain('PunchPlay TV')
    const answer = await revoke({
      client_id: TV_CLIENT,
      token: tokens.refresh_token,
      token_type_hint: 'refresh_token',
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({})

    const me = await tv().get('/me', tokens.access_token)
    expect(me.status).toBe(401)
    expect(me.body.error).toBe('invalid_token')
    const renewed = await refresh(tokens.refresh_token)
    expect(renewed.status).toBe(400)
    expect(renewed.body.error).toBe('invalid_grant')
    expect(await connectedApps()).toContain('No apps are connected')
  })

  it('revoking the access token ends the grant too, whatever the hint says', async () => {
    const tokens = await tv().login()
    const answer = await revoke({
      client_id: TV_CLIENT,
      token: tokens.access_token,
      token_type_hint: 'refresh_token',
    })
    expect(answer.status).toBe(200)
    expect((await tv().get('/me', tokens.access_token)).status).toBe(401)
    expect((await refresh(tokens.refresh_token)).body.error).toBe('invalid_grant')
  })

  it('leaves the viewer’s other connections alone', async () => {
    const revoked = await tv().login()
    const other = await tv().login()
    await revoke({ client_id: TV_CLIENT, token: revoked.refresh_token })
    expect((await tv().get('/me', other.access_token)).status).toBe(200)
    expect((await refresh(other.refresh_token)).status).toBe(200)
  })

  it('answers 200 for unknown and already revoked tokens', async () => {
    const unknown = await revoke({ client_id: TV_CLIENT, token: 'pprt_nobody' })
    expect(unknown.status).toBe(200)
    expect(unknown.body).toEqual({})
    const tokens = await tv().login()
    await revoke({ client_id: TV_CLIENT, token: tokens.refresh_token })
    const again = await revoke({ client_id: TV_CLIENT, token: tokens.refresh_token })
    expect(again.status).toBe(200)
  })

  it('does not let one app revoke another app’s grant', async () => {
    const tokens = await tv().login()
    const answer = await revoke({ client_id: 'ppc_limited_dev', token: tokens.refresh_token })
    expect(answer.status).toBe(200)
    expect((await tv().get('/me', tokens.access_token)).status).toBe(200)
  })

  it('refuses a missing client_id or token with 400 invalid_request', async () => {
    for (const body of [{ token: 'pprt_x' }, { client_id: TV_CLIENT }, {}]) {
      const answer = await revoke(body)
      expect(answer.status).toBe(400)
      expect(answer.body.error).toBe('invalid_request')
    }
  })

  it('refuses an unknown client with 401 invalid_client', async () => {
    const tokens = await tv().login()
    const answer = await revoke({ client_id: 'ppc_nobody', token: tokens.refresh_token })
    expect(answer.status).toBe(401)
    expect(answer.body.error).toBe('invalid_client')
    expect((await tv().get('/me', tokens.access_token)).status).toBe(200)
  })

  it('closes the grant’s live events stream', async () => {
    const tokens = await tv().login()
    const stream = await fetch(`${tv().running.apiBase}/playback/events`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    })
    const reader = stream.body!.getReader()
    await reader.read()
    await revoke({ client_id: TV_CLIENT, token: tokens.refresh_token })
    let done = false
    while (!done) done = (await reader.read()).done
    expect(done).toBe(true)
  })
})
