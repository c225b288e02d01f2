import { describe, expect, it } from 'vitest'
import {
  ApiError,
  NetworkError,
  ProtocolError,
  TimeoutError,
  type CallContext,
  type PunchPlayError,
} from '../../src/core/errors.ts'
import {
  DEFAULT_INTERVAL_MS,
  MAX_BACKOFF_MS,
  decidePoll,
  initialPollState,
  type PollState,
} from '../../src/core/pairing/poll-policy.ts'

const context: CallContext = {
  method: 'POST',
  endpoint: '/auth/device/token',
  clientId: 'ppc_test',
  at: '2026-11-28T12:00:00.000Z',
}
const api = (status: number, code: string, retryAfterSec: number | null = null) =>
  new ApiError(code, code, context, status, 'ppreq_1', null, null, retryAfterSec)
const offline = () => new NetworkError('offline', context)

function waitOf(state: PollState, error: PunchPlayError) {
  const decision = decidePoll(state, error)
  if (decision.next !== 'wait') throw new Error(`expected a wait, got ${JSON.stringify(decision)}`)
  return decision
}

describe('device-code poll policy', () => {
  const start = initialPollState(null)

  it('polls every 5 s when the server sends no interval (the real API sends none)', () => {
    expect(start.intervalMs).toBe(DEFAULT_INTERVAL_MS)
    expect(initialPollState(7).intervalMs).toBe(7000)
  })

  it('never polls faster than every 5 s, even when the server asks to (§3.2)', () => {
    expect(initialPollState(1).intervalMs).toBe(5000)
    expect(initialPollState(3).intervalMs).toBe(5000)
  })

  it('waits one interval on authorization_pending', () => {
    expect(waitOf(start, api(400, 'authorization_pending'))).toMatchObject({
      delayMs: 5000,
      status: 'waiting',
    })
  })

  it('adds 5 s on every slow_down, for this and all later polls', () => {
    const once = waitOf(start, api(400, 'slow_down'))
    const twice = waitOf(once.state, api(400, 'slow_down'))
    expect(once.delayMs).toBe(10_000)
    expect(twice.delayMs).toBe(15_000)
    expect(twice.status).toBe('slowed')
    expect(waitOf(twice.state, api(400, 'authorization_pending')).delayMs).toBe(15_000)
  })

  it('honours Retry-After on 429, else doubles the interval, never polling faster', () => {
    expect(waitOf(start, api(429, 'rate_limited', 30)).delayMs).toBe(30_000)
    expect(waitOf(start, api(429, 'rate_limited')).delayMs).toBe(10_000)
    expect(waitOf(start, api(429, 'rate_limited', 1)).delayMs).toBe(5000)
    expect(waitOf(start, api(429, 'rate_limited')).state.intervalMs).toBe(5000)
  })

  it('backs off exponentially on network trouble and 5xx, capped, and resets once answered', () => {
    const delays: number[] = []
    let state = start
    for (const error of [
      offline(),
      new TimeoutError('t', context),
      api(503, 'server_error'),
      offline(),
      offline(),
      offline(),
      offline(),
    ]) {
      const decision = waitOf(state, error)
      expect(decision.status).toBe('offline')
      delays.push(decision.delayMs)
      state = decision.state
    }
    expect(delays).toEqual([
      5000,
      10_000,
      20_000,
      40_000,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
    ])
    expect(waitOf(state, api(400, 'authorization_pending')).state.backoffMs).toBe(0)
  })

  it('treats an HTML error page or garbled body as a passing fault', () => {
    const html = new ProtocolError('html_page', 'html', context, 502, null, '<html>')
    const garbled = new ProtocolError('malformed_json', 'bad', context, 200, null, '{"err')
    expect(waitOf(start, html).status).toBe('offline')
    expect(waitOf(start, garbled).status).toBe('offline')
  })

  it.each([
    ['expired', api(400, 'expired')],
    ['expired', api(400, 'expired_token')],
    ['denied', api(400, 'access_denied')],
    ['failed', api(401, 'invalid_client')],
    ['failed', api(400, 'unauthorized_client')],
    ['failed', api(400, 'invalid_request')],
    ['failed', api(404, 'not_found')],
  ] as const)('stops as %s on %s', (end, error) => {
    expect(decidePoll(start, error)).toEqual({ next: 'stop', end })
  })
})
