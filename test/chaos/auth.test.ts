import { describe, expect } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { meRequest } from '../../src/core/api/me.ts'
import { nowPlayingRequest } from '../../src/core/api/playback-reads.ts'
import { useEmulator, type TestEmulator } from '../helpers/emulator.ts'
import { ManualClock } from '../helpers/manual-clock.ts'
import { matrix } from './support/report.ts'
import { MOVIE, createRig, type Rig } from './support/rig.ts'

const emulator = useEmulator({ minPollIntervalSec: 5, accessTokenTtlSec: 3600 })
const scenario = matrix(import.meta.filename, () => emulator().control('/reset', {}))

async function signedIn(emu: TestEmulator, rig: Rig = createRig(emu), scope?: string) {
  const { result } = await rig.pair(async (_wait, updates) => {
    if (updates.length === 1) {
      await emu.approve((await emu.deviceCodes()).at(-1)!.userCode, 'approve', 'ana', scope)
    }
  })
  expect(result.status).toBe('approved')
  return rig
}

const refreshes = (emu: TestEmulator) => emu.requests('/auth/refresh')

describe('fault matrix: auth', () => {
  scenario('auth', 'access token revoked mid-session', async () => {
    const emu = emulator()
    const rig = await signedIn(emu)
    await rig.session.send(meRequest())
    await emu.revoke()
    const error = await rig.session.send(meRequest()).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'invalid_grant' })
    expect(rig.session.state).toEqual({ signedIn: false, reason: 'revoked' })
    return { refreshAttempts: (await refreshes(emu)).length, signedOut: 'revoked' }
  })

  scenario('auth', 'refresh token reused by a second instance', async () => {
    const emu = emulator()
    const store = createMemoryStore()
    const clock = new ManualClock(Date.UTC(2026, 10, 28, 12), (ms) => emu.advance(ms / 1000))
    const first = await signedIn(emu, createRig(emu, { store, clock }))
    const second = createRig(emu, { store: createMemoryStore(), clock })
    await second.store.set('tokens', await store.get('tokens'))
    await second.session.start()
    await first.session.refresh()
    await expect(second.session.refresh()).rejects.toMatchObject({ code: 'invalid_grant' })
    await expect(first.session.send(meRequest())).rejects.toMatchObject({ code: 'invalid_grant' })
    expect([first.session.state.signedIn, second.session.state.signedIn]).toEqual([false, false])
    return { instances: 2, grantRevoked: 'yes' }
  })

  scenario('auth', 'refresh answers 500 for an hour', async () => {
    const emu = emulator()
    const rig = await signedIn(emu)
    await emu.fault({ route: '/auth/refresh', kind: 'status', status: 500, count: 1000 })
    await rig.clock.advance(3600_000 - 5 * 60_000 + 1000)
    let answered = 0
    // A screen asking every 30 s for an hour, as the home feed's polling fallback would.
    for (let t = 0; t < 3600_000; t += 30_000) {
      await rig.session.send(nowPlayingRequest()).then(
        () => answered++,
        () => undefined,
      )
      await rig.clock.advance(30_000)
    }
    const attempts = (await refreshes(emu)).length
    // Documented limit: 20 refreshes per hour per address (§9).
    expect(attempts).toBeLessThanOrEqual(20)
    expect(rig.session.state.signedIn).toBe(true)
    expect(answered).toBeGreaterThan(0)
    return {
      refreshAttempts: attempts,
      readsAnsweredWhileTokenValid: answered,
      stillSignedIn: 'yes',
    }
  })

  for (const jumpMs of [3600_000, -3600_000]) {
    scenario('auth', `clock jumps ${jumpMs > 0 ? 'forward' : 'backward'} an hour`, async () => {
      const emu = emulator()
      const rig = await signedIn(emu)
      const before = (await refreshes(emu)).length
      // Only this TV's clock jumps: the server keeps its own time.
      rig.clock.jump(jumpMs)
      if (jumpMs < 0) await emu.advance(3601)
      expect(await rig.session.send(meRequest())).toMatchObject({ username: 'ana' })
      expect(rig.session.state.signedIn).toBe(true)
      const used = (await refreshes(emu)).length - before
      expect(used).toBe(1)
      return { refreshes: used, tokensKept: 'yes' }
    })
  }

  scenario('auth', 'scope narrowed at approval', async () => {
    const emu = emulator()
    const rig = await signedIn(emu, createRig(emu), 'profile:read playback:read')
    const state = rig.session.state
    expect(state.signedIn && state.scopes.canWritePlayback).toBe(false)
    const tracked = await rig.begin(MOVIE, () => ({ positionSec: 10, durationSec: 600 }))
    await rig.clock.advance(15_000)
    await tracked.stop()
    expect(rig.playback.status.tracking).toBe('off-scope')
    const writes = (await emu.requests()).filter(
      (request) => request.path.includes('/playback/') && request.method === 'POST',
    )
    expect(writes).toEqual([])
    expect(await rig.session.send(nowPlayingRequest())).toBeNull()
    return { writesSent: writes.length, tracking: 'off-scope', readsWork: 'yes' }
  })
})
