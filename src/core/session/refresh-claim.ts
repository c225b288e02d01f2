import type { KeyValueStore } from '../ports.ts'

export const REFRESH_CLAIM_KEY = 'refresh-claim'

/**
 * A claim older than this is a holder that died mid-refresh: the refresh's
 * own timeout (REFRESH_TIMEOUT_MS, 2 min) and a margin for storing the answer.
 */
export const CLAIM_LEASE_MS = 150_000

interface Claim {
  readonly v: 1
  /** The app instance refreshing now; no token is kept here. */
  readonly owner: string
  /** Wall-clock time of the claim: the only clock two instances share. */
  readonly atMs: number
}

function isClaim(value: unknown): value is Claim {
  if (typeof value !== 'object' || value === null) return false
  const claim = value as Record<string, unknown>
  return claim.v === 1 && typeof claim.owner === 'string' && typeof claim.atMs === 'number'
}

/**
 * Who may refresh a sign-in that several app instances share through one
 * storage: PunchPlay ends the grant when a spent refresh token comes back
 * (punchplay-api.md §3.3, "two parallel refreshes invalidate each other"), so
 * only one instance at a time spends it and the others adopt what it stores.
 */
export interface RefreshClaims {
  /** True when this instance holds the turn now; false while another live instance holds it. */
  take(owner: string, nowMs: number): Promise<boolean>
  /** Gives the turn back, if this instance still holds it. */
  release(owner: string): Promise<void>
}

export function createRefreshClaims(store: KeyValueStore): RefreshClaims {
  const holder = async (): Promise<Claim | null> => {
    const value = await store.get(REFRESH_CLAIM_KEY)
    return isClaim(value) ? value : null
  }
  // A claim from the future is a wall clock set back since (NTP): not a live holder.
  const live = (claim: Claim, nowMs: number) =>
    claim.atMs <= nowMs + CLAIM_LEASE_MS && nowMs - claim.atMs < CLAIM_LEASE_MS

  return {
    async take(owner, nowMs) {
      const before = await holder()
      if (before && before.owner !== owner && live(before, nowMs)) return false
      await store.set(REFRESH_CLAIM_KEY, { v: 1, owner, atMs: nowMs } satisfies Claim)
      // Two instances that both found the turn free both wrote: the last write wins, and
      // reading it back tells the other to wait instead of spending the token too.
      return (await holder())?.owner === owner
    },
    async release(owner) {
      if ((await holder())?.owner === owner) await store.del(REFRESH_CLAIM_KEY)
    },
  }
}
