import type { Clock } from '../../../src/core/ports.ts'
import { ManualClock } from '../../helpers/manual-clock.ts'

/**
 * A TV's time as the chaos rig moves it: the unit tests' ManualClock, whose
 * wall clock can be corrected (NTP after an offline boot) apart from the
 * monotonic one on which sleeps end. The emulator follows every advance, never
 * a wall-clock jump: the server keeps its own time.
 */
export class TvClock extends ManualClock {
  constructor(startAtMs: number, onAdvance: (ms: number) => Promise<unknown>) {
    // A zero-length step moves no time, so the emulator is not asked to move.
    super(startAtMs, (ms) => (ms > 0 ? onAdvance(ms) : Promise.resolve()))
  }

  /** How long until the next sleep ends; null when nothing sleeps. */
  nextDueInMs(): number | null {
    const due = this.earliestDueMs()
    return due === null ? null : Math.max(0, due - this.now())
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
