import ky from 'ky'
import { BODY_TOO_LARGE, MAX_BODY_BYTES } from '../core/api/body-limit.ts'
import type { Http } from '../core/ports.ts'

export const REQUEST_TIMEOUT_MS = 15_000

const tooLarge = () => Object.assign(new Error('The answer is too large'), { name: BODY_TOO_LARGE })

/**
 * Reads at most `maxBytes` of a body and hangs up on the rest: a 10 MB error
 * page or a body that never ends must not fill a TV's memory.
 */
async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'))
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw tooLarge()
  }
  // Engines that cannot stream a body read it whole; the length is still checked.
  if (!response.body || typeof response.body.getReader !== 'function') {
    const text = await response.text()
    if (text.length > maxBytes) throw tooLarge()
    return text
  }
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let bytes = 0
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    bytes += value.byteLength
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge()
    }
    text += decoder.decode(value, { stream: true })
  }
}

/**
 * ky's errors keep the request, Authorization header and all: only their name
 * and message leave the adapter.
 */
function plainError(error: unknown): unknown {
  if (!(error instanceof Error) || !('request' in error)) return error
  return Object.assign(new Error(error.message), { name: error.name })
}

/**
 * The core's Http port on ky, under the API base. Retries are off (the core
 * decides when to try again, and never repeats a write blindly) and HTTP errors
 * are returned, not thrown, so the core reads the status and then PunchPlay's body.
 */
export function createHttp(
  apiBase: string,
  timeoutMs = REQUEST_TIMEOUT_MS,
  maxBodyBytes = MAX_BODY_BYTES,
): Http {
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
      }).catch((error: unknown) => {
        throw plainError(error)
      })
      return {
        status: response.status,
        headers: response.headers,
        body: response.body,
        text: () => readLimited(response, maxBodyBytes),
      }
    },
  }
}
