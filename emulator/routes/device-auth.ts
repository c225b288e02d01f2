import type { FastifyInstance } from 'fastify'
import QRCode from 'qrcode'
import { authenticateClient, resolveScopes } from '../clients.ts'
import type { EmulatorContext } from '../context.ts'
import { logFieldsOf } from '../http-hooks.ts'
import { ApiError } from '../errors.ts'
import { newUserCode, randomToken } from '../ids.ts'
import { nextId } from '../state.ts'
import type { DeviceCodeRecord, Grant } from '../state.ts'
import { issueAccessToken, issueRefreshToken } from '../tokens.ts'
import { AUTH_FIELD_RULES } from '../validation-message.ts'
import { rateLimitHook } from './rate-limit-hook.ts'

const optionalText = { type: 'string', minLength: 1, maxLength: 200 } as const
const secret = { type: ['string', 'null'] } as const

/** Only the documented fields (§3.1, §3.2); whether the real server ignores extras is unknown. */
const codeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['client_id'],
  properties: { client_id: optionalText, client_secret: secret, scope: { type: 'string' } },
} as const

const tokenBody = {
  type: 'object',
  additionalProperties: false,
  required: ['client_id', 'device_code'],
  properties: {
    client_id: optionalText,
    client_secret: secret,
    device_code: { type: 'string', minLength: 1, maxLength: 500 },
    device_id: optionalText,
    device_name: optionalText,
    linked_user_id: optionalText,
    linked_username: optionalText,
  },
} as const

interface CodeBody {
  client_id: string
  client_secret?: string | null
  scope?: string
}

interface TokenBody {
  client_id: string
  client_secret?: string | null
  device_code: string
  device_id?: string
  device_name?: string
  linked_user_id?: string
  linked_username?: string
}

/** Timers fire a little early now and then; a client polling too fast is off by seconds. */
const POLL_JITTER_MS = 20

export function deviceAuthRoutes(api: FastifyInstance, ctx: EmulatorContext): void {
  api.post<{ Body: CodeBody }>(
    '/auth/device/code',
    {
      schema: { body: codeBody },
      config: { fieldRules: AUTH_FIELD_RULES },
      onRequest: rateLimitHook(ctx, 'deviceCode'),
    },
    async (request) => {
      const client = authenticateClient(
        ctx.client(request.body.client_id),
        request.body.client_secret,
      )
      const scopes = resolveScopes(client, request.body.scope)
      const record: DeviceCodeRecord = {
        deviceCode: randomToken(''),
        userCode: uniqueUserCode(ctx),
        clientId: client.clientId,
        scopes,
        expiresAtMs: ctx.now() + ctx.timing.deviceCodeTtlSec * 1000,
        status: 'pending',
      }
      ctx.state.deviceCodes[record.deviceCode] = record
      // §17 shows this query format on the real server.
      const complete = completeLink(ctx, record.userCode)
      return {
        user_code: record.userCode,
        device_code: record.deviceCode,
        verification_uri: `${ctx.publicUrl}/link`,
        verification_uri_complete: complete,
        ...(await qrField(ctx.timing.qrFormat, complete)),
        expires_in: ctx.timing.deviceCodeTtlSec,
        scope: scopes.join(' '),
        // The real response has no interval (§3.1); tests may ask for one.
        ...(ctx.timing.intervalSec === null ? {} : { interval: ctx.timing.intervalSec }),
      }
    },
  )

  api.post<{ Body: TokenBody }>(
    '/auth/device/token',
    {
      schema: { body: tokenBody },
      config: { fieldRules: AUTH_FIELD_RULES },
      onRequest: rateLimitHook(ctx, 'deviceToken'),
    },
    async (request) => {
      const { body } = request
      const client = authenticateClient(ctx.client(body.client_id), body.client_secret)
      const record = ctx.state.deviceCodes[body.device_code]
      logFieldsOf(request).userCode = record?.userCode
      // §8: `expired` means "device code invalid or expired". What a redeemed code answers is
      // [UNKNOWN]; it is no longer usable, so it is `expired` too.
      if (!record || record.clientId !== client.clientId) throw expired('device_code is invalid')
      if (record.status === 'redeemed') throw expired('device_code was already used')
      if (record.expiresAtMs <= ctx.now()) throw expired('device_code has expired')
      enforcePollGap(ctx, record)
      record.lastPollAtMs = ctx.now()
      if (record.status === 'denied') {
        // Not documented for v1; Kodi treats access_denied as terminal (§3.2).
        throw new ApiError(400, 'access_denied', 'the viewer denied this request')
      }
      if (record.status === 'pending' || !record.userId) {
        throw new ApiError(400, 'authorization_pending', 'waiting for the viewer to approve')
      }
      record.status = 'redeemed'
      return redeem(ctx, record, record.userId, body)
    },
  )
}

