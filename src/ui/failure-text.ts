import { ApiError, isPunchPlayError, type PunchPlayError } from '../core/errors.ts'
import { redactText } from '../core/redact.ts'
import { t } from './i18n.ts'

/** The one endpoint whose 429 is about codes: 10 an hour per address (punchplay-api.md §3.1). */
const CODE_ENDPOINT = '/auth/device/code'

/**
 * One line a viewer understands, plus what support asks for (the error code
 * and request id), never a stack trace. Redacted once more on the way to the
 * screen and the voice: a token learnt after the error was made goes too.
 */
export function failureText(error: unknown): string {
  if (!isPunchPlayError(error)) return t('failure.generic')
  const support = [error.code, error.requestId].filter(Boolean).join(' · ')
  return redactText(`${viewerWords(error)} (${support})`)
}

/** Failures PunchPlay support can look up: the Diagnostics page has the full record. */
export function hasRequestId(error: unknown): boolean {
  return isPunchPlayError(error) && error.requestId !== null
}

function viewerWords(error: PunchPlayError): string {
  if (error.kind === 'network') return t('failure.network')
  if (error.kind === 'timeout') return t('failure.timeout')
  if (error.kind === 'protocol') return t('failure.protocol')
  if (error.status === 429) {
    const waitSec = error instanceof ApiError ? error.retryAfterSec : null
    const codes = error.context.endpoint === CODE_ENDPOINT
    if (!waitSec) return t(codes ? 'failure.tooManyLater' : 'failure.busyLater')
    const minutes = Math.max(1, Math.ceil(waitSec / 60))
    return t(codes ? 'failure.tooManyIn' : 'failure.busyIn', { minutes })
  }
  if (error.code === 'invalid_client' || error.code === 'unauthorized_client') {
    return t('failure.unknownApp')
  }
  if (error.status !== null && error.status >= 500) return t('failure.server')
  // PunchPlay's own message: the server writes it in one language only.
  return error.message
}
