import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { createHttp } from '../../src/adapters/ky-http.ts'
import { parseDeviceCode, safeQrDataUrl } from '../../src/core/api/auth.ts'
import { meRequest } from '../../src/core/api/me.ts'
import { inProgressRequest, parseInProgress } from '../../src/core/api/playback-reads.ts'
import {
  DIAGNOSTICS_KEY,
  createDiagnosticsLog,
} from '../../src/core/diagnostics/diagnostics-log.ts'
import { ApiError, isRetryable, type ErrorReport } from '../../src/core/errors.ts'
import { runEventsStream, type StreamState } from '../../src/core/live/events-stream.ts'
import { excerpt, redactText } from '../../src/core/redact.ts'
import { failureText } from '../../src/ui/failure-text.ts'
import { ALL_SCOPES, useEmulator } from '../helpers/emulator.ts'
import { pngDataUrl } from '../helpers/png.ts'
import { signIn } from '../helpers/session.ts'

const emulator = useEmulator({ minPollIntervalSec: 0 })

const MB = 1024 * 1024

describe('a QR image PunchPlay sends', () => {
  it('is refused when its header claims more than 2048×2048, however small the file', () => {
    const bomb = pngDataUrl(20_000)
    // Small enough for any length check: 20000×20000 pixels in tens of kilobytes.
    expect(bomb.length).toBeLessThan(100 * 1024)
    expect(safeQrDataUrl(bomb)).toBeNull()
    const answer = {
      user_code: 'AK76-P48D',
      device_code: 'dc_123',
      verification_uri: 'https://punchplay.tv/link',
      verification_uri_complete: 'https://punchplay.tv/link?code=AK76-P48D',
      verification_uri_qr: bomb,
      expires_in: 600,
    }
    expect(parseDeviceCode(answer, ALL_SCOPES).verificationUriQr).toBeNull()
    expect(safeQrDataUrl(pngDataUrl(2049))).toBeNull()
  })

  it('is kept up to 2048×2048, and the emulator’s own passes', async () => {
    const edge = pngDataUrl(2048)
    expect(safeQrDataUrl(edge)).toBe(edge)
    const answer = await emulator().post('/auth/device/code', {
      client_id: 'ppc_punchplaytv_dev',
      scope: ALL_SCOPES,
    })
    const qr = answer.body.verification_uri_qr as string
    expect(safeQrDataUrl(qr)).toBe(qr)
  })
})

describe("the server's words are cut before anyone shows, speaks or stores them", () => {
  it('message, error code and request id, each far longer than a screen', async () => {
    const emu = emulator()
    const { session } = await signIn(emu)
    const long = (letter: string) => letter.repeat(20_000)
    await emu.fault({
      route: '/me',
      kind: 'body',
      status: 400,
      body: JSON.stringify({ error: long('e'), message: long('m'), request_id: long('r') }),
      count: 1,
    })
    const error = (await session.send(meRequest()).catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.message).toMatch(/^m{299}…$/)
    expect(error.code).toMatch(/^e{63}…$/)
    expect(error.requestId).toMatch(/^r{127}…$/)
    expect(failureText(error).length).toBeLessThan(600)
    const store = createMemoryStore()
    const log = createDiagnosticsLog(store)
    await log.record(error.toReport())
    expect(JSON.stringify(await store.get(DIAGNOSTICS_KEY)).length).toBeLessThan(4000)
  })

  it('an error body larger than an error object is not parsed, only judged by its status', async () => {
    const emu = emulator()
    const { session } = await signIn(emu)
    const body = JSON.stringify({ error: 'rate_limited', padding: 'p'.repeat(300_000) })
    await emu.fault({ route: '/me', kind: 'body', status: 429, body, count: 1 })
    const error = (await session.send(meRequest()).catch((e: unknown) => e)) as ApiError
    expect(error).toMatchObject({ status: 429, code: 'http_429' })
    expect(isRetryable(error)).toBe(true)
    expect(error.body!.length).toBeLessThan(2100)
  })

  it('a report from elsewhere or an older build is cut on its way into Diagnostics', async () => {
    const store = createMemoryStore()
    const long: ErrorReport = {
      method: 'GET',
      endpoint: '/me',
      clientId: 'ppc_punchplaytv_dev',
      at: '2026-11-28T12:00:00.000Z',
      kind: 'api',
      status: 500,
      code: 'c'.repeat(50_000),
      message: 'm'.repeat(50_000),
      requestId: 'r'.repeat(50_000),
      body: 'b'.repeat(500_000),
    }
    await store.set(DIAGNOSTICS_KEY, [long])
    const log = createDiagnosticsLog(store)
    await log.load()
    await log.record(long)
    for (const entry of log.entries) {
      expect(entry.code.length).toBeLessThanOrEqual(64)
      expect(entry.message.length).toBeLessThanOrEqual(300)
      expect(entry.requestId!.length).toBeLessThanOrEqual(128)
      expect(entry.body!.length).toBeLessThan(2100)
    }
    expect(JSON.stringify(await store.get(DIAGNOSTICS_KEY)).length).toBeLessThan(10_000)
  })

  it('redaction of a huge quoted token value neither overflows the stack nor leaks it', () => {
    const value = 'a'.repeat(10_000_000)
    const body = `{"access_token":"${value}","error":"x"}`
    expect(() => redactText(body)).not.toThrow()
    expect(redactText(body)).toBe('{"access_token":"[redacted]","error":"x"}')
    const cut = excerpt(body)
    expect(cut).not.toContain('aaaaaaaaaa')
    const error = new ApiError('x', 'm', context, 400, null, body)
    expect(error.body).not.toContain('aaaaaaaaaa')
  })
})

