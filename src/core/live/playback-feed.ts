import type { Clock } from '../ports.ts'
import type { TokenManager } from '../session/token-manager.ts'
import { runEventsStream, type StreamState } from './events-stream.ts'

export interface PlaybackFeedOptions {
  readonly session: Pick<TokenManager, 'open' | 'state'>
  readonly clock: Clock
  /** Re-read the playback endpoints now. */
  readonly onChange: () => void
  /** Whether the live stream is connected (the LIVE badge). */
  readonly onLive: (live: boolean) => void
  readonly debounceMs?: number
  /** Fallback polling of the reads while a playback screen is visible (§7 [REC]: 15–30 s). */
  readonly pollMs?: number
}

/**
 * Tells a playback screen when to re-read: on `playback-update` (debounced),
 * after every reconnect, and — when the stream is not possible or not granted —
 * by polling. Returns the function that stops all of it.
 */
export function startPlaybackFeed(options: PlaybackFeedOptions): () => void {
  const { clock } = options
  const debounceMs = options.debounceMs ?? 500
  const pollMs = options.pollMs ?? 30_000
  const life = new AbortController()
  let debounce: AbortController | null = null
  let opened = false
  let polling = false

  const changed = () => {
    if (life.signal.aborted) return
    debounce?.abort()
    debounce = new AbortController()
    clock.sleep(debounceMs, debounce.signal).then(options.onChange, () => undefined)
  }

  async function poll() {
    if (polling) return
    polling = true
    while (
      await clock.sleep(pollMs, life.signal).then(
        () => true,
        () => false,
      )
    )
      options.onChange()
  }

  const onState = (state: StreamState) => {
    options.onLive(state === 'open')
    if (state === 'open') {
      if (opened) changed()
      opened = true
    }
    if (state === 'unsupported' || state === 'closed') void poll()
  }

  const state = options.session.state
  if (state.signedIn && state.scopes.canSubscribeEvents) {
    const onEvent = (name: string) => {
      if (name === 'playback-update') changed()
    }
    void runEventsStream({ session: options.session, clock, onEvent, onState }, life.signal)
  } else {
    options.onLive(false)
    void poll()
  }
  return () => {
    life.abort()
    debounce?.abort()
  }
}
