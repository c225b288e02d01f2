import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { resolveBuildSettings } from '../../scripts/build-settings.ts'

const settings = JSON.parse(readFileSync('settings.json', 'utf8'))
const pkg = JSON.parse(readFileSync('package.json', 'utf8'))

describe('build settings', () => {
  it('targets the embedded emulator by default', () => {
    const resolved = resolveBuildSettings({})
    expect(resolved.punchplay.apiBase).toBe(settings.punchplay.apiBase)
    expect(resolved.punchplay.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:8787\//)
    expect(resolved.punchplay.clientId).toBe('ppc_punchplaytv_dev')
    expect(resolved.version).toBe(pkg.version)
  })

  it('lets the environment retarget a checkout', () => {
    const resolved = resolveBuildSettings({
      PUNCHPLAY_API_BASE: 'https://staging.punchplay.tv/api/platform/v1',
      PUNCHPLAY_CLIENT_ID: 'ppc_staging',
    })
    expect(resolved.punchplay.apiBase).toBe('https://staging.punchplay.tv/api/platform/v1')
    expect(resolved.punchplay.clientId).toBe('ppc_staging')
    expect(resolved.punchplay.scope).toBe(settings.punchplay.scope)
  })

  it('fails the build for an insecure remote base', () => {
    expect(() =>
      resolveBuildSettings({ PUNCHPLAY_API_BASE: 'http://punchplay.tv/api/platform/v1' }),
    ).toThrow(/must use https/)
  })

  it('maps every remote key the app relies on', () => {
    const keys: Record<string, string> = settings.appSettings.keys
    const expected: Record<string, string> = {
      8: 'Back',
      461: 'Back',
      10009: 'Back',
      13: 'Enter',
      37: 'Left',
      38: 'Up',
      39: 'Right',
      40: 'Down',
      415: 'Play',
      19: 'Pause',
      10252: 'PlayPause',
      413: 'Stop',
      412: 'Rewind',
      417: 'FastForward',
    }
    for (const [code, name] of Object.entries(expected))
      expect(keys[code], `keyCode ${code}`).toBe(name)
  })

  it('resolves assets relative to index.html so file:// works', () => {
    expect(settings.platformSettings.path).toBe('./')
    expect(settings.appSettings.stage).toMatchObject({ w: 1920, h: 1080 })
  })
})