const context = {
  method: 'GET',
  endpoint: '/me',
  clientId: 'ppc_punchplaytv_dev',
  at: '2026-11-28T12:00:00.000Z',
}

describe('answers are read up to a limit', () => {
  let server: Server | null = null
  afterEach(() => {
    server?.closeAllConnections()
    server?.close()
    server = null
  })

  it('the HTTP adapter stops reading a 10 MB answer at 1 MB', async () => {
    await emulator().fault({ route: '/me', kind: 'huge', status: 502, count: 1 })
    const http = createHttp(emulator().apiBase)
    const answer = await http.send({ method: 'GET', path: '/me', headers: {} })
    expect(answer.status).toBe(502)
    await expect(answer.text()).rejects.toMatchObject({ name: 'BodyTooLargeError' })
  })

  it('and hangs up on a body that never ends', async () => {
    let written = 0
    let closed = false
    server = createServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/html' })
      const block = Buffer.alloc(64 * 1024, 0x78)
      const pump = () => {
        while (!closed && response.write(block)) written += block.length
        if (!closed) response.once('drain', pump)
      }
      response.on('close', () => (closed = true))
      pump()
    })
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const http = createHttp(`http://127.0.0.1:${port}`)
    const answer = await http.send({ method: 'GET', path: '/', headers: {} })
    await expect(answer.text()).rejects.toMatchObject({ name: 'BodyTooLargeError' })
    await expect.poll(() => closed).toBe(true)
    expect(written).toBeLessThan(16 * MB)
  })

  it('a 2xx too large to read is a protocol error not worth repeating; a refusal keeps its status', async () => {
    const emu = emulator()
    const { session } = await signIn(emu)
    await emu.fault({ route: '/playback/in-progress', kind: 'huge', status: 200, count: 1 })
    const error = await session.send(inProgressRequest()).catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'protocol', code: 'too_large', status: 200 })
    expect(isRetryable(error)).toBe(false)
    await emu.fault({ route: '/playback/in-progress', kind: 'huge', status: 503, count: 1 })
    const refusal = await session.send(inProgressRequest()).catch((e: unknown) => e)
    expect(refusal).toMatchObject({ kind: 'api', status: 503, code: 'http_503' })
    expect(isRetryable(refusal)).toBe(true)
  })
})

describe('lists and streams are bounded', () => {
  it('Continue watching keeps what its rail shows, not a thousand entries', () => {
    const items = Array.from({ length: 1000 }, (_, n) => ({
      id: `pi_${n}`,
      type: 'movie',
      title: `Film ${n}`,
      progressPercent: 50,
    }))
    const views = parseInProgress({ items: [{ nonsense: true }, ...items] })
    expect(views).toHaveLength(20)
    expect(views[0]!.title).toBe('Film 0')
  })

  it('the events stream hangs up on a line that never ends', async () => {
    const controller = new AbortController()
    const states: Array<[StreamState, unknown]> = []
    let pulledBytes = 0
    const endless = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(stream) {
            const part = new TextEncoder().encode(pulledBytes ? 'x'.repeat(4096) : 'data: ')
            pulledBytes += part.length
            // Gives up at 4 MB so a build without the limit fails instead of hanging.
            if (pulledBytes > 4 * MB) stream.close()
            else stream.enqueue(part)
          },
        }),
      )
    await runEventsStream(
      {
        session: { open: async () => endless() },
        clock: {
          now: () => 0,
          elapsed: () => 0,
          sleep: async (_ms, signal) =>
            new Promise((_, reject) =>
              signal?.addEventListener('abort', () => reject(signal.reason)),
            ),
        },
        onEvent: () => {},
        onState: (state, error) => {
          states.push([state, error])
          if (state === 'retrying') controller.abort()
        },
      },
      controller.signal,
    )
    expect(states.map(([state]) => state)).toEqual(['connecting', 'open', 'retrying'])
    expect(states[2]![1]).toMatchObject({ kind: 'protocol', code: 'too_large' })
    expect(pulledBytes).toBeLessThan(256 * 1024)
  })
})
