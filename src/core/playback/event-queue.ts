import { CancelledError, SignedOutError, isApiError, isRetryable } from '../errors.ts'
import type { Clock, KeyValueStore } from '../ports.ts'
import type { PlaybackAction, PlaybackEvent } from './events.ts'

export const QUEUE_KEY = 'playback-queue'
export const MAX_QUEUED = 500
/**
 * How long an event may wait, counted on the monotonic clock while the app
 * runs (Queued.waitedMs). The wall clock cannot tell a TV switched off for
 * 60 days from one whose clock was 60 days behind until NTP set it: judged by
 * it, one correction deleted every queued event, so it judges nothing here.
 */
export const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000
/** Times PunchPlay may answer an event with a passing failure (5xx, 429…) before it is given up. */
export const MAX_ATTEMPTS = 20

interface Queued extends PlaybackEvent {
  /**
   * Wall-clock time it was queued. Never judged (it can jump); still written
   * because older builds read a queue without it as damaged.
   */
  readonly queuedAtMs: number
  /** The sign-in (TokenRecord.grantId) it was made for; null when saved by a build that did not record it. */
  readonly grantId: string | null
  /** Answers with a passing failure so far; absent in queues saved by older builds. */
  readonly attempts?: number
  /**
   * Monotonic ms it has waited in a running app, as of its last save; absent
   * in queues saved by older builds (they start waiting when loaded).
   */
  readonly waitedMs?: number
}

/** Why saved events left the queue unsent; each is told (queue-drops.ts), never silent. */
export type DropReason = 'expired' | 'evicted' | 'gave-up' | 'refused' | 'unreadable'

