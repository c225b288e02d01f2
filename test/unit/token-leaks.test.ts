import { beforeEach, describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { requestDeviceCode, requestDeviceToken } from '../../src/core/api/auth.ts'
import { meRequest } from '../../src/core/api/me.ts'
import {
  DIAGNOSTICS_KEY,
  createDiagnosticsLog,
} from '../../src/core/diagnostics/diagnostics-log.ts'
import { recordFailures } from '../../src/core/diagnostics/recording-api.ts'
import { isPunchPlayError, type PunchPlayError } from '../../src/core/errors.ts'
import { forgetSecrets, holdSecrets } from '../../src/core/secrets.ts'
import { createTokenManager } from '../../src/core/session/token-manager.ts'
import { createTokenStore } from '../../src/core/session/token-store.ts'
import { entryDetail } from '../../src/ui/diagnostics-text.ts'
import { failureText } from '../../src/ui/failure-text.ts'
import { ALL_SCOPES, useEmulator } from '../helpers/emulator.ts'
import { testIds } from '../helpers/ids.ts'
import { ManualClock } from '../helpers/manual-clock.ts'

/** Tokens as a real PunchPlay may mint them: nothing in their shape says "token". */
const emulator = useEmulator({ minPollIntervalSec: 0, opaqueTokens: true })

beforeEach(() => forgetSecrets())

interface Secrets {
  readonly access: string
  readonly refresh: string
  readonly deviceCode: string
}

/** Signed in through the device flow, every failure recorded for Diagnostics as the app does. */
async function signedIn(timeoutMs?: number) {
  const emu = emulator()
  const clock = new ManualClock(Date.UTC(2026, 10, 28, 12), (ms) => emu.advance(ms / 1000))
  const store = createMemoryStore()
  const diagnostics = createDiagnosticsLog(store)
  const api = recordFailures(emu.client(clock, undefined, timeoutMs), diagnostics)
  const tokens = createTokenStore(createMemoryStore(), testIds)
  const session = createTokenManager({ api, store: tokens, clock, ids: testIds })
  const code = await requestDeviceCode(api, ALL_SCOPES)
  await emu.approve(code.userCode, 'approve', 'ana')
  const grant = await requestDeviceToken(api, {
    deviceCode: code.deviceCode,
    deviceId: 'device-1',
    deviceName: 'TV',
  })
  await session.signIn(grant)
  const secrets: Secrets = {
    access: grant.accessToken,
    refresh: grant.refreshToken!,
    deviceCode: code.deviceCode,
  }
  const restart = () => createTokenManager({ api, store: tokens, clock, ids: testIds })
  return { emu, store, diagnostics, session, secrets, restart }
}

/** Every place an error's words go: screen and voice, Diagnostics, IndexedDB, a log line. */
function everythingShown(error: PunchPlayError, stored: unknown, entries: unknown): string {
  const cause = error.cause as { name?: string; message?: string } | undefined
  return [
    failureText(error),
    error.message,
    error.code,
    error.requestId,
    error.body,
    cause?.name,
    cause?.message,
    String(error),
    JSON.stringify(error.toReport()),
    JSON.stringify(stored),
    JSON.stringify(entries),
  ].join('\n')
}

/** The whole value, and any 12 characters of it in a row: a cut token leaks too. */
function expectNoneOf(text: string, secrets: Secrets): void {
  for (const secret of Object.values(secrets)) {
    expect(text).not.toContain(secret)
    for (let at = 0; at + 12 <= secret.length; at += 6) {
      expect(text, `${secret.slice(at, at + 12)} of a secret`).not.toContain(
        secret.slice(at, at + 12),
      )
    }
  }
}

const json = 'application/json'
const shapes: Array<[string, string, (s: Secrets) => string]> = [
  [
    "PunchPlay's own message",
    json,
    (s) => JSON.stringify({ error: 'invalid_token', message: `token ${s.access} is not valid` }),
  ],
  [
    'a JSON field of any name',
    json,
    (s) => JSON.stringify({ error: 'invalid_request', seen: { value: s.refresh } }),
  ],
  [
    'JSON cut inside a token',
    json,
    (s) => `{"error":"invalid_request","echo":{"refresh_token":"${s.refresh.slice(0, 30)}`,
  ],
  [
    'escaped JSON inside JSON',
    json,
    (s) =>
      JSON.stringify({
        error: 'server_error',
        upstream: JSON.stringify({ access_token: s.access, device_code: s.deviceCode }),
      }),
  ],
  [
    'a form body',
    'application/x-www-form-urlencoded',
    (s) => `grant_type=refresh_token&refresh_token=${s.refresh}&client_id=ppc_punchplaytv_dev`,
  ],
  [
    'a query string',
    'text/plain',
    (s) => `GET /me?access_token=${encodeURIComponent(s.access)}&device=${s.deviceCode} failed`,
  ],
  [
    'free text',
    'text/plain',
    (s) => `upstream said: ${s.access} / ${s.refresh} / ${s.deviceCode} are all spent`,
  ],
  [
    'an HTML page',
    'text/html',
    (s) =>
      `<html><body><pre>Authorization: Bearer ${s.access}</pre><input value="${s.refresh}"></body></html>`,
  ],
  [
    'the error code and request id',
    json,
    (s) => JSON.stringify({ error: s.refresh, message: 'no', request_id: s.access }),
  ],
]

describe('opaque tokens never leak out of a failure', () => {
  for (const [shape, contentType, body] of shapes) {
    it(`in ${shape}`, async () => {
      const { emu, store, diagnostics, session, secrets } = await signedIn()
      await emu.fault({
        route: '/me',
        kind: 'body',
        status: 400,
        contentType,
        body: body(secrets),
        count: 1,
      })
      const error = await session.send(meRequest()).catch((e: unknown) => e)
      expect(isPunchPlayError(error)).toBe(true)
      await diagnostics.record((error as PunchPlayError).toReport())
      expect(diagnostics.entries.length).toBeGreaterThan(0)
      const shown = everythingShown(
        error as PunchPlayError,
        await store.get(DIAGNOSTICS_KEY),
        diagnostics.entries,
      )
      expectNoneOf(shown, secrets)
      expect(shown).toContain('[redacted]')
    })
  }

  it('a timeout keeps only the name and message of the library error, not its request', async () => {
    const { emu, session, secrets, diagnostics, store } = await signedIn(300)
    await emu.fault({ route: '/me', kind: 'latency', latencyMs: 1500, count: 1 })
    const error = (await session.send(meRequest()).catch((e: unknown) => e)) as PunchPlayError
    expect(error).toMatchObject({ kind: 'timeout' })
    expect(error.cause).toMatchObject({ name: 'TimeoutError' })
    // ky's TimeoutError carries `request`, whose headers hold `Authorization: Bearer …`.
    expect(Object.keys(error.cause as object).filter((key) => key !== 'name')).toEqual([])
    expect((error.cause as { request?: unknown }).request).toBeUndefined()
    expectNoneOf(
      everythingShown(error, await store.get(DIAGNOSTICS_KEY), diagnostics.entries),
      secrets,
    )
  })

  it('a token read back from storage at start is known before any call sends it', async () => {
    const { emu, store, diagnostics, secrets, restart } = await signedIn()
    // A new run: nothing held yet but what the stored sign-in brings.
    forgetSecrets()
    const session = restart()
    await session.start()
    await emu.fault({
      route: '/me',
      kind: 'body',
      status: 500,
      contentType: 'text/plain',
      body: `cannot use refresh ${secrets.refresh}`,
      count: 1,
    })
    const error = (await session.send(meRequest()).catch((e: unknown) => e)) as PunchPlayError
    await diagnostics.record(error.toReport())
    expectNoneOf(
      everythingShown(error, await store.get(DIAGNOSTICS_KEY), diagnostics.entries),
      secrets,
    )
  })

  it('Diagnostics redacts on the screen a token held only after its entry was recorded', () => {
    const late = 'Zm9yZ290dGVuLWJ1dC1ub3QtZ29uZQ'
    const entry = {
      method: 'GET',
      endpoint: '/me',
      clientId: 'ppc_punchplaytv_dev',
      at: '2026-11-28T12:00:00.000Z',
      kind: 'api' as const,
      status: 500,
      code: 'server_error',
      message: `upstream echoed ${late}`,
      requestId: 'ppreq_1',
      body: null,
    }
    expect(entryDetail(entry)).toContain(late)
    holdSecrets(late)
    expect(entryDetail(entry)).toBe('upstream echoed [redacted]')
  })
})
