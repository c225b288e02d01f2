import ky from 'ky'
import type { Http } from '../core/ports.ts'

export const REQUEST_TIMEOUT_MS = 15_000

/**
 * The core's Http port on ky, under the API base. Retries are off (the core
 * decides when to try again, and never repeats a write blindly) and HTTP errors
 * are returned, not thrown, so the core reads the status and then PunchPlay's body.
 */
export function createHttp(apiBase: string, timeoutMs = REQUEST_TIMEOUT_MS): Http {
  const client = ky.create({
    prefixUrl: `${apiBase.replace(/\/+$/, '')}/`,
    timeout: timeoutMs,
    retry: 0,
    throwHttpErrors: false,
    credentials: 'omit',
    cache: 'no-store',
  })
  return {
    async send(request) {
      const response = await client(request.path.replace(/^\/+/, ''), {
        method: request.method,
        headers: request.headers,
        json: request.json,
        signal: request.signal,
        ...(request.timeoutMs === undefined ? {} : { timeout: request.timeoutMs }),
      })
      return {
        status: response.status,
        headers: response.headers,
        body: response.body,
        text: () => response.text(),
      }
    },
  }
}
