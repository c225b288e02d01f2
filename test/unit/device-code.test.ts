import { describe, expect, it } from 'vitest'
import {
  ASSUMED_ACCESS_LIFETIME_SEC,
  MAX_CODE_LIFETIME_SEC,
  MIN_INTERVAL_SEC,
  parseDeviceCode,
  parseTokenGrant,
  requestDeviceCode,
  safeQrDataUrl,
} from '../../src/core/api/auth.ts'
import { FieldError } from '../../src/core/api/parse.ts'
import { ALL_SCOPES, useEmulator } from '../helpers/emulator.ts'
import { ManualClock } from '../helpers/manual-clock.ts'

const emulator = useEmulator()
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
const answer = (overrides: Record<string, unknown> = {}) => ({
  user_code: 'AK76-P48D',
  device_code: 'dc_123',
  verification_uri: 'https://punchplay.tv/link',
  verification_uri_complete: 'https://punchplay.tv/link?code=AK76-P48D&type=platform',
  verification_uri_qr: PNG,
  expires_in: 600,
  scope: 'profile:read',
  ...overrides,
})

const fieldOf = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    if (error instanceof FieldError) return error.field
    throw error
  }
  return null
}

describe('device code answer', () => {
  it('reads the documented shape; no interval field means "use the default"', () => {
    expect(parseDeviceCode(answer(), ALL_SCOPES)).toEqual({
      userCode: 'AK76-P48D',
      deviceCode: 'dc_123',
      verificationUri: 'https://punchplay.tv/link',
      verificationUriComplete: 'https://punchplay.tv/link?code=AK76-P48D&type=platform',
      verificationUriQr: PNG,
      expiresInSec: 600,
      intervalSec: null,
      scope: 'profile:read',
    })
  })

  it('accepts the QR only as a PNG data URL', () => {
    expect(safeQrDataUrl(PNG)).toBe(PNG)
    for (const hostile of [
      'javascript:alert(1)',
      'http://punchplay.tv/qr.png',
      'https://punchplay.tv/qr.png',
      'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
      'data:image/png;base64,not base64!!',
      'data:image/png;base64,R0lGODlhAQABAAAAACw=',
      `data:image/png;base64,iVBORw0KGgo${'A'.repeat(300_000)}`,
      42,
      null,
    ]) {
      expect(safeQrDataUrl(hostile), String(hostile).slice(0, 40)).toBeNull()
      expect(
        parseDeviceCode(answer({ verification_uri_qr: hostile }), ALL_SCOPES).verificationUriQr,
      ).toBeNull()
    }
  })

  it('does not trust an absurd lifetime or interval', () => {
    expect(parseDeviceCode(answer({ expires_in: 1e9 }), ALL_SCOPES).expiresInSec).toBe(
      MAX_CODE_LIFETIME_SEC,
    )
    expect(parseDeviceCode(answer({ expires_in: '600' }), ALL_SCOPES).expiresInSec).toBe(600)
    expect(fieldOf(() => parseDeviceCode(answer({ expires_in: 0 }), ALL_SCOPES))).toBe('expires_in')
    expect(fieldOf(() => parseDeviceCode(answer({ expires_in: -5 }), ALL_SCOPES))).toBe(
      'expires_in',
    )
    expect(parseDeviceCode(answer({ interval: -3 }), ALL_SCOPES).intervalSec).toBeNull()
    expect(parseDeviceCode(answer({ interval: 0.2 }), ALL_SCOPES).intervalSec).toBe(
      MIN_INTERVAL_SEC,
    )
    expect(parseDeviceCode(answer({ interval: 7 }), ALL_SCOPES).intervalSec).toBe(7)
  })

  it('names each missing or unusable field', () => {
    expect(fieldOf(() => parseDeviceCode(answer({ user_code: undefined }), ALL_SCOPES))).toBe(
      'user_code',
    )
    expect(fieldOf(() => parseDeviceCode(answer({ user_code: 'A'.repeat(500) }), ALL_SCOPES))).toBe(
      'user_code',
    )
    expect(fieldOf(() => parseDeviceCode(answer({ user_code: '<b>hi</b>' }), ALL_SCOPES))).toBe(
      'user_code',
    )
    expect(fieldOf(() => parseDeviceCode(answer({ device_code: 7 }), ALL_SCOPES))).toBe(
      'device_code',
    )
    expect(
      fieldOf(() => parseDeviceCode(answer({ verification_uri: 'javascript:x' }), ALL_SCOPES)),
    ).toBe('verification_uri')
    expect(fieldOf(() => parseDeviceCode([], ALL_SCOPES))).toBe('body')
  })

  it('falls back to verification_uri when the complete link is missing, and to the asked scope', () => {
    const code = parseDeviceCode(
      answer({ verification_uri_complete: undefined, scope: undefined }),
      ALL_SCOPES,
    )
    expect(code.verificationUriComplete).toBe('https://punchplay.tv/link')
    expect(code.scope).toBe(ALL_SCOPES)
  })

  it('reads token answers with and without a rotated refresh token', () => {
    const base = { access_token: 'a', token_type: 'Bearer', expires_in: 3600, scope: 's' }
    expect(
      parseTokenGrant({ ...base, refresh_token: 'r', refresh_expires_in: 0, username: 'u' }),
    ).toEqual({
      accessToken: 'a',
      refreshToken: 'r',
      expiresInSec: 3600,
      refreshExpiresInSec: null,
      scope: 's',
      username: 'u',
    })
    expect(parseTokenGrant(base).refreshToken).toBeNull()
  })

  // Issue 15: a 2xx token answer means the server acted; odd side fields must not throw it away.
  it('keeps the tokens of an answer whose other fields are odd, missing or oversized', () => {
    const odd = {
      access_token: 'a',
      refresh_token: 'r',
      username: '',
      scope: ' ',
      refresh_expires_in: 'soon',
    }
    expect(parseTokenGrant(odd)).toEqual({
      accessToken: 'a',
      refreshToken: 'r',
      expiresInSec: ASSUMED_ACCESS_LIFETIME_SEC,
      refreshExpiresInSec: null,
      scope: null,
      username: null,
    })
    const long = parseTokenGrant({ ...odd, username: 'u'.repeat(5000), scope: 's '.repeat(900) })
    expect(long.username).toHaveLength(256)
    expect(long.scope).toBeNull()
    expect(parseTokenGrant({ ...odd, token_type: 'mac', expires_in: '60' })).toMatchObject({
      accessToken: 'a',
      expiresInSec: 60,
    })
  })

  it('refuses an answer whose tokens themselves cannot be used, naming the field', () => {
    expect(fieldOf(() => parseTokenGrant({ refresh_token: 'r' }))).toBe('access_token')
    expect(fieldOf(() => parseTokenGrant({ access_token: 'a b' }))).toBe('access_token')
    expect(fieldOf(() => parseTokenGrant({ access_token: 'a', refresh_token: 7 }))).toBe(
      'refresh_token',
    )
  })

  it('never polls faster than every 5 s, whatever interval the server sends (§3.2)', () => {
    expect(parseDeviceCode(answer({ interval: 1 }), ALL_SCOPES).intervalSec).toBe(MIN_INTERVAL_SEC)
    expect(parseDeviceCode(answer({ interval: 4.9 }), ALL_SCOPES).intervalSec).toBe(5)
  })

  it('asks the emulator for a code with client_id and scope only, never a secret', async () => {
    const clock = new ManualClock()
    const sent: unknown[] = []
    const api = emulator().client(clock)
    const code = await requestDeviceCode(
      { ...api, send: (request) => (sent.push(request.json), api.send(request)) },
      ALL_SCOPES,
    )
    expect(sent).toEqual([{ client_id: 'ppc_punchplaytv_dev', scope: ALL_SCOPES }])
    expect(code.userCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    expect(code.verificationUriQr).toMatch(/^data:image\/png;base64,iVBORw0KGgo/)
    expect(code.verificationUriComplete).toContain(
      encodeURIComponent(code.userCode).replace('%2D', '-'),
    )
    expect(code.intervalSec).toBeNull()
  })
})
