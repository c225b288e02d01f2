import { requestRefresh, requestRevoke, type TokenGrant } from '../api/auth.ts'
import type { ApiClient, ApiRequest, StreamRequest } from '../api/client.ts'
import { SignedOutError, isApiError, isRetryable, type CallContext } from '../errors.ts'
import { createListeners } from '../listeners.ts'
import type { Clock, HttpResponse, Ids } from '../ports.ts'
import { holdSecrets } from '../secrets.ts'
import type { RefreshClaims } from './refresh-claim.ts'
import { grantedScopes, type GrantedScopes } from './scopes.ts'
import { recordFromGrant, type TokenRecord, type TokenStore } from './token-store.ts'

export type SignedOutReason = 'never' | 'signed-out' | 'revoked' | 'expired'

export type SessionState =
  | { readonly signedIn: false; readonly reason: SignedOutReason }
  | {
      readonly signedIn: true
      /** Stable for one sign-in, across refreshes and restarts; a new pairing gets a new one. */
      readonly grantId: string
      readonly username: string | null
      readonly scopes: GrantedScopes
    }

export type SessionListener = (state: SessionState) => void

export interface TokenManagerOptions {
  readonly api: ApiClient
  readonly store: TokenStore
  readonly clock: Clock
  /** Makes the grantId of each sign-in. */
  readonly ids: Ids
  /** Refresh this long before the access token expires (§3.3 [REC]: ~5 min). */
  readonly refreshMarginMs?: number
  /** After a refresh fails for a passing reason, wait at least this long before the next try. */
  readonly refreshCooldownMs?: number
  /** Same calls as subscribe(), fixed at creation; kept until every caller subscribes instead. */
  readonly onChange?: SessionListener
  /** Sign-out waits at most this long for PunchPlay to revoke the grant. */
  readonly revokeTimeoutMs?: number
  /**
   * The turn to refresh, shared with other app instances on this storage; without
   * it this instance refreshes whenever it needs to (one instance per store).
   */
  readonly claims?: RefreshClaims
  /** How often a waiting instance looks whether the one refreshing has stored its answer. */
  readonly claimPollMs?: number
}

export type AuthorizedRequest<T> = Omit<ApiRequest<T>, 'accessToken'> & {
  /** Send only under this sign-in: a SignedOutError when another one (or none) holds the TV. */
  readonly grantId?: string
}

export interface TokenManager {
  /** Reads the stored sign-in once, then tells the listeners. */
  start(): Promise<SessionState>
  readonly state: SessionState
  /**
   * Calls `listener` with the new state after every change: start, sign-in, a
   * refresh (same grantId, maybe new scopes), sign-out, and the end of a grant
   * PunchPlay refused (reason 'revoked' or 'expired'). Returns the unsubscribe.
   */
  subscribe(listener: SessionListener): () => void
  signIn(grant: TokenGrant): Promise<void>
  /**
   * Forgets the tokens at once, then asks PunchPlay once to revoke the grant
   * (failure ignored): `revoking` settles when that attempt is over, which
   * nobody on screen needs to wait for.
   */
  signOut(): Promise<{ readonly revoking: Promise<void> }>
  /** One refresh for everyone who asks while it runs. */
  refresh(): Promise<TokenRecord>
  /** Bearer request: refreshes shortly before expiry, and once on a 401 before one retry. */
  send<T>(request: AuthorizedRequest<T>): Promise<T>
  /** Opens a bearer stream with the same refresh rules. */
  open(request: Omit<StreamRequest, 'accessToken'>): Promise<HttpResponse>
  /** Cancels a refresh in flight; used when the app shuts down. */
  dispose(): void
}

/** The longest wait between refreshes, whatever Retry-After asks (still under 20 an hour, §9). */
export const MAX_COOLDOWN_MS = 10 * 60_000

