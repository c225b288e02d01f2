import type { KeyValueStore } from '../ports.ts'

export interface StorageTrouble {
  readonly operation: 'get' | 'set' | 'del'
  readonly key: string
  readonly cause: unknown
}

export interface ResilientStore extends KeyValueStore {
  /** True once persistent storage has failed and this session lives in memory only. */
  readonly degraded: boolean
}

/**
 * Wraps the persistent store (IndexedDB) with a memory copy. When the
 * persistent side fails — private mode, quota, a broken database — the app
 * keeps working for this session from memory and reports the trouble once per
 * failure; nothing throws to the caller.
 */
export function createResilientStore(
  persistent: KeyValueStore,
  onTrouble: (trouble: StorageTrouble) => void,
): ResilientStore {
  const memory = new Map<string, unknown>()
  let degraded = false

  async function attempt(
    operation: StorageTrouble['operation'],
    key: string,
    run: () => Promise<unknown>,
  ) {
    if (degraded) return undefined
    try {
      return await run()
    } catch (cause) {
      degraded = true
      onTrouble({ operation, key, cause })
      return undefined
    }
  }

  return {
    get degraded() {
      return degraded
    },
    async get(key) {
      if (memory.has(key)) return memory.get(key)
      const value = await attempt('get', key, () => persistent.get(key))
      if (value !== undefined) memory.set(key, value)
      return value
    },
    async set(key, value) {
      memory.set(key, value)
      await attempt('set', key, () => persistent.set(key, value))
    },
    async del(key) {
      memory.delete(key)
      await attempt('del', key, () => persistent.del(key))
    },
  }
}
