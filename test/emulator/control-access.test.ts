import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmulatorContext } from '../../emulator/context.ts'
import { isLoopbackAddress, isLoopbackHost } from '../../emulator/loopback.ts'
import { resolveOptions } from '../../emulator/options.ts'
import { buildApp } from '../../emulator/server.ts'
import { TV_CLIENT, useEmulator } from '../helpers/emulator.ts'

/**
 * Tests listen on 127.0.0.1 only, so a LAN client is simulated with `inject`, which hands the
 * app a socket with any remote address: the same request path as a real connection.
 */
describe('/__emulator answers this machine only', () => {
  let app: FastifyInstance
  let ctx: EmulatorContext
  beforeAll(async () => {
    ctx = new EmulatorContext(resolveOptions({ controlEnabled: true, minPollIntervalSec: 0 }))
    app = await buildApp(ctx)
    await app.ready()
  })
  afterAll(async () => {
    ctx.streams.stop()
    await app.close()
  })
  const from = (remoteAddress: string, method: 'GET' | 'POST', url: string, body?: object) =>
    app.inject({
      method,
      url,
      remoteAddress,
      headers: { host: '127.0.0.1:8787' },
      ...(body ? { payload: body } : {}),
    })

  it.each(['192.0.2.2', '::ffff:192.0.2.2', 'fd00::2', '10.0.0.7'])(
    'a LAN client at %s gets 404 from every control route and changes nothing',
    async (address) => {
      const code = await from('127.0.0.1', 'POST', '/api/platform/v1/auth/device/code', {
        client_id: TV_CLIENT,
      })
      expect(code.statusCode).toBe(200)
      const userCode = code.json<{ user_code: string }>().user_code
      for (const path of ['/requests', '/device-codes', '/playback-events', '/config']) {
        expect((await from(address, 'GET', `/__emulator${path}`)).statusCode).toBe(404)
      }
      const approve = await from(address, 'POST', '/__emulator/approve', { user_code: userCode })
      expect(approve.statusCode).toBe(404)
      expect((await from(address, 'POST', '/__emulator/reset', {})).statusCode).toBe(404)
      const codes = await from('127.0.0.1', 'GET', '/__emulator/device-codes')
      const { deviceCodes } = codes.json<{ deviceCodes: Array<{ userCode: string }> }>()
      expect(deviceCodes.find((issued) => issued.userCode === userCode)).toMatchObject({
        status: 'pending',
      })
    },
  )

  it.each(['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1'])(
    'a loopback client at %s is served',
    async (address) => {
      expect((await from(address, 'GET', '/__emulator/requests')).statusCode).toBe(200)
    },
  )

  it('still serves the API and the phone pages to the LAN', async () => {
    const code = await from('192.0.2.2', 'POST', '/api/platform/v1/auth/device/code', {
      client_id: TV_CLIENT,
    })
    expect(code.statusCode).toBe(200)
    expect((await from('192.0.2.2', 'GET', '/link')).statusCode).toBe(200)
    expect((await from('192.0.2.2', 'GET', '/settings/connected-apps')).statusCode).toBe(200)
  })

  it('refuses a local request whose Host is a rebound DNS name', async () => {
    const answer = await app.inject({
      method: 'GET',
      url: '/__emulator/requests',
      remoteAddress: '127.0.0.1',
      headers: { host: 'evil.example:8787' },
    })
    expect(answer.statusCode).toBe(403)
    expect(answer.json()).toMatchObject({ error: 'forbidden' })
  })

  it('knows its loopback addresses and host names', () => {
    for (const address of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1']) {
      expect([address, isLoopbackAddress(address)]).toEqual([address, true])
    }
    for (const address of ['192.0.2.2', '::ffff:192.0.2.2', '::', '0.0.0.0', 'localhost', '']) {
      expect([address, isLoopbackAddress(address)]).toEqual([address, false])
    }
    expect(['localhost:8787', '127.0.0.1:1', '[::1]:8787'].every(isLoopbackHost)).toBe(true)
    expect(['127.0.0.1.evil.example', 'evil.example', '192.0.2.2:8787'].some(isLoopbackHost)).toBe(
      false,
    )
  })
})

describe('/__emulator refuses web pages in a local browser', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })

  it.each(['https://evil.example', 'null', 'http://127.0.0.1:1'])(
    'a request with Origin %s gets 403 and no CORS headers',
    async (origin) => {
      const reset = await fetch(`${tv().running.origin}/__emulator/reset`, {
        method: 'POST',
        headers: { origin, 'content-type': 'text/plain' },
        body: '{}',
      })
      expect(reset.status).toBe(403)
      expect(reset.headers.get('access-control-allow-origin')).toBeNull()
      const log = await fetch(`${tv().running.origin}/__emulator/requests`, { headers: { origin } })
      expect(log.status).toBe(403)
    },
  )

  it('serves its own origin and scripts that send none', async () => {
    const own = await fetch(`${tv().running.origin}/__emulator/requests`, {
      headers: { origin: tv().running.origin },
    })
    expect(own.status).toBe(200)
    expect((await fetch(`${tv().running.origin}/__emulator/requests`)).status).toBe(200)
  })
})

describe('the request log holds no credentials', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })

  it('keeps device codes, tokens and authorization headers out of every control answer', async () => {
    const code = await tv().deviceCode()
    const poll = () =>
      tv().post('/auth/device/token', { client_id: TV_CLIENT, device_code: code.device_code })
    await poll()
    await tv().postControl('/approve', { user_code: code.user_code })
    const tokens = (await poll()).body as { access_token: string; refresh_token: string }
    const renewed = (
      await tv().post('/auth/refresh', {
        client_id: TV_CLIENT,
        refresh_token: tokens.refresh_token,
      })
    ).body as { access_token: string; refresh_token: string }
    await tv().get('/me', renewed.access_token)
    await tv().post('/oauth/revoke', { client_id: TV_CLIENT, token: renewed.refresh_token })

    const secrets = [
      code.device_code,
      tokens.access_token,
      tokens.refresh_token,
      renewed.access_token,
      renewed.refresh_token,
    ]
    const answers = await Promise.all(
      ['/requests', '/device-codes', '/playback-events'].map(async (path) =>
        (await fetch(`${tv().running.origin}/__emulator${path}`)).text(),
      ),
    )
    for (const text of answers) {
      for (const secret of secrets) expect(text).not.toContain(secret)
      expect(text.toLowerCase()).not.toContain('bearer')
    }
    const { requests } = JSON.parse(answers[0] ?? '{}') as {
      requests: Array<{ path: string; status: number; userCode?: string }>
    }
    const polls = requests.filter((request) => request.path.endsWith('/auth/device/token'))
    expect(polls.map((request) => [request.status, request.userCode])).toEqual([
      [400, code.user_code],
      [200, code.user_code],
    ])
    expect(requests.map((request) => request.path.replace(/.*\/v1/, ''))).toEqual([
      '/auth/device/code',
      '/auth/device/token',
      '/auth/device/token',
      '/auth/refresh',
      '/me',
      '/oauth/revoke',
    ])
  })
})
