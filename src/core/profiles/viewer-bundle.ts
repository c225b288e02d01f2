import type { ApiClient } from '../api/client.ts'
import type { DiagnosticsLog } from '../diagnostics/diagnostics-log.ts'
import { recordFailures } from '../diagnostics/recording-api.ts'
import type { ErrorReport } from '../errors.ts'
import { createEventQueue, type EventQueue } from '../playback/event-queue.ts'
import { dropReport } from '../playback/queue-drops.ts'
import {
  createPlaybackReporter,
  type PlaybackReporter,
  type ReporterStatus,
} from '../playback/reporter.ts'
import type { Clock, Ids, KeyValueStore } from '../ports.ts'
import { createRefreshClaims } from '../session/refresh-claim.ts'
import { createTokenManager, type TokenManager } from '../session/token-manager.ts'
import { createTokenStore } from '../session/token-store.ts'
import { namespacedStore } from './namespaced-store.ts'
import type { Viewer } from './viewer-registry.ts'

/** One viewer on this TV with everything that is theirs alone. */
export interface ViewerBundle {
  readonly viewer: Viewer
  /** Their own token record and their own single-flight refresh. */
  readonly session: TokenManager
  /** Their own playback queue, replayed only with their own token. */
  readonly queue: EventQueue
  readonly reporter: PlaybackReporter
}

/** A Diagnostics entry of one viewer's call (extra fields survive the log's checks). */
export type ViewerReport = ErrorReport & { readonly viewerId?: string }

export interface BundleDeps {
  /** The TV's store; the viewer sees it through their own key prefix. */
  readonly store: KeyValueStore
  /** The API client without diagnostics: the viewer's failures are recorded under their id. */
  readonly api: ApiClient
  readonly diagnostics: DiagnosticsLog
  readonly clock: Clock
  readonly ids: Ids
  readonly retryMs?: number
  readonly onStatus?: (viewerId: string, status: ReporterStatus) => void
}

/** This viewer's failures, recorded with their id: Diagnostics names them and shows them only to them. */
function logOf(diagnostics: DiagnosticsLog, viewerId: string): DiagnosticsLog {
  return {
    get entries() {
      return diagnostics.entries
    },
    load: () => diagnostics.load(),
    clear: () => diagnostics.clear(),
    record: (report) => diagnostics.record({ ...report, viewerId } as ViewerReport),
  }
}

/**
 * The existing token manager, event queue and reporter, unchanged, over the
 * viewer's own keys: nothing below this layer knows there are several viewers.
 * The queue is read before the sign-in, so the reporter's first look sees it.
 */
export async function openViewerBundle(viewer: Viewer, deps: BundleDeps): Promise<ViewerBundle> {
  const { clock, ids } = deps
  const own = namespacedStore(deps.store, viewer.keyPrefix)
  const log = logOf(deps.diagnostics, viewer.id)
  const session = createTokenManager({
    api: recordFailures(deps.api, log),
    store: createTokenStore(own, ids),
    clock,
    ids,
    // Another app instance on this TV may hold the same viewer's sign-in (issue 15).
    claims: createRefreshClaims(own),
  })
  const queue = createEventQueue(own, clock, {
    onDrop: (drop) => void log.record(dropReport(drop, deps.api.clientId, clock.now())),
  })
  const reporter = createPlaybackReporter({
    session,
    queue,
    clock,
    retryMs: deps.retryMs,
    onStatus: (status) => deps.onStatus?.(viewer.id, status),
    diagnostics: { log, clientId: deps.api.clientId },
  })
  await queue.load()
  await session.start()
  return { viewer, session, queue, reporter }
}
