import { createParser } from 'eventsource-parser'
import { ProtocolError, ScopeError, SignedOutError, isApiError } from '../errors.ts'
import type { Clock } from '../ports.ts'
import type { TokenManager } from '../session/token-manager.ts'

/**
 * The parser keeps an unfinished line, and the data lines of an unfinished
 * event, until they end: a stream that sends this much without completing an
 * event or a keep-alive comment is hung up on, as after a drop.
 */
export const MAX_PENDING_CHARS = 64 * 1024

const DEFAULT_ENDPOINT = '/playback/events'

export type StreamState = 'connecting' | 'open' | 'retrying' | 'unsupported' | 'closed'

export interface EventsStreamOptions {
  readonly session: Pick<TokenManager, 'open'>
  readonly clock: Clock
  readonly onEvent: (name: string, data: string) => void
  readonly onState: (state: StreamState, error?: unknown) => void
  readonly endpoint?: string
  readonly minBackoffMs?: number
  readonly maxBackoffMs?: number
  /** A stream that lived this long was a real one: the next drop starts the backoff over. */
  readonly healthyAfterMs?: number
  /** No event and no keep-alive comment for this long: the stream is dead, reconnect. */
  readonly idleTimeoutMs?: number
}

/** Refusals that reconnecting cannot fix: a missing scope or a sign-in that is gone. */
function isFinal(error: unknown): boolean {
  return (
    error instanceof ScopeError ||
    error instanceof SignedOutError ||
    (isApiError(error) && (error.code === 'invalid_grant' || error.status === 404))
  )
}

function tooLong(options: EventsStreamOptions): ProtocolError {
  const context = {
    method: 'GET',
    endpoint: options.endpoint ?? DEFAULT_ENDPOINT,
    // The stream knows its endpoint, not the app's client id.
    clientId: '',
    at: new Date(options.clock.now()).toISOString(),
  }
  const message = `PunchPlay sent more than ${MAX_PENDING_CHARS} characters without ending an event`
  return new ProtocolError('too_large', message, context, 200, null, null)
}

/**
 * Reads one connection until it ends, the signal aborts, or nothing (not even a
 * keep-alive comment) arrives for `idleMs`.
 */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  options: EventsStreamOptions,
  signal: AbortSignal,
  idleMs: number,
): Promise<void> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let pendingChars = 0
  const parser = createParser({
    onEvent: (event) => {
      pendingChars = 0
      options.onEvent(event.event ?? 'message', event.data)
    },
    onComment: () => {
      pendingChars = 0
    },
  })
  const cancel = () => void reader.cancel().catch(() => undefined)
  let watchdog = new AbortController()
  const rearm = () => {
    watchdog.abort()
    watchdog = new AbortController()
    options.clock.sleep(idleMs, watchdog.signal).then(cancel, () => undefined)
  }
  signal.addEventListener('abort', cancel)
  rearm()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      rearm()
      const text = decoder.decode(value, { stream: true })
      pendingChars += text.length
      parser.feed(text)
      if (pendingChars > MAX_PENDING_CHARS) {
        cancel()
        throw tooLong(options)
      }
    }
  } finally {
    watchdog.abort()
    signal.removeEventListener('abort', cancel)
  }
}

/**
 * Holds GET /playback/events open (punchplay-api.md §7) with fetch streaming,
 * since EventSource cannot send the Authorization header. Reconnects with
 * capped, doubling backoff that starts over only after a stream proved itself
 * (delivered an event or lived a while), so a page that answers 200 and hangs
 * up cannot make it reconnect in a tight loop. The token manager refreshes once
 * on a 401. Resolves when the signal aborts, or when streaming is impossible or
 * refused for good.
 */
export async function runEventsStream(
  options: EventsStreamOptions,
  signal: AbortSignal,
): Promise<void> {
  const { clock } = options
  const minBackoffMs = options.minBackoffMs ?? 1000
  const maxBackoffMs = options.maxBackoffMs ?? 60_000
  const healthyAfterMs = options.healthyAfterMs ?? 30_000
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000
  let backoffMs = minBackoffMs
  while (!signal.aborted) {
    options.onState('connecting')
    let openedAtMs: number | null = null
    try {
      const response = await options.session.open({
        endpoint: options.endpoint ?? DEFAULT_ENDPOINT,
        signal,
      })
      if (!response.body || typeof response.body.getReader !== 'function') {
        options.onState('unsupported')
        return
      }
      options.onState('open')
      openedAtMs = clock.now()
      const onEvent = (name: string, data: string) => {
        backoffMs = minBackoffMs
        options.onEvent(name, data)
      }
      await readEvents(response.body, { ...options, onEvent }, signal, idleTimeoutMs)
      // The server hung up, a proxy did, or the stream went silent: reconnect like after any drop.
      if (!signal.aborted) options.onState('retrying')
    } catch (error) {
      if (signal.aborted) return
      if (isFinal(error)) {
        options.onState('closed', error)
        return
      }
      options.onState('retrying', error)
    }
    if (openedAtMs !== null && clock.now() - openedAtMs >= healthyAfterMs) backoffMs = minBackoffMs
    if (signal.aborted) return
    // Missed messages are not replayed (§7): the consumer re-reads after every reconnect.
    const waited = await clock.sleep(backoffMs, signal).then(
      () => true,
      () => false,
    )
    if (!waited) return
    backoffMs = Math.min(backoffMs * 2, maxBackoffMs)
  }
}
