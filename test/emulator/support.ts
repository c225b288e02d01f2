import { afterAll, beforeAll, beforeEach } from 'vitest'
import { startEmulator } from '../../emulator/server.ts'
import type { EmulatorOptions, RunningEmulator } from '../../emulator/server.ts'

export const TV_CLIENT = 'ppc_punchplaytv_dev'

export interface Answer<T = Record<string, unknown>> {
  status: number
  headers: Headers
  body: T
}

export interface Tokens {
  access_token: string
  refresh_token: string
  scope: string
  expires_in: number
  refresh_expires_in: number
  username: string | null
}

/**
 * One emulator per test file on an ephemeral loopback port, reset before each test.
 * Poll-gap enforcement is off unless a test turns it on, so flows need no waiting.
 */
export function useEmulator(options: Partial<EmulatorOptions> = {}): EmulatorHandle {
  const handle = new EmulatorHandle()
  beforeAll(async () => {
    handle.running = await startEmulator({
      host: '127.0.0.1',
      port: 0,
      controlEnabled: true,
      minPollIntervalSec: 0,
      ...options,
    })
  })
  afterAll(async () => handle.running?.close())
  beforeEach(async () => {
    if (options.controlEnabled !== false) await handle.control('/reset')
  })
  return handle
}

export class EmulatorHandle {
  running: RunningEmulator | undefined

  get emulator(): RunningEmulator {
    if (!this.running) throw new Error('emulator not started')
    return this.running
  }

  async request<T = Record<string, unknown>>(
    url: string,
    init: RequestInit = {},
  ): Promise<Answer<T>> {
    const response = await fetch(url, init)
    const text = await response.text()
    const type = response.headers.get('content-type') ?? ''
    const body = (type.includes('json') && text ? JSON.parse(text) : text) as T
    return { status: response.status, headers: response.headers, body }
  }

  post<T = Record<string, unknown>>(
    path: string,
    body: unknown,
    token?: string,
  ): Promise<Answer<T>> {
    return this.request<T>(`${this.emulator.apiBase}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(token) },
      body: JSON.stringify(body),
    })
  }

  get<T = Record<string, unknown>>(path: string, token?: string): Promise<Answer<T>> {
    return this.request<T>(`${this.emulator.apiBase}${path}`, { headers: bearer(token) })
  }

  control<T = Record<string, unknown>>(path: string, body: unknown = {}): Promise<Answer<T>> {
    return this.request<T>(`${this.emulator.origin}/__emulator${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  }

  /** An open /playback/events stream of `token`, past its `ready` event. */
  async events(token: string): Promise<EventReader> {
    const response = await fetch(`${this.emulator.apiBase}/playback/events`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    })
    if (!response.body) throw new Error('no stream body')
    const reader = new EventReader(response.body.getReader())
    const ready = await reader.next()
    if (ready === 'closed' || ready.event !== 'ready') throw new Error('stream did not open')
    return reader
  }

  async deviceCode(clientId = TV_CLIENT, scope?: string) {
    const answer = await this.post<{
      user_code: string
      device_code: string
      verification_uri_complete: string
    }>(
      '/auth/device/code',
      scope === undefined ? { client_id: clientId } : { client_id: clientId, scope },
    )
    if (answer.status !== 200) throw new Error(`device code failed: ${JSON.stringify(answer.body)}`)
    return answer.body
  }

  /** The whole device flow, approved by `username` (default user when omitted). */
  async login(clientId = TV_CLIENT, options: { scope?: string; username?: string } = {}) {
    const code = await this.deviceCode(clientId, options.scope)
    await this.control('/approve', { user_code: code.user_code, username: options.username })
    const answer = await this.post<Tokens>('/auth/device/token', {
      client_id: clientId,
      device_code: code.device_code,
    })
    if (answer.status !== 200) throw new Error(`token failed: ${JSON.stringify(answer.body)}`)
    return answer.body
  }
}

function bearer(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {}
}

let eventCounter = 0

/** A valid playback body; override what the test is about. */
export function playbackEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  eventCounter += 1
  return {
    event_id: `evt-${eventCounter}-${Math.random().toString(36).slice(2)}`,
    event_created_at: 1_781_000_000_000 + eventCounter * 1000,
    media_type: 'movie',
    playback_session_id: 'session-a',
    title: 'Fight Club',
    tmdb_id: 550,
    ...overrides,
  }
}

export const REQUEST_ID = /^ppreq_[0-9a-f]{20}$/

export interface StreamEvent {
  event: string
  data: Record<string, unknown>
}

/** Reads Server-Sent Events off a fetch body; just enough framing for these tests. */
export class EventReader {
  private buffer = ''
  private readonly decoder = new TextDecoder()

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  close(): Promise<void> {
    return this.reader.cancel()
  }

  async next(): Promise<StreamEvent | 'closed'> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n')
      if (end >= 0) {
        const block = this.buffer.slice(0, end)
        this.buffer = this.buffer.slice(end + 2)
        const lines = block.split('\n').filter((line) => !line.startsWith(':'))
        const field = (name: string) =>
          lines
            .find((line) => line.startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim()
        const event = field('event')
        if (event) return { event, data: JSON.parse(field('data') ?? 'null') }
        continue
      }
      const { done, value } = await this.reader.read()
      if (done) return 'closed'
      this.buffer += this.decoder.decode(value, { stream: true })
    }
  }
}