/** invalid_grant and friends mean the grant is gone: sign out (§3.3, CrossWatch). */
const GRANT_GONE = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client'])

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const { api, store, clock, ids } = options
  const marginMs = options.refreshMarginMs ?? 5 * 60_000
  const cooldownMs = options.refreshCooldownMs ?? 30_000
  const revokeTimeoutMs = options.revokeTimeoutMs ?? 5000
  const { claims } = options
  const claimPollMs = options.claimPollMs ?? 1000
  /** This instance, as the refresh claim names it. */
  const owner = claims ? ids.uuid() : ''
  const lifetime = new AbortController()
  let record: TokenRecord | null = null
  let reason: SignedOutReason = 'never'
  let inFlight: Promise<TokenRecord> | null = null
  let cooldown: { untilMs: number; error: unknown } | null = null
  let refreshFailures = 0
  const listeners = createListeners<SessionState>()
  if (options.onChange) listeners.subscribe(options.onChange)

  const context = (endpoint: string, method = 'POST'): CallContext => ({
    method,
    endpoint,
    clientId: api.clientId,
    at: new Date(clock.now()).toISOString(),
  })

  const state = (): SessionState =>
    record
      ? {
          signedIn: true,
          grantId: record.grantId,
          username: record.username,
          scopes: grantedScopes(record.scope),
        }
      : { signedIn: false, reason }

  const emit = () => listeners.emit(state())

  async function endSession(why: SignedOutReason) {
    record = null
    reason = why
    cooldown = null
    refreshFailures = 0
    await store.clear()
    emit()
  }

  /**
   * The stored record when another app instance sharing this storage changed
   * it (refreshed, or paired anew) since this one read it; null otherwise.
   * Using it instead of refreshing keeps two instances from spending one
   * refresh token twice, which ends the grant for both (§3.3).
   */
  async function sharedRecord(current: TokenRecord): Promise<TokenRecord | null> {
    const stored = await store.load()
    if (!stored) return null
    const changed =
      stored.grantId !== current.grantId || stored.refreshToken !== current.refreshToken
    return changed ? stored : null
  }

  function adopt(shared: TokenRecord) {
    record = shared
    cooldown = null
    refreshFailures = 0
    emit()
  }

  /**
   * Waits for this instance's turn to refresh `current`. Null once the turn is
   * ours; the newer record when the instance that held the turn stored one meanwhile.
   */
  async function awaitTurn(claimed: RefreshClaims, current: TokenRecord) {
    while (!(await claimed.take(owner, clock.now()))) {
      await clock.sleep(claimPollMs, lifetime.signal)
      if (record !== current) {
        throw new SignedOutError('Signed out while refreshing', context('/auth/refresh'))
      }
      const newer = await sharedRecord(current)
      if (newer) return newer
    }
    // The holder may have stored its answer and left just before we looked.
    const newer = await sharedRecord(current)
    if (newer) await claimed.release(owner)
    return newer
  }

  async function runRefresh(): Promise<TokenRecord> {
    let current = record
    if (!current) throw new SignedOutError('Not signed in', context('/auth/refresh'))
    const shared = await sharedRecord(current)
    if (shared && record === current) {
      adopt(shared)
      if (shared.accessExpiresAtMs - clock.now() > marginMs) return shared
      current = shared
    }
    if (!current.refreshToken) {
      await endSession('expired')
      throw new SignedOutError('The sign-in ended; pair this TV again', context('/auth/refresh'))
    }
    if (cooldown && clock.elapsed() < cooldown.untilMs) throw cooldown.error
    if (claims) {
      const newer = await awaitTurn(claims, current)
      if (newer) return adoptIfCurrent(current, newer)
      try {
        return await refreshWith(current, current.refreshToken)
      } finally {
        await claims.release(owner)
      }
    }
    return refreshWith(current, current.refreshToken)
  }

  function adoptIfCurrent(current: TokenRecord, newer: TokenRecord): TokenRecord {
    if (record !== current) {
      throw new SignedOutError('Signed out while refreshing', context('/auth/refresh'))
    }
    adopt(newer)
    return newer
  }

  async function refreshWith(current: TokenRecord, refreshToken: string): Promise<TokenRecord> {
    let grant: TokenGrant
    try {
      grant = await requestRefresh(api, refreshToken, lifetime.signal)
    } catch (error) {
      if (isApiError(error) && (GRANT_GONE.has(error.code) || error.status === 401)) {
        // Another instance (one without the claim, or an older build) may have rotated the
        // token: its record carries the sign-in on, and the caller's request goes out with it.
        const newer = await sharedRecord(current)
        if (newer) return adoptIfCurrent(current, newer)
        if (record === current) await endSession('revoked')
        throw error
      }
      // Doubling waits keep a long outage under the 20 refreshes an hour PunchPlay allows (§9);
      // Retry-After is honoured up to the same cap, so a wild value cannot stop refreshing for good.
      const retryAfterMs = isApiError(error) ? (error.retryAfterSec ?? 0) * 1000 : 0
      const backoffMs = Math.min(cooldownMs * 2 ** refreshFailures, MAX_COOLDOWN_MS)
      refreshFailures++
      const waitMs = Math.max(backoffMs, Math.min(retryAfterMs, MAX_COOLDOWN_MS))
      cooldown = { untilMs: clock.elapsed() + waitMs, error }
      throw error
    }
    if (record !== current) {
      throw new SignedOutError('Signed out while refreshing', context('/auth/refresh'))
    }
    const next = recordFromGrant(grant, clock.now(), current)
    // Stored before anyone uses it: a rotated refresh token must survive a crash. Where it
    // cannot be written, the store drops the spent one (createResilientStore's forgetWhenStale).
    await store.save(next)
    record = next
    cooldown = null
    refreshFailures = 0
    emit()
    return next
  }

  /** One try, cut short after revokeTimeoutMs; the tokens go either way. */
  async function revokeQuietly(refreshToken: string) {
    const attempt = new AbortController()
    const stop = () => attempt.abort()
    lifetime.signal.addEventListener('abort', stop)
    void clock.sleep(revokeTimeoutMs, attempt.signal).then(stop, () => undefined)
    try {
      await requestRevoke(api, refreshToken, attempt.signal)
    } catch {
      // Offline, refused or unsupported: the viewer can still disconnect on connected apps.
    } finally {
      attempt.abort()
      lifetime.signal.removeEventListener('abort', stop)
    }
  }

  function refresh(): Promise<TokenRecord> {
    inFlight ??= runRefresh().finally(() => {
      inFlight = null
    })
    return inFlight
  }

  /** The current record, if it is the sign-in the caller asked for (any, when it named none). */
  function recordFor(endpoint: string, grantId: string | undefined): TokenRecord {
    const current = record
    if (!current) throw new SignedOutError('Not signed in', context(endpoint))
    if (grantId !== undefined && current.grantId !== grantId) {
      throw new SignedOutError('Made for another sign-in', context(endpoint))
    }
    return current
  }

  async function usableAccessToken(endpoint: string, grantId?: string): Promise<string> {
    const current = recordFor(endpoint, grantId)
    if (current.accessExpiresAtMs - clock.now() > marginMs) return current.accessToken
    try {
      return (await refresh()).accessToken
    } catch (error) {
      // Early refresh failed for a passing reason: the old token still works until it expires.
      const stillValid = record === current && current.accessExpiresAtMs > clock.now()
      if (stillValid && isRetryable(error)) return current.accessToken
      throw error
    }
  }

  async function withAccessToken<T>(
    endpoint: string,
    grantId: string | undefined,
    call: (token: string) => Promise<T>,
  ) {
    const token = await usableAccessToken(endpoint, grantId)
    try {
      return await call(token)
    } catch (error) {
      if (!isApiError(error) || error.status !== 401) throw error
      // Another request may have refreshed already; otherwise refresh now (single-flight).
      const latest = record && record.accessToken !== token ? record : await refresh()
      // A new pairing may have happened meanwhile: its token never carries this request.
      return call((grantId === undefined ? latest : recordFor(endpoint, grantId)).accessToken)
    }
  }

  return {
    get state() {
      return state()
    },

    async start() {
      record = await store.load()
      holdSecrets(record?.accessToken, record?.refreshToken)
      emit()
      return state()
    },

    async signIn(grant) {
      const next = recordFromGrant(grant, clock.now(), { grantId: ids.uuid() })
      await store.save(next)
      record = next
      cooldown = null
      refreshFailures = 0
      emit()
    },

    async signOut() {
      const ending = record
      await endSession('signed-out')
      return {
        revoking: ending?.refreshToken ? revokeQuietly(ending.refreshToken) : Promise.resolve(),
      }
    },

    subscribe: listeners.subscribe,

    refresh,

    send: ({ grantId, ...request }) =>
      withAccessToken(request.endpoint, grantId, (accessToken) =>
        api.send({ ...request, accessToken }),
      ),

    open: (request) =>
      withAccessToken(request.endpoint, undefined, (accessToken) =>
        api.open({ ...request, accessToken }),
      ),

    dispose() {
      lifetime.abort()
    },
  }
}
