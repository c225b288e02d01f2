import { networkInterfaces } from 'node:os'

export type Scope = 'profile:read' | 'playback:read' | 'playback:write' | 'events:read'

/** Scopes of the docs snapshot (punchplay-api.md §1); anything else is `invalid_scope`. */
export const KNOWN_SCOPES: readonly Scope[] = [
  'profile:read',
  'playback:read',
  'playback:write',
  'events:read',
]

export interface RegisteredClient {
  clientId: string
  name: string
  type: 'public' | 'confidential'
  allowedScopes: Scope[]
  secret?: string
  active: boolean
}

export interface RateLimit {
  max: number
  windowSec: number
}

export interface RateLimits {
  deviceCode: RateLimit
  deviceToken: RateLimit
  refresh: RateLimit
}

export type PollViolation = 'rate_limited' | 'slow_down'

/** The settings tests and the CLI may change while the emulator runs. */
export interface TimingOptions {
  deviceCodeTtlSec: number
  /** null = no `interval` field, as the real API (§3.1). */
  intervalSec: number | null
  /** Minimum gap between two token polls of one device_code; 0 disables the check. */
  minPollIntervalSec: number
  pollViolation: PollViolation
  accessTokenTtlSec: number
  refreshTokenTtlSec: number
  /** Whether /auth/refresh rotates is [UNKNOWN] (§3.3), so both behaviours are available. */
  rotateRefreshTokens: boolean
  /**
   * verification_uri_qr is only observed as a PNG data URL (§3.1); 'none' omits it and 'svg'
   * sends a shape Kodi would refuse, so clients can prove they draw their own QR instead.
   */
  qrFormat: 'png' | 'none' | 'svg'
  /**
   * Mint access and refresh tokens without the `ppat_`/`pprt_` prefixes, as opaque as real
   * ones may be (their format is [UNKNOWN]), so clients prove they redact by value.
   */
  opaqueTokens: boolean
  rateLimits: RateLimits
  /**
   * Answer reads and writes in the shapes the public clients' fixtures show real servers use
   * (bare lists, integer ids, episode rows without `title`, float seconds, 204 for nothing
   * playing, empty-bodied writes) instead of the documented-as-far-as-known default shapes.
   */
  realShapes: boolean
}

export interface EmulatorOptions extends TimingOptions {
  host: string
  port: number
  /** Base of the phone pages; must be reachable from a phone on the same network. */
  publicUrl?: string
  controlEnabled: boolean
  clients: RegisteredClient[]
  dataFile?: string
  logger: boolean
}

export const DEFAULT_CLIENTS: RegisteredClient[] = [
  {
    clientId: 'ppc_punchplaytv_dev',
    name: 'PunchPlay TV',
    type: 'public',
    allowedScopes: ['profile:read', 'playback:read', 'playback:write', 'events:read'],
    active: true,
  },
  {
    clientId: 'ppc_limited_dev',
    name: 'Limited Viewer',
    type: 'public',
    allowedScopes: ['profile:read', 'playback:read'],
    active: true,
  },
  {
    clientId: 'ppc_confidential_dev',
    name: 'Server App',
    type: 'confidential',
    allowedScopes: ['profile:read', 'playback:read', 'playback:write', 'events:read'],
    secret: 'emulator-secret',
    active: true,
  },
  {
    clientId: 'ppc_inactive_dev',
    name: 'Retired App',
    type: 'public',
    allowedScopes: ['profile:read'],
    active: false,
  },
]

/** Documented limits as of June 9, 2026 (§9). */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  deviceCode: { max: 10, windowSec: 3600 },
  deviceToken: { max: 200, windowSec: 600 },
  refresh: { max: 20, windowSec: 3600 },
}

export function resolveOptions(partial: Partial<EmulatorOptions> = {}): EmulatorOptions {
  return {
    host: '0.0.0.0',
    port: 8787,
    controlEnabled: false,
    // 600 s is what Kodi falls back to; the real value is [UNKNOWN] (§3.1).
    deviceCodeTtlSec: 600,
    intervalSec: null,
    minPollIntervalSec: 5,
    pollViolation: 'rate_limited',
    accessTokenTtlSec: 3600,
    refreshTokenTtlSec: 31_536_000,
    rotateRefreshTokens: true,
    qrFormat: 'png',
    opaqueTokens: false,
    realShapes: false,
    clients: DEFAULT_CLIENTS,
    logger: false,
    ...partial,
    rateLimits: mergeRateLimits(DEFAULT_RATE_LIMITS, partial.rateLimits),
  }
}

export function mergeRateLimits(base: RateLimits, patch?: Partial<RateLimits>): RateLimits {
  return {
    deviceCode: { ...base.deviceCode, ...patch?.deviceCode },
    deviceToken: { ...base.deviceToken, ...patch?.deviceToken },
    refresh: { ...base.refresh, ...patch?.refresh },
  }
}

/** A phone cannot open 127.0.0.1 of the TV's dev machine, so prefer the LAN address. */
export function lanAddress(): string {
  for (const entries of Object.values(networkInterfaces())) {
    const found = entries?.find((entry) => entry.family === 'IPv4' && !entry.internal)
    if (found) return found.address
  }
  return '127.0.0.1'
}
