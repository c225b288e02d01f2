import type { TokenGrant } from '../api/auth.ts'
import type { ApiClient } from '../api/client.ts'
import { meRequest } from '../api/me.ts'
import type { DiagnosticsLog } from '../diagnostics/diagnostics-log.ts'
import { createListeners } from '../listeners.ts'
import type { ReporterStatus } from '../playback/reporter.ts'
import type { Clock, Ids, KeyValueStore } from '../ports.ts'
import { createSignOut } from '../session/sign-out.ts'
import { TOKENS_KEY } from '../session/token-store.ts'
import { openViewerBundle, type ViewerBundle } from './viewer-bundle.ts'
import {
  EMPTY_REGISTRY,
  MAX_VIEWERS,
  createViewerRegistry,
  freeColour,
  freeLabel,
  type Viewer,
  type ViewerRecord,
} from './viewer-registry.ts'

export type { ViewerBundle, ViewerReport } from './viewer-bundle.ts'

export interface ViewerSummary {
  readonly id: string
  readonly label: string
  readonly colour: string
  /** false once PunchPlay refused their grant (revoked on the phone, expired): Pair again. */
  readonly connected: boolean
  readonly active: boolean
  readonly lastActive: boolean
}

/** The profile a pairing binds its grant to (§3.2 linked_user_id / linked_username). */
export interface LinkedProfile {
  readonly id: string
  readonly username: string
}

export interface HouseholdOptions {
  /** The TV's store; each viewer sees it through their own key prefix. */
  readonly store: KeyValueStore
  /** The API client without diagnostics: each viewer records failures under their own id. */
  readonly api: ApiClient
  readonly diagnostics: DiagnosticsLog
  readonly clock: Clock
  readonly ids: Ids
  /** The word before a new profile's number ("Viewer 2"), in the TV's language. */
  readonly unnamed: () => string
  /** The reporters' first wait before a replay after a failure. */
  readonly retryMs?: number
  /** A viewer's tracking or queue changed. */
  readonly onStatus?: (viewerId: string, status: ReporterStatus) => void
}

export interface Household {
  /** Reads the viewers (migrating a single sign-in into the first), their tokens and queues. */
  start(): Promise<void>
  readonly viewers: readonly ViewerSummary[]
  readonly active: ViewerBundle | null
  bundle(id: string): ViewerBundle | null
  /** Any change: a viewer added, removed, chosen, signed in or disconnected. */
  subscribe(listener: () => void): () => void
  /** Makes a connected viewer the active one and remembers the choice. */
  choose(id: string): Promise<void>
  /** Nobody active: "Who's watching?" is asked. */
  leave(): void
  /** The next pairing adds a viewer; false when the TV has six already. */
  startAdding(): boolean
  /** The next pairing is `id`'s again, with the same profile id. */
  startPairingAgain(id: string): void
  /** The pairing opened from the picker was left: nothing is added. */
  cancelPairing(): void
  /** True while a pairing opened from the picker runs: Back returns to the picker. */
  readonly pairingFromPicker: boolean
  /** Sent with every token poll: the profile the coming grant belongs to. */
  linkedProfile(): LinkedProfile
  /** Stores a new grant as the pairing's viewer, and makes them the active one. */
  signIn(grant: TokenGrant, name: string | null): Promise<void>
  /** Events of `id` not yet accepted by PunchPlay: removing the viewer loses them. */
  pendingEvents(id: string): number
  /**
   * That viewer's sign-out alone: tokens and queue gone, the grant revoked
   * behind (best effort); every other viewer untouched.
   */
  remove(id: string): Promise<{ readonly revoking: Promise<void> }>
  /** Asks PunchPlay about every connected viewer's grant (GET /me), so a revoked one shows. */
  verify(): Promise<void>
  /** Replays every viewer's queue, each with their own token. */
  flushAll(): Promise<void>
  dispose(): void
}

const NEW_PREFIX = (id: string) => `viewer/${id}/`

/**
 * The household: up to six viewers, each with their own token manager, queue
 * and reporter over their own keys, and one `device_id` for the TV. Built as a
 * layer above the token manager: nothing below knows there are several.
 */
