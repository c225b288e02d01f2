import type { Clock } from '../../src/core/ports.ts'

interface PendingSleep {
  readonly ms: number
  /** On the elapsed() scale, which jump() does not move. */
  readonly dueMs: number
  readonly resolve: () => void
}

/**
 * A clock the test moves by hand. Code under test sleeps; the test sees each
 * requested sleep (`nextSleep`) and decides when time passes. `onAdvance` lets
 * the emulator's clock move in step, so its interval checks see the same time.
 */
export class ManualClock implements Clock {
  private pending: PendingSleep[] = []
  private waiters: Array<(ms: number) => void> = []
  private finished: Promise<unknown> | null = null
  private elapsedMs = 0
  readonly sleeps: number[] = []

  constructor(
    private nowMs = Date.UTC(2026, 10, 28, 12, 0, 0),
    private readonly onAdvance: (ms: number) => Promise<unknown> = async () => {},
  ) {}

  now(): number {
    return this.nowMs
  }

  /** Moves with advance() only: jump() changes the wall clock alone, as NTP does on a TV. */
  elapsed(): number {
    return this.elapsedMs
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const entry: PendingSleep = { ms, dueMs: this.elapsedMs + ms, resolve }
      this.pending.push(entry)
      this.sleeps.push(ms)
      signal?.addEventListener('abort', () => {
        this.pending = this.pending.filter((sleep) => sleep !== entry)
        reject(signal.reason)
      })
      // Every waiter, not the oldest: a race that lost (tick's) must not swallow the next sleep.
      for (const waiter of this.waiters.splice(0)) waiter(ms)
    })
  }

  /** How many sleeps are running now. */
  get sleeping(): number {
    return this.pending.length
  }

  /** When the earliest running sleep ends, on the wall clock as it reads now; null when nothing sleeps. */
  earliestDueMs(): number | null {
    const due = this.pending.reduce<number | null>(
      (earliest, sleep) => (earliest === null || sleep.dueMs < earliest ? sleep.dueMs : earliest),
      null,
    )
    return due === null ? null : this.nowMs + (due - this.elapsedMs)
  }

  /** Resolves with the length of the next sleep that code under test starts (or has started). */
  nextSleep(): Promise<number> {
    const waiting = this.pending.find((sleep) => sleep.dueMs > this.elapsedMs)
    if (waiting) return Promise.resolve(waiting.dueMs - this.elapsedMs)
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  async advance(ms: number): Promise<void> {
    // The emulator first, so work woken by the previous step has scheduled itself by now.
    await this.onAdvance(ms)
    this.nowMs += ms
    this.elapsedMs += ms
    const due = this.pending.filter((sleep) => sleep.dueMs <= this.elapsedMs)
    this.pending = this.pending.filter((sleep) => sleep.dueMs > this.elapsedMs)
    for (const sleep of due) sleep.resolve()
  }

  /**
   * Sets the wall clock alone forward or back, as a TV's clock jumps when NTP
   * corrects it: elapsed() does not move and no sleep ends.
   */
  jump(ms: number): void {
    this.nowMs += ms
  }

  /** Marks the work under test, so `tick` knows when it has ended rather than slept again. */
  track<T>(work: Promise<T>): Promise<T> {
    this.finished = work.catch(() => undefined)
    return work
  }

  /**
   * Lets the next sleep run out and waits until the tracked work sleeps again
   * or ends, so the test acts only while nothing is in flight. Returns the sleep's length.
   */
  async tick(): Promise<number> {
    const ms = await this.nextSleep()
    await this.advance(ms)
    await Promise.race([this.nextSleep(), this.finished ?? new Promise(() => {})])
    return ms
  }
}
