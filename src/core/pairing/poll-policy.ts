import { ApiError, isRetryable, type PunchPlayError } from '../errors.ts'

/**
 * The pure decision table of device-code polling (RFC 8628 §3.5, adapted to
 * PunchPlay's JSON errors in punchplay-api.md §3.2). No timers, no I/O: the
 * loop in device-flow.ts applies what this returns.
 */
export const DEFAULT_INTERVAL_MS = 5000
export const SLOW_DOWN_STEP_MS = 5000
export const MAX_BACKOFF_MS = 60_000

export interface PollState {
  /** The polling interval; slow_down raises it for this and all later polls. */
  readonly intervalMs: number
  /** The wait after the last transient failure; 0 when the last poll was answered. */
  readonly backoffMs: number
}

export type PollStatus = 'waiting' | 'slowed' | 'offline'
export type PollEnd = 'expired' | 'denied' | 'failed'

export type PollDecision =
  | {
      readonly next: 'wait'
      readonly state: PollState
      readonly delayMs: number
      readonly status: PollStatus
    }
  | { readonly next: 'stop'; readonly end: PollEnd }

export function initialPollState(intervalSec: number | null): PollState {
  return {
    // 5 s is also the floor: a faster interval would spend the 200 polls per 10 min of one NAT (§3.2).
    intervalMs: Math.max(DEFAULT_INTERVAL_MS, (intervalSec ?? 0) * 1000),
    backoffMs: 0,
  }
}

/** What to do after a poll that did not return tokens. */
export function decidePoll(state: PollState, error: PunchPlayError): PollDecision {
  const answered = { ...state, backoffMs: 0 }
  const code = error instanceof ApiError ? error.code : null
  if (code === 'authorization_pending') {
    return { next: 'wait', state: answered, delayMs: state.intervalMs, status: 'waiting' }
  }
  if (code === 'slow_down') {
    const slower = { intervalMs: state.intervalMs + SLOW_DOWN_STEP_MS, backoffMs: 0 }
    return { next: 'wait', state: slower, delayMs: slower.intervalMs, status: 'slowed' }
  }
  if (error.status === 429) {
    // Retry-After when given (§9, CrossWatch), else twice the interval.
    const asked = error instanceof ApiError ? (error.retryAfterSec ?? 0) * 1000 : 0
    const delayMs = Math.max(state.intervalMs, asked || state.intervalMs * 2)
    return { next: 'wait', state: answered, delayMs, status: 'slowed' }
  }
  if (code === 'expired' || code === 'expired_token') return { next: 'stop', end: 'expired' }
  if (code === 'access_denied') return { next: 'stop', end: 'denied' }
  if (isRetryable(error)) {
    const backoffMs =
      state.backoffMs === 0 ? state.intervalMs : Math.min(state.backoffMs * 2, MAX_BACKOFF_MS)
    const delayMs = Math.max(backoffMs, state.intervalMs)
    return { next: 'wait', state: { ...state, backoffMs }, delayMs, status: 'offline' }
  }
  return { next: 'stop', end: 'failed' }
}
