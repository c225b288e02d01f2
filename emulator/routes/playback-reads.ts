import type { FastifyInstance } from 'fastify'
import type { EmulatorContext } from '../context.ts'
import { ApiError } from '../errors.ts'
import { inProgress, nowPlaying } from '../playback/views.ts'
import { authenticate, requireScope } from '../tokens.ts'

export function playbackReadRoutes(api: FastifyInstance, ctx: EmulatorContext): void {
  const sessionsOf = (authorization: string | undefined, scope: string) => {
    const caller = authenticate(ctx.state, authorization, ctx.now())
    requireScope(caller, scope)
    const userId = caller.grant.userId
    return {
      userId,
      sessions: Object.values(ctx.state.sessions).filter((s) => s.userId === userId),
    }
  }

  api.get('/playback/now-playing', async (request) => {
    // The "nothing playing" body is [UNKNOWN] (§6.1); `{data: null}` is what one
    // third-party client treats as empty, so a client must cope with it.
    const { sessions } = sessionsOf(request.headers.authorization, 'playback:read')
    return nowPlaying(sessions) ?? { data: null }
  })

  api.get('/playback/in-progress', async (request) => {
    // Wrapper key [UNKNOWN] (§6.2); `items` is what CrossWatch's fixtures use.
    const { sessions } = sessionsOf(request.headers.authorization, 'playback:read')
    return { items: inProgress(sessions) }
  })

  /**
   * §6: seen only in CrossWatch ([3P]), answering 204. The scope it needs is [UNKNOWN];
   * removing an entry changes the viewer's playback state, so playback:write is asked for.
   * Only entries the viewer's Continue watching lists right now can be removed: another
   * viewer's, an unknown or an already removed id is 404.
   */
  api.delete<{ Params: { id: string } }>('/playback/in-progress/:id', async (request, reply) => {
    const { userId, sessions } = sessionsOf(request.headers.authorization, 'playback:write')
    const listed = new Set(inProgress(sessions).map((item) => item.id))
    const session = sessions.find((s) => s.itemId === request.params.id && listed.has(s.itemId))
    if (!session) {
      throw new ApiError(404, 'not_found', 'no such item in your Continue watching')
    }
    session.dismissed = true
    ctx.announcePlaybackChange(userId)
    return reply.code(204).send()
  })
}
