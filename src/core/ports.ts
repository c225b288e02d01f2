/**
 * What the core needs from the outside world. main.ts passes the real
 * adapters (src/adapters); tests pass a manual clock or a memory store.
 */
export interface Clock {
  /**
   * Milliseconds since the epoch, by the TV's wall clock: for timestamps only.
   * It can jump (a TV that booted offline at 1970, then got NTP), so no
   * duration is measured with it.
   */
  now(): number
  /**
   * Milliseconds since an arbitrary start, never jumping (performance.now()):
   * what expiry, backoff and waits are measured with. Meaningless across restarts.
   */
  elapsed(): number
  /** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** An async key-value store holding structured-cloneable values (IndexedDB in the app). */
export interface KeyValueStore {
  get(key: string): Promise<unknown>
  set(key: string, value: unknown): Promise<void>
  del(key: string): Promise<void>
}

export interface Ids {
  /** A random RFC 4122 version 4 UUID. */
  uuid(): string
}

/** One HTTP call under the API base, as the core asks for it. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'DELETE'
  /** Path under the API base, starting with a slash: `/auth/device/code`. */
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  /** Sent as JSON with `content-type: application/json`. */
  readonly json?: unknown
  readonly signal?: AbortSignal
  /** Time allowed for the answer's headers; false for a stream that stays open. Default: the adapter's. */
  readonly timeoutMs?: number | false
}

/** An answer whatever its status: the core reads the status first, then the body. */
export interface HttpResponse {
  readonly status: number
  readonly headers: { get(name: string): string | null }
  /** The whole body as text; rejects when the connection breaks off mid-body. */
  text(): Promise<string>
  /** The body as it arrives (Server-Sent Events); null where the platform cannot stream. */
  readonly body: ReadableStream<Uint8Array> | null
}

/**
 * The network. Never retries and never throws for a status. Rejects only when
 * no answer came: with the signal's reason when it aborted, with an error named
 * `TimeoutError` when the time ran out, with any other error for a network failure.
 */
export interface Http {
  send(request: HttpRequest): Promise<HttpResponse>
}

/** What spoken guidance needs from the engine (the Web Speech API on a TV that has it). */
export interface Speech {
  /** Says `text` in the language `lang` (a BCP 47 tag such as "en" or "de"). */
  speak(text: string, lang: string): void
  /** Stops whatever is being said. */
  cancel(): void
}
