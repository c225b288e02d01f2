import { describe, expect } from 'vitest'
import { requestDeviceCode } from '../../src/core/api/auth.ts'
import { meRequest } from '../../src/core/api/me.ts'
import { inProgressRequest, nowPlayingRequest } from '../../src/core/api/playback-reads.ts'
import { ApiError, isPunchPlayError, isRetryable } from '../../src/core/errors.ts'
import { ALL_SCOPES, useEmulator, type TestEmulator } from '../helpers/emulator.ts'
import { matrix } from './support/report.ts'
import { createRig, type Rig } from './support/rig.ts'

const emulator = useEmulator({ minPollIntervalSec: 5 })
const scenario = matrix(import.meta.filename, () => emulator().control('/reset', {}))

async function signedIn(emu: TestEmulator): Promise<Rig> {
  const rig = createRig(emu)
  const { result } = await rig.pair(async (_wait, updates) => {
    if (updates.length === 1) await emu.approve((await emu.deviceCodes()).at(-1)!.userCode)
  })
  expect(result.status).toBe('approved')
  return rig
}

const failureOf = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: unknown) => error,
  )

/** Answers a proxy or a broken server gives instead of PunchPlay's JSON. */
const HOSTILE = [
  { label: 'malformed JSON', kind: 'malformed' as const },
  { label: 'empty body', kind: 'empty' as const },
  { label: 'wrong content type', kind: 'body' as const, contentType: 'text/plain', body: 'OK' },
  { label: 'JSON array', kind: 'body' as const, body: '[1,2,3]' },
  {
    label: 'fields of the wrong type',
    kind: 'body' as const,
    body: '{"id":7,"user_code":[],"items":"x","title":false}',
  },
  { label: 'HTML 503 from a proxy', kind: 'html' as const, status: 503 },
]

