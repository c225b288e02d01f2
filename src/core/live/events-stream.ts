import { createParser } from 'eventsource-parser'
import { ScopeError, SignedOutError, isApiError } from '../errors.ts'
import type { Clock } from '../ports.ts'
import type { TokenManager } from '../session/token-manager.ts'

export type StreamState = 'connecting' | 'open' | 'retrying' | 'unsupported' | 'closed'

export interface EventsStreamOptions {
  readonly session: Pick<TokenManager, 'open'>
  readonly clock: Clock
  readonly onEvent: (name: string, data: string) => void
  readonly onState: (state: StreamState, error?: unknown) => void
  readonly endpoint?: string
  readonly minBackoffMs?: number
  readonly maxBackoffMs?: number
}

/** Refusals that reconnecting cannot fix: a missing scope or a sign-in that is gone. */
function isFinal(error: unknown): boolean {
  return (
    error instanceof ScopeError ||
    error instanceof SignedOutError ||
    (isApiError(error) && (error.code === 'invalid_grant' || error.status === 404))
  )
}

async function readEvents(
  body: ReadableStream<Uint8Array>,
  options: EventsStreamOptions,
  signal: AbortSignal,
) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const parser = createParser({
    onEvent: (event) => options.onEvent(event.event ?? 'message', event.data),
  })
  const cancel = () => void reader.cancel().catch(() => undefined)
  signal.addEventListener('abort', cancel)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      parser.feed(decoder.decode(value, { stream: true }))
    }
  } finally {
    signal.removeEventListener('abort', cancel)
  }
}

/**
 * Holds GET /playback/events open (punchplay-api.md §7) with fetch streaming,
 * since EventSource cannot send the Authorization header. Reconnects with
 * capped backoff; the token manager refreshes once on a 401. Resolves when the
 * signal aborts, or when streaming is impossible or refused for good.
 */
export async function runEventsStream(
  options: EventsStreamOptions,
  signal: AbortSignal,
): Promise<void> {
  const minBackoffMs = options.minBackoffMs ?? 1000
  const maxBackoffMs = options.maxBackoffMs ?? 60_000
  let backoffMs = minBackoffMs
  while (!signal.aborted) {
    options.onState('connecting')
    try {
      const response = await options.session.open({
        endpoint: options.endpoint ?? '/playback/events',
        signal,
      })
      if (!response.body || typeof response.body.getReader !== 'function') {
        options.onState('unsupported')
        return
      }
      options.onState('open')
      backoffMs = minBackoffMs
      await readEvents(response.body, options, signal)
      // The server hung up (or a proxy did): reconnect like after any other drop.
      if (!signal.aborted) options.onState('retrying')
    } catch (error) {
      if (signal.aborted) return
      if (isFinal(error)) {
        options.onState('closed', error)
        return
      }
      options.onState('retrying', error)
    }
    if (signal.aborted) return
    // Missed messages are not replayed (§7): the consumer re-reads after every reconnect.
    const waited = await options.clock.sleep(backoffMs, signal).then(
      () => true,
      () => false,
    )
    if (!waited) return
    backoffMs = Math.min(backoffMs * 2, maxBackoffMs)
  }
}
