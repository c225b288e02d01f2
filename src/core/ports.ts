/**
 * What the core needs from the outside world. main.ts passes the real
 * adapters (src/adapters); tests pass a manual clock or a memory store.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
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
