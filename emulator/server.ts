import cors from '@fastify/cors'
import formbody from '@fastify/formbody'
import Fastify from 'fastify'
import type { FastifyInstance } from 'fastify'
import { EmulatorContext } from './context.ts'
import { controlRoutes } from './control/routes.ts'
import { API_PREFIX, installApiHooks, installRequestId, isApi } from './http-hooks.ts'
import { newRequestId } from './ids.ts'
import { lanAddress, resolveOptions } from './options.ts'
import type { EmulatorOptions } from './options.ts'
import { connectedAppsPages } from './pages/connected-apps.ts'
import { linkPages } from './pages/link.ts'
import { deviceAuthRoutes } from './routes/device-auth.ts'
import { meRoutes } from './routes/me.ts'
import { playbackEventRoutes } from './routes/playback-events.ts'
import { playbackReadRoutes } from './routes/playback-reads.ts'
import { playbackWriteRoutes } from './routes/playback-writes.ts'
import { refreshRoutes } from './routes/refresh.ts'
import { revokeRoutes } from './routes/revoke.ts'
import { sampleVideos } from './sample-videos.ts'

export type { EmulatorOptions, PollViolation, RegisteredClient } from './options.ts'

export interface RunningEmulator {
  /** Where this process listens, e.g. http://127.0.0.1:54321. */
  origin: string
  apiBase: string
  /** Base of the phone pages as a phone sees it (verification_uri is publicUrl + '/link'). */
  publicUrl: string
  close(): Promise<void>
}

export async function startEmulator(
  options: Partial<EmulatorOptions> = {},
): Promise<RunningEmulator> {
  const resolved = resolveOptions(options)
  const ctx = new EmulatorContext(resolved)
  const app = await buildApp(ctx)
  await app.listen({ host: resolved.host, port: resolved.port })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : resolved.port
  const wildcard = ['0.0.0.0', '::'].includes(resolved.host)
  const origin = `http://${hostForUrl(wildcard ? '127.0.0.1' : resolved.host)}:${port}`
  // Listening on every interface: phones reach us on the LAN address. Bound to one address
  // (tests use 127.0.0.1): only that address works, so links must use it.
  const publicHost = wildcard ? lanAddress() : hostForUrl(resolved.host)
  ctx.publicUrl = (resolved.publicUrl ?? `http://${publicHost}:${port}`).replace(/\/+$/, '')
  return {
    origin,
    apiBase: `${origin}${API_PREFIX}`,
    publicUrl: ctx.publicUrl,
    close: async () => {
      ctx.streams.stop()
      await app.close()
    },
  }
}

/**
 * CORS on the real /api/platform/v1 is [UNKNOWN] (§1, §16). The app calls it from wherever it
 * runs: the dev server or preview on any port, `file://` (Origin `null`) on TVs, a TV's own
 * scheme. Reflecting the origin covers them all, and the API hands nothing to a page without
 * the tokens it already holds. The phone pages and the control routes are another matter:
 * a page's CSRF token or the request log must not be readable by other sites, so they send
 * no CORS headers at all.
 */
const API_CORS = {
  origin: true,
  methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
  allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'Last-Event-ID'],
  exposedHeaders: [
    'X-PunchPlay-Request-Id',
    'Retry-After',
    'X-RateLimit-Remaining',
    'X-RateLimit-Reset',
  ],
  maxAge: 600,
}
const NO_CORS = { origin: false }

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

/** The Fastify app without a listening socket; tests use it to `inject` from any address. */
export async function buildApp(ctx: EmulatorContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: ctx.options.logger,
    genReqId: newRequestId,
    requestIdHeader: false,
    // Strict like a published schema: no silent stripping of extra fields, no "1" → 1.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false } },
  })
  installRequestId(app, ctx)
  await app.register(cors, {
    delegator: (request, callback) => callback(null, isApi(request) ? API_CORS : NO_CORS),
  })
  await app.register(formbody)
  installApiHooks(app, ctx)
  await app.register(
    async (api) => {
      deviceAuthRoutes(api, ctx)
      refreshRoutes(api, ctx)
      revokeRoutes(api, ctx)
      meRoutes(api, ctx)
      playbackWriteRoutes(api, ctx)
      playbackReadRoutes(api, ctx)
      playbackEventRoutes(api, ctx)
    },
    { prefix: API_PREFIX },
  )
  await sampleVideos(app)
  linkPages(app, ctx)
  connectedAppsPages(app, ctx)
  if (ctx.options.controlEnabled) {
    await app.register(async (control) => controlRoutes(control, ctx), { prefix: '/__emulator' })
  }
  return app
}