function redeem(ctx: EmulatorContext, record: DeviceCodeRecord, userId: string, body: TokenBody) {
  const nowMs = ctx.now()
  const grant: Grant = {
    id: nextId(ctx.state, 'grant'),
    clientId: record.clientId,
    userId,
    scopes: record.scopes,
    createdAtMs: nowMs,
    revoked: false,
    deviceId: body.device_id,
    deviceName: body.device_name,
    linkedUserId: body.linked_user_id,
    linkedUsername: body.linked_username,
  }
  ctx.state.grants[grant.id] = grant
  const access = issueAccessToken(ctx.state, grant, ctx.timing, nowMs)
  return {
    access_token: access.token,
    refresh_token: issueRefreshToken(ctx.state, grant, ctx.timing, nowMs),
    token_type: 'bearer',
    expires_in: ctx.timing.accessTokenTtlSec,
    refresh_expires_in: ctx.timing.refreshTokenTtlSec,
    scope: grant.scopes.join(' '),
    username: ctx.state.users[userId]?.username ?? null,
  }
}

/**
 * §3.2: polling too fast is a 429 on the real API. `slow_down` is the RFC 8628 answer some
 * clients also handle; as in the RFC, each one adds 5 s to the gap this code must keep.
 */
function enforcePollGap(ctx: EmulatorContext, record: DeviceCodeRecord): void {
  const minGapMs = ctx.timing.minPollIntervalSec * 1000 + (record.slowDowns ?? 0) * 5000
  if (minGapMs <= 0 || record.lastPollAtMs === undefined) return
  const waitMs = record.lastPollAtMs + minGapMs - ctx.now()
  if (waitMs <= POLL_JITTER_MS) return
  if (ctx.timing.pollViolation === 'slow_down') {
    record.slowDowns = (record.slowDowns ?? 0) + 1
    throw new ApiError(400, 'slow_down', 'polling too fast; add 5 seconds to the interval')
  }
  const retryAfterSec = Math.ceil(waitMs / 1000)
  throw new ApiError(429, 'rate_limited', `polling too fast; retry in ${retryAfterSec} s`, {
    headers: { 'Retry-After': String(retryAfterSec) },
  })
}

function expired(message: string): ApiError {
  return new ApiError(400, 'expired', message)
}

function uniqueUserCode(ctx: EmulatorContext): string {
  const inUse = new Set(Object.values(ctx.state.deviceCodes).map((record) => record.userCode))
  let code = newUserCode()
  while (inUse.has(code)) code = newUserCode()
  return code
}

/** verification_uri_complete in the format seen in the wild (punchplay-api.md §17). */
export function completeLink(ctx: EmulatorContext, userCode: string): string {
  return `${ctx.publicUrl}/link?code=${userCode}&type=platform`
}

/** §3.1: observed as a PNG data URL, which Kodi requires; other shapes only on request. */
async function qrField(format: 'png' | 'none' | 'svg', link: string) {
  if (format === 'none') return {}
  if (format === 'svg') {
    const svg = await QRCode.toString(link, { type: 'svg' })
    return {
      verification_uri_qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    }
  }
  return { verification_uri_qr: await QRCode.toDataURL(link, { margin: 2, width: 320 }) }
}
