import type { KeyValueStore } from '../core/ports.ts'

/** A store that forgets on reload: for tests and for engines without IndexedDB. */
export function createMemoryStore(): KeyValueStore {
  const values = new Map<string, unknown>()
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => {
      values.set(key, value)
    },
    del: async (key) => {
      values.delete(key)
    },
  }
}
