import { describe, expect, it } from 'vitest'
import { FieldError } from '../../src/core/api/parse.ts'
import {
  inProgressRequest,
  nowPlayingRequest,
  parseInProgress,
  parseNowPlaying,
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

  it.each([null, {}, { data: null }, { nowPlaying: false }])(
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
})
