import { del, get, promisifyRequest, set, type UseStore } from 'idb-keyval'
import type { KeyValueStore } from '../core/ports.ts'

/**
 * A pending open is shared by the calls made within this time. An open left
 * pending longer (a blocked upgrade, a wedged TV engine) is not joined, so
 * start-up's Try again, which comes after its 10 s deadline, opens afresh.
 */
const JOIN_PENDING_OPEN_MS = 2000
/**
 * A database this run has just created holds nothing, so start-up's reads need
 * no transaction. Bounded in time because another instance of the app on the
 * same storage may write once it opens too; no viewer pairs within a second.
 */
const KNOWN_EMPTY_MS = 1000

interface Opening {
  readonly use: UseStore
  readonly startedAt: number
  readonly database: Promise<IDBDatabase>
  /** When this open created the database; null until it has, or when it already existed. */
  readonly createdAt: () => number | null
}

/**
 * IndexedDB through idb-keyval. A missing `indexedDB` makes the open throw
 * synchronously and a failed open is never reused, so every call goes through
 * an async function: failures arrive as rejections, which the core's resilient
 * store turns into a memory fallback.
 */
export function createIdbStore(
  databaseName = 'punchplay-tv',
  storeName = 'kv',
  now: () => number = () => Date.now(),
): KeyValueStore {
  let opened: Opening | null = null
  // Opened at once: on a first start the open creates the database, the slowest
  // part of reading the stored sign-in, which then runs while the app is wired.
  let pending: Opening | null = openQuietly()
  const written = new Set<string>()

  function openQuietly(): Opening | null {
    try {
      return openDatabase(databaseName, storeName, now)
    } catch {
      return null
    }
  }

  function current(): Opening {
    if (opened) return opened
    if (!pending || now() - pending.startedAt > JOIN_PENDING_OPEN_MS)
      pending = openDatabase(databaseName, storeName, now)
    return pending
  }

  /** A store is kept once it has answered; a failed open is dropped, so the next call tries again. */
  async function run<T>(operation: (opening: Opening) => Promise<T>): Promise<T> {
    const opening = current()
    try {
      const result = await operation(opening)
      opened = opening
      return result
    } catch (error) {
      // Dropped whether it never opened or its connection was closed under it.
      if (pending === opening) pending = null
      if (opened === opening) opened = null
      throw error
    }
  }

  return {
    get: (key) =>
      run(async (opening) => {
        await opening.database
        const createdAt = opening.createdAt()
        const empty = createdAt !== null && !written.has(key) && now() - createdAt < KNOWN_EMPTY_MS
        return empty ? undefined : get(key, opening.use)
      }),
    set: (key, value) => {
      written.add(key)
      return run((opening) => set(key, value, opening.use))
    },
    del: (key) => {
      written.add(key)
      return run((opening) => del(key, opening.use))
    },
  }
}

/** idb-keyval's createStore, also telling whether this open created the database. */
function openDatabase(databaseName: string, storeName: string, now: () => number): Opening {
  const request = indexedDB.open(databaseName)
  let creating = false
  let createdAt: number | null = null
  request.onupgradeneeded = (event) => {
    creating = event.oldVersion === 0
    request.result.createObjectStore(storeName)
  }
  const database = promisifyRequest(request)
  database.then(
    () => {
      if (creating) createdAt = now()
    },
    // Reported to the calls that use it; an open nobody used yet must not be an unhandled rejection.
    () => {},
  )
  return {
    startedAt: now(),
    database,
    createdAt: () => createdAt,
    use: (mode, callback) =>
      database.then((db) => callback(db.transaction(storeName, mode).objectStore(storeName))),
  }
}
