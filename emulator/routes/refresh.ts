import type { FastifyInstance } from 'fastify'
import { authenticateClient } from '../clients.ts'
import type { EmulatorContext } from '../context.ts'
import { ApiError } from '../errors.ts'
import { issueAccessToken, issueRefreshToken } from '../tokens.ts'
import { AUTH_FIELD_RULES } from '../validation-message.ts'
import { rateLimitHook } from './rate-limit-hook.ts'

const refreshBody = {
  type: 'object',
  additionalProperties: false,
  required: ['client_id', 'refresh_token'],
  properties: {
    client_id: { type: 'string', minLength: 1, maxLength: 200 },
    client_secret: { type: ['string', 'null'] },
    refresh_token: { type: 'string', minLength: 1, maxLength: 500 },
  },
} as const

interface RefreshBody {
  client_id: string
  client_secret?: string | null
  refresh_token: string
}

export function refreshRoutes(api: FastifyInstance, ctx: EmulatorContext): void {
  api.post<{ Body: RefreshBody }>(
    '/auth/refresh',
    {
      schema: { body: refreshBody },
      config: { fieldRules: AUTH_FIELD_RULES },
      onRequest: rateLimitHook(ctx, 'refresh'),
    },
    async (request) => {
      const { body } = request
      const client = authenticateClient(ctx.client(body.client_id), body.client_secret)
      const record = ctx.state.refreshTokens[body.refresh_token]
      const grant = record ? ctx.state.grants[record.grantId] : undefined
      if (!record || !grant || grant.clientId !== client.clientId) {
        throw invalidGrant('refresh_token is invalid')
      }
      if (grant.revoked) throw invalidGrant('this connection was revoked')
      if (record.spent) {
        // A spent token coming back means two holders of one grant (a race or a theft);
        // rotating servers answer by revoking the grant (§3.3, §14).
        ctx.revoke(grant)
        throw invalidGrant('refresh_token was already used; the connection has been revoked')
      }
      const nowMs = ctx.now()
      if (record.expiresAtMs <= nowMs) throw invalidGrant('refresh_token has expired')
      const access = issueAccessToken(ctx.state, grant, ctx.timing, nowMs)
      const answer = {
        access_token: access.token,
        token_type: 'bearer',
        expires_in: ctx.timing.accessTokenTtlSec,
        scope: grant.scopes.join(' '),
      }
      // §3.3: the documented answer has no refresh_token, yet clients report rotation.
      if (!ctx.timing.rotateRefreshTokens) return answer
      record.spent = true
      return {
        ...answer,
        refresh_token: issueRefreshToken(ctx.state, grant, ctx.timing, nowMs),
        refresh_expires_in: ctx.timing.refreshTokenTtlSec,
      }
    },
  )
}

function invalidGrant(message: string): ApiError {
  return new ApiError(400, 'invalid_grant', message)
}
