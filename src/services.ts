import { browserClock } from './adapters/browser-clock.ts'
import { createIdbStore } from './adapters/idb-store.ts'
import { randomIds } from './adapters/ids.ts'
import { createHttp } from './adapters/ky-http.ts'
import { renderQr } from './adapters/qr.ts'
import { createVideoSurface } from './adapters/video.ts'
import catalogJson from './catalog.json'
import { createApiClient } from './core/api/client.ts'
import type { PunchPlayConfig } from './core/config.ts'
import type { Clock } from './core/ports.ts'
import { createDeviceFlow } from './core/pairing/device-flow.ts'
import { parseCatalog } from './core/playback/catalog.ts'
import { createEventQueue, type EventQueue } from './core/playback/event-queue.ts'
import { createEventBuilder } from './core/playback/events.ts'
import { createPlaybackReporter, type ReporterStatus } from './core/playback/reporter.ts'
import { createPlaybackTracker } from './core/playback/tracker.ts'
import { createResilientStore, type StorageTrouble } from './core/session/resilient-store.ts'
import { createTokenManager, type TokenManager } from './core/session/token-manager.ts'
import { createTokenStore, loadDeviceId } from './core/session/token-store.ts'
import type { Platform } from './tv/platform.ts'
import type { AppServices, PlaybackServices } from './ui/services.ts'

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
  const deviceId = () => loadDeviceId(store, randomIds)
  const pairing = createDeviceFlow({
    api,
    clock,
    scope: config.scope,
    deviceName: config.deviceName,
    deviceId,
  })
  const queue = createEventQueue(store, clock)
  const playback = createPlayback({
    session,
    queue,
    clock,
    deviceId,
    clientVersion: `punchplay-tv/${version}`,
    threshold: config.watchedThreshold,
  })
  return {
    config,
    version,
    platform,
    clock,
    session,
    pairing,
    catalog: parseCatalog(catalogJson),
    playback,
    renderQr,
    createVideo: createVideoSurface,
    async startRoute() {
      const [state] = await Promise.all([session.start(), queue.load()])
      // Events left from a run that ended offline go out now, not at the next playback.
      if (state.signedIn) void playback.flush()
      return state.signedIn ? 'home' : 'pairing'
    },
  }
}

interface PlaybackSetup {
  readonly session: TokenManager
  readonly queue: EventQueue
  readonly clock: Clock
  readonly deviceId: () => Promise<string>
  readonly clientVersion: string
  readonly threshold: number
}

function createPlayback(setup: PlaybackSetup): PlaybackServices {
  const { session, queue, clock } = setup
  const listeners = new Set<(status: ReporterStatus) => void>()
  const reporter = createPlaybackReporter({
    session,
    queue,
    clock,
    onStatus: (status) => listeners.forEach((listener) => listener(status)),
  })
  return {
    async begin(item, position) {
      const build = createEventBuilder({
        clock,
        ids: randomIds,
        deviceId: await setup.deviceId(),
        clientVersion: setup.clientVersion,
      })
      const begin = createPlaybackTracker({
        reporter,
        queue,
        build,
        clock,
        ids: randomIds,
        watchedThreshold: setup.threshold,
      })
      return begin(item, position)
    },
    flush: () => reporter.flush(),
    get status() {
      return reporter.status
    },
    onStatus(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
