import { boundText, excerpt } from './redact.ts'

/** What a screen line, a spoken sentence and a Diagnostics row can hold of the server's words. */
export const MAX_MESSAGE_LENGTH = 300
export const MAX_CODE_LENGTH = 64
export const MAX_REQUEST_ID_LENGTH = 128

/** Where and when a call failed: what PunchPlay support asks for. */
export interface CallContext {
  readonly method: string
  /** API path relative to the base, e.g. `/auth/device/token`. */
  readonly endpoint: string
  readonly clientId: string
  /** UTC, ISO 8601. */
  readonly at: string
}

export interface ErrorReport extends CallContext {
  readonly kind: PunchPlayError['kind']
  readonly status: number | null
  readonly code: string
  readonly message: string
  readonly requestId: string | null
  readonly body: string | null
}

/**
 * A library's error as a cause keeps only its name and message, redacted and
 * cut: ky's errors hold the request, and with it the Authorization header.
 */
function plainCause(cause: unknown): unknown {
  if (cause === undefined || cause instanceof PunchPlayError) return cause
  let name: string = typeof cause
  let message = ''
  try {
    name = cause instanceof Error ? cause.name : name
    message = cause instanceof Error ? cause.message : String(cause)
  } catch {
    // A cause whose name or text throws is kept as its type alone.
  }
  const plain = new Error(boundText(String(message), MAX_MESSAGE_LENGTH))
  plain.name = boundText(String(name), MAX_CODE_LENGTH)
  return plain
}

/**
 * Every failure the core reports. `kind` keeps "the server said no" (api),
 * "the server said nonsense" (protocol), "no answer" (network, timeout) and
 * local storage trouble apart, because each needs a different reaction.
 * Whatever the server or a library wrote is redacted and cut here, once,
 * before anything can show, speak, store or log it.
 */
export abstract class PunchPlayError extends Error {
  abstract readonly kind:
    'api' | 'protocol' | 'network' | 'timeout' | 'storage' | 'cancelled' | 'auth'
  abstract readonly code: string
  readonly requestId: string | null
  /** Raw body, truncated and with tokens redacted. */
  readonly body: string | null

  constructor(
    message: string,
    readonly context: CallContext,
    readonly status: number | null = null,
    requestId: string | null = null,
    body: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(
      boundText(message, MAX_MESSAGE_LENGTH),
      options && 'cause' in options ? { cause: plainCause(options.cause) } : undefined,
    )
    this.requestId = requestId === null ? null : boundText(requestId, MAX_REQUEST_ID_LENGTH)
    this.body = body === null ? null : excerpt(body)
  }

  /** A plain, token-free record for diagnostics and support. */
  toReport(): ErrorReport {
    return {
      ...this.context,
      kind: this.kind,
      status: this.status,
      code: this.code,
      message: this.message,
      requestId: this.requestId,
      body: this.body,
    }
  }
}

/** PunchPlay answered with its error object: `{error, message, request_id, required_scope?}`. */
export class ApiError extends PunchPlayError {
  override readonly name: string = 'ApiError'
  readonly kind = 'api'
  /** PunchPlay's `error`, cut to MAX_CODE_LENGTH: no known code is that long. */
  readonly code: string

  constructor(
    code: string,
    message: string,
    context: CallContext,
    status: number,
    requestId: string | null,
    body: string | null,
    readonly requiredScope: string | null = null,
    readonly retryAfterSec: number | null = null,
  ) {
    super(message, context, status, requestId, body)
    this.code = boundText(code, MAX_CODE_LENGTH)
  }
}

/** 403 insufficient_scope: refreshing cannot help, only pairing again with the scope. */
export class ScopeError extends ApiError {
  override readonly name = 'ScopeError'
}

/** An answer the client cannot use: HTML error page, empty or malformed JSON, missing field. */
export class ProtocolError extends PunchPlayError {
  override readonly name = 'ProtocolError'
  readonly kind = 'protocol'

  constructor(
    readonly code:
      | 'html_page'
      | 'empty_body'
      | 'malformed_json'
      | 'invalid_field'
      | 'not_event_stream'
      | 'too_large',
    message: string,
    context: CallContext,
    status: number | null,
    requestId: string | null,
    rawBody: string | null,
  ) {
    super(message, context, status, requestId, rawBody)
  }
}

export class NetworkError extends PunchPlayError {
  override readonly name = 'NetworkError'
  readonly kind = 'network'
  readonly code = 'network_error'
}

export class TimeoutError extends PunchPlayError {
  override readonly name = 'TimeoutError'
  readonly kind = 'timeout'
  readonly code = 'timeout'
}

/** The caller aborted: not a failure to show, only a reason to stop. */
export class CancelledError extends PunchPlayError {
  override readonly name = 'CancelledError'
  readonly kind = 'cancelled'
  readonly code = 'cancelled'
}

/** No usable sign-in: never paired, signed out, or the grant was revoked. */
export class SignedOutError extends PunchPlayError {
  override readonly name = 'SignedOutError'
  readonly kind = 'auth'
  readonly code = 'signed_out'
}

export const isPunchPlayError = (value: unknown): value is PunchPlayError =>
  value instanceof PunchPlayError

export const isApiError = (value: unknown, code?: string): value is ApiError =>
  value instanceof ApiError && (code === undefined || value.code === code)

/**
 * Worth another try later: no answer, 5xx, 408 and 429, judged by status even
 * when the body is an HTML page or empty (a proxy's). A garbled 2xx (usually a
 * cut connection) is retried too, but not one too large to read: it would be again.
 * Other refusals will not change on retry.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof PunchPlayError)) return false
  if (error.kind === 'network' || error.kind === 'timeout') return true
  if (error.kind === 'protocol' && error.code === 'too_large') return false
  if (error.kind !== 'api' && error.kind !== 'protocol') return false
  const status = error.status
  if (status === null || status < 400) return error.kind === 'protocol'
  return status >= 500 || status === 408 || status === 429
}
