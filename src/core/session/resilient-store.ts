import type { KeyValueStore } from '../ports.ts'

export interface StorageTrouble {
  readonly operation: 'get' | 'set' | 'del'
  readonly key: string
  readonly cause: unknown
}

export interface ResilientStore extends KeyValueStore {
  /** True while some value of this session lives in memory only (its last write failed). */
  readonly degraded: boolean
  /**
   * Like get, but rejects when the persistent store cannot be read and memory
   * holds nothing newer: for a value that must never be replaced on a guess (device_id).
   */
  read(key: string): Promise<unknown>
}

export interface ResilientStoreOptions {
  /**
   * Keys whose persistent copy must go when a newer value cannot be written:
   * a spent refresh token read back at the next start would sign the viewer
   * out, where no record at all lets the TV pair again cleanly (issue 15).
   */
  readonly forgetWhenStale?: (key: string) => boolean
  /** Tries per persistent call: a transaction aborted once (a busy TV) usually passes the next time. */
  readonly writeAttempts?: number
}

/**
 * Wraps the persistent store (IndexedDB) with a memory copy. Every call tries
 * the persistent side again: one failure (quota, an aborted transaction) never
 * turns the rest of the run into memory-only. A value whose write failed is
 * kept in memory and wins over the older persistent copy until it is written;
 * trouble is reported when a call starts failing and nothing throws to the caller.
 */
export function createResilientStore(
  persistent: KeyValueStore,
  onTrouble: (trouble: StorageTrouble) => void,
  options: ResilientStoreOptions = {},
): ResilientStore {
  const memory = new Map<string, unknown>()
  /** Keys whose memory value is newer than the persistent one. */
  const unwritten = new Set<string>()
  const forgetWhenStale = options.forgetWhenStale ?? (() => false)
  const writeAttempts = Math.max(1, options.writeAttempts ?? 3)
  /** `operation key` pairs failing now: told once until they work again, so a dead database cannot flood. */
  const failing = new Set<string>()

  const succeeded = (operation: StorageTrouble['operation'], key: string) =>
    failing.delete(`${operation} ${key}`)
  function failed(trouble: StorageTrouble) {
    const name = `${trouble.operation} ${trouble.key}`
    if (failing.has(name)) return
    failing.add(name)
    onTrouble(trouble)
  }

  async function write(operation: 'set' | 'del', key: string, run: () => Promise<void>) {
    let cause: unknown
    for (let attempt = 0; attempt < writeAttempts; attempt++) {
      try {
        await run()
        unwritten.delete(key)
        succeeded(operation, key)
        return
      } catch (error) {
        cause = error
      }
    }
    unwritten.add(key)
    failed({ operation, key, cause })
    if (operation === 'set' && forgetWhenStale(key)) {
      await persistent.del(key).catch(() => undefined)
    }
  }

  async function read(key: string): Promise<unknown> {
    if (unwritten.has(key)) return memory.get(key)
    let cause: unknown
    for (let attempt = 0; attempt < writeAttempts; attempt++) {
      try {
        const value = await persistent.get(key)
        succeeded('get', key)
        if (value === undefined) memory.delete(key)
        else memory.set(key, value)
        return value
      } catch (error) {
        cause = error
      }
    }
    failed({ operation: 'get', key, cause })
    throw cause
  }

  return {
    get degraded() {
      return unwritten.size > 0
    },
    read,
    async get(key) {
      try {
        return await read(key)
      } catch {
        return memory.get(key)
      }
    },
    async set(key, value) {
      memory.set(key, value)
      await write('set', key, () => persistent.set(key, value))
    },
    async del(key) {
      memory.delete(key)
      await write('del', key, () => persistent.del(key))
    },
  }
}
