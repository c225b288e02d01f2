import { browserClock } from './adapters/browser-clock.ts'
import { createIdbStore } from './adapters/idb-store.ts'
import { randomIds } from './adapters/ids.ts'
import { createHttp } from './adapters/ky-http.ts'
import { renderQr } from './adapters/qr.ts'
import { createSpeech } from './adapters/speech.ts'
import { chooseVideoSource, createVideoSurface } from './adapters/video.ts'
import catalogJson from './catalog.json'
import { createApiClient } from './core/api/client.ts'
import type { PunchPlayConfig } from './core/config.ts'
import type { ErrorReport } from './core/errors.ts'
import { createDiagnosticsLog } from './core/diagnostics/diagnostics-log.ts'
import { recordFailures } from './core/diagnostics/recording-api.ts'
import type { Clock } from './core/ports.ts'
import { createPreferenceStore } from './core/preferences.ts'
import { createDeviceFlow } from './core/pairing/device-flow.ts'
import { parseCatalog, playableCatalog } from './core/playback/catalog.ts'
import { createEventQueue, type EventQueue } from './core/playback/event-queue.ts'
import { createEventBuilder } from './core/playback/events.ts'
import {
  createPlaybackReporter,
  type ReporterOptions,
  type ReporterStatus,
} from './core/playback/reporter.ts'
import { createPlaybackTracker } from './core/playback/tracker.ts'
import { createResilientStore, type StorageTrouble } from './core/session/resilient-store.ts'
import { createSignOut } from './core/session/sign-out.ts'
import { createTokenManager, type TokenManager } from './core/session/token-manager.ts'
import { createTokenStore, loadDeviceId } from './core/session/token-store.ts'
import { nameOfThisTv, type Platform } from './tv/platform.ts'
import { createAnnouncer } from './ui/a11y/announcer.ts'
import { currentLanguage, pickLanguage, useLanguage } from './ui/i18n.ts'
import type { AppServices, PlaybackServices } from './ui/services.ts'

export interface ServiceSetup {
  readonly config: PunchPlayConfig
  readonly version: string
  readonly platform: Platform
  /** Storage trouble is kept for the diagnostics screen; the app carries on from memory. */
  readonly onStorageTrouble: (trouble: StorageTrouble) => void
  /** The TV's languages, most preferred first (navigator.languages). */
  readonly deviceLanguages: readonly string[]
  /** Where speech comes from: the window's Web Speech API, if any. */
  readonly speechWindow: Parameters<typeof createSpeech>[0]
}

/** Wires the real adapters into the core services the UI uses. */
export function createServices(setup: ServiceSetup): AppServices {
  const { config, version, platform } = setup
  const clock = browserClock
  // Trouble arrives only from later, asynchronous store calls: `diagnostics` exists by then.
  const store = createResilientStore(createIdbStore(), (trouble) => {
    setup.onStorageTrouble(trouble)
    void diagnostics.record(storageReport(trouble, config.clientId, clock))
  })
  const diagnostics = createDiagnosticsLog(store)
  const api = recordFailures(
    createApiClient({ http: createHttp(config.apiBase), clientId: config.clientId, clock }),
    diagnostics,
  )
  const session = createTokenManager({
    api,
    store: createTokenStore(store, randomIds),
    clock,
    ids: randomIds,
  })
  const deviceId = () => loadDeviceId(store, randomIds)
  const deviceName = once(() => nameOfThisTv(platform, config.deviceName, clock))
  const pairing = createDeviceFlow({ api, clock, scope: config.scope, deviceName, deviceId })
  const queue = createEventQueue(store, clock)
  const playback = createPlayback({
    session,
    queue,
    clock,
    diagnostics: { log: diagnostics, clientId: config.clientId },
    deviceId,
    clientVersion: `punchplay-tv/${version}`,
    threshold: config.watchedThreshold,
  })
  const preferences = createPreferenceStore(store)
  const announcer = createAnnouncer({
    speech: createSpeech(setup.speechWindow),
    clock,
    language: currentLanguage,
  })
  // Boot texts already follow the TV; a saved choice replaces this once read.
  useLanguage(pickLanguage(null, setup.deviceLanguages))
  return {
    config,
    version,
    platform,
    clock,
    deviceName,
    session,
    pairing,
    catalog: playableCatalog(parseCatalog(catalogJson), config.apiBase),
    playback,
    diagnostics,
    account: createSignOut({ session, queue, diagnostics }),
    preferences,
    announcer,
    renderQr,
    chooseVideoSource,
    createVideo: createVideoSurface,
    async startRoute() {
      const [state, chosen] = await Promise.all([
        session.start(),
        preferences.load(),
        queue.load(),
        diagnostics.load(),
      ])
      useLanguage(pickLanguage(chosen.language, setup.deviceLanguages))
      if (chosen.speech !== null) announcer.enabled = chosen.speech
      // Not awaited: a TV service that never answers must not hold up the start.
      else void platform.screenReaderOn().then((on) => (announcer.enabled = on))
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
  readonly diagnostics: ReporterOptions['diagnostics']
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
    diagnostics: setup.diagnostics,
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

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | null = null
  return () => (made ??= make())
}

/** Storage trouble in the same shape as an API failure, so Diagnostics shows both. */
function storageReport(trouble: StorageTrouble, clientId: string, clock: Clock): ErrorReport {
  return {
    method: trouble.operation.toUpperCase(),
    endpoint: `IndexedDB ${trouble.key}`,
    clientId,
    at: new Date(clock.now()).toISOString(),
    kind: 'storage',
    status: null,
    code: 'storage_unavailable',
    message: trouble.cause instanceof Error ? trouble.cause.message : String(trouble.cause),
    requestId: null,
    body: null,
  }
}
