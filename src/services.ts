import { createBoot, createPairingSession, createSessionStore } from './app/index.ts'
import type { Speech } from './adapters/speech.ts'
import type { VideoSurface } from './adapters/video.ts'
import catalogJson from './catalog.json'
import { createScreens } from './app/screens.ts'
import { createApiClient } from './core/api/client.ts'
import { meRequest } from './core/api/me.ts'
import type { PunchPlayConfig } from './core/config.ts'
import type { ErrorReport } from './core/errors.ts'
import { createDiagnosticsLog } from './core/diagnostics/diagnostics-log.ts'
import { recordFailures } from './core/diagnostics/recording-api.ts'
import type { Clock, Http, Ids, KeyValueStore } from './core/ports.ts'
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
import type { VideoSource } from './core/playback/sources.ts'
import { createPlaybackTracker } from './core/playback/tracker.ts'
import { createResilientStore, type StorageTrouble } from './core/session/resilient-store.ts'
import { grantedScopes } from './core/session/scopes.ts'
import { createSignOut } from './core/session/sign-out.ts'
import { createTokenManager, type TokenManager } from './core/session/token-manager.ts'
import { createTokenStore, loadDeviceId } from './core/session/token-store.ts'
import { nameOfThisTv, type Platform } from './tv/platform.ts'
import { createAnnouncer } from './ui/a11y/announcer.ts'
import { currentLanguage, languageControl } from './ui/i18n.ts'
import type { AppServices, PlaybackServices } from './ui/services.ts'
import { qrCard } from './ui/theme.ts'

/** The outside world, as main.ts builds it for a TV and the chaos rig builds it for Node. */
export interface Adapters {
  readonly clock: Clock
  /** Calls under the API base, answered with status first (src/adapters/ky-http.ts). */
  readonly http: Http
  /** The persistent store (IndexedDB on a TV); failures fall back to memory. */
  readonly store: KeyValueStore
  readonly ids: Ids
  readonly speech: Speech
  readonly video: {
    /** Of an item's sources, the one this engine plays best; null when it plays none. */
    choose(sources: readonly VideoSource[]): VideoSource | null
    create(src: string, startAtSec: number): VideoSurface
  }
  /** A PNG data URL of a QR code for `text`. */
  readonly qr: (text: string, sizePx: number) => Promise<string>
}

export interface ServiceSetup {
  readonly config: PunchPlayConfig
  readonly version: string
  readonly platform: Platform
  /** Storage trouble is kept for the diagnostics screen; the app carries on from memory. */
  readonly onStorageTrouble: (trouble: StorageTrouble) => void
  /** The TV's languages, most preferred first (navigator.languages). */
  readonly deviceLanguages: readonly string[]
}

/** The one composition: adapters in, the services and use-cases the pages get out. */
export function createServices(adapters: Adapters, setup: ServiceSetup): AppServices {
  const { config, version, platform } = setup
  const { clock, ids } = adapters
  // Trouble arrives only from later, asynchronous store calls: `diagnostics` exists by then.
  const store = createResilientStore(adapters.store, (trouble) => {
    setup.onStorageTrouble(trouble)
    void diagnostics.record(storageReport(trouble, config.clientId, clock))
  })
  const diagnostics = createDiagnosticsLog(store)
  const api = recordFailures(
    createApiClient({ http: adapters.http, clientId: config.clientId, clock }),
    diagnostics,
  )
  const sessionState = createSessionStore()
  const session = createTokenManager({ api, store: createTokenStore(store, ids), clock, ids })
  session.subscribe((state) => sessionState.follow(state))
  const deviceId = () => loadDeviceId(store, ids)
  const deviceName = once(() => nameOfThisTv(platform, config.deviceName, clock))
  const queue = createEventQueue(store, clock)
  const playback = createPlayback({
    session,
    queue,
    clock,
    ids,
    diagnostics: { log: diagnostics, clientId: config.clientId },
    deviceId,
    clientVersion: `punchplay-tv/${version}`,
    threshold: config.watchedThreshold,
  })
  const preferences = createPreferenceStore(store)
  const announcer = createAnnouncer({ speech: adapters.speech, clock, language: currentLanguage })
  const language = languageControl(setup.deviceLanguages)
  // Boot texts already follow the TV; a saved choice replaces this once read.
  language.use(language.pick(null))
  const catalog = playableCatalog(parseCatalog(catalogJson), config.apiBase)
  const account = createSignOut({ session, queue, diagnostics })
  const screens = createScreens({
    session,
    clock,
    catalog,
    signOut: account,
    preferences,
    guidance: announcer,
    language,
    platform,
    deviceName,
    fallbackDeviceName: config.deviceName,
    version,
  })
  const pairing = createPairingSession({
    flow: createDeviceFlow({ api, clock, scope: config.scope, deviceName, deviceId }),
    clock,
    session: sessionState,
    renderQr: (text) => adapters.qr(text, qrCard.qr),
    // The new grant's own token, before it is stored: the name greets the viewer on home.
    nameOf: (grant) =>
      grantedScopes(grant.scope ?? '').canReadProfile
        ? api.send({ ...meRequest(), accessToken: grant.accessToken }).then(
            (me) => me.username,
            () => null,
          )
        : Promise.resolve(null),
    signIn: (grant) => session.signIn(grant),
  })
  const boot = createBoot({
    session: sessionState,
    clock,
    steps: {
      async restore(signal) {
        const state = await session.start()
        if (!signal.aborted) sessionState.follow(state)
      },
      async prepare() {
        // Diagnostics are not needed for the first screen, and their load is kept once
        // started: a start-up retried after a wedged store must not wait on it.
        void diagnostics.load()
        // Language and spoken guidance are applied in one place: the account use-case.
        await Promise.all([screens.account.restore(), queue.load()])
      },
      // Events left from a run that ended offline go out now, not at the next playback.
      afterSignedIn: () => void playback.flush(),
    },
  })
  return {
    config,
    version,
    platform,
    sessionState,
    boot,
    pairing,
    catalog,
    playback,
    diagnostics,
    screens,
    announcer,
    renderQr: adapters.qr,
    chooseVideoSource: (sources) => adapters.video.choose(sources),
    createVideo: (src, startAtSec) => adapters.video.create(src, startAtSec),
  }
}

interface PlaybackSetup {
  readonly session: TokenManager
  readonly queue: EventQueue
  readonly clock: Clock
  readonly ids: Ids
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
        ids: setup.ids,
        deviceId: await setup.deviceId(),
        clientVersion: setup.clientVersion,
      })
      const begin = createPlaybackTracker({
        reporter,
        queue,
        build,
        clock,
        ids: setup.ids,
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
