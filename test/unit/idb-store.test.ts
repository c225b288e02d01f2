import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createIdbStore } from '../../src/adapters/idb-store.ts'

let counter = 0
const freshName = () => `punchplay-idb-${++counter}`

/** The reads and writes asked of the database so far, by mode (not its creation's upgrade). */
function watchTransactions() {
  const modes: string[] = []
  const original = IDBDatabase.prototype.transaction
  vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ) {
    const mode = args[1] ?? 'readonly'
    if (mode !== 'versionchange') modes.push(mode)
    return original.apply(this, args)
  })
  return modes
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('IndexedDB store', () => {
  it('answers a first start’s reads without a transaction: the database it just created is empty', async () => {
    const transactions = watchTransactions()
    const store = createIdbStore(freshName())
    expect(await Promise.all([store.get('tokens'), store.get('viewers')])).toEqual([
      undefined,
      undefined,
    ])
    expect(transactions).toEqual([])
    await store.set('device-id', 'tv-1')
    expect(await store.get('device-id')).toBe('tv-1')
    expect(transactions).toEqual(['readwrite', 'readonly'])
  })

  it('reads a database that was there before, from the first call', async () => {
    const name = freshName()
    await createIdbStore(name).set('tokens', { accessToken: 'kept' })
    const transactions = watchTransactions()
    expect(await createIdbStore(name).get('tokens')).toEqual({ accessToken: 'kept' })
    expect(transactions).toEqual(['readonly'])
  })

  it('reads the database again a second after creating it, where another instance may have written', async () => {
    const name = freshName()
    let now = 0
    const first = createIdbStore(name, 'kv', () => now)
    expect(await first.get('tokens')).toBeUndefined()
    await createIdbStore(name).set('tokens', 'paired elsewhere')
    now = 999
    expect(await first.get('tokens')).toBeUndefined()
    now = 1000
    expect(await first.get('tokens')).toBe('paired elsewhere')
  })

  it('opens the database once for the calls made while it opens', async () => {
    const open = vi.spyOn(indexedDB, 'open')
    const store = createIdbStore(freshName())
    await Promise.all([store.get('a'), store.set('b', 1), store.get('c'), store.del('d')])
    await store.get('b')
    expect(open).toHaveBeenCalledOnce()
  })

  it('opens afresh when an open has hung for two seconds, as start-up’s Try again needs', async () => {
    const name = freshName()
    const realOpen = indexedDB.open.bind(indexedDB)
    let wedged = true
    const open = vi
      .spyOn(indexedDB, 'open')
      .mockImplementation((...args) => (wedged ? ({} as IDBOpenDBRequest) : realOpen(...args)))
    let now = 0
    const store = createIdbStore(name, 'kv', () => now)
    const hung = store.get('tokens')
    wedged = false
    now = 2000
    const joined = store.get('viewers')
    now = 2001
    expect(await store.get('tokens')).toBeUndefined()
    expect(open).toHaveBeenCalledTimes(2)
    await store.set('tokens', 'saved')
    expect(await store.get('tokens')).toBe('saved')
    expect(
      await Promise.race([hung.then(() => 'answered'), joined.then(() => 'answered'), 'pending']),
    ).toBe('pending')
  })

  it('tries again after an open failed, instead of keeping the failure', async () => {
    const original = globalThis.indexedDB
    // @ts-expect-error an engine without IndexedDB
    delete globalThis.indexedDB
    const store = createIdbStore(freshName())
    try {
      await expect(store.get('tokens')).rejects.toThrow()
    } finally {
      globalThis.indexedDB = original
    }
    await store.set('tokens', 'saved')
    expect(await store.get('tokens')).toBe('saved')
  })
})
