import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDeviceCode, parseTokenGrant, requestDeviceCode } from '../../src/core/api/auth.ts'
import { parseMe } from '../../src/core/api/me.ts'
import { FieldError } from '../../src/core/api/parse.ts'
import { parseInProgress, parseNowPlaying } from '../../src/core/api/playback-reads.ts'
import { parseWriteResult } from '../../src/core/api/playback-writes.ts'
import { isPunchPlayError } from '../../src/core/errors.ts'
import { parseCatalog } from '../../src/core/playback/catalog.ts'
import { ALL_SCOPES, useEmulator } from '../helpers/emulator.ts'
import { ManualClock } from '../helpers/manual-clock.ts'

const emulator = useEmulator()

/** Every parser of a server answer: whatever JSON arrives, it returns a value or a FieldError. */
const parsers: Record<string, (body: unknown) => unknown> = {
  deviceCode: (body) => parseDeviceCode(body, ALL_SCOPES),
  tokenAnswer: parseTokenGrant,
  me: parseMe,
  nowPlaying: parseNowPlaying,
  inProgress: parseInProgress,
  playbackWrite: parseWriteResult,
  catalog: parseCatalog,
}

/** JSON shaped like real answers, with every field's type and value free. */
const nearlyRight = fc.record(
  {
    user_code: fc.jsonValue(),
    device_code: fc.jsonValue(),
    verification_uri: fc.oneof(fc.webUrl(), fc.jsonValue()),
    verification_uri_complete: fc.oneof(fc.webUrl(), fc.jsonValue()),
    verification_uri_qr: fc.oneof(
      fc.string().map((s) => `data:image/png;base64,${s}`),
      fc.jsonValue(),
    ),
    expires_in: fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(1e9)),
    interval: fc.oneof(fc.double(), fc.integer({ min: -10, max: 10 })),
    access_token: fc.jsonValue(),
    refresh_token: fc.jsonValue(),
    token_type: fc.oneof(fc.constant('bearer'), fc.jsonValue()),
    scope: fc.jsonValue(),
    id: fc.jsonValue(),
    items: fc.oneof(fc.array(fc.jsonValue()), fc.jsonValue()),
    data: fc.jsonValue(),
  },
  { requiredKeys: [] },
)

describe('parsers of server answers never throw past the typed-error boundary', () => {
  for (const [name, parse] of Object.entries(parsers)) {
    it(name, () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), nearlyRight), (body) => {
          try {
            parse(body)
          } catch (error) {
            expect(error).toBeInstanceOf(FieldError)
          }
        }),
        { numRuns: 400 },
      )
    })
  }

  it('the API client turns any answer text into a value or a typed error', async () => {
    const emu = emulator()
    const api = emu.client(new ManualClock())
    const status = fc.constantFrom(200, 400, 401, 403, 429, 500, 502)
    const contentType = fc.constantFrom(
      'application/json',
      'text/html',
      'text/plain',
      'application/octet-stream',
    )
    const body = fc.oneof(
      fc.json(),
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
    )
    await fc.assert(
      fc.asyncProperty(status, contentType, body, async (code, type, text) => {
        await emu.fault({
          route: '/auth/device/code',
          kind: 'body',
          status: code,
          contentType: type,
          body: text,
          count: 1,
        })
        try {
          await requestDeviceCode(api, ALL_SCOPES)
        } catch (error) {
          expect(isPunchPlayError(error), String(error)).toBe(true)
        }
      }),
      { numRuns: 60 },
    )
  })
})
