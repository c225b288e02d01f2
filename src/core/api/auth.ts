import type { ApiClient } from './client.ts'
import {
  FieldError,
  asFields,
  httpUrl,
  optionalPositiveNumber,
  optionalText,
  positiveNumber,
  text,
} from './parse.ts'

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
  /** null when a refresh answer carries none: keep the old one (§3.3 [UNKNOWN] rotation). */
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
const MAX_QR_DATA_URL_LENGTH = 256 * 1024
/** "data:image/png;base64," followed by the PNG signature (89 50 4E 47 0D 0A 1A 0A) in base64. */
const PNG_DATA_URL = /^data:image\/png;base64,iVBORw0KGgo[A-Za-z0-9+/]*={0,2}$/

/**
 * The Kodi add-on and luc_kodi accept only a PNG data URL (§3.1); anything
 * else (http, SVG, javascript:) is dropped so the UI draws its own QR.
 */
export function safeQrDataUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_QR_DATA_URL_LENGTH) return null
  return PNG_DATA_URL.test(value) ? value : null
}

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
    intervalSec: interval === null ? null : Math.min(Math.max(interval, 1), 60),
    scope: optionalText(fields, 'scope', 1024) ?? requestedScope,
  }
}

export function parseTokenGrant(body: unknown, refreshTokenRequired: boolean): TokenGrant {
  const fields = asFields(body)
  const tokenType = text(fields, 'token_type', 32)
  if (tokenType.toLowerCase() !== 'bearer') throw new FieldError('token_type', 'must be "bearer"')
  return {
    accessToken: text(fields, 'access_token'),
    refreshToken: refreshTokenRequired
      ? text(fields, 'refresh_token')
      : optionalText(fields, 'refresh_token'),
    expiresInSec: Math.min(positiveNumber(fields, 'expires_in'), MAX_ACCESS_LIFETIME_SEC),
    // 0 is shown in the docs' example; read it as "no stated expiry".
    refreshExpiresInSec: optionalPositiveNumber(fields, 'refresh_expires_in'),
    scope: optionalText(fields, 'scope', 1024),
    username: optionalText(fields, 'username', 256),
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
    parse: (body) => parseTokenGrant(body, true),
  })
}

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
    parse: (body) => parseTokenGrant(body, false),
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
