import { beforeEach, describe, expect, it } from 'vitest'
import { REDACTED, excerpt, redactText, redactValue } from '../../src/core/redact.ts'
import { MAX_HELD_SECRETS, forgetSecrets, holdSecrets } from '../../src/core/secrets.ts'

beforeEach(() => forgetSecrets())

describe('redaction', () => {
  it('hides token fields in JSON text, keeping what support needs', () => {
    const raw = JSON.stringify({
      access_token: 'ppat_secret1',
      refresh_token: 'pprt_secret2',
      device_code: 'abcdef',
      error: 'invalid_grant',
      request_id: 'ppreq_123',
    })
    const safe = redactText(raw)
    expect(safe).not.toMatch(/secret1|secret2|abcdef/)
    expect(safe).toContain('"error":"invalid_grant"')
    expect(safe).toContain('ppreq_123')
    expect(safe).toContain(REDACTED)
  })

  it('hides bearer headers and token-shaped values anywhere in text', () => {
    expect(redactText('Authorization: Bearer abc.def-ghi')).not.toContain('abc.def')
    expect(redactText('token was ppat_0123456789 here')).toBe(`token was ${REDACTED} here`)
  })

  it('hides secrets in nested values by key', () => {
    expect(
      redactValue({
        user: 'x',
        nested: { refreshToken: 'r', list: ['pprt_abc'] },
        client_secret: 's',
      }),
    ).toEqual({
      user: 'x',
      nested: { refreshToken: REDACTED, list: [REDACTED] },
      client_secret: REDACTED,
    })
  })

  it('cuts a huge body to a readable excerpt', () => {
    const cut = excerpt('x'.repeat(10_000_000), 100)
    expect(cut.length).toBeLessThan(200)
    expect(cut).toMatch(/9999900 more characters/)
  })

  it('replaces a held opaque token by value, in every form a body can carry it', () => {
    const token = 'Qm9wYXF1ZS+token/with=odd"chars&more'
    holdSecrets(token)
    const forms = [
      token,
      JSON.stringify(token).slice(1, -1),
      JSON.stringify(JSON.stringify(token).slice(1, -1)).slice(1, -1),
      encodeURIComponent(token),
      token.replace(/&/g, '&amp;').replace(/"/g, '&quot;'),
    ]
    for (const form of forms) {
      expect(redactText(`before ${form} after`)).toBe(`before ${REDACTED} after`)
    }
    expect(redactText(`a body cut inside it: ${token.slice(0, 14)}`)).toBe(
      `a body cut inside it: ${REDACTED}`,
    )
  })

  it('leaves ordinary words alone: short values are not held, and only the newest are', () => {
    holdSecrets('abc', null, undefined)
    expect(redactText('abc is a word')).toBe('abc is a word')
    for (let n = 0; n <= MAX_HELD_SECRETS; n++) holdSecrets(`opaque-token-number-${n}`)
    expect(redactText('opaque-token-number-0')).toBe('opaque-token-number-0')
    expect(redactText(`opaque-token-number-${MAX_HELD_SECRETS}`)).toBe(REDACTED)
  })

  it('finds credential-named values in cut, escaped and form-encoded text', () => {
    expect(redactText('{"ok":true,"access_token":"opaque1234567')).toBe(
      `{"ok":true,"access_token":"${REDACTED}`,
    )
    expect(redactText('"{\\"refresh_token\\":\\"opaque\\",\\"a\\":1}"')).toBe(
      `"{\\"refresh_token\\":\\"${REDACTED}\\",\\"a\\":1}"`,
    )
    expect(redactText('client_id=x&refresh_token=opaque%2Fvalue&b=1')).toBe(
      `client_id=x&refresh_token=${REDACTED}&b=1`,
    )
    expect(redactText('"token_type":"bearer","scope":"a b"')).toBe(
      '"token_type":"bearer","scope":"a b"',
    )
    expect(redactText('Missing authorization: send a bearer token')).toBe(
      'Missing authorization: send a bearer token',
    )
  })
})
