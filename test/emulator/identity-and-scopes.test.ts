import { describe, expect, it } from 'vitest'
import { REQUEST_ID, TV_CLIENT, playbackEvent, useEmulator } from '../helpers/emulator.ts'

describe('GET /me and bearer checks', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })

  it('describes the viewer, the token and the app', async () => {
    const tokens = await tv().login()
    const { status, body } = await tv().get('/me', tokens.access_token)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      id: 'user_1',
      username: 'sofa_viewer',
      name: 'Sofa Viewer',
      email: null,
      client_type: 'platform',
      scopes: ['profile:read', 'playback:read', 'playback:write', 'events:read'],
      developer_app: { id: TV_CLIENT, name: 'PunchPlay TV' },
    })
    expect(body.token_id).toEqual(expect.any(String))
  })

  it('answers for the viewer named on the approval page', async () => {
    const tokens = await tv().login(TV_CLIENT, { username: 'night_owl' })
    const { body } = await tv().get('/me', tokens.access_token)
    expect(body).toMatchObject({ username: 'night_owl', name: null })
    expect(body.id).not.toBe('user_1')
  })

  it.each([
    ['no Authorization header', undefined],
    ['an unknown token', 'ppat_not_issued'],
  ])('answers 401 invalid_token for %s', async (_case, token) => {
    const { status, headers, body } = await tv().get('/me', token)
    expect(status).toBe(401)
    expect(body.error).toBe('invalid_token')
    expect(body.request_id).toBe(headers.get('x-punchplay-request-id'))
    expect(body.request_id).toMatch(REQUEST_ID)
  })

  it('answers 401 once the access token expires', async () => {
    const tokens = await tv().login()
    await tv().postControl('/clock', { advanceSec: 3599 })
    expect((await tv().get('/me', tokens.access_token)).status).toBe(200)
    await tv().postControl('/clock', { advanceSec: 1 })
    expect((await tv().get('/me', tokens.access_token)).status).toBe(401)
  })

  it('answers 403 insufficient_scope with required_scope for a narrower grant', async () => {
    const tokens = await tv().login('ppc_limited_dev')
    expect(tokens.scope).toBe('profile:read playback:read')
    expect((await tv().get('/playback/now-playing', tokens.access_token)).status).toBe(200)

    const write = await tv().post('/playback/start', playbackEvent(), tokens.access_token)
    expect(write.status).toBe(403)
    expect(write.body).toMatchObject({
      error: 'insufficient_scope',
      required_scope: 'playback:write',
    })
    const stream = await tv().get('/playback/events', tokens.access_token)
    expect(stream.status).toBe(403)
    expect(stream.body.required_scope).toBe('events:read')
  })

  it('needs profile:read for /me and playback:read for the reads', async () => {
    const tokens = await tv().login(TV_CLIENT, { scope: 'playback:write events:read' })
    const me = await tv().get('/me', tokens.access_token)
    expect(me.status).toBe(403)
    expect(me.body.required_scope).toBe('profile:read')
    for (const path of ['/playback/now-playing', '/playback/in-progress']) {
      const read = await tv().get(path, tokens.access_token)
      expect(read.status).toBe(403)
      expect(read.body.required_scope).toBe('playback:read')
    }
  })

  it('answers 404 not_found in the error shape for unknown routes', async () => {
    const { status, headers, body } = await tv().get('/playback/heartbeat')
    expect(status).toBe(404)
    expect(body).toMatchObject({
      error: 'not_found',
      request_id: expect.stringMatching(REQUEST_ID),
    })
    expect(headers.get('x-punchplay-request-id')).toBe(body.request_id)
  })
})
