import { beforeEach, describe, expect, it } from 'vitest'
import { playbackEvent, useEmulator } from '../helpers/emulator.ts'

interface Item {
  id: string
  title: string
  type: string
  playbackState: string
  progressPercent: number
  nowPlaying: boolean
}

describe('GET /playback/now-playing and /playback/in-progress', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })
  let token = ''
  beforeEach(async () => {
    token = (await tv().login()).access_token
  })
  const send = (action: string, overrides: Record<string, unknown>) =>
    tv().post(`/playback/${action}`, playbackEvent(overrides), token)
  const items = async () =>
    (await tv().get<{ items: Item[] }>('/playback/in-progress', token)).body.items

  it('answers {data: null} and no items before anything plays', async () => {
    expect((await tv().get('/playback/now-playing', token)).body).toEqual({ data: null })
    expect(await items()).toEqual([])
  })

  it('derives now-playing from the newest live session, in camelCase and percent', async () => {
    await send('start', {
      media_type: 'episode',
      title: 'Some Show',
      episode_title: 'Pilot',
      season: 1,
      episode: 1,
      tmdb_id: 1399,
      progress: 0.4317,
      position_seconds: 1295,
      duration_seconds: 3000,
    })
    const { status, body } = await tv().get('/playback/now-playing', token)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      type: 'episode',
      tmdbId: 1399,
      title: 'Some Show',
      showTitle: 'Some Show',
      episodeTitle: 'Pilot',
      season: 1,
      episode: 1,
      progressPercent: 43.17,
      progressSeconds: 1295,
      durationSeconds: 3000,
      nowPlaying: true,
      playbackState: 'playing',
      mediaSource: 'platform',
    })
    expect(Date.parse(String(body.updatedAt))).not.toBeNaN()
  })

  it('follows pause, resume and stop', async () => {
    const session = { playback_session_id: 'movie-night' }
    await send('start', session)
    await send('pause', { ...session, position_seconds: 600, duration_seconds: 6000 })
    let now = (await tv().get('/playback/now-playing', token)).body
    expect(now).toMatchObject({
      playbackState: 'paused',
      progressPercent: 10,
      progressSeconds: 600,
    })
    await send('resume', session)
    now = (await tv().get('/playback/now-playing', token)).body
    expect(now.playbackState).toBe('playing')
    await send('stop', { ...session, progress: 0.2 })
    expect((await tv().get('/playback/now-playing', token)).body).toEqual({ data: null })
  })

  it('lists unfinished items newest first and drops watched ones', async () => {
    await send('start', { playback_session_id: 's1', title: 'Heat', tmdb_id: 949 })
    await send('stop', { playback_session_id: 's1', title: 'Heat', tmdb_id: 949, progress: 0.4 })
    await send('start', { playback_session_id: 's2', title: 'Alien', tmdb_id: 348 })
    await send('pause', { playback_session_id: 's2', title: 'Alien', tmdb_id: 348, progress: 0.1 })
    await send('start', { playback_session_id: 's3', title: 'Up', tmdb_id: 14160 })
    await send('stop', { playback_session_id: 's3', title: 'Up', tmdb_id: 14160, progress: 0.95 })
    await send('start', { playback_session_id: 's4', title: 'Jaws', tmdb_id: 578 })
    await send('stop', {
      playback_session_id: 's4',
      title: 'Jaws',
      tmdb_id: 578,
      progress: 0.5,
      watched: true,
    })
    await send('start', { playback_session_id: 's5', title: 'Rocky', tmdb_id: 1366 })
    await send('stop', { playback_session_id: 's5', title: 'Rocky', tmdb_id: 1366, progress: 0 })

    const list = await items()
    expect(list.map((item) => [item.title, item.playbackState, item.nowPlaying])).toEqual([
      ['Alien', 'paused', true],
      ['Heat', 'stopped', false],
    ])
    expect(new Set(list.map((item) => item.id)).size).toBe(2)
  })

  it('uses watched_threshold when the stop carries no explicit watched flag', async () => {
    await send('start', { playback_session_id: 'a', title: 'Heat', tmdb_id: 949 })
    await send('stop', {
      playback_session_id: 'a',
      title: 'Heat',
      tmdb_id: 949,
      progress: 0.86,
      watched_threshold: 0.85,
    })
    expect(await items()).toEqual([])
  })

  it('does not let an older unfinished session resurrect a title finished later', async () => {
    await send('start', { playback_session_id: 'old', title: 'Heat', tmdb_id: 949 })
    await send('stop', { playback_session_id: 'old', title: 'Heat', tmdb_id: 949, progress: 0.5 })
    await send('start', { playback_session_id: 'new', title: 'Heat', tmdb_id: 949 })
    await send('stop', { playback_session_id: 'new', title: 'Heat', tmdb_id: 949, watched: true })
    expect(await items()).toEqual([])
  })

  it('shows each viewer only their own playback', async () => {
    await send('start', { title: 'Heat' })
    const other = (await tv().login(undefined, { username: 'someone_else' })).access_token
    expect((await tv().get('/playback/now-playing', other)).body).toEqual({ data: null })
  })
})
