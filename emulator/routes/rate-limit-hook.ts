import type { onRequestAsyncHookHandler } from 'fastify'
import type { EmulatorContext } from '../context.ts'
import { ApiError } from '../errors.ts'
import type { RateLimits } from '../options.ts'

/**
 * Per-IP limits of §9, counted before the body is looked at, as a gateway would.
 * The X-RateLimit-* headers are those CrossWatch reads (§17); Retry-After is in seconds.
 */
export function rateLimitHook(
  ctx: EmulatorContext,
  name: keyof RateLimits,
): onRequestAsyncHookHandler {
  return async (request, reply) => {
    const nowMs = ctx.now()
    const decision = ctx.limiter.take(`${name} ${request.ip}`, ctx.timing.rateLimits[name], nowMs)
    const headers: Record<string, string> = {
      'X-RateLimit-Remaining': String(decision.remaining),
      'X-RateLimit-Reset': String(Math.ceil(decision.resetAtMs / 1000)),
    }
    reply.headers(headers)
    if (!decision.allowed) {
      const retryAfterSec = Math.max(1, Math.ceil((decision.resetAtMs - nowMs) / 1000))
      throw new ApiError(429, 'rate_limited', `too many requests; retry in ${retryAfterSec} s`, {
        headers: { ...headers, 'Retry-After': String(retryAfterSec) },
      })
    }
  }
}
