import { SignedOutError, isApiError, isRetryable } from '../errors.ts'
import type { Clock, KeyValueStore } from '../ports.ts'
import type { PlaybackAction, PlaybackEvent } from './events.ts'

export const QUEUE_KEY = 'playback-queue'
export const MAX_QUEUED = 500
export const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000

interface Queued extends PlaybackEvent {
  readonly queuedAtMs: number
  /** The sign-in (TokenRecord.grantId) it was made for; null when saved by a build that did not record it. */
  readonly grantId: string | null
}

export interface FlushResult {
  readonly sent: number
  readonly dropped: number
  readonly remaining: number
}

/**
 * Worth keeping for a later try: no answer, 5xx, 408, 429, and 401 (the token
 * manager already refreshed once; the grant may come back). Other refusals
 * will never succeed and are dropped (Kodi drops 400/403/404/422, §12).
 */
export function keepForLater(error: unknown): boolean {
  return (
    isRetryable(error) ||
    error instanceof SignedOutError ||
    (isApiError(error) && error.status === 401)
  )
}

function isQueued(value: unknown): value is Queued {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return (
    typeof entry.action === 'string' &&
    typeof entry.body === 'object' &&
    typeof entry.queuedAtMs === 'number' &&
    (entry.grantId === undefined || (typeof entry.grantId === 'string' && entry.grantId !== ''))
  )
}

const withOwner = (entry: Queued): Queued => ({ ...entry, grantId: entry.grantId ?? null })

/** Which entry to evict when full: oldest progress, then oldest non-stop, then oldest (§12). */
function evictionIndex(entries: readonly Queued[]): number {
  const progress = entries.findIndex((entry) => entry.action === 'progress')
  if (progress >= 0) return progress
  const notStop = entries.findIndex((entry) => entry.action !== 'stop')
  return notStop >= 0 ? notStop : 0
}

export interface EventQueue {
  /** Reads the persisted queue once (it survives a restart) and drops entries past 30 days. */
  load(): Promise<void>
  readonly size: number
  /** Keeps `event` for later, as made for the sign-in `grantId`. */
  enqueue(event: PlaybackEvent, grantId: string): Promise<void>
  /** Removes queued events of one session, e.g. its stale progress before its stop. */
  purge(sessionId: string, actions: readonly PlaybackAction[]): Promise<void>
  /**
   * Replays the events of `grantId` oldest first, unchanged, stopping at the
   * first failure worth retrying, and before any event of another sign-in.
   */
  flush(grantId: string, send: (event: PlaybackEvent) => Promise<unknown>): Promise<FlushResult>
  /**
   * Drops, unsent, every event not made for `grantId` (all of them when nobody
   * is signed in) and says how many. Events saved before owners were recorded
   * belong to the sign-in that holds the TV when they are loaded: the first call
   * after load() gives them to `grantId`, or drops them when it is null.
   */
  keepOnly(grantId: string | null): Promise<number>
  clear(): Promise<void>
}

export function createEventQueue(store: KeyValueStore, clock: Clock): EventQueue {
  let entries: Queued[] = []
  let flushing: Promise<FlushResult> | null = null
  let loading: Promise<void> | null = null

  const save = () => store.set(QUEUE_KEY, entries)
  const fresh = (entry: Queued) => clock.now() - entry.queuedAtMs < MAX_AGE_MS

  async function runFlush(
    grantId: string,
    send: (event: PlaybackEvent) => Promise<unknown>,
  ): Promise<FlushResult> {
    let sent = 0
    let dropped = 0
    entries = entries.filter(fresh)
    while (entries.length > 0 && entries[0]!.grantId === grantId) {
      const head = entries[0]!
      try {
        await send({ action: head.action, body: head.body })
        sent++
      } catch (error) {
        if (keepForLater(error)) break
        dropped++
      }
      entries = entries.filter((entry) => entry !== head)
      await save()
    }
    return { sent, dropped, remaining: entries.length }
  }

  return {
    load() {
      loading = (async () => {
        const stored = await store.get(QUEUE_KEY)
        entries = Array.isArray(stored) ? stored.filter(isQueued).map(withOwner).filter(fresh) : []
      })()
      return loading
    },
    get size() {
      return entries.length
    },
    async enqueue(event, grantId) {
      entries = [...entries, { ...event, queuedAtMs: clock.now(), grantId }]
      while (entries.length > MAX_QUEUED) entries.splice(evictionIndex(entries), 1)
      await save()
    },
    async purge(sessionId, actions) {
      entries = entries.filter(
        (entry) => entry.body.playback_session_id !== sessionId || !actions.includes(entry.action),
      )
      await save()
    },
    flush(grantId, send) {
      // One replay at a time keeps the order even when several callers ask.
      flushing ??= runFlush(grantId, send).finally(() => {
        flushing = null
      })
      return flushing
    },
    async keepOnly(grantId) {
      // Decided on the whole queue: after the load, and after a replay in flight.
      await loading?.catch(() => undefined)
      await flushing?.catch(() => undefined)
      const adopted = entries.map((entry) =>
        entry.grantId === null && grantId !== null ? { ...entry, grantId } : entry,
      )
      const kept = adopted.filter((entry) => entry.grantId !== null && entry.grantId === grantId)
      const changed = kept.length !== entries.length || adopted.some((e, i) => e !== entries[i])
      entries = kept
      if (changed) await save()
      return adopted.length - kept.length
    },
    async clear() {
      entries = []
      await save()
    },
  }
}
