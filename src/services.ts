import {
  createBoot,
  createPairingSession,
  createSessionStore,
  firstScreenReady,
} from './app/index.ts'
import type { Speech } from './core/ports.ts'
import type { VideoSurface } from './adapters/video.ts'
import catalogJson from './catalog.json'
import { createCoreServices, type CoreAdapters } from './core-services.ts'
import { createScreens } from './app/screens.ts'
import { meRequest } from './core/api/me.ts'
import type { PunchPlayConfig } from './core/config.ts'
import { createPreferenceStore } from './core/preferences.ts'
import { parseCatalog, playableCatalog } from './core/playback/catalog.ts'
import type { VideoSource } from './core/playback/sources.ts'
import type { StorageTrouble } from './core/session/resilient-store.ts'
import { grantedScopes } from './core/session/scopes.ts'
import { nameOfThisTv, type Platform } from './tv/platform.ts'
import { createAnnouncer } from './app/announcer.ts'
import { currentLanguage, languageControl } from './ui/i18n.ts'
import type { AppServices } from './ui/services.ts'
import { qrCard } from './ui/theme.ts'

/** The outside world, as main.ts builds it for a TV and the chaos rig builds it for Node. */
export interface Adapters extends CoreAdapters {
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
  const { clock } = adapters
  const deviceName = once(() => nameOfThisTv(platform, config.deviceName, clock))
  const core = createCoreServices(adapters, {
    config,
    version,
    deviceName,
    onStorageTrouble: setup.onStorageTrouble,
  })
  const { store, diagnostics, api, session, queue, playback } = core
  const sessionState = createSessionStore()
  session.subscribe((state) => sessionState.follow(state))
  const preferences = createPreferenceStore(store)
  const announcer = createAnnouncer({ speech: adapters.speech, clock, language: currentLanguage })
  const language = languageControl(setup.deviceLanguages)
  // Boot texts already follow the TV; a saved choice replaces this once read.
  language.use(language.pick(null))
  const catalog = playableCatalog(parseCatalog(catalogJson), config.apiBase)
  const screens = createScreens({
    session,
    clock,
    catalog,
    signOut: core.signOut,
    preferences,
    guidance: announcer,
    language,
    platform,
    deviceName,
    fallbackDeviceName: config.deviceName,
    version,
  })
  const pairing = createPairingSession({
    flow: core.flow,
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
      beforePairing: () => pairing.prefetch(),
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
    firstScreen: (withinMs) => firstScreenReady({ boot, pairing, clock }, withinMs),
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

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | null = null
  return () => (made ??= make())
}
