import type { ErrorReport } from '../errors.ts'
import type { KeyValueStore } from '../ports.ts'
import { redactValue } from '../redact.ts'

export const DIAGNOSTICS_KEY = 'diagnostics'
export const MAX_ENTRIES = 20

const KINDS: ReadonlySet<string> = new Set([
  'api',
  'protocol',
  'network',
  'timeout',
  'storage',
  'cancelled',
  'auth',
])

const isText = (value: unknown): value is string => typeof value === 'string'
const isTextOrNull = (value: unknown) => value === null || typeof value === 'string'

/** A stored entry is shown only if it has every field of a report. */
export function isErrorReport(value: unknown): value is ErrorReport {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return (
    isText(entry.method) &&
    isText(entry.endpoint) &&
    isText(entry.clientId) &&
    isText(entry.at) &&
    isText(entry.kind) &&
    KINDS.has(entry.kind) &&
    (entry.status === null || typeof entry.status === 'number') &&
    isText(entry.code) &&
    isText(entry.message) &&
    isTextOrNull(entry.requestId) &&
    isTextOrNull(entry.body)
  )
}

/**
 * Reports come from PunchPlayError.toReport(), whose body is already
 * redacted; they are redacted again here because this is the last gate
 * before the screen and IndexedDB, and a report built elsewhere (or read back
 * from an older build's storage) must not carry a token past it either.
 */
function sanitize(report: ErrorReport): ErrorReport | null {
  const clean = redactValue({ ...report })
  return isErrorReport(clean) ? clean : null
}

export interface DiagnosticsLog {
  /** Newest first, at most MAX_ENTRIES. */
  readonly entries: readonly ErrorReport[]
  /** Reads what an earlier run kept, once; entries recorded before this stay in front. */
  load(): Promise<void>
  record(report: ErrorReport): Promise<void>
  clear(): Promise<void>
}

/**
 * The last failures with what PunchPlay support asks for (request_id, UTC
 * time, endpoint, client_id, status, raw body), kept in memory and under one
 * key of the store so they survive a restart.
 */
export function createDiagnosticsLog(store: KeyValueStore): DiagnosticsLog {
  let entries: ErrorReport[] = []
  let loaded: Promise<void> | null = null

  async function readStored(): Promise<void> {
    const stored = await store.get(DIAGNOSTICS_KEY)
    const earlier = Array.isArray(stored)
      ? stored
          .filter(isErrorReport)
          .map(sanitize)
          .filter((entry) => entry !== null)
      : []
    entries = [...entries, ...earlier].slice(0, MAX_ENTRIES)
  }

  // A failure can come before start-up has read the store: read first, or the write loses them.
  const load = () => (loaded ??= readStored())

  return {
    get entries() {
      return entries
    },
    load,
    async record(report) {
      const entry = sanitize(report)
      if (!entry) return
      entries = [entry, ...entries].slice(0, MAX_ENTRIES)
      await load()
      await store.set(DIAGNOSTICS_KEY, entries)
    },
    async clear() {
      entries = []
      // Whatever was stored is gone with this: nothing left to read back in.
      loaded = Promise.resolve()
      await store.del(DIAGNOSTICS_KEY)
    },
  }
}
