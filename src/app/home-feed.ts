import {
  inProgressRequest,
  nowPlayingRequest,
  removeInProgressRequest,
  type PlaybackView,
} from '../core/api/playback-reads.ts'
import { ScopeError } from '../core/errors.ts'
import { startPlaybackFeed } from '../core/live/playback-feed.ts'
import type { CatalogItem } from '../core/playback/catalog.ts'
import type { Clock } from '../core/ports.ts'
import type { TokenManager } from '../core/session/token-manager.ts'
import type { AppLifecycle } from './lifecycle.ts'

/** One of the two reads: waiting, not allowed by the grant, failed (with the typed error), or read. */
export type Read<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'relink' }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'read'; readonly value: T }

/** A Continue-watching entry and the catalog item that plays it here, if any. */
export interface ContinueItem {
  readonly view: PlaybackView
  readonly match: CatalogItem | null
}

/** Something the viewer did that could not be done, said once in a banner. */
export type HomeNotice =
  | { readonly kind: 'notInCatalog' }
  | { readonly kind: 'cannotRemove' }
  | { readonly kind: 'removeFailed'; readonly error: unknown }

export interface HomeView {
  /** Who is signed in: null name when PunchPlay gave none; signedIn false when nobody is. */
  readonly viewer: { readonly signedIn: boolean; readonly name: string | null }
  readonly nowPlaying: Read<PlaybackView | null>
  readonly continueWatching: Read<readonly ContinueItem[]>
  readonly catalog: readonly CatalogItem[]
  /** The events stream is connected: the LIVE badge. */
  readonly live: boolean
  /** The newest notice; a new one is a new object. */
  readonly notice: HomeNotice | null
}

export interface ResumeTarget {
  readonly itemId: string
  readonly startAtSec: number
}

export interface HomeFeed {
  /**
   * Starts the reads and the live feed (stream, or a poll when it is down or not
   * granted); `render` gets every new view. While the app is hidden the stream
   * closes; on return it reconnects and both reads run again. Returns the stop.
   */
  open(render: (view: HomeView) => void): () => void
  /** Reads both again now (Try again). */
  reload(): void
  /** What OK on a catalog tile plays. */
  play(index: number): string | null
  /** What OK on a Continue-watching tile plays; null (and a notice) when it is not in the catalog. */
  resume(index: number): ResumeTarget | null
  /** What holding OK or Info on a tile asks about; null (and a notice) for an entry without id. */
  removal(index: number): PlaybackView | null
  /**
   * DELETE answers 204, and a 404 means it is gone already: both take the entry
   * off. A failure keeps it, with a notice.
   */
  remove(view: PlaybackView): Promise<void>
}

export interface HomeFeedDeps {
  readonly session: Pick<TokenManager, 'state' | 'send' | 'open'>
  readonly clock: Clock
  readonly catalog: readonly CatalogItem[]
  readonly lifecycle: Pick<AppLifecycle, 'subscribe' | 'visibility'>
  /** Re-reads while the stream is down (punchplay-api.md §7 [REC]: 15–30 s). */
  readonly pollMs?: number
}

/** Reads give the show for episodes: the catalog matches by title, then season and episode. */
export function matchCatalog(
  catalog: readonly CatalogItem[],
  view: PlaybackView,
): CatalogItem | null {
  return (
    catalog.find(
      (item) =>
        item.title === view.title &&
        (view.kind !== 'episode' || (item.season === view.season && item.episode === view.episode)),
    ) ?? null
  )
}

/**
 * Home: "Now playing" and "Continue watching" read fresh on every visit and
 * every change event (never cached), each on its own so one failing leaves the
 * other on show; and the local catalog.
 */
export function createHomeFeed(deps: HomeFeedDeps): HomeFeed {
  const { session, catalog } = deps
  const loadingView = (): HomeView => ({
    viewer: viewer(),
    nowPlaying: { kind: 'loading' },
    continueWatching: { kind: 'loading' },
    catalog,
    live: false,
    notice: null,
  })
  let view = loadingView()
  let render: ((view: HomeView) => void) | null = null
  let loading: AbortController | null = null
  let stopFeed: (() => void) | null = null

  function viewer(): HomeView['viewer'] {
    const state = session.state
    return { signedIn: state.signedIn, name: state.signedIn ? state.username : null }
  }

  const emit = (change: Partial<HomeView>) => {
    view = { ...view, ...change }
    render?.(view)
  }

  async function read<T>(run: (signal: AbortSignal) => Promise<T>, signal: AbortSignal) {
    try {
      return { kind: 'read', value: await run(signal) } as const
    } catch (error) {
      return error instanceof ScopeError
        ? ({ kind: 'relink' } as const)
        : ({ kind: 'failed', error } as const)
    }
  }

  function load(): void {
    loading?.abort()
    const controller = (loading = new AbortController())
    const { signal } = controller
    const state = session.state
    view = { ...view, viewer: viewer() }
    if (!state.signedIn || !state.scopes.canReadPlayback) {
      return emit({ nowPlaying: { kind: 'relink' }, continueWatching: { kind: 'relink' } })
    }
    void read((s) => session.send(nowPlayingRequest(s)), signal).then((nowPlaying) => {
      if (!signal.aborted) emit({ nowPlaying })
    })
    void read((s) => session.send(inProgressRequest(s)), signal).then((result) => {
      if (signal.aborted) return
      emit({
        continueWatching:
          result.kind === 'read'
            ? { kind: 'read', value: result.value.map((entry) => withMatch(entry)) }
            : result,
      })
    })
  }

  const withMatch = (entry: PlaybackView): ContinueItem => ({
    view: entry,
    match: matchCatalog(catalog, entry),
  })

  function connect(): void {
    stopFeed?.()
    stopFeed = startPlaybackFeed({
      session,
      clock: deps.clock,
      onChange: load,
      onLive: (live) => {
        if (live !== view.live) emit({ live })
      },
      pollMs: deps.pollMs,
    })
  }

  function disconnect(): void {
    stopFeed?.()
    stopFeed = null
    loading?.abort()
    loading = null
    if (view.live) emit({ live: false })
  }

  const entries = (): readonly ContinueItem[] =>
    view.continueWatching.kind === 'read' ? view.continueWatching.value : []

  return {
    open(onView) {
      render = onView
      view = loadingView()
      render(view)
      const unsubscribe = deps.lifecycle.subscribe((visibility) => {
        if (visibility !== 'visible') return disconnect()
        load()
        connect()
      })
      if (deps.lifecycle.visibility === 'visible') {
        load()
        connect()
      }
      return () => {
        unsubscribe()
        disconnect()
        render = null
      }
    },
    reload: load,
    play(index) {
      return catalog[index]?.id ?? null
    },
    resume(index) {
      const entry = entries()[index]
      if (entry?.match) return { itemId: entry.match.id, startAtSec: entry.view.positionSec ?? 0 }
      if (entry) emit({ notice: { kind: 'notInCatalog' } })
      return null
    },
    removal(index) {
      const entry = entries()[index]
      if (entry?.view.id === null) emit({ notice: { kind: 'cannotRemove' } })
      return entry?.view.id ? entry.view : null
    },
    async remove(removed) {
      if (removed.id === null) return
      try {
        await session.send(removeInProgressRequest(removed.id))
      } catch (error) {
        return emit({ notice: { kind: 'removeFailed', error } })
      }
      const rest = entries().filter((entry) => entry.view !== removed)
      emit({ continueWatching: { kind: 'read', value: rest } })
    },
  }
}
