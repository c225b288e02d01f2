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
import { createViewers } from './app/viewers.ts'
import type { DiagnosticsLog } from './core/diagnostics/diagnostics-log.ts'
import type { Household, ViewerReport } from './core/profiles/household.ts'
import { currentLanguage, languageControl, t } from './ui/i18n.ts'
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
    unnamedViewer: () => t('viewers.unnamed'),
  })
  const { store, diagnostics, api, session, household, queue, playback } = core
  const sessionState = createSessionStore()
  let restored = false
  /** The household's state as the one session the app routes by. */
  const sync = () => {
    if (!restored) return
    const active = household.active
    if (active?.session.state.signedIn) return sessionState.follow(active.session.state)
    // A pairing stays on screen until it signs in or its Back returns to the picker.
    if (sessionState.current.status === 'pairing') return
    const several = household.viewers.length > 1 || (household.viewers.length === 1 && !active)
    if (several) return sessionState.choosing()
    sessionState.follow(session.state)
  }
  household.subscribe(sync)
  const viewers = createViewers(household, () => sessionState.choosing())
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
  let pairedName: string | null = null
  const pairing = createPairingSession({
    flow: core.flow,
    clock,
    session: sessionState,
    renderQr: (text) => adapters.qr(text, qrCard.qr),
    // The new grant's own token, before it is stored: the name greets the viewer on home.
    nameOf: async (grant) => {
      pairedName = grantedScopes(grant.scope ?? '').canReadProfile
        ? await api.send({ ...meRequest(), accessToken: grant.accessToken }).then(
            (me) => me.username,
            () => null,
          )
        : null
      return pairedName
    },
    // The pairing's profile (new, or the one paired again) becomes the active viewer.
    signIn: (grant) => household.signIn(grant, pairedName),
  })
  const boot = createBoot({
    session: sessionState,
    clock,
    steps: {
      async restore(signal) {
        await session.start()
        if (signal.aborted) return
        restored = true
        sync()
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
    diagnostics: viewerDiagnostics(diagnostics, household),
    screens,
    viewers,
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

/**
 * Diagnostics as the active viewer sees them: their own entries, named, and
 * the TV's own (pairing, storage); never another viewer's.
 */
function viewerDiagnostics(log: DiagnosticsLog, household: Household): DiagnosticsLog {
  return {
    get entries() {
      const active = household.active
      const label = household.viewers.find((viewer) => viewer.active)?.label ?? null
      return (log.entries as readonly ViewerReport[])
        .filter((entry) => !entry.viewerId || entry.viewerId === active?.viewer.id)
        .map((entry) => (entry.viewerId && label ? { ...entry, viewer: label } : entry))
    },
    load: () => log.load(),
    record: (report) => log.record(report),
    clear: () => log.clear(),
  }
}
