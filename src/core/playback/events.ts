import type { Clock, Ids } from '../ports.ts'

export type PlaybackAction = 'start' | 'progress' | 'pause' | 'resume' | 'stop'

/** Something the viewer can play, as the app's catalog describes it. */
export interface PlayableItem {
  readonly id: string
  readonly mediaType: 'movie' | 'episode'
  /** The show's title for episodes (punchplay-api.md §5.1: all clients send the show). */
  readonly title: string
  readonly year?: number
  /** For episodes, the series' id (what other clients send, §5.1). */
  readonly tmdbId?: number
  readonly imdbId?: string
  readonly tvdbId?: number
  readonly season?: number
  readonly episode?: number
  readonly episodeTitle?: string
  readonly durationSec: number
}

/**
 * The body of POST /playback/{action}: only documented fields (§5.1), since the
 * published schema allows no extras (§17), and all of its required ones.
 */
export interface PlaybackEventBody {
  readonly event_id: string
  readonly playback_session_id: string
  readonly event_created_at: number
  readonly media_type: 'movie' | 'episode'
  readonly title: string
  readonly year?: number
  readonly tmdb_id?: number
  readonly imdb_id?: string
  readonly tvdb_id?: number
  readonly season?: number
  readonly episode?: number
  readonly episode_title?: string
  readonly progress: number
  readonly position_seconds: number
  readonly duration_seconds: number
  readonly device_id: string
  readonly client_version: string
  readonly watched?: boolean
  readonly watched_threshold?: number
}

export interface PlaybackEvent {
  readonly action: PlaybackAction
  readonly body: PlaybackEventBody
}

export interface Position {
  readonly positionSec: number
  readonly durationSec: number
}

export interface EventBuilderOptions {
  readonly clock: Clock
  readonly ids: Ids
  readonly deviceId: string
  readonly clientVersion: string
}

/** Within this much of the end, a stop counts as the end (Kodi 1.1.1: players close early). */
export const END_SNAP_SEC = 3

export type EventBuilder = (
  action: PlaybackAction,
  sessionId: string,
  item: PlayableItem,
  at: Position,
) => PlaybackEvent

/** Builds events: a new event_id and a millisecond timestamp each, progress as a 0..1 fraction. */
export function createEventBuilder(options: EventBuilderOptions): EventBuilder {
  return (action, sessionId, item, at) => {
    const durationSec = Math.max(0, Math.round(at.durationSec || item.durationSec))
    const positionSec = Math.min(durationSec, Math.max(0, Math.round(at.positionSec)))
    const progress = durationSec > 0 ? Math.round((positionSec / durationSec) * 10_000) / 10_000 : 0
    const body: PlaybackEventBody = {
      event_id: options.ids.uuid(),
      playback_session_id: sessionId,
      event_created_at: options.clock.now(),
      media_type: item.mediaType,
      title: item.title,
      ...(item.year === undefined ? {} : { year: item.year }),
      ...(item.tmdbId === undefined ? {} : { tmdb_id: item.tmdbId }),
      ...(item.imdbId === undefined ? {} : { imdb_id: item.imdbId }),
      ...(item.tvdbId === undefined ? {} : { tvdb_id: item.tvdbId }),
      ...(item.season === undefined ? {} : { season: item.season }),
      ...(item.episode === undefined ? {} : { episode: item.episode }),
      ...(item.episodeTitle === undefined ? {} : { episode_title: item.episodeTitle }),
      progress,
      position_seconds: positionSec,
      duration_seconds: durationSec,
      device_id: options.deviceId,
      client_version: options.clientVersion,
    }
    return { action, body }
  }
}

/** A stop carries an explicit verdict and the threshold it was judged by (§5.3). */
export function withVerdict(event: PlaybackEvent, threshold: number): PlaybackEvent {
  const { body } = event
  const nearEnd = body.duration_seconds - body.position_seconds <= END_SNAP_SEC
  const position = nearEnd ? body.duration_seconds : body.position_seconds
  const progress = nearEnd && body.duration_seconds > 0 ? 1 : body.progress
  return {
    action: event.action,
    body: {
      ...body,
      position_seconds: position,
      progress,
      watched: progress >= threshold,
      watched_threshold: threshold,
    },
  }
}