describe('fault matrix: server', () => {
  scenario('server', '500/502/503 with HTML bodies while pairing and reading', async () => {
    const emu = emulator()
    const rig = createRig(emu)
    for (const status of [500, 502, 503]) {
      await emu.fault({ route: '/auth/device/token', kind: 'html', status, count: 1 })
    }
    const { result } = await rig.pair(async (_wait, updates) => {
      if (updates.length === 5) await emu.approve((await emu.deviceCodes()).at(-1)!.userCode)
    })
    expect(result.status).toBe('approved')
    await emu.fault({ route: '/playback/now-playing', kind: 'html', status: 502, count: 1 })
    const error = await failureOf(rig.session.send(nowPlayingRequest()))
    // Judged by status: a 502 page is a server failure worth retrying, not unreadable data.
    expect(error).toMatchObject({ kind: 'api', status: 502, code: 'http_502' })
    expect(isRetryable(error)).toBe(true)
    expect(await rig.session.send(nowPlayingRequest())).toBeNull()
    return { htmlPages: 4, recovered: 'yes' }
  })

  for (const withRetryAfter of [true, false]) {
    scenario(
      'server',
      `429 storm ${withRetryAfter ? 'with' : 'without'} Retry-After while pairing`,
      async () => {
        const emu = emulator()
        const rig = createRig(emu)
        await emu.fault({
          route: '/auth/device/token',
          kind: 'status',
          status: 429,
          count: 6,
          ...(withRetryAfter ? { retryAfterSec: 45 } : {}),
        })
        const { result } = await rig.pair(async (_wait, updates) => {
          if (updates.length === 7) await emu.approve((await emu.deviceCodes()).at(-1)!.userCode)
        })
        expect(result.status).toBe('approved')
        const waits = rig.clock.sleeps.slice(1, 7)
        expect(waits.every((ms) => ms >= (withRetryAfter ? 45_000 : 10_000))).toBe(true)
        const polls = await emu.requests('/auth/device/token')
        const minutes = (polls.at(-1)!.timeMs - polls[0]!.timeMs) / 60_000
        // Documented limit: 200 per 10 minutes per address (§9).
        expect(polls.length / Math.max(minutes, 1)).toBeLessThan(20)
        return { answered429: 6, polls: polls.length, minutes: Math.round(minutes * 10) / 10 }
      },
    )
  }

  scenario(
    'server',
    'garbled answers on every endpoint the app parses',
    async () => {
      const emu = emulator()
      const rig = await signedIn(emu)
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['/auth/device/code', () => requestDeviceCode(rig.api, ALL_SCOPES)],
        ['/auth/refresh', () => rig.session.refresh()],
        ['/me', () => rig.session.send(meRequest())],
        ['/playback/now-playing', () => rig.session.send(nowPlayingRequest())],
        ['/playback/in-progress', () => rig.session.send(inProgressRequest())],
      ]
      let typed = 0
      for (const [route, call] of calls) {
        for (const { label, ...hostile } of HOSTILE) {
          await emu.fault({ route, count: 1, ...hostile })
          if (route === '/playback/now-playing' && hostile.kind === 'empty') {
            // An empty 2xx is how some servers say "nothing playing" (204, issue 16).
            expect(await call()).toBeNull()
            continue
          }
          const error = await failureOf(call())
          expect(isPunchPlayError(error), `${route} ${label}: ${String(error)}`).toBe(true)
          typed++
          await rig.clock.advance(11 * 60_000)
        }
        await call()
      }
      expect(rig.session.state.signedIn).toBe(true)
      return { endpoints: calls.length, answersTried: typed }
    },
    120_000,
  )

  scenario('server', 'absurd values in the device code answer', async () => {
    const emu = emulator()
    const rig = createRig(emu)
    const answer = (fields: object) =>
      JSON.stringify({
        user_code: 'AK76-P48D',
        device_code: 'dc',
        verification_uri: 'https://punchplay.tv/link',
        verification_uri_complete: 'https://punchplay.tv/link?code=AK76-P48D',
        verification_uri_qr: 'data:image/png;base64,iVBORw0KGgoAAAA',
        expires_in: 600,
        scope: ALL_SCOPES,
        ...fields,
      })
    const cases: Array<
      [object, (code: Awaited<ReturnType<typeof rig.flow.requestCode>> | unknown) => void]
    > = [
      [{ expires_in: 0 }, (r) => expect(r).toMatchObject({ code: 'invalid_field' })],
      [{ expires_in: 1e9 }, (r) => expect(r).toMatchObject({ expiresInSec: 1800 })],
      [{ interval: -4 }, (r) => expect(r).toMatchObject({ intervalSec: null })],
      [{ user_code: 'X'.repeat(500) }, (r) => expect(r).toMatchObject({ code: 'invalid_field' })],
      [
        { verification_uri_qr: 'javascript:alert(1)' },
        (r) => expect(r).toMatchObject({ verificationUriQr: null }),
      ],
      [
        { verification_uri_qr: 'http://evil.example/qr.png' },
        (r) => expect(r).toMatchObject({ verificationUriQr: null }),
      ],
      [
        { verification_uri_qr: 'data:image/svg+xml;base64,PHN2Zz4=' },
        (r) => expect(r).toMatchObject({ verificationUriQr: null }),
      ],
      [
        { verification_uri_qr: 'data:image/png;base64,%%%' },
        (r) => expect(r).toMatchObject({ verificationUriQr: null }),
      ],
    ]
    for (const [fields, check] of cases) {
      await emu.fault({ route: '/auth/device/code', kind: 'body', body: answer(fields), count: 1 })
      check(await rig.flow.requestCode().catch((error: unknown) => error))
    }
    await emu.fault({ route: '/auth/device/code', kind: 'huge', status: 502, count: 1 })
    const huge = await failureOf(rig.flow.requestCode())
    expect(huge).toMatchObject({ kind: 'api', status: 502 })
    expect((huge as ApiError).body!.length).toBeLessThan(3000)
    return {
      absurdAnswers: cases.length + 1,
      tenMegabyteBodyKeptChars: (huge as ApiError).body!.length,
    }
  })
})
