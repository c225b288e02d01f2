import type { ApiClient } from './client.ts'
import {
  FieldError,
  asFields,
  httpUrl,
  optionalPositiveNumber,
  optionalText,
  positiveNumber,
  text,
  type Fields,
} from './parse.ts'
import { safeQrDataUrl } from './qr-image.ts'

export { safeQrDataUrl }

/** A device code as the TV shows it (punchplay-api.md §3.1). */
export interface DeviceCode {
  readonly userCode: string
  readonly deviceCode: string
  readonly verificationUri: string
  readonly verificationUriComplete: string
  /** A `data:image/png;base64,` URL, or null when the server's value is absent or unsafe. */
  readonly verificationUriQr: string | null
  readonly expiresInSec: number
  /** null when the server sends none, which is what the real API does (§3.1). */
  readonly intervalSec: number | null
  readonly scope: string
}

/** What a token answer grants (§3.2, §3.3). */
export interface TokenGrant {
  readonly accessToken: string
  /**
   * null when the answer carries none: a refresh keeps the old one (§3.3
   * [UNKNOWN] rotation); a pairing without one lasts until the access token expires.
   */
  readonly refreshToken: string | null
  readonly expiresInSec: number
  readonly refreshExpiresInSec: number | null
  readonly scope: string | null
  readonly username: string | null
}

/** Codes live minutes; a longer claim is not trusted so a stale code cannot linger on screen. */
export const MAX_CODE_LIFETIME_SEC = 1800
/** Access tokens are reported at 3600 s (§3.2); a wild claim is capped so refresh still happens. */
export const MAX_ACCESS_LIFETIME_SEC = 86_400
/** The floor of the polling interval (§3.2: no documented interval; clients use 5 s). */
export const MIN_INTERVAL_SEC = 5

export function parseDeviceCode(body: unknown, requestedScope: string): DeviceCode {
  const fields = asFields(body)
  const verificationUri = httpUrl(fields, 'verification_uri')
  let complete = verificationUri
  try {
    complete = httpUrl(fields, 'verification_uri_complete')
  } catch {
    // Marked required in the docs, but the viewer can still type the code without it.
  }
  const userCode = text(fields, 'user_code', 32)
  if (!/^[A-Za-z0-9][A-Za-z0-9 -]*$/.test(userCode)) {
    throw new FieldError('user_code', 'must hold only letters, digits, spaces and dashes')
  }
  const interval = optionalPositiveNumber(fields, 'interval')
  return {
    userCode,
    deviceCode: text(fields, 'device_code'),
    verificationUri,
    verificationUriComplete: complete,
    verificationUriQr: safeQrDataUrl(fields.verification_uri_qr),
    expiresInSec: Math.min(positiveNumber(fields, 'expires_in'), MAX_CODE_LIFETIME_SEC),
    // Never faster than the 5 s every client uses (§3.2): the poll limit is shared behind one NAT.
    intervalSec: interval === null ? null : Math.min(Math.max(interval, MIN_INTERVAL_SEC), 60),
    scope: optionalText(fields, 'scope', 1024) ?? requestedScope,
  }
}

/** A token is sent in a header: printable ASCII without spaces, or it is unusable. */
const TOKEN = /^[\x21-\x7e]+$/
const MAX_TOKEN_LENGTH = 8192
const MAX_SCOPE_LENGTH = 1024
const MAX_USERNAME_LENGTH = 256
/** Used when a token answer states no usable expires_in: the lifetime reported in §3.2. */
export const ASSUMED_ACCESS_LIFETIME_SEC = 3600

function token(fields: Fields, name: string): string | null {
  const value = fields[name]
  if (value === undefined || value === null || value === '') return null
  if (typeof value !== 'string' || value.length > MAX_TOKEN_LENGTH || !TOKEN.test(value)) {
    throw new FieldError(name, 'must be a token of printable characters')
  }
  return value
}

/** Text a client can do without: anything but a usable string is absent, a long one cut. */
function lenientText(fields: Fields, name: string, maxLength: number): string | null {
  const value = fields[name]
  if (typeof value !== 'string' || value.trim() === '') return null
  return value.length > maxLength ? value.slice(0, maxLength) : value
}

