import type { PlaybackSession } from './session.ts'

/**
 * Read rows as the public clients' fixtures show real servers answer (§6.2, [3P]): integer
 * ids; episodes named by `showTitle`/`episodeTitle` with `showTmdbId` and no `title`; seconds
 * as floats. A client that works only with the default shapes fails here.
 */
export interface RealRow {
  type: 'movie' | 'episode'
  /** For episodes the episode's own TMDB id, which the emulator does not know: null. */
  tmdbId: number | null
  title?: string
  showTitle?: string
  showTmdbId?: number | null
  episodeTitle?: string | null
  season?: number | null
  episode?: number | null
  progressPercent: number
  progressSeconds: number | null
  durationSeconds: number | null
  nowPlaying: boolean
  playbackState: 'playing' | 'paused' | 'stopped'
  mediaSource: 'platform'
  updatedAt: string
}

export interface RealItem extends RealRow {
  id: number
}

export function realRowOf(session: PlaybackSession): RealRow {
  const { media } = session
  const progressPercent = Math.round((session.progress ?? 0) * 10_000) / 100
  const common = {
    progressPercent,
    progressSeconds: floatSeconds(session, progressPercent),
    durationSeconds: session.durationSeconds,
    nowPlaying: session.state !== 'stopped',
    playbackState: session.state,
    mediaSource: 'platform' as const,
    updatedAt: new Date(session.updatedAtMs).toISOString(),
  }
  if (media.media_type === 'movie') {
    return { type: 'movie', tmdbId: media.tmdb_id ?? null, title: media.title, ...common }
  }
  return {
    type: 'episode',
    tmdbId: null,
    showTitle: media.title,
    showTmdbId: media.tmdb_id ?? null,
    episodeTitle: media.episode_title ?? null,
    season: media.season ?? null,
    episode: media.episode ?? null,
    ...common,
  }
}

export function realItemOf(session: PlaybackSession): RealItem {
  return { id: realItemId(session), ...realRowOf(session) }
}

/** Item ids are `ppip_<n>` inside the emulator; real rows carry the bare integer. */
export function realItemId(session: PlaybackSession): number {
  return Number(session.itemId.replace(/^\D+/, ''))
}

/**
 * A server that keeps progress as a percentage derives the seconds from it, to a tenth of a
 * second: 754 s of 1500 s is stored as 50.27 % and read back as 754.1 s.
 */
function floatSeconds(session: PlaybackSession, percent: number): number | null {
  if (session.progress === null || !session.durationSeconds) return session.positionSeconds
  return Math.round((percent * session.durationSeconds) / 10) / 10
}
