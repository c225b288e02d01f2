import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { requestDeviceCode, requestDeviceToken } from '../../src/core/api/auth.ts'
import { meRequest } from '../../src/core/api/me.ts'
import {
  DIAGNOSTICS_KEY,
  createDiagnosticsLog,
} from '../../src/core/diagnostics/diagnostics-log.ts'
import { recordFailures } from '../../src/core/diagnostics/recording-api.ts'
import { ALL_SCOPES, TV_CLIENT, useEmulator } from '../helpers/emulator.ts'
import { ManualClock } from '../helpers/manual-clock.ts'
import { signIn } from '../helpers/session.ts'

const emulator = useEmulator()

function setUp() {
  const store = createMemoryStore()
  const log = createDiagnosticsLog(store)
  const api = recordFailures(emulator().client(new ManualClock()), log)
  return { store, log, api }
}

describe('failures recorded for diagnostics', () => {
  it('records a failed call with the request id, endpoint, client id, status and body', async () => {
    const { log, api } = setUp()
    await emulator().fault({ route: '/auth/device/code', kind: 'status', status: 503, count: 1 })
    await expect(requestDeviceCode(api, ALL_SCOPES)).rejects.toThrow()
    const [logged] = await emulator().requests('/auth/device/code')
    expect(log.entries).toHaveLength(1)
    expect(log.entries[0]).toMatchObject({
      method: 'POST',
      endpoint: '/auth/device/code',
      clientId: TV_CLIENT,
      status: 503,
      requestId: logged!.requestId,
    })
    expect(log.entries[0]!.body).toContain(logged!.requestId)
    expect(log.entries[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
  })

  it('does not record the device flow’s "not yet" answers or a cancelled call', async () => {
    const { log, api } = setUp()
    const code = await requestDeviceCode(api, ALL_SCOPES)
    const poll = { deviceCode: code.deviceCode, deviceId: 'd', deviceName: 'TV' }
    await expect(requestDeviceToken(api, poll)).rejects.toMatchObject({
      code: 'authorization_pending',
    })
    const aborted = new AbortController()
    aborted.abort()
    await expect(requestDeviceCode(api, ALL_SCOPES, aborted.signal)).rejects.toMatchObject({
      kind: 'cancelled',
    })
    expect(log.entries).toEqual([])
  })

  it('a refused bearer call is recorded without the token, shown or stored', async () => {
    const { session } = await signIn(emulator())
    const { store, log, api } = setUp()
    const token = await session.refresh().then((record) => record.accessToken)
    await emulator().revoke()
    await expect(api.send({ ...meRequest(), accessToken: token })).rejects.toMatchObject({
      status: 401,
    })
    expect(log.entries).toHaveLength(1)
    expect(JSON.stringify(log.entries)).not.toContain(token)
    expect(JSON.stringify(await store.get(DIAGNOSTICS_KEY))).not.toContain(token)
  })
})
