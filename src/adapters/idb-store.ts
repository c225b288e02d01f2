import { createStore, del, get, set, type UseStore } from 'idb-keyval'
import type { KeyValueStore } from '../core/ports.ts'

/**
 * IndexedDB through idb-keyval. A missing `indexedDB` makes createStore throw
 * synchronously and a failed open stays cached until reload, so every call goes
 * through an async function: failures arrive as rejections, which the core's
 * resilient store turns into a memory fallback.
 */
export function createIdbStore(databaseName = 'punchplay-tv', storeName = 'kv'): KeyValueStore {
  let store: UseStore | null = null
  // Opened at once: on a first start the open creates the database, the slowest
  // part of reading the stored sign-in, which then runs while the app is wired.
  // Only the first call takes it; the rest open as before.
  let early: UseStore | null = openQuietly(databaseName, storeName)
  // A store is kept once it has answered: an open left pending (a blocked upgrade,
  // a wedged engine) is not reused, so start-up's Try again opens afresh.
  async function run<T>(operation: (opened: UseStore) => Promise<T>): Promise<T> {
    const opened = store ?? early ?? createStore(databaseName, storeName)
    early = null
    const result = await operation(opened)
    store = opened
    return result
  }
  return {
    get: (key) => run((opened) => get(key, opened)),
    set: (key, value) => run((opened) => set(key, value, opened)),
    del: (key) => run((opened) => del(key, opened)),
  }
}

/** An open started now, or null where there is no IndexedDB: the first call then fails as usual. */
function openQuietly(databaseName: string, storeName: string): UseStore | null {
  try {
    return createStore(databaseName, storeName)
  } catch {
    return null
  }
}
