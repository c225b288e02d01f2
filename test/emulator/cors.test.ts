import { describe, expect, it } from 'vitest'
import { REQUEST_ID, TV_CLIENT, useEmulator } from '../helpers/emulator.ts'

describe('CORS for browser-engine clients', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })

  it.each(['null', 'http://192.168.1.20:8080'])(
    'answers a preflight from Origin %s',
    async (origin) => {
      const response = await fetch(`${tv().running.apiBase}/auth/device/token`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      })
      expect(response.status).toBe(204)
      expect(response.headers.get('access-control-allow-origin')).toBe(origin)
      expect(response.headers.get('access-control-allow-methods')).toContain('POST')
      const allowed = response.headers.get('access-control-allow-headers')?.toLowerCase() ?? ''
      for (const header of ['authorization', 'content-type', 'accept', 'last-event-id']) {
        expect(allowed).toContain(header)
      }
      expect(response.headers.get('x-punchplay-request-id')).toMatch(REQUEST_ID)
    },
  )

  it('lets the page read the ids and rate-limit headers of real answers, errors included', async () => {
    const response = await fetch(`${tv().running.apiBase}/auth/device/token`, {
      method: 'POST',
      headers: { origin: 'null', 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: TV_CLIENT, device_code: 'unknown' }),
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('access-control-allow-origin')).toBe('null')
    const exposed = response.headers.get('access-control-expose-headers')?.toLowerCase() ?? ''
    for (const header of [
      'x-punchplay-request-id',
      'retry-after',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
    ]) {
      expect(exposed).toContain(header)
    }
  })

  it.each(['/__emulator/requests', '/settings/connected-apps', '/link'])(
    'sends no CORS headers to a foreign origin on %s, which are not the API',
    async (path) => {
      const response = await fetch(`${tv().running.origin}${path}`, {
        headers: { origin: 'null' },
      })
      expect(response.headers.get('access-control-allow-origin')).toBeNull()
      const preflight = await fetch(`${tv().running.origin}${path}`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      })
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
      expect(preflight.headers.get('access-control-allow-methods')).toBeNull()
    },
  )
})
