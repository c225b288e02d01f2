import { describe, expect, it } from 'vitest'
import {
  createEventBuilder,
  withVerdict,
  type PlayableItem,
} from '../../src/core/playback/events.ts'
import { ManualClock } from '../helpers/manual-clock.ts'

const episode: PlayableItem = {
  id: 'blue-horizon-s1e3',
  mediaType: 'episode',
  title: 'Blue Horizon',
  year: 2026,
  tmdbId: 9001,
  season: 1,
  episode: 3,
  episodeTitle: 'Tidewater',
  durationSec: 2880,
}

function builder() {
  let n = 0
  const clock = new ManualClock(1_781_000_000_000)
  return createEventBuilder({
    clock,
    ids: { uuid: () => `uuid-${++n}` },
    deviceId: 'device-1',
    clientVersion: 'punchplay-tv/0.1.0',
  })
}

describe('playback event builder', () => {
  it('fills every field the schema requires, with progress as a 0..1 fraction of 4 decimals', () => {
    const event = builder()('progress', 'session-1', episode, {
      positionSec: 1295.4,
      durationSec: 2880,
    })
    expect(event).toEqual({
      action: 'progress',
      body: {
        event_id: 'uuid-1',
        playback_session_id: 'session-1',
        event_created_at: 1_781_000_000_000,
        media_type: 'episode',
        title: 'Blue Horizon',
        year: 2026,
        tmdb_id: 9001,
        season: 1,
        episode: 3,
        episode_title: 'Tidewater',
        progress: 0.4497,
        position_seconds: 1295,
        duration_seconds: 2880,
        device_id: 'device-1',
        client_version: 'punchplay-tv/0.1.0',
      },
    })
  })

  it('gives every event its own id and sends no empty optional fields', () => {
    const build = builder()
    const movie: PlayableItem = {
      id: 'm',
      mediaType: 'movie',
      title: 'The Long Field',
      durationSec: 60,
    }
    const a = build('start', 's', movie, { positionSec: 0, durationSec: 60 })
    const b = build('start', 's', movie, { positionSec: 0, durationSec: 60 })
    expect(a.body.event_id).not.toBe(b.body.event_id)
    expect(Object.keys(a.body)).not.toContain('season')
    expect(Object.keys(a.body)).not.toContain('tmdb_id')
  })

  it('keeps positions inside the runtime', () => {
    const build = builder()
    expect(
      build('progress', 's', episode, { positionSec: -4, durationSec: 2880 }).body.progress,
    ).toBe(0)
    expect(
      build('progress', 's', episode, { positionSec: 9999, durationSec: 2880 }).body,
    ).toMatchObject({
      progress: 1,
      position_seconds: 2880,
    })
  })

  it('judges a stop against the threshold and snaps the last 3 s to the end', () => {
    const build = builder()
    const at = (positionSec: number) =>
      withVerdict(build('stop', 's', episode, { positionSec, durationSec: 2880 }), 0.9)
    expect(at(1000).body).toMatchObject({
      watched: false,
      watched_threshold: 0.9,
      position_seconds: 1000,
    })
    expect(at(2600).body).toMatchObject({ watched: true, progress: 0.9028 })
    expect(at(2878).body).toMatchObject({ watched: true, progress: 1, position_seconds: 2880 })
  })
})
