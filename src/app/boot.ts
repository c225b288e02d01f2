import { createListeners } from '../core/listeners.ts'
import type { Clock } from '../core/ports.ts'
import type { DisconnectReason, SessionStore } from './session.ts'

export interface BootSteps {
  /** Reads the stored sign-in and, unless `signal` aborted meanwhile, hands it to the session store. */
  restore(signal: AbortSignal): Promise<void>
  /**
   * Started, never awaited, the moment `restore` found no sign-in: the device
   * code is asked for while the rest of start-up and the first frame are on their way.
   */
  beforePairing(): void
  /** What the first screen needs besides the sign-in: preferences, the event queue, diagnostics. */
  prepare(signal: AbortSignal): Promise<void>
  /** Started, never awaited, once a stored sign-in was found (replaying events queued offline). */
  afterSignedIn(): void
}

export type FirstScreen =
  | { readonly screen: 'home'; readonly why: 'signed-in' }
  | { readonly screen: 'pairing'; readonly why: 'never-signed-in' | DisconnectReason }
  | { readonly screen: 'viewers'; readonly why: 'several-viewers' }

export type BootView =
  | { readonly phase: 'starting' }
  | { readonly phase: 'started'; readonly first: FirstScreen }
  /** `error` is null when start-up ran past its deadline rather than failing outright. */
  | { readonly phase: 'failed'; readonly error: unknown }

export interface Boot {
  readonly view: BootView
  subscribe(listener: (view: BootView) => void): () => void
  /** Runs start-up once; again only through `retry`. */
  start(): Promise<void>
  /** Settles once the current attempt has read the stored sign-in (or failed to). */
  restored(): Promise<void>
  /** The viewer's Try again after a failed start. */
  retry(): Promise<void>
}

export interface BootOptions {
  readonly steps: BootSteps
  readonly session: SessionStore
  readonly clock: Clock
  /**
   * IndexedDB can leave an open pending for good (a blocked upgrade, a wedged
   * TV engine): past this, start-up counts as failed and offers Try again.
   */
  readonly deadlineMs?: number
}

/** Start-up: restore the sign-in and preferences, then say which screen comes first and why. */
export function createBoot(options: BootOptions): Boot {
  const { steps, session, clock } = options
  const deadlineMs = options.deadlineMs ?? 10_000
  const listeners = createListeners<BootView>()
  let view: BootView = { phase: 'starting' }
  let attempt: AbortController | null = null
  let restoring: Promise<void> = Promise.resolve()

  const show = (next: BootView) => {
    view = next
    listeners.emit(next)
  }

  async function run(): Promise<void> {
    attempt?.abort()
    const current = (attempt = new AbortController())
    show({ phase: 'starting' })
    const restored = steps.restore(current.signal).then(() => {
      if (!current.signal.aborted && firstScreen(session).screen === 'pairing')
        steps.beforePairing()
    })
    restoring = restored.catch(() => undefined)
    const work = Promise.all([restored, steps.prepare(current.signal)])
    const deadline = clock.sleep(deadlineMs, current.signal).then(() => 'late' as const)
    try {
      const outcome = await Promise.race([work.then(() => 'done' as const), deadline])
      if (current.signal.aborted) return
      if (outcome === 'late') return show({ phase: 'failed', error: null })
    } catch (error) {
      if (current.signal.aborted) return
      return show({ phase: 'failed', error })
    } finally {
      current.abort()
    }
    const first = firstScreen(session)
    if (first.screen !== 'pairing') steps.afterSignedIn()
    show({ phase: 'started', first })
  }

  return {
    get view() {
      return view
    },
    subscribe: listeners.subscribe,
    start: () => (attempt ? Promise.resolve() : run()),
    restored: () => restoring,
    retry: () => (view.phase === 'failed' ? run() : Promise.resolve()),
  }
}

function firstScreen(session: SessionStore): FirstScreen {
  const current = session.current
  if (current.status === 'signed-in') return { screen: 'home', why: 'signed-in' }
  if (current.status === 'choosing') return { screen: 'viewers', why: 'several-viewers' }
  if (current.status === 'disconnected') return { screen: 'pairing', why: current.reason }
  return { screen: 'pairing', why: 'never-signed-in' }
}
