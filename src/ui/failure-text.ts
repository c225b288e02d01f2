import { ApiError, isPunchPlayError, type PunchPlayError } from '../core/errors.ts'
import { t } from './i18n.ts'

/**
 * One line a viewer understands, plus what support asks for (the error code
 * and request id), never a stack trace.
 */
export function failureText(error: unknown): string {
  if (!isPunchPlayError(error)) return t('failure.generic')
  const support = [error.code, error.requestId].filter(Boolean).join(' · ')
  return `${viewerWords(error)} (${support})`
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
    return waitSec
      ? t('failure.tooManyIn', { minutes: Math.max(1, Math.ceil(waitSec / 60)) })
      : t('failure.tooManyLater')
  }
  if (error.code === 'invalid_client' || error.code === 'unauthorized_client') {
    return t('failure.unknownApp')
  }
  if (error.status !== null && error.status >= 500) return t('failure.server')
  // PunchPlay's own message: the server writes it in one language only.
  return error.message
}
