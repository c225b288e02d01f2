import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { startEmulator } from '../../emulator/server.ts'
import { requestRefresh } from '../../src/core/api/auth.ts'
import { meRequest } from '../../src/core/api/me.ts'
import { createDiagnosticsLog } from '../../src/core/diagnostics/diagnostics-log.ts'
import { createEventQueue } from '../../src/core/playback/event-queue.ts'
import { PREFERENCES_KEY, createPreferenceStore } from '../../src/core/preferences.ts'
import { createSignOut } from '../../src/core/session/sign-out.ts'
import { createTokenManager } from '../../src/core/session/token-manager.ts'
import {
  DEVICE_ID_KEY,
  TOKENS_KEY,
  createTokenStore,
  loadDeviceId,
} from '../../src/core/session/token-store.ts'
import { TestEmulator, useEmulator } from '../helpers/emulator.ts'
import { ManualClock } from '../helpers/manual-clock.ts'
import { signIn } from '../helpers/session.ts'
import { testIds } from '../helpers/ids.ts'

const emulator = useEmulator()

async function signedInTv() {
  const { clock, session: paired } = await signIn(emulator())
  const store = createMemoryStore()
  const session = createTokenManager({
    api: emulator().client(clock),
    store: createTokenStore(store, testIds),
    clock,
    ids: testIds,
  })
  const record = await paired.refresh()
  await createTokenStore(store, testIds).save(record)
  await session.start()
  const queue = createEventQueue(store, clock)
  const diagnostics = createDiagnosticsLog(store)
  const deviceId = await loadDeviceId(store, { uuid: () => 'device-kept' })
  return { store, clock, session, queue, diagnostics, deviceId, accessToken: record.accessToken }
}

describe('signing out', () => {
  it('counts queued events, then forgets tokens, queue and diagnostics but keeps device_id', async () => {
    const tv = await signedInTv()
    await tv.queue.enqueue(
      {
        action: 'progress',
        body: {
          event_id: 'e1',
          playback_session_id: 's1',
          event_created_at: tv.clock.now(),
          media_type: 'movie',
          title: 'The Long Field',
          progress: 0.2,
          position_seconds: 12,
          duration_seconds: 60,
          device_id: tv.deviceId,
          client_version: 'v',
        },
      },
      'g1',
    )
    await tv.diagnostics.record({
      method: 'GET',
      endpoint: '/me',
      clientId: 'c',
      at: '2026-11-28T12:00:00Z',
      kind: 'network',
      status: null,
      code: 'network_error',
      message: 'offline',
      requestId: null,
      body: null,
    })
    const account = createSignOut(tv)
    expect(account.pendingEvents).toBe(1)

    await account.signOut()

    expect(account.pendingEvents).toBe(0)
    expect(tv.session.state).toEqual({ signedIn: false, reason: 'signed-out' })
    expect(tv.diagnostics.entries).toEqual([])
    expect(await tv.store.get(TOKENS_KEY)).toBeUndefined()
    expect(await tv.store.get(DEVICE_ID_KEY)).toBe('device-kept')
    await expect(tv.session.send(meRequest())).rejects.toMatchObject({ code: 'signed_out' })
  })

  it('forgets the viewer at once, then asks PunchPlay to revoke: the old refresh token is refused', async () => {
    const tv = await signedInTv()
    const { refreshToken } = await tv.session.refresh()
    const { revoking } = await createSignOut(tv).signOut()
    expect(tv.session.state).toEqual({ signedIn: false, reason: 'signed-out' })
    await revoking
    const revokes = await emulator().requests('/oauth/revoke')
    expect(revokes.map((r) => [r.method, r.status])).toEqual([['POST', 200]])
    const api = emulator().client(tv.clock)
    await expect(requestRefresh(api, refreshToken!)).rejects.toMatchObject({
      code: 'invalid_grant',
    })
    await expect(api.send({ ...meRequest(), accessToken: tv.accessToken })).rejects.toMatchObject({
      status: 401,
    })
    expect(tv.session.state).toEqual({ signedIn: false, reason: 'signed-out' })
  })

  it('still signs out when PunchPlay cannot be reached, trying the revoke once', async () => {
    const tv = await signedInTv()
    await emulator().fault({ route: '/oauth/revoke', kind: 'drop', count: 5 })
    await (
      await createSignOut(tv).signOut()
    ).revoking
    expect(tv.session.state).toEqual({ signedIn: false, reason: 'signed-out' })
    expect(await tv.store.get(TOKENS_KEY)).toBeUndefined()
    expect(await emulator().requests('/oauth/revoke')).toHaveLength(1)
  })

  it('still signs out when the server is gone altogether', async () => {
    const clock = new ManualClock()
    const store = createMemoryStore()
    const { session: paired } = await signIn(emulator())
    await createTokenStore(store, testIds).save(await paired.refresh())
    const gone = await startEmulator({ host: '127.0.0.1', port: 0 })
    await gone.close()
    const session = createTokenManager({
      api: new TestEmulator(gone).client(clock),
      store: createTokenStore(store, testIds),
      clock,
      ids: testIds,
    })
    await session.start()
    const queue = createEventQueue(store, clock)
    const account = createSignOut({ session, queue, diagnostics: createDiagnosticsLog(store) })
    await (
      await account.signOut()
    ).revoking
    expect(session.state).toEqual({ signedIn: false, reason: 'signed-out' })
    expect(await store.get(TOKENS_KEY)).toBeUndefined()
  })

  it('waits at most 5 s for a revoke that hangs', async () => {
    const tv = await signedInTv()
    await emulator().fault({ route: '/oauth/revoke', kind: 'latency', latencyMs: 4000, count: 1 })
    const startedMs = Date.now()
    const { revoking } = await createSignOut(tv).signOut()
    expect(tv.session.state).toEqual({ signedIn: false, reason: 'signed-out' })
    expect(await tv.clock.nextSleep()).toBe(5000)
    await tv.clock.advance(5000)
    await revoking
    expect(Date.now() - startedMs).toBeLessThan(3000)
    expect(tv.session.state).toEqual({ signedIn: false, reason: 'signed-out' })
  })

  it('keeps the viewer’s language and speech choices, which are not part of a sign-in', async () => {
    const store = createMemoryStore()
    await createPreferenceStore(store).update({ language: 'de' })
    const later = createPreferenceStore(store)
    expect(await later.load()).toEqual({ language: 'de', speech: null })
    await store.set(PREFERENCES_KEY, { v: 1, language: 7 })
    expect(await createPreferenceStore(store).load()).toEqual({ language: null, speech: null })
  })
})
