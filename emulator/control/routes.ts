import type { FastifyInstance } from 'fastify'
import { decide } from '../approvals.ts'
import type { Decision } from '../approvals.ts'
import type { EmulatorContext } from '../context.ts'
import { ApiError } from '../errors.ts'
import type { FaultSpec } from '../faults.ts'
import { mergeRateLimits } from '../options.ts'
import { completeLink } from '../routes/device-auth.ts'
import type { TimingOptions } from '../options.ts'
import { onlyLocalScripts } from './guard.ts'
import { configBody, faultBody } from './schemas.ts'

type ConfigPatch = Partial<Omit<TimingOptions, 'rateLimits'>> & {
  rateLimits?: Partial<TimingOptions['rateLimits']>
}

/** Test control, mounted under /__emulator only when enabled; never part of the real API. */
export function controlRoutes(control: FastifyInstance, ctx: EmulatorContext): void {
  control.addHook('onRequest', onlyLocalScripts)

  control.get('/requests', async () => ({ requests: ctx.requests }))

  control.get('/playback-events', async () => ({ events: ctx.playbackEvents }))

  control.get('/device-codes', async () => ({
    deviceCodes: Object.values(ctx.state.deviceCodes).map((record) => ({
      userCode: record.userCode,
      clientId: record.clientId,
      status: record.status,
      expiresAtMs: record.expiresAtMs,
      verificationUriComplete: completeLink(ctx, record.userCode),
    })),
  }))

  /** A network blip for every open events stream: clients must reconnect and re-read. */
  control.post('/drop-streams', async () => {
    const open = ctx.streams.size
    ctx.streams.closeAll()
    return { ok: true, closed: open }
  })

  control.post('/reset', async () => {
    ctx.reset()
    return { ok: true }
  })

  control.get('/faults', async () => ({ faults: ctx.faults.list() }))

  control.post<{ Body: FaultSpec }>('/faults', { schema: { body: faultBody } }, async (request) => {
    ctx.faults.add(request.body)
    return { ok: true, faults: ctx.faults.list() }
  })

  control.get('/config', async () => ({ config: ctx.timing }))

  control.post<{ Body: ConfigPatch }>(
    '/config',
    { schema: { body: configBody } },
    async (request) => {
      const { rateLimits, ...rest } = request.body
      Object.assign(ctx.timing, rest)
      ctx.timing.rateLimits = mergeRateLimits(ctx.timing.rateLimits, rateLimits)
      return { config: ctx.timing }
    },
  )

  control.post<{ Body: { advanceSec: number } }>(
    '/clock',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['advanceSec'],
          properties: { advanceSec: { type: 'number', minimum: 0 } },
        },
      },
    },
    async (request) => {
      ctx.clock.advance(request.body.advanceSec)
      return { nowMs: ctx.now() }
    },
  )

  control.post<{
    Body: { user_code: string; decision?: Decision; username?: string; scope?: string }
  }>(
    '/approve',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['user_code'],
          properties: {
            user_code: { type: 'string', minLength: 1 },
            decision: { type: 'string', enum: ['approve', 'deny'] },
            username: { type: 'string', minLength: 1 },
            scope: { type: 'string' },
          },
        },
      },
    },
    async (request) => {
      const { user_code: typed, decision = 'approve', username, scope } = request.body
      const result = decide(ctx, typed, decision, username, scope)
      if (!result) throw new ApiError(400, 'expired', 'That code is invalid or expired')
      return {
        ok: true,
        decision,
        username: result.user.username,
        client_id: result.client.clientId,
      }
    },
  )

  control.post<{ Body: { client_id: string; username?: string } }>(
    '/revoke',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['client_id'],
          properties: {
            client_id: { type: 'string', minLength: 1 },
            username: { type: 'string', minLength: 1 },
          },
        },
      },
    },
    async (request) => {
      const { client_id: clientId, username } = request.body
      const grants = Object.values(ctx.state.grants).filter(
        (grant) =>
          !grant.revoked &&
          grant.clientId === clientId &&
          (!username || ctx.state.users[grant.userId]?.username === username),
      )
      for (const grant of grants) ctx.revoke(grant)
      ctx.persist()
      return { ok: true, revoked: grants.length }
    },
  )
}
