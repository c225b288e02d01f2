import Fastify from 'fastify'
import formbody from '@fastify/formbody'
import { describe, expect, it } from 'vitest'
import { FormTokens } from '../../emulator/pages/csrf.ts'
import { openPhoneForm, postPhoneForm } from '../helpers/phone-form.ts'
import { TV_CLIENT, useEmulator } from '../helpers/emulator.ts'

describe('phone forms refuse cross-site posts (CSRF)', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })
  const url = (path: string) => `${tv().running.origin}${path}`
  /** What a form on another web site can send: the fields, without this browser's cookie. */
  const crossSite = (path: string, fields: Record<string, string>, cookie?: string) =>
    fetch(url(path), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        ...(cookie ? { cookie } : {}),
      },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    })
  const status = async (deviceCode: string) =>
    (await tv().post('/auth/device/token', { client_id: TV_CLIENT, device_code: deviceCode })).body
      .error

  it('gives each consent form a token and sets it as a strict, script-proof cookie', async () => {
    const code = await tv().deviceCode()
    const response = await fetch(url(`/link?code=${code.user_code}`))
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^pp_form=[\w-]{20,};/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    const body = await response.text()
    const token = /name="csrf_token" value="([^"]+)"/.exec(body)?.[1]
    expect(cookie).toContain(`pp_form=${token};`)
  })

  it('refuses an approval without a token, with a readable page, and approves nothing', async () => {
    const code = await tv().deviceCode()
    const response = await crossSite('/link', { user_code: code.user_code, decision: 'approve' })
    expect(response.status).toBe(403)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toContain('nothing was changed')
    expect(await status(code.device_code)).toBe('authorization_pending')
  })

  it('refuses a stolen token without its cookie, and a cookie without its token', async () => {
    const code = await tv().deviceCode()
    const form = await openPhoneForm(url(`/link?code=${code.user_code}`))
    const fields = { user_code: code.user_code, decision: 'approve' }
    const tokenOnly = await crossSite('/link', { ...fields, csrf_token: form.token })
    expect(tokenOnly.status).toBe(403)
    const cookieOnly = await crossSite('/link', fields, form.cookie)
    expect(cookieOnly.status).toBe(403)
    const mismatched = await crossSite('/link', { ...fields, csrf_token: 'made-up' }, form.cookie)
    expect(mismatched.status).toBe(403)
    expect(await status(code.device_code)).toBe('authorization_pending')
  })

  it('refuses a forged token that matches a forged cookie', async () => {
    const code = await tv().deviceCode()
    const forged = await crossSite(
      '/link',
      { user_code: code.user_code, decision: 'approve', csrf_token: 'forged' },
      'pp_form=forged',
    )
    expect(forged.status).toBe(403)
  })

  it('accepts the post from the page with its token, and denies likewise', async () => {
    const approved = await tv().deviceCode()
    const form = await openPhoneForm(url(`/link?code=${approved.user_code}`))
    const fields = { user_code: approved.user_code, decision: 'approve' }
    expect((await postPhoneForm(url('/link'), form, fields)).status).toBe(200)
    expect(await status(approved.device_code)).toBeUndefined()

    const denied = await tv().deviceCode()
    const again = await openPhoneForm(url(`/link?code=${denied.user_code}`))
    const deny = { user_code: denied.user_code, decision: 'deny' }
    expect((await postPhoneForm(url('/link'), again, deny)).status).toBe(200)
    expect(await status(denied.device_code)).toBe('access_denied')
  })

  it('refuses a cross-site revoke on the connected-apps page and accepts the page’s own', async () => {
    const tokens = await tv().login()
    const listing = await openPhoneForm(url('/settings/connected-apps'))
    const grantId = /name="grant_id" value="([^"]+)"/.exec(listing.body)?.[1] ?? ''
    const forged = await crossSite('/settings/connected-apps/revoke', { grant_id: grantId })
    expect(forged.status).toBe(403)
    expect((await tv().get('/me', tokens.access_token)).status).toBe(200)

    const revoke = await postPhoneForm(url('/settings/connected-apps/revoke'), listing, {
      grant_id: grantId,
    })
    expect(revoke.status).toBe(303)
    expect((await tv().get('/me', tokens.access_token)).status).toBe(401)
  })
})

describe('form tokens expire', () => {
  it('refuses a token an hour old and hands out a new one', async () => {
    let nowMs = 1_000_000
    const tokens = new FormTokens(() => nowMs)
    const app = Fastify()
    await app.register(formbody)
    app.get('/form', async (request, reply) => reply.send(tokens.field(request, reply)))
    app.post('/submit', async (request, reply) =>
      reply.code(tokens.accepts(request) ? 200 : 403).send(),
    )
    const open = async (cookie?: string) => {
      const page = await app.inject({ url: '/form', headers: cookie ? { cookie } : {} })
      const token = /value="([^"]+)"/.exec(page.body)?.[1] ?? ''
      return { token, cookie: `pp_form=${token}` }
    }
    const submit = (form: { token: string; cookie: string }) =>
      app.inject({
        method: 'POST',
        url: '/submit',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
        payload: `csrf_token=${form.token}`,
      })

    const form = await open()
    expect((await submit(form)).statusCode).toBe(200)
    nowMs += 59 * 60 * 1000
    expect((await submit(form)).statusCode).toBe(200)
    nowMs += 2 * 60 * 1000
    expect((await submit(form)).statusCode).toBe(403)
    const fresh = await open(form.cookie)
    expect(fresh.token).not.toBe(form.token)
    expect((await submit(fresh)).statusCode).toBe(200)
    await app.close()
  })
})
