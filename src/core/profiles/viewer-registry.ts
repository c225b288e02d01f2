import type { KeyValueStore } from '../ports.ts'

export const VIEWERS_KEY = 'viewers'
/** A household's worth; more would not fit the picker on one row. */
export const MAX_VIEWERS = 6
/** Distinct on the dark backdrop and from each other; a viewer keeps theirs. */
export const VIEWER_COLOURS = ['#ff5a4e', '#3d9bff', '#3ddc84', '#ffb020', '#b57bff', '#ff7ac6']

/** One profile on this TV. Its tokens and queue live under `keyPrefix` in the store. */
export interface Viewer {
  /** Random, kept for good: sent as linked_user_id at every pairing of this profile. */
  readonly id: string
  /** The PunchPlay username once known, else "Viewer N". */
  readonly label: string
  readonly colour: string
  /** '' for the viewer migrated from the single sign-in (its keys were already there). */
  readonly keyPrefix: string
  readonly lastActiveAtMs: number
}

export interface ViewerRecord {
  readonly v: 1
  readonly viewers: readonly Viewer[]
  /** The one chosen last: focused on the picker, and the one a single-viewer start opens. */
  readonly lastActiveId: string | null
}

export const EMPTY_REGISTRY: ViewerRecord = { v: 1, viewers: [], lastActiveId: null }

const isText = (value: unknown, max = 200): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max

function isViewer(value: unknown): value is Viewer {
  if (typeof value !== 'object' || value === null) return false
  const viewer = value as Record<string, unknown>
  return (
    isText(viewer.id) &&
    isText(viewer.label) &&
    isText(viewer.colour, 16) &&
    typeof viewer.keyPrefix === 'string' &&
    typeof viewer.lastActiveAtMs === 'number' &&
    Number.isFinite(viewer.lastActiveAtMs)
  )
}

/**
 * The stored record, or null when there is none or it cannot be read. A
 * broken entry is dropped and the others kept; two entries with one id or one
 * key prefix keep the first, so no two viewers ever share a token record.
 */
export function parseRegistry(value: unknown): ViewerRecord | null {
  if (typeof value !== 'object' || value === null) return null
  const record = value as Record<string, unknown>
  if (record.v !== 1 || !Array.isArray(record.viewers)) return null
  const viewers: Viewer[] = []
  for (const entry of record.viewers) {
    if (!isViewer(entry) || viewers.length >= MAX_VIEWERS) continue
    if (viewers.some((v) => v.id === entry.id || v.keyPrefix === entry.keyPrefix)) continue
    viewers.push(entry)
  }
  const last = typeof record.lastActiveId === 'string' ? record.lastActiveId : null
  return {
    v: 1,
    viewers,
    lastActiveId: viewers.some((viewer) => viewer.id === last) ? last : null,
  }
}

/** The first colour no viewer has yet (a removed viewer's colour comes free again). */
export function freeColour(viewers: readonly Viewer[]): string {
  const taken = new Set(viewers.map((viewer) => viewer.colour))
  return VIEWER_COLOURS.find((colour) => !taken.has(colour)) ?? VIEWER_COLOURS[0]!
}

/** "Viewer 2" for the second viewer, until PunchPlay says the username; never a label in use. */
export function freeLabel(viewers: readonly Viewer[], word: string): string {
  const labels = new Set(viewers.map((viewer) => viewer.label))
  let n = viewers.length + 1
  while (labels.has(`${word} ${n}`)) n++
  return `${word} ${n}`
}

export interface ViewerRegistry {
  load(): Promise<ViewerRecord | null>
  /** The whole record in one write: a reader never sees half of an add or a removal. */
  save(record: ViewerRecord): Promise<void>
}

export function createViewerRegistry(store: KeyValueStore): ViewerRegistry {
  return {
    load: async () => parseRegistry(await store.get(VIEWERS_KEY)),
    save: (record) => store.set(VIEWERS_KEY, record),
  }
}
