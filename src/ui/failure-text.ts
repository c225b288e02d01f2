import { ApiError, isPunchPlayError, type PunchPlayError } from '../core/errors.ts'

/**
 * One line a viewer understands, plus what support asks for (the error code
 * and request id), never a stack trace.
 */
export function failureText(error: unknown): string {
  if (!isPunchPlayError(error)) return 'Something went wrong. Try again.'
  const support = [error.code, error.requestId].filter(Boolean).join(' · ')
  return `${viewerWords(error)} (${support})`
}

function viewerWords(error: PunchPlayError): string {
  if (error.kind === 'network') return "Can't reach PunchPlay. Check the TV's internet connection."
  if (error.kind === 'timeout') return 'PunchPlay is taking too long to answer.'
  if (error.kind === 'protocol') return "PunchPlay sent an answer this TV can't read."
  if (error.status === 429) {
    const waitSec = error instanceof ApiError ? error.retryAfterSec : null
    const when = waitSec ? `in ${Math.max(1, Math.ceil(waitSec / 60))} min` : 'later'
    return `Too many codes were asked for from this network. Try again ${when}.`
  }
  if (error.code === 'invalid_client' || error.code === 'unauthorized_client') {
    return "PunchPlay doesn't recognise this app."
  }
  if (error.status !== null && error.status >= 500) return 'PunchPlay is having trouble right now.'
  return error.message
}
