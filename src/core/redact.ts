/**
 * Tokens must never reach a log, a diagnostics screen or an error report.
 * Anything that looks like a credential is replaced before text leaves the core.
 */
const SECRET_KEYS = /token|secret|device_code|authorization|password/i
const SECRET_VALUES = /\b(?:ppat|pprt|ppdc)_[A-Za-z0-9_-]+|\bBearer\s+[A-Za-z0-9._~+/=-]+/g
const JSON_SECRET_FIELDS =
  /("(?:[a-z_]*token|[a-z_]*secret|device_code|authorization|password)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi

export const REDACTED = '[redacted]'

export function redactText(text: string): string {
  return text.replace(JSON_SECRET_FIELDS, `$1"${REDACTED}"`).replace(SECRET_VALUES, REDACTED)
}

export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value)
  if (Array.isArray(value)) return value.map(redactValue)
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SECRET_KEYS.test(key) && inner != null ? REDACTED : redactValue(inner)
    }
    return out
  }
  return value
}

/** Raw bodies are kept for support, cut so a 10 MB error page cannot fill memory. */
export function excerpt(text: string, max = 2000): string {
  const safe = redactText(text)
  return safe.length > max ? `${safe.slice(0, max)}… (${safe.length - max} more characters)` : safe
}
