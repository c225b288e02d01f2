import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { createIdbStore } from '../../src/adapters/idb-store.ts'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import type { KeyValueStore } from '../../src/core/ports.ts'
import {
  createResilientStore,
  type StorageTrouble,
} from '../../src/core/session/resilient-store.ts'
import {
  TOKENS_KEY,
  createTokenStore,
  loadDeviceId,
  recordFromGrant,
  type TokenRecord,
} from '../../src/core/session/token-store.ts'
import { testIds } from '../helpers/ids.ts'

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0)
const grant = {
  accessToken: 'ppat_one',
  refreshToken: 'pprt_one',
  expiresInSec: 3600,
  refreshExpiresInSec: 31_536_000,
  scope: 'profile:read playback:read',
  username: 'ana',
}
const record = recordFromGrant(grant, NOW, { grantId: 'grant-1' })

/** A persistent store that fails the way IndexedDB does in private mode or when full. */
function failingStore(
  failOn: Array<keyof KeyValueStore>,
  error = new DOMException('full', 'QuotaExceededError'),
) {
  const inner = createMemoryStore()
  return {
    get: (key: string) => (failOn.includes('get') ? Promise.reject(error) : inner.get(key)),
    set: (key: string, value: unknown) =>
      failOn.includes('set') ? Promise.reject(error) : inner.set(key, value),
    del: (key: string) => (failOn.includes('del') ? Promise.reject(error) : inner.del(key)),
  }
}

let dbCounter = 0
const freshIdb = () => createIdbStore(`punchplay-test-${++dbCounter}`)

describe('token record', () => {
  it('holds absolute expiry times, scope, username and the grant id of the sign-in', () => {
    expect(record).toEqual({
      v: 1,
      accessToken: 'ppat_one',
      refreshToken: 'pprt_one',
      accessExpiresAtMs: NOW + 3_600_000,
      refreshExpiresAtMs: NOW + 31_536_000_000,
      scope: 'profile:read playback:read',
      username: 'ana',
      savedAtMs: NOW,
      grantId: 'grant-1',
    })
  })

  it('keeps the old refresh token when a refresh answer carries none', () => {
    const later = recordFromGrant(
      {
        accessToken: 'ppat_two',
        refreshToken: null,
        expiresInSec: 3600,
        refreshExpiresInSec: null,
        scope: null,
        username: null,
      },
      NOW + 1000,
      record,
    )
    expect(later).toMatchObject({
      accessToken: 'ppat_two',
      refreshToken: 'pprt_one',
      refreshExpiresAtMs: record.refreshExpiresAtMs,
      scope: record.scope,
      username: 'ana',
    })
  })

  it('keeps the grant id across refreshes; only a new sign-in brings a new one', () => {
    const refreshed = recordFromGrant({ ...grant, accessToken: 'ppat_two' }, NOW + 1000, record)
    expect(refreshed.grantId).toBe('grant-1')
    expect(recordFromGrant(grant, NOW + 2000, { grantId: 'grant-2' }).grantId).toBe('grant-2')
  })
})

