import { MAX_SECRET_LENGTH, MIN_SECRET_LENGTH, heldSecrets } from './secrets.ts'

/**
 * Tokens must never reach a log, a diagnostics screen or an error report.
 * Three passes, each linear in the text (no backtracking pattern, no recursion,
 * so a huge quoted value cannot overflow the stack):
 * 1. every credential the app holds, by value, in the forms a body can carry it
 *    (as is, JSON-escaped once or twice, URL-encoded, HTML-escaped), and a tail
 *    cut in the middle of one;
 * 2. the value after a credential-named key (`"refresh_token":"…"`,
 *    `\"device_code\":\"…`, `token=…&`), even when the body breaks off inside it;
 *    prose such as "token: expired" is left alone;
 * 3. the emulator's prefixes and `Bearer …`, for tokens this run never held.
 */
export const REDACTED = '[redacted]'

const SECRET_KEYS = /token|secret|device_code|authorization|password/i
/** A credential-named JSON key (quoted, maybe escaped) before `:`, or a form or query key before `=`. */
const KEY =
  /\b(?:[a-z_]*(?:token|secret)|device_code|authorization|password)\b(?:\\?["']\s*:|\s*=)\s*/gi
const SHAPED_VALUES = /\b(?:ppat|pprt|ppdc)_[A-Za-z0-9_-]+|\bBearer\s+[A-Za-z0-9._~+/=-]+/g
/** Where an unquoted value (form field, query parameter) ends. */
const VALUE_END = /[\s&,;}\]<>"']/

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  )

/** The forms a held secret can take inside a body, longest first. */
function formsOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1)
  const forms = new Set([
    JSON.stringify(json).slice(1, -1),
    json,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    escapeHtml(secret),
    secret,
  ])
  return [...forms].sort((a, b) => b.length - a.length)
}

/** A body cut inside a secret ends with its first characters: those go too. */
function withoutCutTail(text: string, form: string): string {
  const head = form.slice(0, MIN_SECRET_LENGTH)
  let at = text.indexOf(head, Math.max(0, text.length - form.length + 1))
  while (at !== -1 && text.length - at >= MIN_SECRET_LENGTH) {
    if (form.startsWith(text.slice(at))) return text.slice(0, at) + REDACTED
    at = text.indexOf(head, at + 1)
  }
  return text
}

function withoutHeld(text: string): string {
  let out = text
  for (const secret of heldSecrets()) {
    for (const form of formsOf(secret)) {
      if (out.includes(form)) out = out.split(form).join(REDACTED)
      out = withoutCutTail(out, form)
    }
  }
  return out
}

/** Index just past the value that starts at `from`; a value the text cuts off runs to its end. */
function valueEnd(text: string, from: number): { start: number; end: number } {
  if (text.startsWith('\\"', from)) {
    const close = text.indexOf('\\"', from + 2)
    return { start: from + 2, end: close === -1 ? text.length : close }
  }
  const quote = text[from]
  if (quote === '"' || quote === "'") {
    let i = from + 1
    while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1
    return { start: from + 1, end: Math.min(i, text.length) }
  }
  let i = from
  while (i < text.length && !VALUE_END.test(text[i]!)) i += 1
  return { start: from, end: i }
}

function withoutKeyedValues(text: string): string {
  let out = ''
  let copied = 0
  KEY.lastIndex = 0
  for (let match = KEY.exec(text); match; match = KEY.exec(text)) {
    const { start, end } = valueEnd(text, KEY.lastIndex)
    if (end > start && !text.startsWith(REDACTED, start)) {
      out += text.slice(copied, start) + REDACTED
      copied = end
    }
    KEY.lastIndex = Math.max(
      end,
      KEY.lastIndex,
      text.startsWith(REDACTED, start) ? start + REDACTED.length : 0,
    )
    if (KEY.lastIndex >= text.length) break
  }
  return out + text.slice(copied)
}

export function redactText(text: string): string {
  return withoutKeyedValues(withoutHeld(text).replace(SHAPED_VALUES, REDACTED))
}

export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value)
  // Reports are flat; anything nested deeper than this is not worth a stack.
  if (depth > 8) return REDACTED
  if (Array.isArray(value)) return value.map((inner) => redactValue(inner, depth + 1))
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SECRET_KEYS.test(key) && inner != null ? REDACTED : redactValue(inner, depth + 1)
    }
    return out
  }
  return value
}

/** Redacted and cut to `max` characters with an ellipsis: for a message, a code, a request id. */
export function boundText(text: string, max: number): string {
  const safe = redactText(text.slice(0, max + MAX_SECRET_LENGTH))
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe
}

/** How much of a raw body support gets. */
export const EXCERPT_LENGTH = 2000

/**
 * Raw bodies are kept for support, cut so a 10 MB error page cannot fill
 * memory. Only the start is redacted (plus room for a secret across the cut).
 */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  const head = text.slice(0, max + MAX_SECRET_LENGTH)
  const safe = redactText(head)
  if (safe.length <= max && head.length === text.length) return safe
  const more = text.length - head.length + Math.max(0, safe.length - max)
  return `${safe.slice(0, max)}… (${more} more characters)`
}
