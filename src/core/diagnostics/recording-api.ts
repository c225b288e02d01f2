import type { ApiClient } from '../api/client.ts'
import { isApiError, isPunchPlayError } from '../errors.ts'
import type { DiagnosticsLog } from './diagnostics-log.ts'

/**
 * Answers the device flow expects while the viewer has not approved yet
 * (§3.2): they are how polling works, not failures.
 */
const EXPECTED = new Set(['authorization_pending', 'slow_down'])

export function isWorthRecording(error: unknown): boolean {
  if (!isPunchPlayError(error) || error.kind === 'cancelled') return false
  return !(isApiError(error) && EXPECTED.has(error.code))
}

/**
 * The one place failures reach the diagnostics log: every call of the app
 * goes through this client, so pages never record anything themselves.
 */
export function recordFailures(api: ApiClient, log: DiagnosticsLog): ApiClient {
  const note = (error: unknown): never => {
    if (isWorthRecording(error) && isPunchPlayError(error)) void log.record(error.toReport())
    throw error
  }
  return {
    clientId: api.clientId,
    send: (request) => api.send(request).catch(note),
    open: (request) => api.open(request).catch(note),
  }
}
