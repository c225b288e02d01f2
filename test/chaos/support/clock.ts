import type { Clock } from '../../../src/core/ports.ts'

interface Sleeper {
  readonly dueMs: number
  readonly resolve: () => void
}

/**
 * A TV's time as the chaos rig moves it: a wall clock that can be corrected
 * (NTP after an offline boot) and a monotonic one, as `performance.now()`
 * and setTimeout are, on which sleeps end. The emulator follows every
 * advance, never a wall-clock jump: the server keeps its own time.
 */
export class TvClock implements Clock {
  private wallMs: number
  private monotonicMs = 0
  private sleepers: Sleeper[] = []
  /** Every sleep the app asked for, in order (ms). */
  readonly sleeps: number[] = []

  constructor(
    startAtMs: number,
    private readonly onAdvance: (ms: number) => Promise<unknown>,
  ) {
    this.wallMs = startAtMs
  }

  now(): number {
    return this.wallMs
  }

  /** Milliseconds since this TV started, untouched by wall-clock corrections. */
  elapsed(): number {
    return this.monotonicMs
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const sleeper: Sleeper = { dueMs: this.monotonicMs + Math.max(0, ms), resolve }
      this.sleepers.push(sleeper)
      this.sleeps.push(ms)
      signal?.addEventListener('abort', () => {
        this.sleepers = this.sleepers.filter((other) => other !== sleeper)
        reject(signal.reason)
      })
    })
  }

  /** How long until the next sleep ends; null when nothing sleeps. */
  nextDueInMs(): number | null {
    if (this.sleepers.length === 0) return null
    return Math.max(0, Math.min(...this.sleepers.map((s) => s.dueMs)) - this.monotonicMs)
  }

  /** Time passes for everyone: the emulator first, then this TV's sleeps that are due end. */
  async advance(ms: number): Promise<void> {
    if (ms > 0) await this.onAdvance(ms)
    this.monotonicMs += ms
    this.wallMs += ms
    const due = this.sleepers.filter((s) => s.dueMs <= this.monotonicMs)
    this.sleepers = this.sleepers.filter((s) => s.dueMs > this.monotonicMs)
    for (const sleeper of due) sleeper.resolve()
  }

  /** The wall clock alone is set forward or back (NTP); no sleep ends, the server does not move. */
  jump(ms: number): void {
    this.wallMs += ms
  }
}

/**
 * One app instance's view of the TV's clock: when the instance is killed its
 * sleeps never end, as a process that died runs no more timers.
 */
export class InstanceClock implements Clock {
  constructor(
    private readonly tv: TvClock,
    private readonly killed: AbortSignal,
  ) {}

  now(): number {
    return this.tv.now()
  }

  elapsed(): number {
    return this.tv.elapsed()
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (this.killed.aborted) return new Promise(() => {})
    const slept = this.tv.sleep(ms, signal)
    return new Promise((resolve, reject) =>
      slept.then(() => {
        if (!this.killed.aborted) resolve()
      }, reject),
    )
  }
}
