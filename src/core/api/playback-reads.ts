import type { AuthorizedRequest } from '../session/token-manager.ts'
import { FieldError, type Fields } from './parse.ts'

export type PlaybackState = 'playing' | 'paused' | 'stopped' | 'unknown'

/** One title as the read endpoints describe it (punchplay-api.md §6, camelCase). */
export interface PlaybackView {
  /** Integer or string on the wire; the in-progress id is what DELETE takes. */
  readonly id: string | null
  readonly kind: 'movie' | 'episode'
  /** The show for episodes (the episode's own title when no show is named), the film for movies. */
  readonly title: string
  readonly episodeTitle: string | null
  readonly season: number | null
  readonly episode: number | null
  /** Reads give 0..100, unlike writes (§14). */
  readonly progressPercent: number
  readonly positionSec: number | null
  readonly durationSec: number | null
  /** The enum is [UNKNOWN] (§6.1): anything else, or nothing, is 'unknown', never "playing". */
  readonly state: PlaybackState
  readonly source: string | null
}

const str = (fields: Fields, name: string): string | null =>
  typeof fields[name] === 'string' && fields[name] !== '' ? (fields[name] as string) : null
const num = (fields: Fields, name: string): number | null => {
  const value = fields[name]
  const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : null
}
const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const KNOWN_STATES: readonly string[] = ['playing', 'paused', 'stopped']

/**
 * Item schemas are not documented (§6.1, §6.2): read what third parties read,
 * tolerate the rest. Real episode rows name the show in `showTitle` and may have
 * no `title` at all; a row is refused only when it names nothing to show.
 */
export function parsePlaybackView(value: unknown): PlaybackView {
  if (!isObject(value)) throw new FieldError('item', 'must be a JSON object')
  const kindText = str(value, 'type') ?? str(value, 'kind')
  const episodeTitle = str(value, 'episodeTitle')
  const kind =
    kindText === 'episode' || kindText === 'show' || (!kindText && str(value, 'showTitle'))
      ? 'episode'
      : 'movie'
  const named = str(value, 'showTitle') ?? str(value, 'title')
  const title = named ?? (kind === 'episode' ? episodeTitle : null)
  if (!title) throw new FieldError('title', 'must be a non-empty string')
  const state = str(value, 'playbackState')
  const percent = num(value, 'progressPercent') ?? 0
  return {
    id: str(value, 'id') ?? (num(value, 'id') === null ? null : String(num(value, 'id'))),
    kind,
    title,
    // When the episode's title stands in for the show, it is not repeated after it.
    episodeTitle: kind === 'episode' && named ? episodeTitle : null,
    season: num(value, 'season'),
    episode: num(value, 'episode'),
    progressPercent: Math.min(100, Math.max(0, percent)),
    positionSec: num(value, 'progressSeconds'),
    durationSec: num(value, 'durationSeconds'),
    state: state && KNOWN_STATES.includes(state) ? (state as PlaybackState) : 'unknown',
    source: str(value, 'mediaSource'),
  }
}

/**
 * "Nothing playing" is [UNKNOWN] (§6.1): 204 No Content and 404 (see the
 * request), null, an empty object, `{data: null}`, `{nowPlaying: null}` and
 * `{nowPlaying: false}` all mean nothing; `{data: {...}}` and
 * `{nowPlaying: {...}}` are unwrapped.
 */
export function parseNowPlaying(body: unknown): PlaybackView | null {
  if (body === null || body === undefined) return null
  if (!isObject(body)) throw new FieldError('body', 'must be a JSON object or null')
  if ('data' in body) return isObject(body.data) ? parseNowPlaying(body.data) : null
  if (isObject(body.nowPlaying)) return parseNowPlaying(body.nowPlaying)
  const keys = Object.keys(body)
  if (keys.length === 0 || body.nowPlaying === false) return null
  if (keys.length === 1 && keys[0] === 'nowPlaying') return null
  return parsePlaybackView(body)
}

/**
 * The most Continue watching tiles the home rail shows, newest first as
 * PunchPlay orders them: each tile is a Lightning element with textures on a
 * TV, and a list of thousands would only cost memory nobody scrolls to.
 */
export const MAX_IN_PROGRESS = 20

/**
 * The wrapper is [UNKNOWN] (§6.2): `{items}`, `{data}` or a bare list. Bad
 * items are skipped; reading stops at MAX_IN_PROGRESS good ones.
 */
export function parseInProgress(body: unknown): PlaybackView[] {
  const list = Array.isArray(body)
    ? body
    : isObject(body) && Array.isArray(body.items)
      ? body.items
      : isObject(body) && Array.isArray(body.data)
        ? body.data
        : null
  if (!list) throw new FieldError('items', 'must be a list')
  const views: PlaybackView[] = []
  for (const item of list) {
    if (views.length === MAX_IN_PROGRESS) break
    try {
      views.push(parsePlaybackView(item))
    } catch {
      // One unreadable entry must not hide the others.
    }
  }
  if (list.length > 0 && views.length === 0) throw new FieldError('items', 'has no readable entry')
  return views
}

export const nowPlayingRequest = (
  signal?: AbortSignal,
): AuthorizedRequest<PlaybackView | null> => ({
  method: 'GET',
  endpoint: '/playback/now-playing',
  signal,
  parse: parseNowPlaying,
  empty: () => null,
  notFound: () => null,
})

export const inProgressRequest = (signal?: AbortSignal): AuthorizedRequest<PlaybackView[]> => ({
  method: 'GET',
  endpoint: '/playback/in-progress',
  signal,
  parse: parseInProgress,
})

/** Removes one entry from Continue watching (§6.2, [3P]): 204, and a 404 means it is gone already. */
export const removeInProgressRequest = (
  id: string,
  signal?: AbortSignal,
): AuthorizedRequest<void> => ({
  method: 'DELETE',
  endpoint: `/playback/in-progress/${encodeURIComponent(id)}`,
  signal,
  parse: () => undefined,
  empty: () => undefined,
  statusOnly: true,
  notFound: () => undefined,
})
