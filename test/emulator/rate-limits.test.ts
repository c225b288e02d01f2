import { describe, expect, it } from 'vitest'
import { TV_CLIENT, useEmulator } from '../helpers/emulator.ts'

describe('per-IP rate limits', () => {
  const tv = useEmulator({
    minPollIntervalSec: 0,
    rateLimits: {
      deviceCode: { max: 2, windowSec: 60 },
      deviceToken: { max: 3, windowSec: 30 },
      refresh: { max: 2, windowSec: 120 },
    },
  })

  it('limits /auth/device/code and frees a slot when the window moves on', async () => {
    const first = await tv().post('/auth/device/code', { client_id: TV_CLIENT })
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1')
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000)
    await tv().postControl('/clock', { advanceSec: 20 })
    expect((await tv().post('/auth/device/code', { client_id: TV_CLIENT })).status).toBe(200)

    const limited = await tv().post('/auth/device/code', { client_id: TV_CLIENT })
    expect(limited.status).toBe(429)
    expect(limited.body.error).toBe('rate_limited')
    expect(limited.headers.get('retry-after')).toBe('40')
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')

    await tv().postControl('/clock', { advanceSec: 40 })
    expect((await tv().post('/auth/device/code', { client_id: TV_CLIENT })).status).toBe(200)
  })

  it('counts rejected requests too, as a gateway in front of the API would', async () => {
    await tv().post('/auth/device/code', { client_id: 'ppc_nobody' })
    await tv().post('/auth/device/code', {})
    expect((await tv().post('/auth/device/code', { client_id: TV_CLIENT })).status).toBe(429)
  })

  it('limits /auth/device/token across device codes', async () => {
    const poll = (code: string) =>
      tv().post('/auth/device/token', { client_id: TV_CLIENT, device_code: code })
    await poll('a')
    await poll('b')
    await poll('c')
    const limited = await poll('d')
    expect(limited.status).toBe(429)
    expect(limited.body.error).toBe('rate_limited')
    expect(limited.headers.get('retry-after')).toBe('30')
  })

  it('limits /auth/refresh', async () => {
    const tokens = await tv().login()
    const refresh = () =>
      tv().post('/auth/refresh', { client_id: TV_CLIENT, refresh_token: tokens.refresh_token })
    expect((await refresh()).status).toBe(200)
    await refresh()
    const limited = await refresh()
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('can be changed at run time', async () => {
    await tv().postControl('/config', { rateLimits: { deviceCode: { max: 1 } } })
    try {
      await tv().post('/auth/device/code', { client_id: TV_CLIENT })
      expect((await tv().post('/auth/device/code', { client_id: TV_CLIENT })).status).toBe(429)
    } finally {
      await tv().postControl('/config', { rateLimits: { deviceCode: { max: 2 } } })
    }
  })
})

describe('documented default limits', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })

  it('allows 10 device codes per hour per IP', async () => {
    for (let i = 0; i < 10; i += 1) {
      expect((await tv().post('/auth/device/code', { client_id: TV_CLIENT })).status).toBe(200)
    }
    const limited = await tv().post('/auth/device/code', { client_id: TV_CLIENT })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3500)
  })
})
