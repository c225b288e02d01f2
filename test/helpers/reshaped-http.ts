import type { Http, HttpResponse } from '../../src/core/ports.ts'

/**
 * The real HTTP port with one route's 2xx JSON answers rewritten on the way
 * back, as a server with other habits would word them: the emulator has
 * really acted (a code redeemed, a refresh token rotated), only the wording
 * of its answer changes.
 */
export function reshapedHttp(
  http: Http,
  path: string,
  reshape: (body: Record<string, unknown>) => Record<string, unknown>,
): Http {
  return {
    async send(request) {
      const response = await http.send(request)
      if (request.path !== path || response.status < 200 || response.status >= 300) return response
      const text = JSON.stringify(
        reshape(JSON.parse(await response.text()) as Record<string, unknown>),
      )
      const reshaped: HttpResponse = {
        ...response,
        headers: response.headers,
        text: async () => text,
      }
      return reshaped
    },
  }
}
