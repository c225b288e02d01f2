import { describe, expect, it } from 'vitest'
import { ConfigError, checkApiBase, parsePunchPlayConfig } from '../../src/core/config.ts'

const valid = {
  apiBase: 'https://punchplay.tv/api/platform/v1/',
  clientId: 'ppc_abc',
  scope: 'profile:read  playback:read',
  deviceName: 'Living room TV',
}

describe('PunchPlay settings', () => {
  it('accepts https and normalises the base and scope', () => {
    expect(parsePunchPlayConfig(valid)).toEqual({
      apiBase: 'https://punchplay.tv/api/platform/v1',
      clientId: 'ppc_abc',
      scope: 'profile:read playback:read',
      deviceName: 'Living room TV',
      watchedThreshold: 0.9,
    })
  })

  it('takes a watched threshold from 0.5 to 1', () => {
    expect(parsePunchPlayConfig({ ...valid, watchedThreshold: 0.7 }).watchedThreshold).toBe(0.7)
    expect(() => parsePunchPlayConfig({ ...valid, watchedThreshold: 90 })).toThrow(
      /watchedThreshold/,
    )
  })

  it.each([
    'http://127.0.0.1:8787/api/platform/v1',
    'http://localhost:8787/api/platform/v1',
    'http://[::1]:8787/api/platform/v1',
    'http://emulator.localhost/api',
  ])('allows plain http only on loopback: %s', (base) => {
    expect(checkApiBase(base)).toBe(base)
  })

  it.each([
    'http://punchplay.tv/api/platform/v1',
    'http://192.168.1.20:8787/api/platform/v1',
    'http://127.0.0.1.nip.io/api',
    'ftp://punchplay.tv/api',
  ])('refuses a non-loopback base without https: %s', (base) => {
    expect(() => checkApiBase(base)).toThrow(/must use https/)
  })

  it('refuses relative URLs and credentials in the base', () => {
    expect(() => checkApiBase('/api/platform/v1')).toThrow(/not an absolute URL/)
    expect(() => checkApiBase('https://user:pw@punchplay.tv/api')).toThrow(/credentials/)
  })

  it('names the missing field', () => {
    const error = (() => {
      try {
        parsePunchPlayConfig({ ...valid, clientId: '' })
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect(error).toMatchObject({ field: 'clientId' })
  })

  it('refuses a client secret: the TV app is a public client', () => {
    expect(() => parsePunchPlayConfig({ ...valid, clientSecret: 'x' })).toThrow(/public client/)
  })
})
