export const PLAYBACK_ACTIONS = ['start', 'progress', 'pause', 'resume', 'stop'] as const
export type PlaybackAction = (typeof PLAYBACK_ACTIONS)[number]

/** Body of POST /playback/{action}, field for field from §5.1. */
export interface PlaybackBody {
  event_id: string
  event_created_at: number
  media_type: 'movie' | 'episode'
  playback_session_id: string
  title: string
  year?: number
  tmdb_id?: number
  imdb_id?: string
  tvdb_id?: number
  punchplay_id?: string
  season?: number
  episode?: number
  episode_end?: number
  multi_episode?: boolean
  absolute_episode?: number
  anime?: boolean
  episode_title?: string
  progress?: number
  position_seconds?: number
  duration_seconds?: number
  device_id?: string
  client_version?: string
  watched?: boolean
  watched_threshold?: number
  raw_filename?: string
  jellyfin_user_id?: string
}

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const
const count = { type: 'integer', minimum: 0 } as const
const externalId = { type: 'integer', minimum: 1 } as const

/**
 * §17: the published PlaybackInput schema allows no extra fields and requires these five.
 * event_created_at is milliseconds (§5.1); a floor of 1e12 (Sept 2001) catches clients
 * that send seconds, which would silently break ordering on the real server.
 */
export const playbackBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['event_id', 'event_created_at', 'media_type', 'playback_session_id', 'title'],
  properties: {
    event_id: text(200),
    event_created_at: { type: 'integer', minimum: 1_000_000_000_000 },
    media_type: { type: 'string', enum: ['movie', 'episode'] },
    playback_session_id: text(200),
    title: { type: 'string', minLength: 1, maxLength: 500, pattern: '\\S' },
    year: { type: 'integer', minimum: 1800, maximum: 3000 },
    tmdb_id: externalId,
    imdb_id: { type: 'string', pattern: '^tt\\d+$' },
    tvdb_id: externalId,
    punchplay_id: text(200),
    season: count,
    episode: count,
    episode_end: count,
    multi_episode: { type: 'boolean' },
    absolute_episode: count,
    anime: { type: 'boolean' },
    episode_title: text(500),
    progress: { type: 'number', minimum: 0, maximum: 1 },
    position_seconds: count,
    duration_seconds: count,
    device_id: text(200),
    client_version: text(200),
    watched: { type: 'boolean' },
    // The scale is not stated in the docs (§5.1); every known client sends a fraction.
    watched_threshold: { type: 'number', minimum: 0, maximum: 1 },
    raw_filename: text(1000),
    jellyfin_user_id: text(200),
  },
} as const

/** What a field must be, in the words of the real server's message for `title` (§5.1). */
export const PLAYBACK_FIELD_RULES: Record<string, string> = {
  event_id: 'a non-empty string of at most 200 characters',
  event_created_at: 'an integer timestamp in milliseconds since the epoch',
  media_type: 'one of "movie", "episode"',
  playback_session_id: 'a non-empty string of at most 200 characters',
  title: 'a non-empty string of at most 500 characters',
  year: 'an integer year',
  tmdb_id: 'a positive integer',
  imdb_id: 'an IMDb id such as "tt0137523"',
  tvdb_id: 'a positive integer',
  season: 'a non-negative integer',
  episode: 'a non-negative integer',
  episode_end: 'a non-negative integer',
  absolute_episode: 'a non-negative integer',
  multi_episode: 'a boolean',
  anime: 'a boolean',
  watched: 'a boolean',
  progress: 'a number from 0 to 1 (a fraction, not a percentage)',
  position_seconds: 'a non-negative integer number of seconds',
  duration_seconds: 'a non-negative integer number of seconds',
  watched_threshold: 'a number from 0 to 1',
}
