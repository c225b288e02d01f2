import type { EmulatorOptions, RunningEmulator } from '../../emulator/server.ts'
import { createHttp } from '../../src/adapters/ky-http.ts'
import { createApiClient, type ApiClient } from '../../src/core/api/client.ts'
import type { Clock } from '../../src/core/ports.ts'
import { EventReader } from './event-reader.ts'
import { openPhoneForm, postPhoneForm } from './phone-form.ts'

export const TV_CLIENT = 'ppc_punchplaytv_dev'
export const ALL_SCOPES = 'profile:read playback:read playback:write events:read'
export const REQUEST_ID = /^ppreq_[0-9a-f]{20}$/

/** An HTTP answer as a test reads it: JSON bodies parsed, others as text. */
export interface Answer<T = Record<string, unknown>> {
  status: number
  headers: Headers
  body: T
}

/** A token answer as the emulator sends it. */
export interface Tokens {
  access_token: string
  refresh_token: string
  scope: string
  expires_in: number
  refresh_expires_in: number
  username: string | null
}

export interface LoggedRequest {
  method: string
  path: string
  status: number
  timeMs: number
  requestId: string
  error?: string
}

export interface FaultSpec {
  route: string
  kind: 'status' | 'html' | 'malformed' | 'empty' | 'drop' | 'latency' | 'body' | 'huge'
  count: number
  status?: number
  error?: string
  latencyMs?: number
  retryAfterSec?: number
  method?: string
  body?: string
  contentType?: string
  sizeBytes?: number
}

type RateLimits = EmulatorOptions['rateLimits']

/** Any timing the emulator can change while it runs; rate limits one by one. */
export type TimingPatch = Omit<Partial<EmulatorOptions>, 'rateLimits'> & {
  rateLimits?: Partial<RateLimits>
}

export interface IssuedDeviceCode {
  userCode: string
  clientId: string
  status: 'pending' | 'approved' | 'denied' | 'redeemed'
  expiresAtMs: number
  verificationUriComplete: string
}

/**
 * One emulator for every test: driven through its /__emulator control routes,
 * called raw over HTTP (the emulator's own tests) or through the app's API client.
 */
export class TestEmulator {
  constructor(readonly running: RunningEmulator) {}

  get apiBase(): string {
    return this.running.apiBase
  }

  /** A control call that must succeed: its parsed JSON answer. */
  async control<T = unknown>(path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.running.origin}/__emulator${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!response.ok)
      throw new Error(`control ${path}: HTTP ${response.status} ${await response.text()}`)
    const text = await response.text()
    return (text ? JSON.parse(text) : undefined) as T
  }

  /** A control POST whatever it answers, for tests about the control routes themselves. */
  postControl<T = Record<string, unknown>>(path: string, body: unknown = {}): Promise<Answer<T>> {
    return this.request<T>(`${this.running.origin}/__emulator${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
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

  /** A raw JSON POST under the API base. */
  post<T = Record<string, unknown>>(
    path: string,
    body: unknown,
    token?: string,
  ): Promise<Answer<T>> {
    return this.request<T>(`${this.apiBase}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(token) },
      body: JSON.stringify(body),
    })
  }

  /** A raw GET under the API base. */
  get<T = Record<string, unknown>>(path: string, token?: string): Promise<Answer<T>> {
    return this.request<T>(`${this.apiBase}${path}`, { headers: bearer(token) })
  }

  /** An open /playback/events stream of `token`, past its `ready` event. */
  async events(token: string): Promise<EventReader> {
    const response = await fetch(`${this.apiBase}/playback/events`, {
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

  /** The whole device flow over raw HTTP, approved by `username` (default user when omitted). */
  async login(clientId = TV_CLIENT, options: { scope?: string; username?: string } = {}) {
    const code = await this.deviceCode(clientId, options.scope)
    await this.postControl('/approve', { user_code: code.user_code, username: options.username })
    const answer = await this.post<Tokens>('/auth/device/token', {
      client_id: clientId,
      device_code: code.device_code,
    })
    if (answer.status !== 200) throw new Error(`token failed: ${JSON.stringify(answer.body)}`)
    return answer.body
  }

  /** The phone's decision; `scope` grants fewer scopes than were asked. */
  approve(
    userCode: string,
    decision: 'approve' | 'deny' = 'approve',
    username?: string,
    scope?: string,
  ) {
    return this.control('/approve', {
      user_code: userCode,
      decision,
      ...(username ? { username } : {}),
      ...(scope === undefined ? {} : { scope }),
    })
  }
  /** Approves or denies as a viewer does: opens the code's phone page, then posts its form. */
  async decideOnPhone(userCode: string, decision: 'approve' | 'deny', username?: string) {
    const { publicUrl } = this.running
    const form = await openPhoneForm(`${publicUrl}/link?code=${encodeURIComponent(userCode)}`)
    const fields = { user_code: userCode, decision, ...(username ? { username } : {}) }
    const response = await postPhoneForm(`${publicUrl}/link`, form, fields)
    if (!response.ok) throw new Error(`phone page answered ${response.status}`)
  }

  revoke(clientId = TV_CLIENT) {
    return this.control('/revoke', { client_id: clientId })
  }

  advance(seconds: number) {
    return this.control('/clock', { advanceSec: seconds })
  }

  configure(timing: TimingPatch) {
    return this.control('/config', timing)
  }

  fault(spec: FaultSpec) {
    return this.control('/faults', spec)
  }

  async deviceCodes(): Promise<IssuedDeviceCode[]> {
    const response = await fetch(`${this.running.origin}/__emulator/device-codes`)
    return ((await response.json()) as { deviceCodes: IssuedDeviceCode[] }).deviceCodes
  }

  async requests(path?: string): Promise<LoggedRequest[]> {
    const { requests } = await this.control<{ requests: LoggedRequest[] }>('/requests')
    return path ? requests.filter((request) => request.path.endsWith(path)) : requests
  }

  /** An API client of the app's own making, pointed at this emulator. */
  client(clock: Clock, clientId = TV_CLIENT, timeoutMs?: number): ApiClient {
    return createApiClient({ http: createHttp(this.apiBase, timeoutMs), clientId, clock })
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