/**
 * A 2xx token answer means the server has acted (the code is redeemed, the old
 * refresh token maybe spent), so only the tokens themselves are checked: every
 * other field is read leniently and never costs the sign-in (issue 15).
 * `token_type` is not checked: the docs' own refresh example omits it and
 * bearer is the only kind the API issues (§3.2, §3.3).
 */
export function parseTokenGrant(body: unknown): TokenGrant {
  const fields = asFields(body)
  const accessToken = token(fields, 'access_token')
  if (accessToken === null) throw new FieldError('access_token', 'must be a non-empty string')
  const scope = fields.scope
  return {
    accessToken,
    // Missing on refresh when the server does not rotate (§3.3 [UNKNOWN]); kept from before then.
    refreshToken: token(fields, 'refresh_token'),
    expiresInSec: Math.min(
      optionalPositiveNumber(fields, 'expires_in') ?? ASSUMED_ACCESS_LIFETIME_SEC,
      MAX_ACCESS_LIFETIME_SEC,
    ),
    // 0 is shown in the docs' example; read it as "no stated expiry".
    refreshExpiresInSec: optionalPositiveNumber(fields, 'refresh_expires_in'),
    // A scope cut short would name scopes nobody granted: an odd one counts as absent.
    scope:
      typeof scope === 'string' && scope.trim() !== '' && scope.length <= MAX_SCOPE_LENGTH
        ? scope
        : null,
    username: lenientText(fields, 'username', MAX_USERNAME_LENGTH),
  }
}

export function requestDeviceCode(
  api: ApiClient,
  scope: string,
  signal?: AbortSignal,
): Promise<DeviceCode> {
  return api.send({
    method: 'POST',
    endpoint: '/auth/device/code',
    json: { client_id: api.clientId, scope },
    signal,
    parse: (body) => parseDeviceCode(body, scope),
  })
}

export interface TokenRequest {
  readonly deviceCode: string
  readonly deviceId: string
  readonly deviceName: string
  /** Binds the grant to a local profile, so connected apps tell a household's grants apart. */
  readonly linkedUserId?: string
  readonly linkedUsername?: string
  readonly signal?: AbortSignal
}

export function requestDeviceToken(api: ApiClient, request: TokenRequest): Promise<TokenGrant> {
  return api.send({
    method: 'POST',
    endpoint: '/auth/device/token',
    json: {
      client_id: api.clientId,
      device_code: request.deviceCode,
      device_id: request.deviceId,
      device_name: request.deviceName,
      ...(request.linkedUserId ? { linked_user_id: request.linkedUserId } : {}),
      ...(request.linkedUsername ? { linked_username: request.linkedUsername.slice(0, 200) } : {}),
    },
    signal: request.signal,
    parse: parseTokenGrant,
  })
}

/**
 * A refresh may rotate the refresh token the moment the server reads it: an
 * answer given up on is a sign-in lost, so it is waited for far longer than
 * any other call (issue 15).
 */
export const REFRESH_TIMEOUT_MS = 120_000

export function requestRefresh(
  api: ApiClient,
  refreshToken: string,
  signal?: AbortSignal,
): Promise<TokenGrant> {
  return api.send({
    method: 'POST',
    endpoint: '/auth/refresh',
    json: { client_id: api.clientId, refresh_token: refreshToken },
    signal,
    timeoutMs: REFRESH_TIMEOUT_MS,
    parse: parseTokenGrant,
  })
}

/**
 * Asks PunchPlay to end the grant (RFC 7009 shape, as CrossWatch sends it;
 * official status [UNKNOWN], punchplay-api.md §3.5). Judged by status: an
 * empty or odd 2xx still means done, and unknown tokens answer 200 too.
 */
export function requestRevoke(
  api: ApiClient,
  refreshToken: string,
  signal?: AbortSignal,
): Promise<void> {
  return api.send({
    method: 'POST',
    endpoint: '/oauth/revoke',
    json: { client_id: api.clientId, token: refreshToken, token_type_hint: 'refresh_token' },
    signal,
    parse: () => undefined,
    empty: () => undefined,
    statusOnly: true,
  })
}
