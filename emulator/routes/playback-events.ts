import type { OutgoingHttpHeaders } from 'node:http'
import type { FastifyInstance } from 'fastify'
import type { EmulatorContext } from '../context.ts'
import { logFieldsOf, pathOf } from '../http-hooks.ts'
import { authenticate, requireScope } from '../tokens.ts'

/** §7: Server-Sent Events that only say "something changed"; clients re-fetch the reads. */
export function playbackEventRoutes(api: FastifyInstance, ctx: EmulatorContext): void {
  api.get('/playback/events', async (request, reply) => {
    const caller = authenticate(ctx.state, request.headers.authorization, ctx.now())
    requireScope(caller, 'events:read')
    ctx.requests.push({
      method: request.method,
      path: pathOf(request),
      status: 200,
      timeMs: request.arrivedAtMs,
      durationMs: 0,
      requestId: request.id,
    })
    logFieldsOf(request).logged = true
    const headers: OutgoingHttpHeaders = {
      ...definedHeaders(reply.getHeaders()),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
    }
    reply.hijack()
    reply.raw.writeHead(200, headers)
    ctx.streams.add({
      userId: caller.grant.userId,
      grantId: caller.grant.id,
      tokenExpiresAtMs: caller.expiresAtMs,
      response: reply.raw,
    })
  })
}

function definedHeaders(headers: Record<string, unknown>): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string' || typeof value === 'number' || Array.isArray(value)) {
      out[name] = value
    }
  }
  return out
}