export function createHousehold(options: HouseholdOptions): Household {
  const { store, clock, ids, diagnostics } = options
  const registry = createViewerRegistry(store)
  const listeners = createListeners<void>()
  let record: ViewerRecord = EMPTY_REGISTRY
  let bundles: ViewerBundle[] = []
  let active: ViewerBundle | null = null
  let pairing: { readonly profile: LinkedProfile; readonly fromPicker: boolean } | null = null

  /** While a removal runs, its steps are one change: nobody sees the picker flash in between. */
  let quiet = false
  const emit = () => {
    if (!quiet) listeners.emit()
  }

  async function open(viewer: Viewer): Promise<ViewerBundle> {
    const bundle = await openViewerBundle(viewer, options)
    bundle.session.subscribe((state) => {
      // The active viewer's grant ended: with others on the TV, the picker is asked again.
      if (!state.signedIn && active === bundle && bundles.length > 1) active = null
      emit()
    })
    return bundle
  }

  async function save(next: ViewerRecord) {
    record = next
    await registry.save(next)
  }

  const viewerOf = (bundle: ViewerBundle) =>
    record.viewers.find((viewer) => viewer.id === bundle.viewer.id) ?? bundle.viewer

  function summary(bundle: ViewerBundle): ViewerSummary {
    const viewer = viewerOf(bundle)
    return {
      id: viewer.id,
      label: viewer.label,
      colour: viewer.colour,
      connected: bundle.session.state.signedIn,
      active: bundle === active,
      lastActive: record.lastActiveId === viewer.id,
    }
  }

  const find = (id: string) => bundles.find((bundle) => bundle.viewer.id === id) ?? null

  function freePrefix(id: string): string {
    // The first viewer keeps the single sign-in's keys, so a TV with one viewer stores as before.
    return record.viewers.some((viewer) => viewer.keyPrefix === '') ? NEW_PREFIX(id) : ''
  }

  async function migrate(): Promise<ViewerRecord> {
    const legacy = (await store.get(TOKENS_KEY)) as { username?: unknown } | undefined
    if (legacy === undefined || legacy === null) return EMPTY_REGISTRY
    const name = typeof legacy.username === 'string' && legacy.username ? legacy.username : null
    const viewer: Viewer = {
      id: ids.uuid(),
      label: name ?? freeLabel([], options.unnamed()),
      colour: freeColour([]),
      keyPrefix: '',
      lastActiveAtMs: clock.now(),
    }
    const migrated: ViewerRecord = { v: 1, viewers: [viewer], lastActiveId: viewer.id }
    await registry.save(migrated)
    return migrated
  }

  function rename(id: string, label: string | null) {
    if (!label) return record
    return {
      ...record,
      viewers: record.viewers.map((viewer) => (viewer.id === id ? { ...viewer, label } : viewer)),
    }
  }

  function markActive(next: ViewerRecord, id: string): ViewerRecord {
    return {
      ...next,
      lastActiveId: id,
      viewers: next.viewers.map((viewer) =>
        viewer.id === id ? { ...viewer, lastActiveAtMs: clock.now() } : viewer,
      ),
    }
  }

  let starts = 0
  function forget(gone: readonly ViewerBundle[]) {
    for (const bundle of gone) {
      bundle.reporter.dispose()
      bundle.session.dispose()
    }
  }

  function linkedProfile(): LinkedProfile {
    if (pairing) return pairing.profile
    // A pairing not opened from the picker: the first viewer, or the lone viewer's again.
    const lone = bundles.length === 1 ? bundles[0]! : null
    const profile = lone
      ? { id: lone.viewer.id, username: viewerOf(lone).label }
      : { id: ids.uuid(), username: freeLabel(record.viewers, options.unnamed()) }
    pairing = { profile, fromPicker: false }
    return profile
  }

  return {
    async start() {
      // A start-up tried again after a wedged store: only the latest attempt's viewers live on.
      const attempt = ++starts
      const loaded = (await registry.load()) ?? (await migrate())
      const opened = await Promise.all(loaded.viewers.map(open))
      if (attempt !== starts) return forget(opened)
      forget(bundles)
      record = loaded
      bundles = opened
      // One viewer goes straight home as before; several are asked who is watching.
      active = bundles.length === 1 ? bundles[0]! : null
      emit()
    },

    get viewers() {
      return bundles.map(summary)
    },

    get active() {
      return active
    },

    bundle: find,

    subscribe: listeners.subscribe,

    async choose(id) {
      const bundle = find(id)
      if (!bundle || !bundle.session.state.signedIn) return
      active = bundle
      emit()
      await save(markActive(record, id))
    },

    leave() {
      if (!active) return
      active = null
      emit()
    },

    startAdding() {
      if (bundles.length >= MAX_VIEWERS) return false
      const label = freeLabel(record.viewers, options.unnamed())
      pairing = { profile: { id: ids.uuid(), username: label }, fromPicker: true }
      return true
    },

    startPairingAgain(id) {
      const bundle = find(id)
      if (!bundle) return
      pairing = { profile: { id, username: viewerOf(bundle).label }, fromPicker: true }
    },

    cancelPairing() {
      if (!pairing?.fromPicker) return
      pairing = null
      emit()
    },

    get pairingFromPicker() {
      return pairing?.fromPicker ?? false
    },

    linkedProfile,

    async signIn(grant, name) {
      const profile = linkedProfile()
      pairing = null
      const label = grant.username ?? name
      let bundle = find(profile.id)
      if (!bundle) {
        const viewer: Viewer = {
          id: profile.id,
          label: label ?? profile.username,
          colour: freeColour(record.viewers),
          keyPrefix: freePrefix(profile.id),
          lastActiveAtMs: clock.now(),
        }
        // The viewer is listed before their tokens are stored: a crash between the two
        // leaves a "disconnected" viewer to pair again, never tokens nobody can reach.
        await save({ ...record, viewers: [...record.viewers, viewer] })
        bundle = await open(viewer)
        bundles = [...bundles, bundle]
      }
      await save(markActive(rename(profile.id, label), profile.id))
      active = bundle
      await bundle.session.signIn(grant)
    },

    pendingEvents(id) {
      return find(id)?.queue.size ?? 0
    },

    async remove(id) {
      const bundle = find(id)
      if (!bundle) return { revoking: Promise.resolve() }
      quiet = true
      try {
        bundles = bundles.filter((other) => other !== bundle)
        if (active === bundle) active = null
        // The last viewer leaving is the whole TV signing out: Diagnostics go with them.
        const log = bundles.length === 0 ? diagnostics : { ...diagnostics, clear: async () => {} }
        const signOut = createSignOut({
          session: bundle.session,
          queue: bundle.queue,
          diagnostics: log,
        })
        const ended = await signOut.signOut()
        bundle.reporter.dispose()
        const viewers = record.viewers.filter((viewer) => viewer.id !== id)
        const last = record.lastActiveId === id ? (viewers[0]?.id ?? null) : record.lastActiveId
        await save({ v: 1, viewers, lastActiveId: last })
        // A lone viewer left goes straight home, as at the next start.
        if (bundles.length === 1 && bundles[0]!.session.state.signedIn) active = bundles[0]!
        return ended
      } finally {
        quiet = false
        emit()
      }
    },

    async verify() {
      await Promise.all(
        bundles.map(async (bundle) => {
          const state = bundle.session.state
          if (!state.signedIn || !state.scopes.canReadProfile) return
          try {
            const me = await bundle.session.send({ ...meRequest(), grantId: state.grantId })
            const current = viewerOf(bundle)
            if (me.username && me.username !== current.label) {
              await save(rename(current.id, me.username))
              emit()
            }
          } catch {
            // A refused grant already ended in the token manager (it tells us); the rest is passing.
          }
        }),
      )
    },

    async flushAll() {
      await Promise.all(bundles.map((bundle) => bundle.reporter.flush()))
    },

    dispose: () => forget(bundles),
  }
}
