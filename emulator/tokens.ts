import { ApiError } from './errors.ts'
import { randomToken } from './ids.ts'
import type { TimingOptions } from './options.ts'
import { nextId } from './state.ts'
import type { EmulatorState, Grant } from './state.ts'

export function issueAccessToken(
  state: EmulatorState,
  grant: Grant,
  timing: TimingOptions,
  nowMs: number,
): { token: string; tokenId: string } {
  const token = randomToken(timing.opaqueTokens ? '' : 'ppat_')
  const tokenId = nextId(state, 'tok')
  state.accessTokens[token] = {
    tokenId,
    grantId: grant.id,
    expiresAtMs: nowMs + timing.accessTokenTtlSec * 1000,
  }
  return { token, tokenId }
}

export function issueRefreshToken(
  state: EmulatorState,
  grant: Grant,
  timing: TimingOptions,
  nowMs: number,
): string {
  const token = randomToken(timing.opaqueTokens ? '' : 'pprt_')
  state.refreshTokens[token] = {
    grantId: grant.id,
    expiresAtMs: nowMs + timing.refreshTokenTtlSec * 1000,
    spent: false,
  }
  return token
}

export interface Caller {
  grant: Grant
  tokenId: string
  expiresAtMs: number
}

/**
 * §8: 401 covers missing, invalid, expired and revoked credentials. The docs list
 * `invalid_token` only for "not allowed on the platform API" with an [UNKNOWN] status;
 * we use it for every 401 so clients key on the status, not the code.
 */
export function authenticate(
  state: EmulatorState,
  authorization: string | undefined,
  nowMs: number,
): Caller {
  const match = /^Bearer +(\S+)$/i.exec(authorization ?? '')
  if (!match?.[1]) throw unauthorized('missing bearer token')
  const record = state.accessTokens[match[1]]
  if (!record) throw unauthorized('access token is invalid')
  const grant = state.grants[record.grantId]
  if (!grant || grant.revoked) throw unauthorized('access token has been revoked')
  if (record.expiresAtMs <= nowMs) throw unauthorized('access token has expired')
  return { grant, tokenId: record.tokenId, expiresAtMs: record.expiresAtMs }
}

export function requireScope(caller: Caller, scope: string): void {
  if (!caller.grant.scopes.some((granted) => granted === scope)) {
    throw new ApiError(403, 'insufficient_scope', `this endpoint requires the ${scope} scope`, {
      requiredScope: scope,
    })
  }
}

function unauthorized(message: string): ApiError {
  return new ApiError(401, 'invalid_token', message)
}
