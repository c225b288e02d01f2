const seconds = { type: 'number', minimum: 0 } as const
const rateLimit = {
  type: 'object',
  additionalProperties: false,
  properties: { max: { type: 'integer', minimum: 0 }, windowSec: { type: 'number', minimum: 1 } },
} as const

export const faultBody = {
  type: 'object',
  additionalProperties: false,
  required: ['route', 'kind', 'count'],
  properties: {
    route: { type: 'string', pattern: '^(\\*|/.*)$' },
    method: { type: 'string', enum: ['GET', 'POST', 'DELETE', 'OPTIONS'] },
    kind: {
      type: 'string',
      enum: ['status', 'html', 'malformed', 'empty', 'drop', 'latency', 'body', 'huge'],
    },
    body: { type: 'string' },
    contentType: { type: 'string', minLength: 1 },
    sizeBytes: { type: 'integer', minimum: 1, maximum: 64 * 1024 * 1024 },
    status: { type: 'integer', minimum: 200, maximum: 599 },
    error: { type: 'string', minLength: 1 },
    latencyMs: { type: 'integer', minimum: 0, maximum: 120_000 },
    retryAfterSec: { type: 'integer', minimum: 0 },
    count: { type: 'integer', minimum: 1 },
  },
} as const

export const configBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    deviceCodeTtlSec: seconds,
    intervalSec: { type: ['number', 'null'], minimum: 0 },
    minPollIntervalSec: seconds,
    pollViolation: { type: 'string', enum: ['rate_limited', 'slow_down'] },
    accessTokenTtlSec: seconds,
    refreshTokenTtlSec: seconds,
    rotateRefreshTokens: { type: 'boolean' },
    qrFormat: { type: 'string', enum: ['png', 'none', 'svg'] },
    realShapes: { type: 'boolean' },
    opaqueTokens: { type: 'boolean' },
    rateLimits: {
      type: 'object',
      additionalProperties: false,
      properties: { deviceCode: rateLimit, deviceToken: rateLimit, refresh: rateLimit },
    },
  },
} as const
