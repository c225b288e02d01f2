import type { KeyValueStore } from '../ports.ts'

/**
 * One viewer's view of the TV's store: every key gets the viewer's prefix, so
 * the token manager and event queue keep their own key names and still never
 * meet another viewer's record. An empty prefix is the store itself (the
 * viewer migrated from the single sign-in keeps the keys it had).
 */
export function namespacedStore(store: KeyValueStore, prefix: string): KeyValueStore {
  if (prefix === '') return store
  return {
    get: (key) => store.get(prefix + key),
    set: (key, value) => store.set(prefix + key, value),
    del: (key) => store.del(prefix + key),
  }
}
