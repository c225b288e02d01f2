import type { FastifyInstance } from 'fastify'
import type { EmulatorContext } from '../context.ts'
import { inProgress, nowPlaying } from '../playback/views.ts'
import { authenticate, requireScope } from '../tokens.ts'

export function playbackReadRoutes(api: FastifyInstance, ctx: EmulatorContext): void {
  const sessionsOf = (authorization: string | undefined) => {
    const caller = authenticate(ctx.state, authorization, ctx.now())
    requireScope(caller, 'playback:read')
    return Object.values(ctx.state.sessions).filter((s) => s.userId === caller.grant.userId)
  }

  api.get('/playback/now-playing', async (request) => {
    // The "nothing playing" body is [UNKNOWN] (§6.1); `{data: null}` is what one
    // third-party client treats as empty, so a client must cope with it.
    return nowPlaying(sessionsOf(request.headers.authorization)) ?? { data: null }
  })

  api.get('/playback/in-progress', async (request) => {
    // Wrapper key [UNKNOWN] (§6.2); `items` is what CrossWatch's fixtures use.
    return { items: inProgress(sessionsOf(request.headers.authorization)) }
  })
}
