import { STATUS_CODES } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { EmulatorContext } from './context.ts'
import { ApiError, codeForStatus, errorBody } from './errors.ts'
import type { FaultSpec } from './faults.ts'
import type { Caller } from './tokens.ts'
import { validationMessage } from './validation-message.ts'

export const API_PREFIX = '/api/platform/v1'

export interface LogFields {
  /** Never the device code: see RequestLogEntry.userCode. */
  userCode?: string
  error?: string
  fault?: string
  /** Set when the route logged itself (streams, dropped connections). */
  logged?: boolean
}

declare module 'fastify' {
  interface FastifyRequest {
    arrivedAtMs: number
    logFields: LogFields | null
    caller: Caller | null
  }
  interface FastifyContextConfig {
    /** Field → what it must be, for validation messages that name the field. */
    fieldRules?: Record<string, string>
  }
}

/** Extra facts for the request log, filled in by whichever step knows them. */
export function logFieldsOf(request: FastifyRequest): LogFields {
  request.logFields ??= {}
  return request.logFields
}

export function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url
}

export function isApi(request: FastifyRequest): boolean {
  return pathOf(request).startsWith(`${API_PREFIX}/`)
}

/** Runs before CORS so that even preflight answers carry the request id (§8). */
export function installRequestId(app: FastifyInstance, ctx: EmulatorContext): void {
  app.decorateRequest('arrivedAtMs', 0)
  app.decorateRequest('logFields', null)
  app.decorateRequest('caller', null)
  app.addHook('onRequest', async (request, reply) => {
    request.arrivedAtMs = ctx.now()
    reply.header('X-PunchPlay-Request-Id', request.id)
  })
}

/** Runs after CORS, so faulty answers are still readable by a browser client. */
export function installApiHooks(app: FastifyInstance, ctx: EmulatorContext): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!isApi(request)) return
    const fault = ctx.faults.take(request.method, pathOf(request).slice(API_PREFIX.length))
    if (fault) return applyFault(ctx, fault, request, reply)
    // The API speaks JSON (§1); a client must not rely on form bodies being accepted.
    const type = request.headers['content-type'] ?? ''
    if (request.method === 'POST' && !/^application\/json\s*(;|$)/i.test(type)) {
      throw new ApiError(415, 'invalid_request', 'Content-Type must be application/json')
    }
  })

  app.addHook('onResponse', async (request, reply) => {
    // Preflights are left out: browsers cache them, so counting them makes tests flaky.
    if (!isApi(request) || request.method === 'OPTIONS' || logFieldsOf(request).logged) return
    const { userCode, error, fault } = logFieldsOf(request)
    ctx.requests.push({
      method: request.method,
      path: pathOf(request),
      status: reply.statusCode,
      timeMs: request.arrivedAtMs,
      durationMs: Math.round(reply.elapsedTime),
      requestId: request.id,
      ...(error ? { error } : {}),
      ...(userCode ? { userCode } : {}),
      ...(fault ? { fault } : {}),
    })
    if (request.method !== 'GET') ctx.persist()
  })

  app.setErrorHandler<FastifyError | ApiError>((error, request, reply) => {
    const apiError = toApiError(error, request)
    logFieldsOf(request).error = apiError.code
    reply
      .code(apiError.status)
      .headers(apiError.extra.headers ?? {})
      .send(errorBody(apiError, request.id))
  })

  app.setNotFoundHandler((request, reply) => {
    const error = new ApiError(
      404,
      'not_found',
      `no route for ${request.method} ${pathOf(request)}`,
    )
    logFieldsOf(request).error = error.code
    reply.code(404).send(errorBody(error, request.id))
  })
}

function toApiError(error: FastifyError | ApiError, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error
  if (error.validation) {
    const rules = request.routeOptions.config.fieldRules
    return new ApiError(400, 'invalid_request', validationMessage(error.validation, rules))
  }
  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) return new ApiError(status, 'invalid_request', error.message)
  request.log.error(error)
  return new ApiError(500, 'server_error', 'the emulator failed; see its log')
}

/** What a reverse proxy in front of the API answers when the app behind it is down. */
function proxyPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}

async function applyFault(
  ctx: EmulatorContext,
  fault: FaultSpec,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  logFieldsOf(request).fault = fault.kind
  if (fault.retryAfterSec !== undefined) reply.header('Retry-After', String(fault.retryAfterSec))
  switch (fault.kind) {
    case 'latency':
      await delay(fault.latencyMs ?? 1000)
      return undefined
    case 'drop':
      ctx.requests.push({
        method: request.method,
        path: pathOf(request),
        status: 0,
        timeMs: request.arrivedAtMs,
        durationMs: 0,
        requestId: request.id,
        fault: 'drop',
      })
      logFieldsOf(request).logged = true
      reply.hijack()
      request.raw.socket.destroy()
      return reply
    case 'status': {
      const status = fault.status ?? 500
      const code = fault.error ?? codeForStatus(status)
      throw new ApiError(status, code, `injected ${status} fault`, {
        headers:
          fault.retryAfterSec === undefined ? {} : { 'Retry-After': String(fault.retryAfterSec) },
      })
    }
    case 'html':
      return reply
        .code(fault.status ?? 502)
        .type('text/html')
        .send(proxyPage(fault.status ?? 502))
    case 'malformed':
      return reply
        .code(fault.status ?? 200)
        .type('application/json; charset=utf-8')
        .send('{"ok":true,"access_token":"ppat_trunc')
    case 'empty':
      return reply
        .code(fault.status ?? 200)
        .type('application/json; charset=utf-8')
        .send('')
    case 'body':
      // Any answer at all, for hostile-input tests: wrong types, absurd values, odd content types.
      return reply
        .code(fault.status ?? 200)
        .type(fault.contentType ?? 'application/json; charset=utf-8')
        .send(fault.body ?? '')
    case 'huge':
      return reply
        .code(fault.status ?? 502)
        .type('text/html')
        .send(`<html><body>${'x'.repeat(fault.sizeBytes ?? 10 * 1024 * 1024)}</body></html>`)
  }
}
