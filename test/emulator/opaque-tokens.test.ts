import { describe, expect, it } from 'vitest'
import { ALL_SCOPES, TV_CLIENT, useEmulator, type Tokens } from '../helpers/emulator.ts'

const emulator = useEmulator({ minPollIntervalSec: 0, opaqueTokens: true })

async function pair(): Promise<Tokens> {
  const emu = emulator()
  const code = await emu.post('/auth/device/code', { client_id: TV_CLIENT, scope: ALL_SCOPES })
  await emu.approve(code.body.user_code as string, 'approve', 'ana')
  const answer = await emu.post<Tokens>('/auth/device/token', {
    client_id: TV_CLIENT,
    device_code: code.body.device_code,
  })
  expect(answer.status).toBe(200)
  return answer.body
}

describe('opaque tokens', () => {
  it('are minted without a prefix, and work like any other', async () => {
    const tokens = await pair()
    for (const token of [tokens.access_token, tokens.refresh_token]) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/)
      expect(token).not.toMatch(/^pp/)
    }
    expect((await emulator().get('/me', tokens.access_token)).status).toBe(200)
    const refreshed = await emulator().post<Tokens>('/auth/refresh', {
      client_id: TV_CLIENT,
      refresh_token: tokens.refresh_token,
    })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.refresh_token).not.toMatch(/^pprt_/)
  })

  it('are switched off again at run time', async () => {
    await emulator().configure({ opaqueTokens: false })
    const tokens = await pair()
    expect(tokens.access_token).toMatch(/^ppat_/)
    expect(tokens.refresh_token).toMatch(/^pprt_/)
  })
})
