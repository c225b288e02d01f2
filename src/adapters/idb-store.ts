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
  const open = async () => (store ??= createStore(databaseName, storeName))
  return {
    get: async (key) => get(key, await open()),
    set: async (key, value) => set(key, value, await open()),
    del: async (key) => del(key, await open()),
  }
}
