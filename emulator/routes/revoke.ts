import type { FastifyInstance } from 'fastify'
import { authenticateClient } from '../clients.ts'
import type { EmulatorContext } from '../context.ts'
import type { Grant } from '../state.ts'
import { AUTH_FIELD_RULES } from '../validation-message.ts'

const revokeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['client_id', 'token'],
  properties: {
    client_id: { type: 'string', minLength: 1, maxLength: 200 },
    client_secret: { type: ['string', 'null'] },
    token: { type: 'string', minLength: 1, maxLength: 500 },
    // RFC 7009 §2.1: a hint only; a server that does not know the value searches anyway.
    token_type_hint: { type: 'string', maxLength: 100 },
  },
} as const

interface RevokeBody {
  client_id: string
  client_secret?: string | null
  token: string
  token_type_hint?: string
}

/**
 * §3.5: `POST /oauth/revoke` is seen only in CrossWatch ([3P]); whether punchplay.tv offers it
 * officially is [UNKNOWN], so a client must treat any failure as "nothing to undo". Here it
 * follows RFC 7009: revoking either token of a grant revokes the whole grant (the other token
 * stops working and the connected-apps page drops it), and a token that is unknown, spent,
 * expired, already revoked or another app's answers 200 all the same, so the answer reveals
 * nothing about tokens the caller does not hold. The answer is `{}` (JSON, like every answer
 * of the API); RFC 7009 says clients ignore the body.
 */
export function revokeRoutes(api: FastifyInstance, ctx: EmulatorContext): void {
  api.post<{ Body: RevokeBody }>(
    '/oauth/revoke',
    { schema: { body: revokeBody }, config: { fieldRules: REVOKE_FIELD_RULES } },
    async (request) => {
      const { body } = request
      const client = authenticateClient(ctx.client(body.client_id), body.client_secret)
      const grant = liveGrantOf(ctx, body.token)
      if (grant && grant.clientId === client.clientId && !grant.revoked) ctx.revoke(grant)
      return {}
    },
  )
}

const REVOKE_FIELD_RULES: Record<string, string> = {
  ...AUTH_FIELD_RULES,
  token: 'a non-empty string (the refresh or access token to revoke)',
  token_type_hint: 'a string such as "refresh_token" or "access_token"',
}

/** The grant behind a token that still works; spent or expired tokens revoke nothing. */
function liveGrantOf(ctx: EmulatorContext, token: string): Grant | undefined {
  const nowMs = ctx.now()
  const refresh = ctx.state.refreshTokens[token]
  if (refresh && !refresh.spent && refresh.expiresAtMs > nowMs) {
    return ctx.state.grants[refresh.grantId]
  }
  const access = ctx.state.accessTokens[token]
  if (access && access.expiresAtMs > nowMs) return ctx.state.grants[access.grantId]
  return undefined
}
