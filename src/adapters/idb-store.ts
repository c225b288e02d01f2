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
  // A store is kept once it has answered: an open left pending (a blocked upgrade,
  // a wedged engine) is not reused, so start-up's Try again opens afresh.
  async function run<T>(operation: (opened: UseStore) => Promise<T>): Promise<T> {
    const opened = store ?? createStore(databaseName, storeName)
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
