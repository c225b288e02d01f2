import { describe, expect, it } from 'vitest'
import { FieldError } from '../../src/core/api/parse.ts'
import {
  inProgressRequest,
  nowPlayingRequest,
  parseInProgress,
  parseNowPlaying,
  parsePlaybackView,
  removeInProgressRequest,
} from '../../src/core/api/playback-reads.ts'
import { parseWriteResult } from '../../src/core/api/playback-writes.ts'
import { useEmulator } from '../helpers/emulator.ts'
import { signIn } from '../helpers/session.ts'

const emulator = useEmulator({ minPollIntervalSec: 0 })

const episode = {
  id: 'pi_1',
  type: 'episode',
  title: 'Blue Horizon',
  showTitle: 'Blue Horizon',
  episodeTitle: 'Tidewater',
  season: 1,
  episode: 3,
  progressPercent: 65.3,
  progressSeconds: 1880,
  durationSeconds: 2880,
  playbackState: 'playing',
  mediaSource: 'platform',
}

describe('playback reads', () => {
  it('reads a now-playing episode in the camelCase read shape', () => {
    expect(parseNowPlaying(episode)).toEqual({
      id: 'pi_1',
      kind: 'episode',
      title: 'Blue Horizon',
      episodeTitle: 'Tidewater',
      season: 1,
      episode: 3,
      progressPercent: 65.3,
      positionSec: 1880,
      durationSec: 2880,
      state: 'playing',
      source: 'platform',
    })
  })

  it.each([null, undefined, {}, { data: null }, { nowPlaying: null }, { nowPlaying: false }])(
    'reads %j as nothing playing ([UNKNOWN] empty shape)',
    (body) => expect(parseNowPlaying(body)).toBeNull(),
  )

  it('refuses an answer that is not an object', () => {
    expect(() => parseNowPlaying([1, 2])).toThrow(FieldError)
    expect(() => parseNowPlaying('nothing')).toThrow(FieldError)
  })

  it('unwraps {data: {...}} and keeps progress inside 0..100', () => {
    expect(parseNowPlaying({ data: { ...episode, progressPercent: 180 } })?.progressPercent).toBe(
      100,
    )
    expect(parseNowPlaying({ ...episode, progressPercent: '12.5' })?.progressPercent).toBe(12.5)
  })

  it('reads the in-progress list under items, data or bare, skipping unreadable entries', () => {
    for (const body of [{ items: [episode, { nope: 1 }] }, { data: [episode] }, [episode, 42]]) {
      expect(parseInProgress(body).map((view) => view.title)).toEqual(['Blue Horizon'])
    }
    expect(() => parseInProgress({ items: 'x' })).toThrow(FieldError)
  })

  it('reads write answers that were applied, deduped or ignored', () => {
    expect(parseWriteResult({ ok: true, deduped: false })).toEqual({
      ok: true,
      deduped: false,
      ignored: null,
    })
    expect(parseWriteResult({ ok: true, deduped: true })).toMatchObject({ deduped: true })
    expect(parseWriteResult({ ok: false, ignored: 'old_event' })).toEqual({
      ok: false,
      deduped: false,
      ignored: 'old_event',
    })
  })

  it('reads what the emulator derives from playback events', async () => {
    const emu = emulator()
    const { session } = await signIn(emu)
    expect(await session.send(nowPlayingRequest())).toBeNull()
    expect(await session.send(inProgressRequest())).toEqual([])
    const token = (await session.refresh()).accessToken
    await fetch(`${emu.apiBase}/playback/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        event_id: 'e1',
        playback_session_id: 's1',
        event_created_at: Date.now(),
        media_type: 'episode',
        title: 'Blue Horizon',
        season: 1,
        episode: 3,
        episode_title: 'Tidewater',
        progress: 0.5,
        position_seconds: 1440,
        duration_seconds: 2880,
      }),
    })
    expect(await session.send(nowPlayingRequest())).toMatchObject({
      kind: 'episode',
      title: 'Blue Horizon',
      episodeTitle: 'Tidewater',
      progressPercent: 50,
      state: 'playing',
    })
    expect((await session.send(inProgressRequest())).map((view) => view.title)).toEqual([
      'Blue Horizon',
    ])
  })

  it('reads real servers’ episode rows: no title, integer id, float seconds', () => {
    const row = {
      id: 17,
      type: 'episode',
      showTitle: 'Blue Horizon',
      showTmdbId: 910001,
      episodeTitle: 'Tidewater',
      season: 1,
      episode: 3,
      progressPercent: 50.27,
      progressSeconds: 754.1,
      durationSeconds: 1500,
      playbackState: 'paused',
    }
    expect(parsePlaybackView(row)).toMatchObject({
      id: '17',
      kind: 'episode',
      title: 'Blue Horizon',
      episodeTitle: 'Tidewater',
      season: 1,
      episode: 3,
      positionSec: 754.1,
      state: 'paused',
    })
  })

  it('shows the best title a row has and drops only rows with nothing to show', () => {
    const rows = [
      { id: 1, type: 'episode', episodeTitle: 'Pilot', season: 1, episode: 1 },
      { id: 2, type: 'episode', showTmdbId: 5, season: 1, episode: 2 },
      { id: 3, type: 'movie', title: 'The Long Field' },
      { id: 4, showTitle: 'Night Shift', season: 2, episode: 8 },
    ]
    expect(parseInProgress(rows).map((view) => [view.id, view.kind, view.title])).toEqual([
      ['1', 'episode', 'Pilot'],
      ['3', 'movie', 'The Long Field'],
      ['4', 'episode', 'Night Shift'],
    ])
  })

  it('reads a playbackState it does not know, or none, as unknown rather than playing', () => {
    expect(parseNowPlaying({ ...episode, playbackState: 'buffering' })?.state).toBe('unknown')
    expect(parseNowPlaying({ ...episode, playbackState: undefined })?.state).toBe('unknown')
    expect(parseNowPlaying({ ...episode, playbackState: 'stopped' })?.state).toBe('stopped')
  })

  it('reads 204 No Content and 404 from now-playing as nothing playing', async () => {
    const emu = emulator()
    const { session } = await signIn(emu)
    await emu.configure({ realShapes: true })
    expect(await session.send(nowPlayingRequest())).toBeNull()
    expect((await emu.requests('/playback/now-playing')).map((r) => r.status)).toEqual([204])
    await emu.configure({ realShapes: false })
    await emu.fault({ route: '/playback/now-playing', kind: 'html', status: 404, count: 1 })
    expect(await session.send(nowPlayingRequest())).toBeNull()
    await emu.fault({ route: '/playback/now-playing', kind: 'html', status: 502, count: 1 })
    await expect(session.send(nowPlayingRequest())).rejects.toMatchObject({ status: 502 })
  })

  it('reads both lists from the emulator in real shapes', async () => {
    const emu = emulator()
    const { session } = await signIn(emu)
    await emu.configure({ realShapes: true })
    const token = (await session.refresh()).accessToken
    for (const [id, body] of [
      [
        'e1',
        {
          media_type: 'episode',
          title: 'Blue Horizon',
          season: 1,
          episode: 3,
          episode_title: 'Tidewater',
        },
      ],
      ['e2', { media_type: 'movie', title: 'The Long Field' }],
    ] as const) {
      await report(emu.apiBase, token, 'start', { event_id: id, playback_session_id: id, ...body })
    }
    const views = await session.send(inProgressRequest())
    expect(views.map((view) => [view.kind, view.title, view.episodeTitle])).toEqual(
      expect.arrayContaining([
        ['episode', 'Blue Horizon', 'Tidewater'],
        ['movie', 'The Long Field', null],
      ]),
    )
    expect(views.every((view) => /^\d+$/.test(view.id ?? ''))).toBe(true)
    expect(await session.send(nowPlayingRequest())).toMatchObject({ state: 'playing' })
  })

  it('removes an entry from Continue watching; one already gone counts as removed', async () => {
    const emu = emulator()
    const { session } = await signIn(emu)
    const token = (await session.refresh()).accessToken
    await report(emu.apiBase, token, 'start', {
      event_id: 'e1',
      playback_session_id: 's1',
      media_type: 'movie',
      title: 'The Long Field',
    })
    const [entry] = await session.send(inProgressRequest())
    await session.send(removeInProgressRequest(entry!.id!))
    expect(await session.send(inProgressRequest())).toEqual([])
    await expect(session.send(removeInProgressRequest(entry!.id!))).resolves.toBeUndefined()
    expect(
      (await emu.requests()).filter((r) => r.method === 'DELETE').map((r) => r.status),
    ).toEqual([204, 404])
    await emu.fault({
      route: `/playback/in-progress/${entry!.id}`,
      kind: 'status',
      status: 503,
      count: 1,
    })
    await expect(session.send(removeInProgressRequest(entry!.id!))).rejects.toMatchObject({
      status: 503,
    })
  })
})

function report(apiBase: string, token: string, action: string, body: object) {
  return fetch(`${apiBase}/playback/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      event_created_at: Date.now(),
      progress: 0.5,
      position_seconds: 600,
      duration_seconds: 1200,
      ...body,
    }),
  })
}
