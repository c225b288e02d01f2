import type { KyInstance } from 'ky'
import {
  ApiError,
  CancelledError,
  NetworkError,
  ProtocolError,
  ScopeError,
  TimeoutError,
  type CallContext,
} from '../errors.ts'
import type { Clock } from '../ports.ts'
import { excerpt } from '../redact.ts'
import { FieldError } from './parse.ts'

export interface ApiRequest<T> {
  readonly method: 'GET' | 'POST' | 'DELETE'
  /** Path under the API base, starting with a slash: `/auth/device/code`. */
  readonly endpoint: string
  readonly json?: unknown
  readonly accessToken?: string
  readonly signal?: AbortSignal
  /** Turns the JSON body of a 2xx answer into a typed value; throws FieldError. */
  readonly parse: (body: unknown) => T
  /**
   * What a 2xx without a body means (204 No Content, or a blank 200). Without
   * it, an empty answer is a ProtocolError.
   */
  readonly empty?: () => T
  /** Judge a 2xx by its status alone: a body that is not JSON counts as `empty()`. */
  readonly statusOnly?: boolean
  /** What a 404 means where "not found" is an answer (nothing playing), not a refusal. */
  readonly notFound?: () => T
}

/** A long-lived GET whose body the caller reads as it arrives (Server-Sent Events). */
export interface StreamRequest {
  readonly endpoint: string
  readonly accessToken?: string
  readonly signal?: AbortSignal
}

export interface ApiClient {
  readonly clientId: string
  send<T>(request: ApiRequest<T>): Promise<T>
  /** Opens a stream: resolves with the 2xx response unread, or throws the typed error. */
  open(request: StreamRequest): Promise<Response>
}

export interface ApiClientOptions {
  /** A ky instance whose prefixUrl is the API base; retries and HTTP errors off. */
  readonly http: KyInstance
  readonly clientId: string
  readonly clock: Clock
}

const REQUEST_ID_HEADER = 'x-punchplay-request-id'

function retryAfterSec(response: Response, clock: Clock): number | null {
  const header = response.headers.get('retry-after')
  if (!header) return null
  if (/^\s*\d+\s*$/.test(header)) return Number(header)
  const date = Date.parse(header)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - clock.now()) / 1000))
}

function looksLikeHtml(response: Response, raw: string): boolean {
  return /text\/html/i.test(response.headers.get('content-type') ?? '') || /^\s*</.test(raw)
}

/** The body as JSON, or a ProtocolError that says what came instead. */
function readJson(response: Response, raw: string, context: CallContext, requestId: string | null) {
  const fail = (code: ProtocolError['code'], message: string) =>
    new ProtocolError(code, message, context, response.status, requestId, raw)
  if (raw.trim() === '')
    throw fail('empty_body', `PunchPlay sent an empty answer (HTTP ${response.status})`)
  if (looksLikeHtml(response, raw)) {
    throw fail('html_page', `PunchPlay sent a web page instead of data (HTTP ${response.status})`)
  }
  try {
    return JSON.parse(raw) as unknown
  } catch {
    throw fail('malformed_json', `PunchPlay sent unreadable data (HTTP ${response.status})`)
  }
}

function refusal(
  response: Response,
  body: unknown,
  raw: string,
  context: CallContext,
  clock: Clock,
) {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  const str = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : null)
  const code = str('error') ?? `http_${response.status}`
  const message = str('message') ?? `PunchPlay refused the request (HTTP ${response.status})`
  const requestId = str('request_id') ?? response.headers.get(REQUEST_ID_HEADER)
  const args = [code, message, context, response.status, requestId, excerpt(raw)] as const
  if (response.status === 403 || code === 'insufficient_scope') {
    return new ScopeError(...args, str('required_scope'))
  }
  return new ApiError(...args, null, retryAfterSec(response, clock))
}

export function createApiClient({ http, clientId, clock }: ApiClientOptions): ApiClient {
  const contextOf = (method: string, endpoint: string): CallContext => ({
    method,
    endpoint,
    clientId,
    at: new Date(clock.now()).toISOString(),
  })

  async function fetchRaw(
    request: Omit<ApiRequest<unknown>, 'parse'>,
    context: CallContext,
    streaming = false,
  ) {
    const { signal } = request
    try {
      const response = await http(request.endpoint.slice(1), {
        method: request.method,
        json: request.json,
        signal,
        // A stream stays open for as long as the screen needs it.
        ...(streaming ? { timeout: false as const } : {}),
        headers: {
          accept: streaming ? 'text/event-stream' : 'application/json',
          ...(request.accessToken ? { authorization: `Bearer ${request.accessToken}` } : {}),
        },
      })
      if (streaming && response.ok) return { response, raw: '' }
      // A connection cut mid-body fails here, still inside the try.
      return { response, raw: await response.text() }
    } catch (cause) {
      if (signal?.aborted)
        throw new CancelledError('Cancelled', context, null, null, null, { cause })
      if (cause instanceof Error && cause.name === 'TimeoutError') {
        throw new TimeoutError('PunchPlay did not answer in time', context, null, null, null, {
          cause,
        })
      }
      throw new NetworkError('Could not reach PunchPlay', context, null, null, null, { cause })
    }
  }

  return {
    clientId,
    async send<T>(request: ApiRequest<T>): Promise<T> {
      const context = contextOf(request.method, request.endpoint)
      const { response, raw } = await fetchRaw(request, context)
      const requestId = response.headers.get(REQUEST_ID_HEADER)
      if (response.status === 404 && request.notFound) return request.notFound()
      if (response.ok && request.empty && raw.trim() === '') return request.empty()
      let body: unknown
      try {
        body = readJson(response, raw, context, requestId)
      } catch (error) {
        if (response.ok && request.statusOnly && request.empty) return request.empty()
        throw error
      }
      if (!response.ok) throw refusal(response, body, raw, context, clock)
      try {
        return request.parse(body)
      } catch (error) {
        if (!(error instanceof FieldError)) throw error
        const message = `PunchPlay sent an answer this app cannot use: ${error.message}`
        throw new ProtocolError('invalid_field', message, context, response.status, requestId, raw)
      }
    },

    async open(request: StreamRequest): Promise<Response> {
      const context = contextOf('GET', request.endpoint)
      const { response, raw } = await fetchRaw({ ...request, method: 'GET' }, context, true)
      const requestId = response.headers.get(REQUEST_ID_HEADER)
      const type = response.headers.get('content-type') ?? ''
      if (response.ok && /^text\/event-stream\s*(;|$)/i.test(type)) return response
      if (response.ok) {
        // A captive portal or a proxy's page answers 200 and hangs up: not a stream.
        void response.body?.cancel().catch(() => undefined)
        const message = `PunchPlay sent ${type || 'an answer'} instead of live events (HTTP ${response.status})`
        throw new ProtocolError(
          'not_event_stream',
          message,
          context,
          response.status,
          requestId,
          '',
        )
      }
      throw refusal(response, readJson(response, raw, context, requestId), raw, context, clock)
    },
  }
}
