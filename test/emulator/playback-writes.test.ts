import { beforeEach, describe, expect, it } from 'vitest'
import { playbackEvent, useEmulator } from '../helpers/emulator.ts'

describe('POST /playback/{action}', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })
  let token = ''
  beforeEach(async () => {
    token = (await tv().login()).access_token
  })
  const send = (action: string, body: Record<string, unknown>) =>
    tv().post(`/playback/${action}`, body, token)

  it('acknowledges an applied event in the documented shape', async () => {
    const { status, body } = await send(
      'start',
      playbackEvent({ media_type: 'episode', title: 'Some Show', season: 1, episode: 2 }),
    )
    expect(status).toBe(200)
    expect(body).toMatchObject({
      ok: true,
      deduped: false,
      tmdb_id: 550,
      tvdb_id: null,
      imdb_id: null,
      season: 1,
      episode: 2,
      episode_end: null,
      absolute_episode: null,
      anime: false,
    })
    expect(body.punchplay_id).toEqual(expect.any(String))
    expect(body).not.toHaveProperty('ignored')
  })

  it.each([
    ['title', { title: undefined }, 'title must be a non-empty string of at most 500 characters'],
    ['blank title', { title: '   ' }, 'title must be a non-empty string of at most 500 characters'],
    ['long title', { title: 'x'.repeat(501) }, 'title must be a non-empty string of at most 500'],
    ['media_type', { media_type: 'show' }, 'media_type must be one of "movie", "episode"'],
    ['progress', { progress: 43.17 }, 'progress must be a number from 0 to 1'],
    ['negative progress', { progress: -0.1 }, 'progress must be a number from 0 to 1'],
    ['event_id', { event_id: undefined }, 'event_id must be'],
    ['playback_session_id', { playback_session_id: undefined }, 'playback_session_id must be'],
    ['seconds timestamp', { event_created_at: 1_781_000_000 }, 'event_created_at must be an'],
    ['string tmdb_id', { tmdb_id: '550' }, 'tmdb_id must be a positive integer'],
    ['fractional position', { position_seconds: 12.5 }, 'position_seconds must be'],
    ['extra field', { heartbeat: true }, 'unexpected field heartbeat'],
  ])(
    'rejects a bad %s with 400 invalid_request naming the field',
    async (_case, override, text) => {
      for (const action of ['start', 'stop']) {
        const { status, body } = await send(action, playbackEvent(override))
        expect(status).toBe(400)
        expect(body.error).toBe('invalid_request')
        expect(body.message).toContain(text)
      }
    },
  )

  it('dedupes a replayed event_id without changing state', async () => {
    const start = playbackEvent({ progress: 0.1 })
    await send('start', start)
    const later = playbackEvent({ progress: 0.5 })
    await send('progress', later)
    const replay = await send('progress', later)
    expect(replay.status).toBe(200)
    expect(replay.body).toMatchObject({ ok: true, deduped: true })
    const { body } = await tv().get('/playback/now-playing', token)
    expect(body.progressPercent).toBe(50)
  })

  it('ignores events after the session stopped', async () => {
    await send('start', playbackEvent())
    await send('stop', playbackEvent({ progress: 0.3 }))
    const late = await send('progress', playbackEvent({ progress: 0.35 }))
    expect(late.status).toBe(200)
    expect(late.body).toMatchObject({ ok: true, deduped: false, ignored: 'session_closed' })
    expect((await tv().get('/playback/now-playing', token)).body).toEqual({ data: null })
  })

  it('ignores events older than the newest one applied to the session', async () => {
    await send('start', playbackEvent({ event_created_at: 1_781_000_100_000 }))
    await send('pause', playbackEvent({ event_created_at: 1_781_000_200_000 }))
    const stale = await send(
      'progress',
      playbackEvent({ event_created_at: 1_781_000_150_000, progress: 0.9 }),
    )
    expect(stale.body).toMatchObject({ ok: true, ignored: 'old_event' })
    const { body } = await tv().get('/playback/now-playing', token)
    expect(body.playbackState).toBe('paused')
    expect(body.progressPercent).toBe(0)
  })

  it('answers 409 conflict to a pause or resume without an active session', async () => {
    for (const action of ['pause', 'resume']) {
      const { status, body } = await send(action, playbackEvent({ playback_session_id: 'none' }))
      expect(status).toBe(409)
      expect(body.error).toBe('conflict')
    }
    await send('start', playbackEvent({ playback_session_id: 'done' }))
    await send('stop', playbackEvent({ playback_session_id: 'done' }))
    const afterStop = await send('pause', playbackEvent({ playback_session_id: 'done' }))
    expect(afterStop.body.ignored).toBe('session_closed')
  })

  it('lets a retried event through after a 409', async () => {
    const pause = playbackEvent()
    expect((await send('pause', pause)).status).toBe(409)
    await send('start', playbackEvent({ event_created_at: pause.event_created_at }))
    const retried = await send('pause', pause)
    expect(retried.body).toMatchObject({ deduped: false })
    expect(retried.body).not.toHaveProperty('ignored')
  })

  it('records every received event in order for tests', async () => {
    const start = playbackEvent()
    await send('start', start)
    await send('start', start)
    await send('pause', playbackEvent({ playback_session_id: 'other' }))
    const log = await tv().request<{ events: Array<Record<string, unknown>> }>(
      `${tv().running.origin}/__emulator/playback-events`,
    )
    expect(log.body.events.map((e) => [e.action, e.result, e.userId])).toEqual([
      ['start', 'applied', 'user_1'],
      ['start', 'deduped', 'user_1'],
      ['pause', 'conflict', 'user_1'],
    ])
    expect(log.body.events[0]?.body).toEqual(start)
    expect(log.body.events[0]?.receivedAtMs).toEqual(expect.any(Number))
  })

  it('keeps dedupe per viewer', async () => {
    const other = (await tv().login(undefined, { username: 'someone_else' })).access_token
    const event = playbackEvent()
    await send('start', event)
    const theirs = await tv().post('/playback/start', event, other)
    expect(theirs.body.deduped).toBe(false)
  })
})
