import { describe, expect, it } from 'vitest'
import { TV_CLIENT, playbackEvent, useEmulator } from '../helpers/emulator.ts'
import { EventReader } from '../helpers/event-reader.ts'

describe('GET /playback/events', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })

  async function open(token: string) {
    const response = await fetch(`${tv().running.apiBase}/playback/events`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    })
    if (!response.body) throw new Error('no stream body')
    return { response, events: new EventReader(response.body.getReader()) }
  }

  it('sends ready, then playback-update for each applied change of that viewer', async () => {
    const tokens = await tv().login()
    const { response, events } = await open(tokens.access_token)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(response.headers.get('x-punchplay-request-id')).toMatch(/^ppreq_/)

    const ready = await events.next()
    expect(ready).toMatchObject({ event: 'ready' })
    expect(ready !== 'closed' && Date.parse(String(ready.data.connectedAt))).not.toBeNaN()

    const start = playbackEvent()
    await tv().post('/playback/start', start, tokens.access_token)
    const first = await events.next()
    expect(first).toMatchObject({
      event: 'playback-update',
      data: { sequence: 1, userId: 'user_1' },
    })
    expect(first !== 'closed' && Date.parse(String(first.data.emittedAt))).not.toBeNaN()

    // A duplicate and an ignored event change nothing, so they must not be announced.
    await tv().post('/playback/start', start, tokens.access_token)
    await tv().post(
      '/playback/pause',
      playbackEvent({ playback_session_id: 'nothing' }),
      tokens.access_token,
    )
    await tv().post('/playback/pause', playbackEvent(), tokens.access_token)
    expect(await events.next()).toMatchObject({ data: { sequence: 2 } })
    await events.close()
  })

  it("does not deliver another viewer's changes", async () => {
    const mine = await tv().login()
    const theirs = await tv().login(TV_CLIENT, { username: 'someone_else' })
    const { events } = await open(mine.access_token)
    await events.next()
    await tv().post('/playback/start', playbackEvent(), theirs.access_token)
    await tv().post('/playback/start', playbackEvent(), mine.access_token)
    expect(await events.next()).toMatchObject({ data: { userId: 'user_1', sequence: 1 } })
    await events.close()
  })

  it('closes the stream when the grant is revoked', async () => {
    const tokens = await tv().login()
    const { events } = await open(tokens.access_token)
    await events.next()
    await tv().postControl('/revoke', { client_id: TV_CLIENT })
    expect(await events.next()).toBe('closed')
    const again = await tv().get('/playback/events', tokens.access_token)
    expect(again.status).toBe(401)
  })

  it('is listed in the request log', async () => {
    const tokens = await tv().login()
    const { events } = await open(tokens.access_token)
    await events.next()
    const log = await tv().request<{ requests: Array<{ path: string; status: number }> }>(
      `${tv().running.origin}/__emulator/requests`,
    )
    expect(log.body.requests).toContainEqual(
      expect.objectContaining({ path: '/api/platform/v1/playback/events', status: 200 }),
    )
    await events.close()
  })
})

describe('POST /__emulator/drop-streams', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })

  it('hangs up every open events stream, as a network blip would', async () => {
    const tokens = await tv().login()
    const response = await fetch(`${tv().running.apiBase}/playback/events`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    })
    const reader = response.body!.getReader()
    await reader.read()
    const { body } = await tv().postControl<{ closed: number }>('/drop-streams')
    expect(body.closed).toBe(1)
    let done = false
    while (!done) done = (await reader.read()).done
    expect(done).toBe(true)
  })
})
