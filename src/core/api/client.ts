import {
  ApiError,
  CancelledError,
  MAX_CODE_LENGTH,
  NetworkError,
  ProtocolError,
  ScopeError,
  TimeoutError,
  type CallContext,
} from '../errors.ts'
import type { Clock, Http, HttpResponse } from '../ports.ts'
import { boundText } from '../redact.ts'
import { holdSecretFields, holdSecrets } from '../secrets.ts'
import { BODY_TOO_LARGE, MAX_ERROR_BODY_CHARS } from './body-limit.ts'
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
  /** Time allowed for the answer; default: the adapter's. */
  readonly timeoutMs?: number
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
  /** Opens a stream: resolves with the 2xx answer unread, or throws the typed error. */
  open(request: StreamRequest): Promise<HttpResponse>
}

export interface ApiClientOptions {
  /** The network under the API base (src/adapters/ky-http.ts in the app). */
  readonly http: Http
  readonly clientId: string
  readonly clock: Clock
}

const REQUEST_ID_HEADER = 'x-punchplay-request-id'

const isSuccess = (status: number) => status >= 200 && status < 300

function retryAfterSec(response: HttpResponse, clock: Clock): number | null {
  const header = response.headers.get('retry-after')
  if (!header) return null
  if (/^\s*\d+\s*$/.test(header)) return Number(header)
  const date = Date.parse(header)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - clock.now()) / 1000))
}

function looksLikeHtml(response: HttpResponse, raw: string): boolean {
  return /text\/html/i.test(response.headers.get('content-type') ?? '') || /^\s*</.test(raw)
}

/** The body of a 2xx as JSON, or a ProtocolError that says what came instead. */
function readJson(
  response: HttpResponse,
  raw: string,
  context: CallContext,
  requestId: string | null,
) {
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

/**
 * PunchPlay's error object, or nothing when a proxy answered with a page,
 * blank, garbage or more than an error object could be.
 */
function errorFields(response: HttpResponse, raw: string): Record<string, unknown> {
  if (raw.length > MAX_ERROR_BODY_CHARS || raw.trim() === '' || looksLikeHtml(response, raw))
    return {}
  try {
    const body = JSON.parse(raw) as unknown
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

/**
 * A non-2xx, judged by its status before its body: an empty or HTML answer
 * is still a refusal of that status (a 401 to refresh, a 5xx to retry later),
 * never a protocol error. PunchPlay's `error`, `message` and `request_id` are used when present.
 */
function refusal(response: HttpResponse, raw: string, context: CallContext, clock: Clock) {
  const fields = errorFields(response, raw)
  const str = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : null)
  const { status } = response
  const code = str('error') ?? `http_${status}`
  const message = str('message') ?? `PunchPlay refused the request (HTTP ${status})`
  const requestId = str('request_id') ?? response.headers.get(REQUEST_ID_HEADER)
  // Message, code, request id and body are redacted and cut by the error itself.
  const args = [code, message, context, status, requestId, raw] as const
  // §8 names the missing scope in `required_scope`; `scope` is accepted too ([UNKNOWN] elsewhere).
  const named = str('required_scope') ?? str('scope')
  const requiredScope = named === null ? null : boundText(named, MAX_CODE_LENGTH)
  if (code === 'insufficient_scope' || (status === 403 && str('required_scope') !== null)) {
    return new ScopeError(...args, requiredScope)
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
  ): Promise<{ response: HttpResponse; raw: string; tooLarge: boolean }> {
    const { signal } = request
    // Held before the call: whatever comes back may echo them.
    holdSecrets(request.accessToken)
    holdSecretFields(request.json)
    let response: HttpResponse | null = null
    try {
      response = await http.send({
        method: request.method,
        path: request.endpoint,
        json: request.json,
        signal,
        // A stream stays open for as long as the screen needs it.
        timeoutMs: streaming ? false : request.timeoutMs,
        headers: {
          accept: streaming ? 'text/event-stream' : 'application/json',
          ...(request.accessToken ? { authorization: `Bearer ${request.accessToken}` } : {}),
        },
      })
      if (streaming && isSuccess(response.status)) return { response, raw: '', tooLarge: false }
      // A connection cut mid-body fails here, still inside the try.
      return { response, raw: await response.text(), tooLarge: false }
    } catch (cause) {
      if (response && cause instanceof Error && cause.name === BODY_TOO_LARGE) {
        return { response, raw: '', tooLarge: true }
      }
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
      const { response, raw, tooLarge } = await fetchRaw(request, context)
      const requestId = response.headers.get(REQUEST_ID_HEADER)
      if (response.status === 404 && request.notFound) return request.notFound()
      if (!isSuccess(response.status)) throw refusal(response, raw, context, clock)
      if (request.statusOnly && request.empty && tooLarge) return request.empty()
      if (tooLarge) {
        const message = `PunchPlay sent more than this TV can read (HTTP ${response.status})`
        throw new ProtocolError('too_large', message, context, response.status, requestId, null)
      }
      if (request.empty && raw.trim() === '') return request.empty()
      let body: unknown
      try {
        body = readJson(response, raw, context, requestId)
      } catch (error) {
        if (request.statusOnly && request.empty) return request.empty()
        throw error
      }
      // A token answer's credentials are held even if the rest of it cannot be used.
      holdSecretFields(body)
      try {
        return request.parse(body)
      } catch (error) {
        if (!(error instanceof FieldError)) throw error
        const message = `PunchPlay sent an answer this app cannot use: ${error.message}`
        throw new ProtocolError('invalid_field', message, context, response.status, requestId, raw)
      }
    },

    async open(request: StreamRequest): Promise<HttpResponse> {
      const context = contextOf('GET', request.endpoint)
      const { response, raw } = await fetchRaw({ ...request, method: 'GET' }, context, true)
      if (!isSuccess(response.status)) throw refusal(response, raw, context, clock)
      const type = response.headers.get('content-type') ?? ''
      if (/^text\/event-stream\s*(;|$)/i.test(type)) return response
      // A captive portal or a proxy's page answers 200 and hangs up: not a stream.
      void response.body?.cancel().catch(() => undefined)
      const message = `PunchPlay sent ${type || 'an answer'} instead of live events (HTTP ${response.status})`
      const requestId = response.headers.get(REQUEST_ID_HEADER)
      throw new ProtocolError('not_event_stream', message, context, response.status, requestId, '')
    },
  }
}
