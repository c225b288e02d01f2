import {
  MAX_CODE_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_REQUEST_ID_LENGTH,
  type ErrorReport,
} from '../errors.ts'
import type { KeyValueStore } from '../ports.ts'
import { EXCERPT_LENGTH, boundText, excerpt, redactValue } from '../redact.ts'

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

/** Room for the "… (N more characters)" an excerpt ends with. */
const EXCERPT_SUFFIX_ROOM = 40

/**
 * Reports come from PunchPlayError.toReport(), already redacted and cut; they
 * are redacted and cut again here because this is the last gate before the
 * screen and IndexedDB, and a report built elsewhere, read back from an older
 * build's storage, or made before a token was known must not carry a token (or
 * a megabyte) past it either.
 */
function sanitize(report: ErrorReport): ErrorReport | null {
  const clean = redactValue({ ...report })
  if (!isErrorReport(clean)) return null
  const { body, requestId } = clean
  return {
    ...clean,
    method: boundText(clean.method, 16),
    endpoint: boundText(clean.endpoint, 256),
    clientId: boundText(clean.clientId, 128),
    at: boundText(clean.at, 40),
    code: boundText(clean.code, MAX_CODE_LENGTH),
    message: boundText(clean.message, MAX_MESSAGE_LENGTH),
    requestId: requestId === null ? null : boundText(requestId, MAX_REQUEST_ID_LENGTH),
    body:
      body === null || body.length <= EXCERPT_LENGTH + EXCERPT_SUFFIX_ROOM ? body : excerpt(body),
  }
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
