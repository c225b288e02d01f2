import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import {
  DIAGNOSTICS_KEY,
  MAX_ENTRIES,
  createDiagnosticsLog,
} from '../../src/core/diagnostics/diagnostics-log.ts'
import { ApiError, type ErrorReport } from '../../src/core/errors.ts'

const ACCESS = 'ppat_a1b2c3d4e5f6'
const REFRESH = 'pprt_z9y8x7w6v5'

const report = (n: number, extra: Partial<ErrorReport> = {}): ErrorReport => ({
  method: 'POST',
  endpoint: '/auth/device/token',
  clientId: 'ppc_punchplaytv_dev',
  at: `2026-11-28T12:00:${String(n % 60).padStart(2, '0')}.000Z`,
  kind: 'api',
  status: 429,
  code: 'rate_limited',
  message: 'slow down',
  requestId: `ppreq_${n}`,
  body: '{"error":"rate_limited"}',
  ...extra,
})

/** Everything a diagnostics entry could leak through: screen text or what IndexedDB holds. */
const leaks = (value: unknown) => {
  const text = JSON.stringify(value)
  return [ACCESS, REFRESH, 'devcode-secret', 'hunter2'].filter((secret) => text.includes(secret))
}

describe('diagnostics log', () => {
  it('never keeps a token, neither in the entries shown nor in what it stores', async () => {
    const store = createMemoryStore()
    const log = createDiagnosticsLog(store)
    await log.record(
      report(1, {
        message: `refused Bearer ${ACCESS}`,
        endpoint: `/me?access_token=${ACCESS}`,
        body: JSON.stringify({
          access_token: ACCESS,
          refresh_token: REFRESH,
          device_code: 'devcode-secret',
          password: 'hunter2',
          request_id: 'ppreq_kept',
        }),
      }),
    )
    expect(leaks(log.entries)).toEqual([])
    expect(leaks(await store.get(DIAGNOSTICS_KEY))).toEqual([])
    // What support needs is still there.
    expect(log.entries[0]).toMatchObject({ requestId: 'ppreq_1', status: 429 })
    expect(log.entries[0]!.body).toContain('ppreq_kept')
  })

  it('redacts an error report built from a real ApiError end to end', async () => {
    const error = new ApiError(
      'invalid_grant',
      `grant ${REFRESH} revoked`,
      { method: 'POST', endpoint: '/auth/refresh', clientId: 'c', at: '2026-11-28T12:00:00Z' },
      400,
      'ppreq_x',
      JSON.stringify({ error: 'invalid_grant', refresh_token: REFRESH }),
    )
    const store = createMemoryStore()
    const log = createDiagnosticsLog(store)
    await log.record(error.toReport())
    expect(leaks(log.entries)).toEqual([])
    expect(leaks(await store.get(DIAGNOSTICS_KEY))).toEqual([])
  })

  it('redacts entries read back from storage an older build wrote', async () => {
    const store = createMemoryStore()
    await store.set(DIAGNOSTICS_KEY, [
      report(1, { body: `{"access_token":"${ACCESS}"}` }),
      { nonsense: true },
    ])
    const log = createDiagnosticsLog(store)
    await log.load()
    expect(log.entries).toHaveLength(1)
    expect(leaks(log.entries)).toEqual([])
  })

  it(`keeps the last ${MAX_ENTRIES}, newest first, across a restart`, async () => {
    const store = createMemoryStore()
    const first = createDiagnosticsLog(store)
    for (let n = 1; n <= MAX_ENTRIES + 5; n++) await first.record(report(n))
    expect(first.entries).toHaveLength(MAX_ENTRIES)
    expect(first.entries[0]!.requestId).toBe(`ppreq_${MAX_ENTRIES + 5}`)
    expect(first.entries.at(-1)!.requestId).toBe('ppreq_6')

    const restarted = createDiagnosticsLog(store)
    await restarted.record(report(100))
    await restarted.load()
    expect(restarted.entries).toHaveLength(MAX_ENTRIES)
    // Recorded before the stored ones were read: still newest, in front.
    expect(restarted.entries.map((entry) => entry.requestId).slice(0, 2)).toEqual([
      'ppreq_100',
      `ppreq_${MAX_ENTRIES + 5}`,
    ])
  })

  it('clears memory and storage', async () => {
    const store = createMemoryStore()
    const log = createDiagnosticsLog(store)
    await log.record(report(1))
    await log.clear()
    expect(log.entries).toEqual([])
    expect(await store.get(DIAGNOSTICS_KEY)).toBeUndefined()
  })
})
