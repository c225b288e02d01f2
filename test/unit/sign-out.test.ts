import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
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
import { useEmulator } from '../helpers/emulator.ts'
import { signIn } from '../helpers/session.ts'

const emulator = useEmulator()

async function signedInTv() {
  const { clock, session: paired } = await signIn(emulator())
  const store = createMemoryStore()
  const session = createTokenManager({
    api: emulator().client(clock),
    store: createTokenStore(store),
    clock,
  })
  const record = await paired.refresh()
  await createTokenStore(store).save(record)
  await session.start()
  const queue = createEventQueue(store, clock)
  const diagnostics = createDiagnosticsLog(store)
  const deviceId = await loadDeviceId(store, { uuid: () => 'device-kept' })
  return { store, clock, session, queue, diagnostics, deviceId, accessToken: record.accessToken }
}

describe('signing out', () => {
  it('counts queued events, then forgets tokens, queue and diagnostics but keeps device_id', async () => {
    const tv = await signedInTv()
    await tv.queue.enqueue({
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
    })
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

  it('does not revoke server-side: the old token works until revoked on connected apps', async () => {
    const tv = await signedInTv()
    await createSignOut(tv).signOut()
    const api = emulator().client(tv.clock)
    const me = await api.send({ ...meRequest(), accessToken: tv.accessToken })
    expect(me.username).toBe('ana')
    expect(await emulator().requests('/oauth/revoke')).toEqual([])
    await emulator().revoke()
    await expect(api.send({ ...meRequest(), accessToken: tv.accessToken })).rejects.toMatchObject({
      status: 401,
    })
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
