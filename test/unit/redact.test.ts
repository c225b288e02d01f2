import { describe, expect, it } from 'vitest'
import { REDACTED, excerpt, redactText, redactValue } from '../../src/core/redact.ts'

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
})
