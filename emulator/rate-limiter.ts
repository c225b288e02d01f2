import type { RateLimit } from './options.ts'

export interface RateDecision {
  allowed: boolean
  remaining: number
  /** When the oldest counted request leaves the window. */
  resetAtMs: number
}

/** Sliding window of request times per key (endpoint + IP), on emulator time. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>()

  take(key: string, limit: RateLimit, nowMs: number): RateDecision {
    const windowMs = limit.windowSec * 1000
    const recent = (this.hits.get(key) ?? []).filter((at) => at > nowMs - windowMs)
    const allowed = recent.length < limit.max
    if (allowed) recent.push(nowMs)
    this.hits.set(key, recent)
    const oldest = recent[0] ?? nowMs
    return {
      allowed,
      remaining: Math.max(0, limit.max - recent.length),
      resetAtMs: oldest + windowMs,
    }
  }

  clear(): void {
    this.hits.clear()
  }
}
