/**
 * Field checks for server answers. Each names the field it rejects, so a
 * support ticket says "expires_in must be a positive number", not "undefined".
 * Numeric strings are accepted where servers are known to differ.
 */
export class FieldError extends Error {
  override readonly name = 'FieldError'
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field} ${message}`)
  }
}

export type Fields = Record<string, unknown>

export function asFields(body: unknown): Fields {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new FieldError('body', 'must be a JSON object')
  }
  return body as Fields
}

export function text(fields: Fields, name: string, maxLength = 4096): string {
  const value = fields[name]
  if (typeof value !== 'string' || value.length === 0) {
    throw new FieldError(name, 'must be a non-empty string')
  }
  if (value.length > maxLength)
    throw new FieldError(name, `must be at most ${maxLength} characters`)
  return value
}

export function optionalText(fields: Fields, name: string, maxLength = 4096): string | null {
  const value = fields[name]
  if (value === undefined || value === null) return null
  return text(fields, name, maxLength)
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value)
  return null
}

export function positiveNumber(fields: Fields, name: string): number {
  const value = toNumber(fields[name])
  if (value === null || value <= 0) throw new FieldError(name, 'must be a positive number')
  return value
}

/** Absent, null or unusable values give null: for fields a client can do without. */
export function optionalPositiveNumber(fields: Fields, name: string): number | null {
  const value = toNumber(fields[name])
  return value !== null && value > 0 ? value : null
}

export function httpUrl(fields: Fields, name: string): string {
  const value = text(fields, name, 2048)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new FieldError(name, 'must be an absolute URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new FieldError(name, 'must be an http(s) URL')
  }
  return value
}
