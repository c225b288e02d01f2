import ky, { type KyInstance } from 'ky'

export const REQUEST_TIMEOUT_MS = 15_000

/**
 * The HTTP port of the core: JSON calls under the API base. Retries are off
 * (the core decides when to try again, and never repeats a write blindly) and
 * HTTP errors are returned, not thrown, so the core can read PunchPlay's error body.
 */
export function createHttp(apiBase: string, timeoutMs = REQUEST_TIMEOUT_MS): KyInstance {
  return ky.create({
    prefixUrl: `${apiBase.replace(/\/+$/, '')}/`,
    timeout: timeoutMs,
    retry: 0,
    throwHttpErrors: false,
    credentials: 'omit',
    cache: 'no-store',
  })
}
