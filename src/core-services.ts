import { createListeners } from './core/listeners.ts'
import { createApiClient } from './core/api/client.ts'
import type { PunchPlayConfig } from './core/config.ts'
import { DIAGNOSTICS_KEY, createDiagnosticsLog } from './core/diagnostics/diagnostics-log.ts'
import { recordFailures } from './core/diagnostics/recording-api.ts'
import type { ErrorReport } from './core/errors.ts'
import { createDeviceFlow } from './core/pairing/device-flow.ts'
import { createEventBuilder } from './core/playback/events.ts'
import type { ReporterStatus } from './core/playback/reporter.ts'
import { createPlaybackTracker } from './core/playback/tracker.ts'
import type { Clock, Http, Ids, KeyValueStore } from './core/ports.ts'
import { createResilientStore, type StorageTrouble } from './core/session/resilient-store.ts'
import type { SignOut } from './core/session/sign-out.ts'
import { TOKENS_KEY, loadDeviceId } from './core/session/token-store.ts'
import { activeQueue, activeSession } from './core/profiles/active-viewer.ts'
import { createHousehold } from './core/profiles/household.ts'
import type { TrackedPlayback } from './core/playback/tracker.ts'
import type { PlaybackServices } from './ui/services.ts'

/** The ports the protocol core needs: the TV's in main.ts, Node's in the chaos rig. */
export interface CoreAdapters {
  readonly clock: Clock
  /** Calls under the API base, answered with status first (src/adapters/ky-http.ts). */
  readonly http: Http
  /** The persistent store (IndexedDB on a TV); failures fall back to memory. */
  readonly store: KeyValueStore
  readonly ids: Ids
}

export interface CoreSetup {
  readonly config: Pick<PunchPlayConfig, 'clientId' | 'scope' | 'watchedThreshold'>
  readonly version: string
  /** This TV's name as PunchPlay lists it (asked once, at pairing). */
  readonly deviceName: () => Promise<string>
  /** Storage trouble is also kept for the diagnostics screen; the app carries on from memory. */
  readonly onStorageTrouble: (trouble: StorageTrouble) => void
  /** The word a new profile is called by until PunchPlay names it ("Viewer 2"). */
  readonly unnamedViewer?: () => string
}

/**
 * The protocol core wired once: storage, diagnostics, API client, tokens,
 * device flow, offline queue and playback reporting. createServices builds
 * the app on it; the chaos rig builds exactly this, so no test wires a copy.
 */
export function createCoreServices(adapters: CoreAdapters, setup: CoreSetup) {
  const { config } = setup
  const { clock, ids } = adapters
  // Trouble arrives only from later, asynchronous store calls: `diagnostics` exists by then.
  const store = createResilientStore(
    adapters.store,
    (trouble) => {
      setup.onStorageTrouble(trouble)
      // Diagnostics' own failed write is not recorded into Diagnostics again.
      if (trouble.key === DIAGNOSTICS_KEY) return
      void diagnostics.record(storageReport(trouble, config.clientId, clock))
    },
    { forgetWhenStale: (key) => key === TOKENS_KEY || key.endsWith(`/${TOKENS_KEY}`) },
  )
  const diagnostics = createDiagnosticsLog(store)
  const rawApi = createApiClient({ http: adapters.http, clientId: config.clientId, clock })
  // Calls of nobody in particular (pairing); each viewer's calls are recorded under their id.
  const api = recordFailures(rawApi, diagnostics)
  const statusListeners = createListeners<ReporterStatus>()
  const household = createHousehold({
    store,
    api: rawApi,
    diagnostics,
    clock,
    ids,
    unnamed: setup.unnamedViewer ?? (() => 'Viewer'),
    onStatus: (viewerId, status) => {
      if (household.active?.viewer.id === viewerId) statusListeners.emit(status)
    },
  })
  // Switching viewer changes whose tracking the player shows.
  household.subscribe(() => statusListeners.emit(playback.status))
  /** Whoever is watching: home's reads and stream, Account; never another viewer's token. */
  const session = activeSession(household, clock)
  const deviceId = deviceIdReadAtStart(() => loadDeviceId({ get: store.read, set: store.set }, ids))
  const flow = createDeviceFlow({
    api,
    clock,
    scope: config.scope,
    deviceName: setup.deviceName,
    deviceId,
    linkedProfile: () => household.linkedProfile(),
  })
  const queue = activeQueue(household)
  const playback: PlaybackServices = {
    async begin(item, position) {
      // The viewing belongs to the viewer who started it, whoever is active when it stops.
      const owner = household.active
      if (!owner) return untracked()
      const build = createEventBuilder({
        clock,
        ids,
        deviceId: await deviceId(),
        clientVersion: `punchplay-tv/${setup.version}`,
      })
      const track = createPlaybackTracker({
        reporter: owner.reporter,
        queue: owner.queue,
        build,
        clock,
        ids,
        watchedThreshold: config.watchedThreshold,
      })
      return track(item, position)
    },
    // Every viewer's queue, each replayed with that viewer's own token.
    flush: () => household.flushAll(),
    get status() {
      return household.active?.reporter.status ?? NOBODY_STATUS
    },
    onStatus: statusListeners.subscribe,
  }
  const signOut: SignOut = {
    get pendingEvents() {
      return queue.size
    },
    // The active viewer's sign-out alone; the TV's last viewer takes Diagnostics with them.
    signOut: () => session.signOut(),
  }
  return { store, diagnostics, api, session, household, flow, queue, playback, signOut }
}

export type CoreServices = ReturnType<typeof createCoreServices>

/**
 * device_id is read once, at start, and kept for the run: a read failing later
 * can never make pairing or playback send another one. Only a start-up read
 * still unanswered when the id is needed (IndexedDB can leave an open pending
 * for good; boot's Try again opens afresh) is joined by one fresh read, the
 * first answer winning.
 */
function deviceIdReadAtStart(read: () => Promise<string>): () => Promise<string> {
  let known: string | null = null
  const remember = (id: string) => (known ??= id)
  const atStart = read().then(remember)
  let retry: Promise<string> | null = null
  return async () => {
    if (known !== null) return known
    retry ??= read().then(remember)
    return Promise.race([atStart, retry])
  }
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

const NOBODY_STATUS: ReporterStatus = { tracking: 'signed-out', queued: 0, dropped: 0, orphaned: 0 }

/** A viewing with nobody active reports nothing (the player is only reachable signed in). */
function untracked(): TrackedPlayback {
  return {
    sessionId: '',
    playing() {},
    setPlaying() {},
    suspend() {},
    stop: async () => undefined,
  }
}
