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
 * after every reconnect, and by polling whenever the stream is not connected
 * (not possible, not granted, or down between reconnects). Returns the
 * function that stops all of it.
 */
export function startPlaybackFeed(options: PlaybackFeedOptions): () => void {
  const { clock } = options
  const debounceMs = options.debounceMs ?? 500
  const pollMs = options.pollMs ?? 30_000
  const life = new AbortController()
  let debounce: AbortController | null = null
  let polling: AbortController | null = null
  let opened = false

  const changed = () => {
    if (life.signal.aborted) return
    debounce?.abort()
    debounce = new AbortController()
    clock.sleep(debounceMs, debounce.signal).then(options.onChange, () => undefined)
  }

  async function poll(controller: AbortController) {
    while (
      await clock.sleep(pollMs, controller.signal).then(
        () => true,
        () => false,
      )
    )
      options.onChange()
  }

  const startPolling = () => {
    if (polling || life.signal.aborted) return
    polling = new AbortController()
    void poll(polling)
  }

  const stopPolling = () => {
    polling?.abort()
    polling = null
  }

  const onState = (state: StreamState) => {
    options.onLive(state === 'open')
    if (state === 'open') {
      stopPolling()
      if (opened) changed()
      opened = true
    } else if (state !== 'connecting') startPolling()
  }

  const state = options.session.state
  if (state.signedIn && state.scopes.canSubscribeEvents) {
    const onEvent = (name: string) => {
      if (name === 'playback-update') changed()
    }
    void runEventsStream({ session: options.session, clock, onEvent, onState }, life.signal)
  } else {
    options.onLive(false)
    startPolling()
  }
  return () => {
    life.abort()
    debounce?.abort()
    stopPolling()
  }
}
