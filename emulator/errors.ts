/** An answer in the platform error shape `{error, message, request_id, required_scope?}` (§8). */
export class ApiError extends Error {
  override readonly name = 'ApiError'

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { requiredScope?: string; headers?: Record<string, string> } = {},
  ) {
    super(message)
  }
}

export interface ErrorBody {
  error: string
  message: string
  request_id: string
  required_scope?: string
}

export function errorBody(error: ApiError, requestId: string): ErrorBody {
  const body: ErrorBody = { error: error.code, message: error.message, request_id: requestId }
  if (error.extra.requiredScope) body.required_scope = error.extra.requiredScope
  return body
}

/** The code a client would most likely see with a bare status (used by injected faults). */
export function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request'
    case 401:
      return 'invalid_token'
    case 403:
      return 'insufficient_scope'
    case 404:
      return 'not_found'
    case 409:
      return 'conflict'
    case 429:
      return 'rate_limited'
    default:
      return 'server_error'
  }
}