describe('token store on IndexedDB', () => {
  it('gives a record saved before grant ids existed one on load, saved so it stays the same', async () => {
    const kv = freshIdb()
    const older: Record<string, unknown> = { ...record }
    delete older.grantId
    await kv.set(TOKENS_KEY, older)
    const ids = { uuid: vi.fn(() => '3f1e1d2c-0000-4000-8000-00000000abcd') }
    const loaded = await createTokenStore(kv, ids).load()
    expect(loaded).toEqual({ ...older, grantId: '3f1e1d2c-0000-4000-8000-00000000abcd' })
    expect(await kv.get(TOKENS_KEY)).toEqual(loaded)
    expect(await createTokenStore(kv, ids).load()).toEqual(loaded)
    expect(ids.uuid).toHaveBeenCalledOnce()
  })

  it('refuses a record whose grant id is not a non-empty string', async () => {
    const kv = freshIdb()
    await kv.set(TOKENS_KEY, { ...record, grantId: '' })
    const onCorrupt = vi.fn()
    expect(await createTokenStore(kv, testIds, onCorrupt).load()).toBeNull()
    expect(onCorrupt).toHaveBeenCalledOnce()
  })

  it('survives a restart: a new store on the same database reads the record', async () => {
    const name = `punchplay-restart-${++dbCounter}`
    await createTokenStore(createIdbStore(name), testIds).save(record)
    expect(await createTokenStore(createIdbStore(name), testIds).load()).toEqual(record)
  })

  it('keeps the device id across sign-out', async () => {
    const kv = freshIdb()
    const tokens = createTokenStore(kv, testIds)
    const ids = { uuid: vi.fn(() => '3f1e1d2c-0000-4000-8000-000000000001') }
    const first = await loadDeviceId(kv, ids)
    await tokens.save(record)
    await tokens.clear()
    expect(await tokens.load()).toBeNull()
    expect(await loadDeviceId(kv, ids)).toBe(first)
    expect(ids.uuid).toHaveBeenCalledOnce()
  })

  it('reports a corrupted record instead of using it, and does not delete it', async () => {
    const kv = freshIdb()
    await kv.set(TOKENS_KEY, { v: 1, accessToken: 42 })
    const onCorrupt = vi.fn()
    expect(await createTokenStore(kv, testIds, onCorrupt).load()).toBeNull()
    expect(onCorrupt).toHaveBeenCalledWith({ v: 1, accessToken: 42 })
    expect(await kv.get(TOKENS_KEY)).toEqual({ v: 1, accessToken: 42 })
  })
})

describe('storage failures fall back to memory and are reported', () => {
  it('works for the session when IndexedDB is missing altogether', async () => {
    const troubles: StorageTrouble[] = []
    const original = globalThis.indexedDB
    // @ts-expect-error simulate an engine without IndexedDB
    delete globalThis.indexedDB
    try {
      const kv = createResilientStore(createIdbStore('no-idb'), (trouble) => troubles.push(trouble))
      const tokens = createTokenStore(kv, testIds)
      expect(await tokens.load()).toBeNull()
      await tokens.save(record)
      expect(await tokens.load()).toEqual(record)
      expect(kv.degraded).toBe(true)
      expect(troubles[0]).toMatchObject({ operation: 'get', key: TOKENS_KEY })
    } finally {
      globalThis.indexedDB = original
    }
  })

  it('keeps new tokens in memory when a write throws (quota), without throwing', async () => {
    const troubles: StorageTrouble[] = []
    const kv = createResilientStore(failingStore(['set']), (trouble) => troubles.push(trouble))
    const tokens = createTokenStore(kv, testIds)
    await expect(tokens.save(record)).resolves.toBeUndefined()
    expect(await tokens.load()).toEqual(record)
    expect(troubles).toHaveLength(1)
    expect((troubles[0]!.cause as DOMException).name).toBe('QuotaExceededError')
  })

  it('never silently discards a valid stored record after a failed write', async () => {
    const persistent = createMemoryStore()
    await persistent.set(TOKENS_KEY, record)
    let failWrites = true
    const flaky: KeyValueStore = {
      get: (key) => persistent.get(key),
      set: (key, value) =>
        failWrites ? Promise.reject(new Error('disk')) : persistent.set(key, value),
      del: (key) => persistent.del(key),
    }
    const kv = createResilientStore(flaky, () => {})
    const tokens = createTokenStore(kv, testIds)
    expect(await tokens.load()).toEqual(record)
    const newer: TokenRecord = { ...record, accessToken: 'ppat_two', savedAtMs: NOW + 1 }
    await tokens.save(newer)
    failWrites = false
    expect(await tokens.load()).toEqual(newer)
    expect(await persistent.get(TOKENS_KEY)).toEqual(record)
  })
})

