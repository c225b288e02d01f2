import { ApiError } from './errors.ts'
import { KNOWN_SCOPES } from './options.ts'
import type { RegisteredClient, Scope } from './options.ts'

/**
 * §3: public clients send no secret, confidential ones must send theirs. The status for
 * `invalid_client` on these routes is [UNKNOWN] (§3.2); 401 follows §8 ("credentials ...
 * invalid"), and `unauthorized_client` (inactive app) is a 400 as in OAuth.
 */
export function authenticateClient(
  client: RegisteredClient | undefined,
  secret: string | null | undefined,
): RegisteredClient {
  if (!client) throw new ApiError(401, 'invalid_client', 'unknown client_id')
  if (!client.active) {
    throw new ApiError(400, 'unauthorized_client', `${client.name} is not active`)
  }
  if (client.type === 'public' && secret != null) {
    throw new ApiError(401, 'invalid_client', 'public clients must not send a client_secret')
  }
  if (client.type === 'confidential' && secret !== client.secret) {
    throw new ApiError(401, 'invalid_client', 'client_secret is missing or wrong')
  }
  return client
}

/** §1: omitted scope means the app's allowed_scopes; anything beyond them is refused. */
export function resolveScopes(client: RegisteredClient, requested: string | undefined): Scope[] {
  if (requested === undefined) return [...client.allowedScopes]
  const names = [...new Set(requested.split(' ').filter(Boolean))]
  if (names.length === 0) throw new ApiError(400, 'invalid_scope', 'scope must not be empty')
  const outside = names.filter((name) => !client.allowedScopes.some((allowed) => allowed === name))
  if (outside.length > 0) {
    throw new ApiError(400, 'invalid_scope', `scope not allowed for this app: ${outside.join(' ')}`)
  }
  return KNOWN_SCOPES.filter((scope) => names.includes(scope))
}
