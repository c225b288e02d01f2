import { playbackEventRequest } from '../api/playback-writes.ts'
import type { DiagnosticsLog } from '../diagnostics/diagnostics-log.ts'
import { CancelledError, SignedOutError, isApiError, isPunchPlayError } from '../errors.ts'
import type { ErrorReport } from '../errors.ts'
import type { Clock } from '../ports.ts'
import type { SessionState, TokenManager } from '../session/token-manager.ts'
import { keepForLater, type EventQueue } from './event-queue.ts'
import type { PlaybackEvent } from './events.ts'

export type Tracking = 'on' | 'off-scope' | 'signed-out'

export interface ReporterStatus {
  readonly tracking: Tracking
  /** Events saved on this TV, waiting to reach PunchPlay. */
  readonly queued: number
  /** Events PunchPlay refused for good (400, 403, 404, 409, 422…), dropped and not resent. */
  readonly dropped: number
  /** Events made for a sign-in that is no longer this TV's, dropped without being sent. */
  readonly orphaned: number
}

export interface ReporterOptions {
  readonly session: Pick<TokenManager, 'state' | 'send' | 'subscribe'>
  readonly queue: EventQueue
  readonly clock: Clock
  readonly onStatus?: (status: ReporterStatus) => void
  /** First wait before replaying after a failure; doubles up to 5 minutes. */
  readonly retryMs?: number
  /** Where orphaned events are noted for the Diagnostics page. */
  readonly diagnostics?: { readonly log: Pick<DiagnosticsLog, 'record'>; readonly clientId: string }
}

export interface PlaybackReporter {
  readonly status: ReporterStatus
  /** The sign-in events are made for now; null when signed out. */
  readonly grantId: string | null
  /**
   * Sends now if nothing waits before it, else queues behind the waiting events
   * (order kept). An event made for another sign-in than the current one is
   * dropped unsent.
   */
  deliver(event: PlaybackEvent, grantId: string | null): Promise<void>
  flush(): Promise<void>
  /**
   * Nothing new goes out and no replay is scheduled; events not sent stay
   * queued for the next start. A send already out is not cut off: its answer
   * decides, so an event PunchPlay took is not resent (a resend would reach
   * the server twice) and one it did not take stays queued.
   */
  dispose(): void
}

const MAX_RETRY_MS = 5 * 60_000

const grantOf = (state: SessionState) => (state.signedIn ? state.grantId : null)

/**
 * Only `insufficient_scope` for playback:write turns tracking off. Whether
 * PunchPlay always names the scope (`required_scope`, or `scope`, or only in
 * the message) is [UNKNOWN]: a refusal naming no scope is read as this
 * endpoint's own, playback:write; one naming only other scopes is not.
 */
function refusesPlaybackWrite(error: unknown): boolean {
  if (!isApiError(error, 'insufficient_scope')) return false
  const named = [error.requiredScope ?? '', error.message].join(' ').match(/\b[a-z]+:[a-z]+\b/g)
  return named === null || named.includes('playback:write')
}

function orphanReport(count: number, state: SessionState, clientId: string, nowMs: number) {
  const why = state.signedIn
    ? 'another sign-in now holds this TV'
    : state.reason === 'revoked'
      ? 'the sign-in they were made for was disconnected from PunchPlay'
      : 'the sign-in they were made for has ended'
  const report: ErrorReport = {
    method: 'DROP',
    endpoint: 'playback queue',
    clientId,
    at: new Date(nowMs).toISOString(),
    kind: 'auth',
    status: null,
    code: 'events_of_other_sign_in',
    message: `${count} saved playback ${count === 1 ? 'event was' : 'events were'} not sent: ${why}`,
    requestId: null,
    body: null,
  }
  return report
}

/**
 * Delivers playback events in order, through the persisted queue whenever
 * PunchPlay is out of reach. Every event belongs to the sign-in it was made
 * for and goes out only under it; a scope refusal lasts only as long as that sign-in.
 */
export function createPlaybackReporter(options: ReporterOptions): PlaybackReporter {
  const { session, queue, clock } = options
  const baseRetryMs = options.retryMs ?? 30_000
  const life = new AbortController()
  let scopeRefusedFor: string | null = null
  let retryMs = baseRetryMs
  let retryScheduled = false
  let dropped = 0
  let orphaned = 0

  const tracking = (): Tracking => {
    const state = session.state
    if (!state.signedIn) return 'signed-out'
    const refused = scopeRefusedFor === state.grantId
    return refused || !state.scopes.canWritePlayback ? 'off-scope' : 'on'
  }
  const status = (): ReporterStatus => ({
    tracking: tracking(),
    queued: queue.size,
    dropped,
    orphaned,
  })
  const report = () => options.onStatus?.(status())

  async function send(event: PlaybackEvent, grantId: string) {
    if (life.signal.aborted) {
      const context = {
        method: 'POST',
        endpoint: `/playback/${event.action}`,
        clientId: options.diagnostics?.clientId ?? '',
        at: new Date(clock.now()).toISOString(),
      }
      throw new CancelledError('The reporter was disposed', context)
    }
    try {
      // Not tied to `life`: dispose() lets it get its answer; the HTTP timeout still ends it.
      return await session.send({ ...playbackEventRequest(event), grantId })
    } catch (error) {
      // The sign-in ended under it (revoked, refused refresh): the event was not judged.
      if (grantOf(session.state) !== grantId && isPunchPlayError(error)) {
        const message = 'The sign-in of this event ended'
        throw new SignedOutError(message, error.context, null, null, null, { cause: error })
      }
      throw error
    }
  }

  async function noteOrphans(count: number) {
    if (count === 0) return
    orphaned += count
    const { diagnostics } = options
    if (diagnostics) {
      const entry = orphanReport(count, session.state, diagnostics.clientId, clock.now())
      await diagnostics.log.record(entry)
    }
  }

  /** Drops queued events of any sign-in but the current one, and says so in Diagnostics. */
  const settle = async () => noteOrphans(await queue.keepOnly(grantOf(session.state)))

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
    await settle()
    const grantId = grantOf(session.state)
    if (tracking() !== 'on' || grantId === null) return report()
    const result = await queue.flush(grantId, (event) => send(event, grantId))
    dropped += result.dropped
    if (result.remaining > 0) scheduleRetry()
    else retryMs = baseRetryMs
    report()
  }

  const unsubscribe = session.subscribe(() => {
    void settle().then(report, report)
  })

  return {
    get status() {
      return status()
    },

    get grantId() {
      return grantOf(session.state)
    },

    async deliver(event, grantId) {
      if (tracking() !== 'on') return report()
      if (grantId === null || grantId !== grantOf(session.state)) {
        // Made for a sign-in that has ended: never sent under the one that replaced it.
        await noteOrphans(1)
        return report()
      }
      await settle()
      if (queue.size > 0) {
        await queue.enqueue(event, grantId)
        return flush()
      }
      try {
        // Any 2xx is delivered, whatever its body (playback-writes.ts): never resent.
        await send(event, grantId)
      } catch (error) {
        // Cancelled when the app closes mid-send: kept for the next start, never lost.
        if (keepForLater(error) || error instanceof CancelledError) {
          await queue.enqueue(event, grantId)
          scheduleRetry()
        } else {
          dropped++
          // A bare 403 (a proxy's page, another refusal) is dropped; tracking stays on.
          if (refusesPlaybackWrite(error)) scopeRefusedFor = grantId
        }
      }
      report()
    },

    flush,

    dispose() {
      unsubscribe()
      life.abort()
    },
  }
}