/** A persistent store whose next `count` calls of `operation` fail, then work again. */
function flakyStore(operation: keyof KeyValueStore, count: number) {
  const inner = createMemoryStore()
  let failures = count
  const failing = (name: keyof KeyValueStore) => name === operation && failures-- > 0
  const fail = () => Promise.reject(new DOMException('transaction aborted', 'AbortError'))
  const store: KeyValueStore = {
    get: (key) => (failing('get') ? fail() : inner.get(key)),
    set: (key, value) => (failing('set') ? fail() : inner.set(key, value)),
    del: (key) => (failing('del') ? fail() : inner.del(key)),
  }
  return { store, inner, failNext: (n: number) => (failures = n) }
}

// Issue 15: one failed IndexedDB call used to switch the whole run to memory.
describe('storage is tried again after a failure', () => {
  it('does not stay in memory after one failed write: the next write reaches IndexedDB', async () => {
    const flaky = flakyStore('set', 3)
    const kv = createResilientStore(flaky.store, () => {})
    await kv.set('diagnostics', ['x'])
    expect(kv.degraded).toBe(true)
    await createTokenStore(kv, testIds).save(record)
    expect(await flaky.inner.get(TOKENS_KEY)).toEqual(record)
    expect(kv.degraded).toBe(true)
    await kv.set('diagnostics', ['y'])
    expect(kv.degraded).toBe(false)
    expect(await flaky.inner.get('diagnostics')).toEqual(['y'])
  })

  it('retries a write that fails once, so a passing fault loses nothing', async () => {
    const flaky = flakyStore('set', 1)
    const troubles: StorageTrouble[] = []
    const kv = createResilientStore(flaky.store, (trouble) => troubles.push(trouble))
    await createTokenStore(kv, testIds).save(record)
    expect(await flaky.inner.get(TOKENS_KEY)).toEqual(record)
    expect(troubles).toEqual([])
  })

  it('reads IndexedDB again after a failed read', async () => {
    const flaky = flakyStore('get', 3)
    await flaky.inner.set(TOKENS_KEY, record)
    const kv = createResilientStore(flaky.store, () => {})
    expect(await createTokenStore(kv, testIds).load()).toBeNull()
    expect(await createTokenStore(kv, testIds).load()).toEqual(record)
  })

  it('removes the stored record when a newer one cannot be written, where asked to', async () => {
    const flaky = flakyStore('set', 0)
    await flaky.inner.set(TOKENS_KEY, record)
    const kv = createResilientStore(flaky.store, () => {}, {
      forgetWhenStale: (key) => key === TOKENS_KEY,
    })
    const tokens = createTokenStore(kv, testIds)
    const rotated: TokenRecord = { ...record, refreshToken: 'pprt_two', savedAtMs: NOW + 1 }
    flaky.failNext(3)
    await tokens.save(rotated)
    // This run keeps the new pair; the next start finds nothing, not the spent token.
    expect(await tokens.load()).toEqual(rotated)
    expect(await flaky.inner.get(TOKENS_KEY)).toBeUndefined()
    expect(
      await createTokenStore(
        createResilientStore(flaky.inner, () => {}),
        testIds,
      ).load(),
    ).toBeNull()
  })

  it('tells a database that keeps failing once, not at every call', async () => {
    const troubles: StorageTrouble[] = []
    const kv = createResilientStore(failingStore(['get', 'set', 'del']), (t) => troubles.push(t))
    for (let i = 0; i < 5; i++) {
      await kv.set('diagnostics', [i])
      await kv.get('diagnostics')
    }
    expect(troubles.map((t) => t.operation)).toEqual(['set'])
  })

  it('never replaces the stored device id when it cannot be read', async () => {
    const flaky = flakyStore('get', 3)
    await flaky.inner.set('device-id', 'tv-1')
    const kv = createResilientStore(flaky.store, () => {})
    const ids = { uuid: vi.fn(() => '3f1e1d2c-0000-4000-8000-000000000009') }
    expect(await loadDeviceId({ get: kv.read, set: kv.set }, ids)).toBe(
      '3f1e1d2c-0000-4000-8000-000000000009',
    )
    expect(await flaky.inner.get('device-id')).toBe('tv-1')
    expect(await loadDeviceId({ get: kv.read, set: kv.set }, ids)).toBe('tv-1')
  })
})
