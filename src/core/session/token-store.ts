import type { TokenGrant } from '../api/auth.ts'
import type { Ids, KeyValueStore } from '../ports.ts'

/** The one persisted record of a sign-in; versioned so a later shape can migrate it. */
export interface TokenRecord {
  readonly v: 1
  readonly accessToken: string
  readonly refreshToken: string | null
  readonly accessExpiresAtMs: number
  /** null when the server states no expiry for the refresh token. */
  readonly refreshExpiresAtMs: number | null
  readonly scope: string
  readonly username: string | null
  readonly savedAtMs: number
  /**
   * This TV's own name for the grant (a uuid made at sign-in, kept across
   * refreshes): what queued events and scope refusals belong to. Never sent.
   */
  readonly grantId: string
}

export const TOKENS_KEY = 'tokens'
export const DEVICE_ID_KEY = 'device-id'

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)

/** A record saved before grant ids existed: load() gives it one. */
type StoredTokenRecord = Omit<TokenRecord, 'grantId'> & { readonly grantId?: string }

/** A stored value is used only if it has every field of the current version (grantId may be missing). */
export function isTokenRecord(value: unknown): value is StoredTokenRecord {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    record.v === 1 &&
    isText(record.accessToken) &&
    (record.refreshToken === null || isText(record.refreshToken)) &&
    isTime(record.accessExpiresAtMs) &&
    (record.refreshExpiresAtMs === null || isTime(record.refreshExpiresAtMs)) &&
    typeof record.scope === 'string' &&
    (record.username === null || typeof record.username === 'string') &&
    isTime(record.savedAtMs) &&
    (record.grantId === undefined || isText(record.grantId))
  )
}

/**
 * A new record from a token answer: a sign-in (no previous record, a new
 * grantId) or a refresh (the previous grantId kept). A refresh answer without
 * refresh_token keeps the old one (punchplay-api.md §3.3: rotation is [UNKNOWN]).
 */
export function recordFromGrant(
  grant: TokenGrant,
  nowMs: number,
  previous: TokenRecord | { readonly grantId: string },
): TokenRecord {
  const before = 'accessToken' in previous ? previous : null
  const rotated = grant.refreshToken !== null
  const refreshExpiresAtMs =
    grant.refreshExpiresInSec !== null
      ? nowMs + grant.refreshExpiresInSec * 1000
      : rotated
        ? null
        : (before?.refreshExpiresAtMs ?? null)
  return {
    v: 1,
    accessToken: grant.accessToken,
    refreshToken: grant.refreshToken ?? before?.refreshToken ?? null,
    accessExpiresAtMs: nowMs + grant.expiresInSec * 1000,
    refreshExpiresAtMs,
    scope: grant.scope ?? before?.scope ?? '',
    username: grant.username ?? before?.username ?? null,
    savedAtMs: nowMs,
    grantId: previous.grantId,
  }
}

export interface TokenStore {
  /**
   * Reads the record once; a record that does not validate is reported and not
   * used, and one saved before grant ids existed gets one now, saved at once.
   */
  load(): Promise<TokenRecord | null>
  /** Replaces the record in one write, so a reader never sees half of a rotation. */
  save(record: TokenRecord): Promise<void>
  clear(): Promise<void>
}

export function createTokenStore(
  store: KeyValueStore,
  ids: Ids,
  onCorrupt: (value: unknown) => void = () => {},
): TokenStore {
  return {
    async load() {
      const value = await store.get(TOKENS_KEY)
      if (value === undefined || value === null) return null
      if (!isTokenRecord(value)) {
        onCorrupt(value)
        return null
      }
      if (value.grantId !== undefined) return value as TokenRecord
      const adopted: TokenRecord = { ...value, grantId: ids.uuid() }
      await store.set(TOKENS_KEY, adopted)
      return adopted
    },
    save: (record) => store.set(TOKENS_KEY, record),
    clear: () => store.del(TOKENS_KEY),
  }
}

/**
 * The per-install id sent as device_id; created once and kept across sign-outs.
 * `store.get` must reject when storage cannot be read (ResilientStore.read):
 * then this run uses an id of its own without writing it, so a passing fault
 * never replaces the TV's real id, which the next start reads again.
 */
export async function loadDeviceId(
  store: Pick<KeyValueStore, 'get' | 'set'>,
  ids: Ids,
): Promise<string> {
  let stored: unknown
  try {
    stored = await store.get(DEVICE_ID_KEY)
  } catch {
    return ids.uuid()
  }
  if (isText(stored)) return stored
  const fresh = ids.uuid()
  await store.set(DEVICE_ID_KEY, fresh)
  return fresh
}
