import type { PlaybackAction, PlaybackBody } from './schema.ts'

export type PlaybackState = 'playing' | 'paused' | 'stopped'

export interface PlaybackSession {
  itemId: string
  sessionId: string
  userId: string
  state: PlaybackState
  media: PlaybackBody
  progress: number | null
  positionSeconds: number | null
  durationSeconds: number | null
  watched: boolean
  lastEventCreatedAtMs: number
  updatedAtMs: number
  /** Removed from Continue watching by the viewer (DELETE /playback/in-progress/{id}). */
  dismissed?: boolean
}

/** Not documented (§5.3 "server default threshold [UNKNOWN]"); Kodi's default. */
export const DEFAULT_WATCHED_THRESHOLD = 0.9

export type Outcome =
  | { kind: 'applied'; session: PlaybackSession }
  | { kind: 'ignored'; reason: 'session_closed' | 'old_event' }
  | { kind: 'conflict'; message: string }

/**
 * Decides what one event does to its session. `existing` is the session with the same
 * playback_session_id, if any; the caller stores the returned session.
 */
export function applyEvent(
  action: PlaybackAction,
  body: PlaybackBody,
  existing: PlaybackSession | undefined,
  fresh: { newItemId: () => string; userId: string; nowMs: number },
): Outcome {
  if (existing?.state === 'stopped') return { kind: 'ignored', reason: 'session_closed' }
  if (existing && body.event_created_at < existing.lastEventCreatedAtMs) {
    return { kind: 'ignored', reason: 'old_event' }
  }
  // §5.3/§17: a lone pause is 409. A lone resume is treated the same way; real rule [UNKNOWN].
  if (!existing && (action === 'pause' || action === 'resume')) {
    return { kind: 'conflict', message: `cannot ${action}: no active playback session` }
  }
  const base: PlaybackSession = existing ?? {
    itemId: fresh.newItemId(),
    sessionId: body.playback_session_id,
    userId: fresh.userId,
    state: 'playing',
    media: body,
    progress: null,
    positionSeconds: null,
    durationSeconds: null,
    watched: false,
    lastEventCreatedAtMs: body.event_created_at,
    updatedAtMs: fresh.nowMs,
  }
  const progress = body.progress ?? fractionOf(body) ?? base.progress
  const session: PlaybackSession = {
    ...base,
    media: { ...base.media, ...body },
    state: nextState(action),
    progress,
    positionSeconds: body.position_seconds ?? base.positionSeconds,
    durationSeconds: body.duration_seconds ?? base.durationSeconds,
    lastEventCreatedAtMs: body.event_created_at,
    updatedAtMs: fresh.nowMs,
  }
  if (action === 'stop') {
    const threshold = body.watched_threshold ?? DEFAULT_WATCHED_THRESHOLD
    session.watched = body.watched ?? (progress !== null && progress >= threshold)
  }
  return { kind: 'applied', session }
}

function nextState(action: PlaybackAction): PlaybackState {
  if (action === 'pause') return 'paused'
  if (action === 'stop') return 'stopped'
  // A progress heartbeat is only sent while playing (§14: pause is not a keep-alive).
  return 'playing'
}

function fractionOf(body: PlaybackBody): number | null {
  const { position_seconds: position, duration_seconds: duration } = body
  if (position === undefined || !duration) return null
  return Math.min(1, position / duration)
}
