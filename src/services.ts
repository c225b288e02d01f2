import { browserClock } from './adapters/browser-clock.ts'
import { createIdbStore } from './adapters/idb-store.ts'
import { randomIds } from './adapters/ids.ts'
import { createHttp } from './adapters/ky-http.ts'
import { renderQr } from './adapters/qr.ts'
import { createApiClient } from './core/api/client.ts'
import type { PunchPlayConfig } from './core/config.ts'
import { createDeviceFlow } from './core/pairing/device-flow.ts'
import { createResilientStore, type StorageTrouble } from './core/session/resilient-store.ts'
import { createTokenManager } from './core/session/token-manager.ts'
import { createTokenStore, loadDeviceId } from './core/session/token-store.ts'
import type { Platform } from './tv/platform.ts'
import type { AppServices } from './ui/services.ts'

export interface ServiceSetup {
  readonly config: PunchPlayConfig
  readonly version: string
  readonly platform: Platform
  /** Storage trouble is kept for the diagnostics screen; the app carries on from memory. */
  readonly onStorageTrouble: (trouble: StorageTrouble) => void
}

/** Wires the real adapters into the core services the UI uses. */
export function createServices({
  config,
  version,
  platform,
  onStorageTrouble,
}: ServiceSetup): AppServices {
  const clock = browserClock
  const api = createApiClient({
    http: createHttp(config.apiBase),
    clientId: config.clientId,
    clock,
  })
  const store = createResilientStore(createIdbStore(), onStorageTrouble)
  const session = createTokenManager({ api, store: createTokenStore(store), clock })
  const pairing = createDeviceFlow({
    api,
    clock,
    scope: config.scope,
    deviceName: config.deviceName,
    deviceId: () => loadDeviceId(store, randomIds),
  })
  return {
    config,
    version,
    platform,
    clock,
    session,
    pairing,
    renderQr,
    async startRoute() {
      const state = await session.start()
      return state.signedIn ? 'home' : 'pairing'
    },
  }
}
