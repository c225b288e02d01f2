import { playbackEventRequest } from '../api/playback-writes.ts'
import { CancelledError, ScopeError, isApiError } from '../errors.ts'
import type { Clock } from '../ports.ts'
import type { TokenManager } from '../session/token-manager.ts'
import { keepForLater, type EventQueue } from './event-queue.ts'
import type { PlaybackEvent } from './events.ts'

export type Tracking = 'on' | 'off-scope' | 'signed-out'

export interface ReporterStatus {
  readonly tracking: Tracking
  /** Events saved on this TV, waiting to reach PunchPlay. */
  readonly queued: number
  /** Events PunchPlay refused for good (400, 403, 404, 409, 422…), dropped and not resent. */
  readonly dropped: number
}

export interface ReporterOptions {
  readonly session: TokenManager
  readonly queue: EventQueue
  readonly clock: Clock
  readonly onStatus?: (status: ReporterStatus) => void
  /** First wait before replaying after a failure; doubles up to 5 minutes. */
  readonly retryMs?: number
}

export interface PlaybackReporter {
  readonly status: ReporterStatus
  /** Sends now if nothing waits before it, else queues behind the waiting events (order kept). */
  deliver(event: PlaybackEvent): Promise<void>
  flush(): Promise<void>
  dispose(): void
}

const MAX_RETRY_MS = 5 * 60_000

/** Delivers playback events in order, through the persisted queue whenever PunchPlay is out of reach. */
export function createPlaybackReporter(options: ReporterOptions): PlaybackReporter {
  const { session, queue, clock } = options
  const baseRetryMs = options.retryMs ?? 30_000
  const life = new AbortController()
  let scopeRefused = false
  let retryMs = baseRetryMs
  let retryScheduled = false
  let dropped = 0

  const tracking = (): Tracking => {
    const state = session.state
    if (!state.signedIn) return 'signed-out'
    return scopeRefused || !state.scopes.canWritePlayback ? 'off-scope' : 'on'
  }
  const status = (): ReporterStatus => ({ tracking: tracking(), queued: queue.size, dropped })
  const report = () => options.onStatus?.(status())
  const send = (event: PlaybackEvent) => session.send(playbackEventRequest(event, life.signal))

  function scheduleRetry() {
    if (retryScheduled || life.signal.aborted) return
    retryScheduled = true
    const wait = retryMs
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS)
    clock.sleep(wait, life.signal).then(
      () => {
        retryScheduled = false
        void flush()
      },
      () => undefined,
    )
  }

  async function flush(): Promise<void> {
    if (tracking() !== 'on') return report()
    const result = await queue.flush(send)
    dropped += result.dropped
    if (result.remaining > 0) scheduleRetry()
    else retryMs = baseRetryMs
    report()
  }

  return {
    get status() {
      return status()
    },

    async deliver(event) {
      if (tracking() !== 'on') return report()
      if (queue.size > 0) {
        await queue.enqueue(event)
        return flush()
      }
      try {
        // Any 2xx is delivered, whatever its body (playback-writes.ts): never resent.
        await send(event)
      } catch (error) {
        if (keepForLater(error)) {
          await queue.enqueue(event)
          scheduleRetry()
        } else if (!(error instanceof CancelledError)) {
          dropped++
          // An HTML or empty 403 (a proxy's) is a ProtocolError: dropped, tracking stays on.
          if (error instanceof ScopeError || (isApiError(error) && error.status === 403)) {
            scopeRefused = true
          }
        }
      }
      report()
    },

    flush,

    dispose() {
      life.abort()
    },
  }
}
