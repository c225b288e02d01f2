import { randomUUID } from 'node:crypto'
import { createHttp } from '../../src/adapters/ky-http.ts'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { createCoreServices } from '../../src/core-services.ts'
import type { KeyValueStore } from '../../src/core/ports.ts'
import { requestDeviceCode, requestDeviceToken } from '../../src/core/api/auth.ts'
import { createTokenManager, type TokenManager } from '../../src/core/session/token-manager.ts'
import { createTokenStore } from '../../src/core/session/token-store.ts'
import { ALL_SCOPES, TV_CLIENT, type TestEmulator } from './emulator-control.ts'
import { ManualClock } from './manual-clock.ts'
import { testIds } from './ids.ts'

export interface SignedIn {
  readonly clock: ManualClock
  readonly session: TokenManager
}

/** A token manager signed in through the real device flow, with a clock the emulator follows. */
export async function signIn(
  emu: TestEmulator,
  options: { clientId?: string; scope?: string; username?: string } = {},
): Promise<SignedIn> {
  const clock = new ManualClock(Date.UTC(2026, 10, 28, 12, 0, 0), (ms) => emu.advance(ms / 1000))
  const api = emu.client(clock, options.clientId ?? TV_CLIENT)
  const session = createTokenManager({
    api,
    store: createTokenStore(createMemoryStore(), testIds),
    clock,
    ids: testIds,
  })
  const code = await requestDeviceCode(api, options.scope ?? ALL_SCOPES)
  await emu.approve(code.userCode, 'approve', options.username ?? 'ana')
  await session.signIn(
    await requestDeviceToken(api, {
      deviceCode: code.deviceCode,
      deviceId: 'device-1',
      deviceName: 'TV',
    }),
  )
  return { clock, session }
}

/** The app's core as createServices wires it, over `store`, on a clock the emulator follows: one run of the app. */
export function coreServices(emu: TestEmulator, store: KeyValueStore, clock: ManualClock) {
  return createCoreServices(
    { clock, http: createHttp(emu.apiBase), store, ids: { uuid: randomUUID } },
    {
      config: { clientId: TV_CLIENT, scope: ALL_SCOPES, watchedThreshold: 0.9 },
      version: 'test',
      deviceName: async () => 'Test TV',
      onStorageTrouble: () => {},
    },
  )
}
