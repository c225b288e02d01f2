import type { PlaybackSession } from './session.ts'

/**
 * Read shapes are camelCase (§1). Only the "common" fields are documented (§6.1); the rest
 * follow what third-party clients read (§6.2). For episodes the client sends the show as
 * `title` (§5.1), so `title` echoes it and `showTitle` repeats it: which of the two the real
 * server fills with the episode name is [UNKNOWN].
 */
export interface NowPlayingView {
  type: 'movie' | 'episode'
  tmdbId: number | null
  title: string
  progressPercent: number
  progressSeconds: number | null
  durationSeconds: number | null
  nowPlaying: boolean
  playbackState: 'playing' | 'paused' | 'stopped'
  mediaSource: 'platform'
  season: number | null
  episode: number | null
  episodeTitle: string | null
  showTitle: string | null
  updatedAt: string
}

export interface InProgressItem extends NowPlayingView {
  id: string
}

export function viewOf(session: PlaybackSession): NowPlayingView {
  const { media } = session
  const isEpisode = media.media_type === 'episode'
  return {
    type: media.media_type,
    tmdbId: media.tmdb_id ?? null,
    title: media.title,
    // Writes take a fraction, reads answer 0..100 (§14).
    progressPercent: Math.round((session.progress ?? 0) * 10_000) / 100,
    progressSeconds: session.positionSeconds,
    durationSeconds: session.durationSeconds,
    nowPlaying: session.state !== 'stopped',
    playbackState: session.state,
    mediaSource: 'platform',
    season: media.season ?? null,
    episode: media.episode ?? null,
    episodeTitle: isEpisode ? (media.episode_title ?? null) : null,
    showTitle: isEpisode ? media.title : null,
    updatedAt: new Date(session.updatedAtMs).toISOString(),
  }
}

function newestFirst(a: PlaybackSession, b: PlaybackSession): number {
  return b.updatedAtMs - a.updatedAtMs
}

/** The most recently touched live session, or null when nothing plays. */
export function livePlayback(sessions: PlaybackSession[]): PlaybackSession | null {
  return sessions.filter((s) => s.state !== 'stopped').sort(newestFirst)[0] ?? null
}

/**
 * Continue-watching: one entry per title (episode), from its newest session, unless that
 * session finished as watched or was removed by the viewer. Keeping only the newest is what
 * stops a stale replayed session from resurrecting a finished or removed item (§12, Kodi 1.1.1);
 * playing the title again starts a new session, which shows again.
 */
export function continueWatching(sessions: PlaybackSession[]): PlaybackSession[] {
  const newestPerTitle = new Map<string, PlaybackSession>()
  for (const session of [...sessions].sort(newestFirst)) {
    const key = titleKey(session)
    if (!newestPerTitle.has(key)) newestPerTitle.set(key, session)
  }
  return [...newestPerTitle.values()]
    .filter((s) => !s.dismissed)
    .filter((s) => s.state !== 'stopped' || (!s.watched && (s.progress ?? 0) > 0))
}

export function inProgressItem(session: PlaybackSession): InProgressItem {
  return { id: session.itemId, ...viewOf(session) }
}

function titleKey({ media }: PlaybackSession): string {
  const id = media.tmdb_id ?? media.title.toLowerCase()
  return [media.media_type, id, media.season ?? '', media.episode ?? ''].join('|')
}
