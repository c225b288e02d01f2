import type { Clock, Ids } from '../ports.ts'
import type { EventQueue } from './event-queue.ts'
import { withVerdict, type PlayableItem, type PlaybackAction, type Position } from './events.ts'
import type { PlaybackReporter } from './reporter.ts'
import type { EventBuilder } from './events.ts'

export interface TrackerOptions {
  readonly reporter: PlaybackReporter
  readonly queue: EventQueue
  readonly build: EventBuilder
  readonly clock: Clock
  readonly ids: Ids
  /** Share of the runtime after which a stop counts as watched (Kodi's default, §12). */
  readonly watchedThreshold?: number
  /** `progress` is the heartbeat (§5); 15 s is Kodi's fixed value since 1.3.0. */
  readonly heartbeatMs?: number
  /** Quiet time before a pause or resume is reported, so quick toggles send nothing. */
  readonly debounceMs?: number
}

export interface TrackedPlayback {
  readonly sessionId: string
  /** The picture is moving (the video's `playing`): the first call sends start, later ones nothing. */
  playing(): void
  /** The viewer paused (false) or resumed (true); ignored before the start. */
  setPlaying(playing: boolean): void
  /**
   * The TV hid the app: pause is reported now, not after the quiet time (a
   * hidden app's timers may not run), and heartbeats stop until `setPlaying(true)`.
   */
  suspend(): void
  /** Sends the one stop of this session; later calls do nothing, and so does a session never started. */
  stop(): Promise<void>
}

/**
 * The playback lifecycle of punchplay-api.md §5 and §15.6: start with a new
 * session id once the picture really moves, progress every 15 s while playing,
 * debounced pause/resume, and exactly one stop with an explicit verdict. A video
 * that never started (no playable source, a load error) reports nothing at all.
 */
export function createPlaybackTracker(options: TrackerOptions) {
  const { reporter, queue, build, clock, ids } = options
  const threshold = options.watchedThreshold ?? 0.9
  const heartbeatMs = options.heartbeatMs ?? 15_000
  const debounceMs = options.debounceMs ?? 1000

  return function begin(item: PlayableItem, position: () => Position): TrackedPlayback {
    const sessionId = ids.uuid()
    // The viewing belongs to the sign-in it began under, even if the TV is paired again meanwhile.
    const grantId = reporter.grantId
    let chain: Promise<unknown> = Promise.resolve()
    let reported: 'playing' | 'paused' = 'playing'
    let wanted: 'playing' | 'paused' = 'playing'
    let heartbeat: AbortController | null = null
    let debounce: AbortController | null = null
    let started = false
    let stopped: Promise<void> | null = null

    // One delivery at a time, in the order the viewer acted; one failure never blocks the rest.
    const then = (next: () => Promise<unknown>) => {
      chain = chain.catch(() => undefined).then(next)
      return chain
    }
    const send = (action: PlaybackAction) => {
      // A timer that fired just before the stop must not report after it.
      if (stopped) return
      const event = build(action, sessionId, item, position())
      void then(() => reporter.deliver(event, grantId))
    }

    const sleep = (ms: number, controller: AbortController) =>
      clock.sleep(ms, controller.signal).then(
        () => true,
        () => false,
      )

    async function beat(controller: AbortController) {
      while (await sleep(heartbeatMs, controller)) send('progress')
    }

    function startHeartbeat() {
      heartbeat?.abort()
      heartbeat = new AbortController()
      void beat(heartbeat)
    }

    async function settle(controller: AbortController) {
      if (!(await sleep(debounceMs, controller)) || wanted === reported) return
      reported = wanted
      send(wanted === 'paused' ? 'pause' : 'resume')
      if (wanted === 'playing') startHeartbeat()
      else heartbeat?.abort()
    }

    return {
      sessionId,
      playing() {
        if (started || stopped) return
        started = true
        // Events queued offline go first, so PunchPlay sees every session in order.
        void then(() => reporter.flush())
        send('start')
        startHeartbeat()
      },
      setPlaying(playing) {
        if (!started || stopped) return
        wanted = playing ? 'playing' : 'paused'
        debounce?.abort()
        debounce = new AbortController()
        void settle(debounce)
      },
      suspend() {
        if (!started || stopped) return
        debounce?.abort()
        heartbeat?.abort()
        wanted = 'paused'
        if (reported === 'paused') return
        reported = 'paused'
        send('pause')
      },
      stop() {
        stopped ??= (async () => {
          if (!started) return
          heartbeat?.abort()
          debounce?.abort()
          const event = withVerdict(build('stop', sessionId, item, position()), threshold)
          // Stale queued progress must not outlive the stop (Kodi 1.1.1, §12).
          await then(async () => {
            await queue.purge(sessionId, ['progress'])
            await reporter.deliver(event, grantId)
          })
        })()
        return stopped
      },
    }
  }
}
