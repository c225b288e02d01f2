/**
 * The `punchplay` block of settings.json, validated once at build time and
 * again at start-up so a bad override can never reach a viewer's TV silently.
 */
export interface PunchPlayConfig {
  readonly apiBase: string
  readonly clientId: string
  readonly scope: string
  readonly deviceName: string
  /** Share of the runtime after which a stop counts as watched (Kodi: 0.9, range 0.5–0.95). */
  readonly watchedThreshold: number
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`)
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '[::1]', '::1'])

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return LOOPBACK_NAMES.has(host) || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host)
}

/**
 * Tokens travel with every API call, so plain http is allowed only where the
 * traffic never leaves the machine (the embedded emulator).
 */
export function checkApiBase(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError('apiBase', `"${value}" is not an absolute URL`)
  }
  if (url.username || url.password) {
    throw new ConfigError('apiBase', 'must not carry credentials')
  }
  if (url.protocol === 'https:') return value.replace(/\/+$/, '')
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return value.replace(/\/+$/, '')
  throw new ConfigError(
    'apiBase',
    `"${value}" must use https (plain http is accepted only for loopback hosts such as 127.0.0.1)`,
  )
}

function requireText(raw: Record<string, unknown>, field: keyof PunchPlayConfig): string {
  const value = raw[field]
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(field, 'must be a non-empty string')
  }
  return value.trim()
}

export function parsePunchPlayConfig(raw: unknown): PunchPlayConfig {
  if (typeof raw !== 'object' || raw === null) {
    throw new ConfigError('punchplay', 'settings block is missing')
  }
  const record = raw as Record<string, unknown>
  if ('clientSecret' in record || 'client_secret' in record) {
    throw new ConfigError(
      'clientSecret',
      'the TV app is a public client and must not ship a secret',
    )
  }
  const threshold = record.watchedThreshold ?? 0.9
  if (typeof threshold !== 'number' || !(threshold >= 0.5 && threshold <= 1)) {
    throw new ConfigError('watchedThreshold', 'must be a number from 0.5 to 1')
  }
  return {
    watchedThreshold: threshold,
    apiBase: checkApiBase(requireText(record, 'apiBase')),
    clientId: requireText(record, 'clientId'),
    scope: requireText(record, 'scope').split(/\s+/).join(' '),
    deviceName: requireText(record, 'deviceName'),
  }
}
