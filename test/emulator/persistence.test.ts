import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/server.ts'

describe('dataFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'punchplay-emulator-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps grants and tokens across a restart', async () => {
    const dataFile = join(dir, 'state.json')
    const options = { host: '127.0.0.1', port: 0, controlEnabled: true, dataFile }
    const first = await startEmulator(options)
    const code = (await (
      await fetch(`${first.apiBase}/auth/device/code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: 'ppc_punchplaytv_dev' }),
      })
    ).json()) as { user_code: string; device_code: string }
    await fetch(`${first.origin}/__emulator/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_code: code.user_code }),
    })
    const tokens = (await (
      await fetch(`${first.apiBase}/auth/device/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: 'ppc_punchplaytv_dev', device_code: code.device_code }),
      })
    ).json()) as { access_token: string }
    await first.close()

    const second = await startEmulator(options)
    try {
      const me = await fetch(`${second.apiBase}/me`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      })
      expect(me.status).toBe(200)
    } finally {
      await second.close()
    }
  })

  it('persists nothing without a data file', async () => {
    const first = await startEmulator({ host: '127.0.0.1', port: 0 })
    const code = await fetch(`${first.apiBase}/auth/device/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'ppc_punchplaytv_dev' }),
    })
    const { device_code: deviceCode } = (await code.json()) as { device_code: string }
    await first.close()
    const second = await startEmulator({ host: '127.0.0.1', port: 0, minPollIntervalSec: 0 })
    try {
      const poll = await fetch(`${second.apiBase}/auth/device/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: 'ppc_punchplaytv_dev', device_code: deviceCode }),
      })
      expect(((await poll.json()) as { error: string }).error).toBe('expired')
    } finally {
      await second.close()
    }
  })
})