export interface QueueDrop {
  readonly reason: DropReason
  readonly count: number
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

/** An answer that was not a success: counts towards giving up, where silence (offline) does not. */
const answered = (error: unknown) => isApiError(error) && error.status !== 401

function isQueued(value: unknown): value is Queued {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  const body = entry.body as Record<string, unknown> | null
  return (
    typeof entry.action === 'string' &&
    typeof body === 'object' &&
    body !== null &&
    typeof body.event_id === 'string' &&
    typeof entry.queuedAtMs === 'number' &&
    (entry.attempts === undefined || typeof entry.attempts === 'number') &&
    (entry.waitedMs === undefined || Number.isFinite(entry.waitedMs)) &&
    (entry.grantId === undefined || (typeof entry.grantId === 'string' && entry.grantId !== ''))
  )
}

const withOwner = (entry: Queued): Queued => ({ ...entry, grantId: entry.grantId ?? null })
const idOf = (entry: PlaybackEvent) => entry.body.event_id

/** Which entry to evict when full: oldest progress, then oldest non-stop, then oldest (§12). */
function evictionIndex(entries: readonly Queued[]): number {
  const progress = entries.findIndex((entry) => entry.action === 'progress')
  if (progress >= 0) return progress
  const notStop = entries.findIndex((entry) => entry.action !== 'stop')
  return notStop >= 0 ? notStop : 0
}

export interface EventQueueOptions {
  /** Told of every event that leaves the queue unsent, for Diagnostics. */
  readonly onDrop?: (drop: QueueDrop) => void
}

export interface EventQueue {
  /**
   * Reads the persisted queue once (it survives a restart), dropping only
   * entries that have waited MAX_AGE_MS in a running app.
   */
  load(): Promise<void>
  readonly size: number
  /** Keeps `event` for later, as made for the sign-in `grantId`. */
  enqueue(event: PlaybackEvent, grantId: string): Promise<void>
  /** Removes queued events of one session, e.g. its stale progress before its stop. */
  purge(sessionId: string, actions: readonly PlaybackAction[]): Promise<void>
  /**
   * Replays the events of `grantId` oldest first, unchanged, stopping at the
   * first failure worth retrying, at a cancel, and before any event of another
   * sign-in. An event answered with a passing failure MAX_ATTEMPTS times is given up.
   */
  flush(grantId: string, send: (event: PlaybackEvent) => Promise<unknown>): Promise<FlushResult>
  /**
   * Drops, unsent, every event not made for `grantId` (all of them when nobody
   * is signed in) and says how many. Events saved before owners were recorded
   * belong to the sign-in that holds the TV when they are loaded: the first call
   * after load() gives them to `grantId`, or drops them when it is null.
   */
  keepOnly(grantId: string | null): Promise<number>
  /** Empties the queue in storage too, whoever saved what is in it (sign-out). */
  clear(): Promise<void>
}

/**
 * The persisted FIFO of playback events. Another app instance may share the
 * storage (a second tab, a relaunch racing the old one): every save merges, so
 * entries this instance never held stay stored and only what it sent or
 * dropped leaves. It replays only what it holds; the rest waits for their
 * owner or the next start. Between the read and the write of one save another
 * instance can still slip in (the port has no transaction): rare, and a loss
 * there is of an event the other instance still holds and saves again.
 */
export function createEventQueue(
  store: KeyValueStore,
  clock: Clock,
  options: EventQueueOptions = {},
): EventQueue {
  let entries: Queued[] = []
  /** Event ids this instance sent or dropped: what a merge may remove from storage. */
  const gone = new Set<string>()
  /** Per event id, clock.elapsed() when its waitedMs was last true (its load or enqueue). */
  const countedSince = new Map<string, number>()
  let flushing: Promise<FlushResult> | null = null
  let loading: Promise<void> | null = null

  const told = (reason: DropReason, count: number) => {
    if (count > 0) options.onDrop?.({ reason, count })
  }
  const remove = (leaving: readonly Queued[]) => {
    for (const entry of leaving) gone.add(idOf(entry))
    const ids = new Set(leaving)
    entries = entries.filter((entry) => !ids.has(entry))
  }

  const readStored = async (): Promise<unknown[]> => {
    const stored = await store.get(QUEUE_KEY)
    return Array.isArray(stored) ? stored : []
  }

  const waited = (entry: Queued): number => {
    const since = countedSince.get(idOf(entry)) ?? clock.elapsed()
    return (entry.waitedMs ?? 0) + clock.elapsed() - since
  }

  async function save() {
    const held = new Set(entries.map(idOf))
    const others = (await readStored())
      .filter(isQueued)
      .filter((entry) => !held.has(idOf(entry)) && !gone.has(idOf(entry)))
    // Other instances' entries keep their own count; ours carry this run's waiting.
    const ours = entries.map((entry) => ({ ...entry, waitedMs: waited(entry) }))
    await store.set(QUEUE_KEY, [...others, ...ours])
  }

  const expired = (entry: Queued) => (entry.waitedMs ?? 0) >= MAX_AGE_MS

  async function runFlush(
    grantId: string,
    send: (event: PlaybackEvent) => Promise<unknown>,
  ): Promise<FlushResult> {
    let sent = 0
    let dropped = 0
    while (entries.length > 0 && entries[0]!.grantId === grantId) {
      const head = entries[0]!
      try {
        await send({ action: head.action, body: head.body })
        sent++
      } catch (error) {
        // A cancel (the app closing) judged nothing: the event stays, sent or not.
        if (error instanceof CancelledError) break
        if (keepForLater(error)) {
          const attempts = (head.attempts ?? 0) + (answered(error) ? 1 : 0)
          if (attempts < MAX_ATTEMPTS) {
            entries = entries.map((entry) => (entry === head ? { ...head, attempts } : entry))
            await save()
            break
          }
          told('gave-up', 1)
        } else {
          told('refused', 1)
        }
        dropped++
      }
      remove([head])
      await save()
    }
    return { sent, dropped, remaining: entries.length }
  }

  return {
    load() {
      loading = (async () => {
        const stored = await readStored()
        const readable = stored.filter(isQueued).map(withOwner)
        told('unreadable', stored.length - readable.length)
        const old = readable.filter(expired)
        told('expired', old.length)
        for (const entry of old) gone.add(idOf(entry))
        entries = readable.filter((entry) => !expired(entry))
        // Time while the TV was off is not counted: the monotonic clock starts again.
        for (const entry of entries) countedSince.set(idOf(entry), clock.elapsed())
      })()
      return loading
    },
    get size() {
      return entries.length
    },
    async enqueue(event, grantId) {
      entries = [
        ...entries,
        { ...event, queuedAtMs: clock.now(), grantId, attempts: 0, waitedMs: 0 },
      ]
      countedSince.set(idOf(event), clock.elapsed())
      const evicted: Queued[] = []
      while (entries.length - evicted.length > MAX_QUEUED) {
        const rest = entries.filter((entry) => !evicted.includes(entry))
        evicted.push(rest[evictionIndex(rest)]!)
      }
      remove(evicted)
      told('evicted', evicted.length)
      await save()
    },
    async purge(sessionId, actions) {
      remove(
        entries.filter(
          (entry) => entry.body.playback_session_id === sessionId && actions.includes(entry.action),
        ),
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
      for (const entry of adopted) if (!kept.includes(entry)) gone.add(idOf(entry))
      entries = kept
      if (changed) await save()
      return adopted.length - kept.length
    },
    async clear() {
      for (const entry of entries) gone.add(idOf(entry))
      entries = []
      await store.set(QUEUE_KEY, [])
    },
  }
}
