import { createListeners } from '../core/listeners.ts'

/**
 * Whether the viewer can see the app. `closing` is the page going away for
 * good (pagehide): a playback ends with its stop rather than a pause.
 */
export type Visibility = 'visible' | 'hidden' | 'closing'

/** The port: the TV's visibility events (src/tv/platform.ts listens to the DOM). */
export interface VisibilitySource {
  watchVisibility(listener: (visibility: Visibility) => void): () => void
}

export interface AppLifecycle {
  readonly visibility: Visibility
  /** Called once per real change: a TV firing two events for one switch counts once. */
  subscribe(listener: (visibility: Visibility) => void): () => void
  dispose(): void
}

/**
 * One place that knows whether the app is on screen. TVs announce the same
 * switch in several ways (webOS: `webOSRelaunch` and then `visibilitychange`;
 * Tizen: `visibilitychange`, also on exit, before `pagehide`), so repeats are
 * dropped here and every screen sees one hidden/closing and one visible.
 */
export function createLifecycle(source: VisibilitySource): AppLifecycle {
  const listeners = createListeners<Visibility>()
  let visibility: Visibility = 'visible'
  const stop = source.watchVisibility((next) => {
    // After closing, a later hide (Tizen sends both on exit) changes nothing.
    if (next === visibility || (next === 'hidden' && visibility === 'closing')) return
    visibility = next
    listeners.emit(next)
  })
  return {
    get visibility() {
      return visibility
    },
    subscribe: listeners.subscribe,
    dispose() {
      listeners.clear()
      stop()
    },
  }
}
