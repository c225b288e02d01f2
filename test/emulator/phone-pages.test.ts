import { describe, expect, it } from 'vitest'
import { openPhoneForm, postPhoneForm } from '../helpers/phone-form.ts'
import type { PhoneForm } from '../helpers/phone-form.ts'
import { TV_CLIENT, useEmulator } from '../helpers/emulator.ts'
import type { Tokens } from '../helpers/emulator.ts'

describe('phone pages', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })
  const page = (path: string) => tv().request<string>(`${tv().running.origin}${path}`)
  const open = (path: string) => openPhoneForm(`${tv().running.origin}${path}`)
  /** Posts from a page opened in the same browser: its token and cookie go along. */
  const submit = async (path: string, fields: Record<string, string>, form: PhoneForm) => {
    const response = await postPhoneForm(`${tv().running.origin}${path}`, form, fields)
    return { status: response.status, headers: response.headers, body: await response.text() }
  }
  const consentPage = (userCode: string) => open(`/link?code=${userCode}`)
  const redeem = (deviceCode: string) =>
    tv().post<Tokens & { error?: string }>('/auth/device/token', {
      client_id: TV_CLIENT,
      device_code: deviceCode,
    })

  it('GET /link asks for the code on a self-contained mobile page', async () => {
    const { status, headers, body } = await page('/link')
    expect(status).toBe(200)
    expect(headers.get('content-type')).toMatch(/^text\/html/)
    expect(body).toContain('name="viewport"')
    expect(body).toContain('name="code"')
    expect(body).not.toMatch(/(src|href)="https?:/)
  })

  it('GET /link from verification_uri_complete shows the app and its scopes in plain words', async () => {
    const code = await tv().post<{ verification_uri_complete: string }>('/auth/device/code', {
      client_id: TV_CLIENT,
    })
    const { status, body } = await tv().request<string>(code.body.verification_uri_complete)
    expect(status).toBe(200)
    expect(body).toContain('PunchPlay TV')
    for (const words of [
      'see your PunchPlay profile',
      'see what you&#39;re watching and your progress',
      'update your watch progress from this TV',
      'get live updates when playback changes',
    ]) {
      expect(body).toContain(words)
    }
    expect(body).toContain('value="approve"')
    expect(body).toContain('value="deny"')
  })

  it('accepts the code in lower case and without the dash', async () => {
    const code = await tv().deviceCode('ppc_limited_dev')
    const typed = code.user_code.toLowerCase().replace('-', '')
    const { status, body } = await page(`/link?code=${typed}`)
    expect(status).toBe(200)
    expect(body).toContain('Limited Viewer')
    expect(body).not.toContain('update your watch progress')
  })

  it('GET /link with a bad code says so', async () => {
    const { status, body } = await page('/link?code=ZZZZ-ZZZZ')
    expect(status).toBe(400)
    expect(body).toContain('That code is invalid or expired')
  })

  it('POST /link approve connects the TV, optionally as a named viewer', async () => {
    const code = await tv().deviceCode()
    const form = await consentPage(code.user_code)
    const { status, body } = await submit(
      '/link',
      { user_code: code.user_code, decision: 'approve', username: 'couch_potato' },
      form,
    )
    expect(status).toBe(200)
    expect(body).toContain('Your TV is now connected')
    const tokens = await redeem(code.device_code)
    expect(tokens.status).toBe(200)
    expect(tokens.body.username).toBe('couch_potato')
    const again = await submit('/link', { user_code: code.user_code, decision: 'approve' }, form)
    expect(again.status).toBe(400)
  })

  it('POST /link deny refuses the TV', async () => {
    const code = await tv().deviceCode()
    const form = await consentPage(code.user_code)
    const { status, body } = await submit(
      '/link',
      { user_code: code.user_code, decision: 'deny' },
      form,
    )
    expect(status).toBe(200)
    expect(body).toContain('Denied')
    expect((await redeem(code.device_code)).body.error).toBe('access_denied')
  })

  it('POST /link rejects bad codes and missing decisions with 400', async () => {
    const code = await tv().deviceCode()
    const form = await consentPage(code.user_code)
    const bad = await submit('/link', { user_code: 'ZZZZ-ZZZZ', decision: 'approve' }, form)
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('That code is invalid or expired')
    const undecided = await submit('/link', { user_code: code.user_code }, form)
    expect(undecided.status).toBe(400)
    expect((await redeem(code.device_code)).body.error).toBe('authorization_pending')
  })

  it('escapes what viewers type', async () => {
    const { body } = await page('/link?code=%3Cscript%3Ealert(1)%3C/script%3E')
    expect(body).not.toContain('<script>')
    expect(body).toContain('&lt;script&gt;')
  })

  it('connected apps lists grants and revoking one makes its tokens fail with 401', async () => {
    const tokens = await tv().login()
    const listing = await open('/settings/connected-apps')
    expect(listing.status).toBe(200)
    expect(listing.body).toContain('PunchPlay TV')
    const grantId = /name="grant_id" value="([^"]+)"/.exec(listing.body)?.[1]
    expect(grantId).toBeDefined()

    const revoked = await submit(
      '/settings/connected-apps/revoke',
      { grant_id: grantId ?? '' },
      listing,
    )
    expect(revoked.status).toBe(303)
    expect(revoked.headers.get('location')).toBe('/settings/connected-apps')
    expect((await tv().get('/me', tokens.access_token)).status).toBe(401)
    expect((await page('/settings/connected-apps')).body).toContain('No apps are connected')
    const twice = await submit(
      '/settings/connected-apps/revoke',
      { grant_id: grantId ?? '' },
      listing,
    )
    expect(twice.status).toBe(404)
  })
})
