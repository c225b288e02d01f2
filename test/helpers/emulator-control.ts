import type { EmulatorOptions, RunningEmulator } from '../../emulator/server.ts'
import { createHttp } from '../../src/adapters/ky-http.ts'
import { createApiClient, type ApiClient } from '../../src/core/api/client.ts'
import type { Clock } from '../../src/core/ports.ts'
import { openPhoneForm, postPhoneForm } from './phone-form.ts'

export const TV_CLIENT = 'ppc_punchplaytv_dev'
export const ALL_SCOPES = 'profile:read playback:read playback:write events:read'

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

/** The emulator on an ephemeral loopback port, driven through its /__emulator control routes. */
export class TestEmulator {
  constructor(readonly running: RunningEmulator) {}

  get apiBase(): string {
    return this.running.apiBase
  }

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
