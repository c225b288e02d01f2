import type { FastifyRequest } from 'fastify'
import { ApiError } from '../errors.ts'
import { pathOf } from '../http-hooks.ts'
import { isLoopbackAddress, isLoopbackHost } from '../loopback.ts'

/**
 * `npm start` listens on every interface so phones can open /link, and the control routes
 * reset state, approve codes and read the request log. So they answer only this machine: a
 * LAN client gets 404 (as if control were off), and a web page in a local browser (a foreign
 * `Origin`, or a rebound DNS name in `Host`) gets 403. Scripts (tests, curl) send neither.
 */
export async function onlyLocalScripts(request: FastifyRequest): Promise<void> {
  if (!isLoopbackAddress(request.socket.remoteAddress)) {
    throw new ApiError(404, 'not_found', `no route for ${request.method} ${pathOf(request)}`)
  }
  const { host, origin } = request.headers
  if (!isLoopbackHost(host) || (origin !== undefined && origin !== `http://${host}`)) {
    throw new ApiError(403, 'forbidden', 'test control answers scripts on this machine only')
  }
}
