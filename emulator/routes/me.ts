import type { FastifyInstance } from 'fastify'
import type { EmulatorContext } from '../context.ts'
import { ApiError } from '../errors.ts'
import { authenticate, requireScope } from '../tokens.ts'

export function meRoutes(api: FastifyInstance, ctx: EmulatorContext): void {
  api.get('/me', async (request) => {
    const caller = authenticate(ctx.state, request.headers.authorization, ctx.now())
    // The scope /me needs is [UNKNOWN] (§4); profile:read is the likely one.
    requireScope(caller, 'profile:read')
    const user = ctx.state.users[caller.grant.userId]
    if (!user) throw new ApiError(401, 'invalid_token', 'the account behind this token is gone')
    return {
      id: user.id,
      username: user.username,
      name: user.name,
      email: user.email,
      client_type: 'platform',
      token_id: caller.tokenId,
      scopes: caller.grant.scopes,
      developer_app: {
        id: caller.grant.clientId,
        name: ctx.client(caller.grant.clientId)?.name ?? caller.grant.clientId,
      },
    }
  })
}
