import { beforeEach, describe, expect, it } from 'vitest'
import { TV_CLIENT, playbackEvent, useEmulator } from '../helpers/emulator.ts'

const EPISODE = {
  playback_session_id: 'pilot',
  media_type: 'episode',
  title: 'Some Show',
  episode_title: 'Pilot',
  season: 1,
  episode: 1,
  tmdb_id: 1399,
  progress: 0.4317,
  position_seconds: 1295,
  duration_seconds: 3000,
}

describe('real-shapes mode (--real-shapes, realShapes in /__emulator/config)', () => {
  const tv = useEmulator({ minPollIntervalSec: 0, realShapes: true })
  let token = ''
  beforeEach(async () => {
    token = (await tv().login()).access_token
  })
  const send = (action: string, overrides: Record<string, unknown>) =>
    tv().post(`/playback/${action}`, playbackEvent(overrides), token)
  const remove = (id: string | number) =>
    tv().request(`${tv().running.apiBase}/playback/in-progress/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    })

  it('answers now-playing with 204 and no body when nothing plays', async () => {
    const answer = await tv().get('/playback/now-playing', token)
    expect(answer.status).toBe(204)
    expect(answer.body).toBe('')
  })

  it('answers in-progress as a bare JSON list', async () => {
    const answer = await tv().get<unknown>('/playback/in-progress', token)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
    expect(answer.body).toEqual([])
  })

  it('answers every playback write with 204 and an empty body', async () => {
    const session = { playback_session_id: 'movie-night' }
    for (const action of ['start', 'progress', 'pause', 'resume', 'stop']) {
      const answer = await send(action, { ...session, progress: 0.3 })
      expect([action, answer.status, answer.body]).toEqual([action, 204, ''])
    }
    const log = await tv().request<{ events: Array<{ result: string }> }>(
      `${tv().running.origin}/__emulator/playback-events`,
    )
    expect(log.body.events.map((event) => event.result)).toEqual(Array(5).fill('applied'))
  })

  it('still refuses bad writes with a JSON error', async () => {
    const answer = await send('start', { title: '' })
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ error: 'invalid_request' })
    const lonePause = await send('pause', { playback_session_id: 'never-started' })
    expect(lonePause.status).toBe(409)
  })

  it('names episodes by show and episode, with no title, an integer id and float seconds', async () => {
    await send('start', EPISODE)
    await send('stop', EPISODE)
    const list = (await tv().get<Array<Record<string, unknown>>>('/playback/in-progress', token))
      .body
    expect(list).toHaveLength(1)
    const [row] = list
    expect(row).not.toHaveProperty('title')
    expect(row).toEqual({
      id: expect.any(Number),
      type: 'episode',
      tmdbId: null,
      showTitle: 'Some Show',
      showTmdbId: 1399,
      episodeTitle: 'Pilot',
      season: 1,
      episode: 1,
      progressPercent: 43.17,
      progressSeconds: 1295.1,
      durationSeconds: 3000,
      nowPlaying: false,
      playbackState: 'stopped',
      mediaSource: 'platform',
      updatedAt: expect.any(String),
    })
    expect(Number.isInteger(row?.id)).toBe(true)
  })

  it('answers now-playing with the same row shape while something plays', async () => {
    await send('start', { ...EPISODE, playback_session_id: 'live' })
    const answer = await tv().get('/playback/now-playing', token)
    expect(answer.status).toBe(200)
    expect(answer.body).not.toHaveProperty('title')
    expect(answer.body).not.toHaveProperty('id')
    expect(answer.body).toMatchObject({
      showTitle: 'Some Show',
      playbackState: 'playing',
      progressSeconds: 1295.1,
    })
  })

  it('keeps movie titles and leaves out the episode fields', async () => {
    await send('start', { title: 'Heat', tmdb_id: 949, progress: 0.5, duration_seconds: 10_201 })
    const list = (await tv().get<Array<Record<string, unknown>>>('/playback/in-progress', token))
      .body
    expect(list).toEqual([
      expect.objectContaining({
        type: 'movie',
        title: 'Heat',
        tmdbId: 949,
        progressSeconds: 5100.5,
      }),
    ])
    expect(list[0]).not.toHaveProperty('showTitle')
  })

  it('removes an entry by its integer id, and refuses the internal id form', async () => {
    await send('start', { title: 'Heat', tmdb_id: 949, progress: 0.5 })
    const [row] = (await tv().get<Array<{ id: number }>>('/playback/in-progress', token)).body
    expect((await remove(`ppip_${row?.id}`)).status).toBe(404)
    expect((await remove(row?.id ?? 0)).status).toBe(204)
    expect((await remove(row?.id ?? 0)).status).toBe(404)
    expect((await tv().get('/playback/in-progress', token)).body).toEqual([])
  })

  it('can be switched at run time; the default shapes come back unchanged', async () => {
    try {
      const off = await tv().postControl<{ config: { realShapes: boolean } }>('/config', {
        realShapes: false,
      })
      expect(off.body.config.realShapes).toBe(false)
      expect((await tv().get('/playback/now-playing', token)).body).toEqual({ data: null })
      expect((await tv().get('/playback/in-progress', token)).body).toEqual({ items: [] })
      const written = await send('start', { title: 'Heat' })
      expect(written.status).toBe(200)
      expect(written.body).toMatchObject({ ok: true, deduped: false })
    } finally {
      await tv().postControl('/config', { realShapes: true })
    }
  })

  it('leaves the other clients’ calls alone', async () => {
    const code = await tv().post('/auth/device/code', { client_id: TV_CLIENT })
    expect(code.status).toBe(200)
    expect((await tv().get('/me', token)).body).toMatchObject({ username: 'sofa_viewer' })
  })
})
