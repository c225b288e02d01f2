import type { FastifyInstance } from 'fastify'
import type { EmulatorContext } from '../context.ts'
import { ApiError } from '../errors.ts'
import { realItemId, realItemOf, realRowOf } from '../playback/real-shapes.ts'
import type { PlaybackSession } from '../playback/session.ts'
import { continueWatching, inProgressItem, livePlayback, viewOf } from '../playback/views.ts'
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

  api.get('/playback/now-playing', async (request, reply) => {
    const { sessions } = sessionsOf(request.headers.authorization, 'playback:read')
    const live = livePlayback(sessions)
    if (ctx.timing.realShapes) return live ? realRowOf(live) : reply.code(204).send()
    // The "nothing playing" body is [UNKNOWN] (§6.1); `{data: null}` is what one
    // third-party client treats as empty, so a client must cope with it.
    return live ? viewOf(live) : { data: null }
  })

  api.get('/playback/in-progress', async (request) => {
    const { sessions } = sessionsOf(request.headers.authorization, 'playback:read')
    const entries = continueWatching(sessions)
    if (ctx.timing.realShapes) return entries.map(realItemOf)
    // Wrapper key [UNKNOWN] (§6.2); `items` is what CrossWatch's fixtures use.
    return { items: entries.map(inProgressItem) }
  })

  /**
   * §6: seen only in CrossWatch ([3P]), answering 204. The scope it needs is [UNKNOWN];
   * removing an entry changes the viewer's playback state, so playback:write is asked for.
   * Only entries the viewer's Continue watching lists right now can be removed, by the id the
   * list shows (`ppip_<n>`, or the bare integer in real-shapes mode): another viewer's, an
   * unknown or an already removed id is 404.
   */
  api.delete<{ Params: { id: string } }>('/playback/in-progress/:id', async (request, reply) => {
    const { userId, sessions } = sessionsOf(request.headers.authorization, 'playback:write')
    const shownId = (session: PlaybackSession) =>
      ctx.timing.realShapes ? String(realItemId(session)) : session.itemId
    const session = continueWatching(sessions).find((s) => shownId(s) === request.params.id)
    if (!session) throw new ApiError(404, 'not_found', 'no such item in your Continue watching')
    session.dismissed = true
    ctx.announcePlaybackChange(userId)
    return reply.code(204).send()
  })
}
