/**
 * The exact credential strings this run holds: access and refresh tokens, device
 * codes. Redaction replaces them by value (src/core/redact.ts), because real
 * tokens are opaque: no prefix tells them apart from other text.
 *
 * One set for the whole run, on purpose: any error, report or screen text
 * anywhere must be cleaned against every secret the app knows, and threading a
 * registry through every error constructor would leave a path that forgets it.
 */

/** Recent secrets only: older tokens were rotated away, and each one costs a pass over every text. */
export const MAX_HELD_SECRETS = 16
/** Shorter strings are no credential, and replacing them would mangle ordinary words. */
export const MIN_SECRET_LENGTH = 8
/** Longer values are not tokens PunchPlay issues; the parsers refuse them anyway. */
export const MAX_SECRET_LENGTH = 4096

let held: string[] = []

/** Remembers credentials so that redaction finds them; null, short and huge values are ignored. */
export function holdSecrets(...values: ReadonlyArray<string | null | undefined>): void {
  for (const value of values) {
    if (typeof value !== 'string') continue
    if (value.length < MIN_SECRET_LENGTH || value.length > MAX_SECRET_LENGTH) continue
    held = [value, ...held.filter((known) => known !== value)].slice(0, MAX_HELD_SECRETS)
  }
}

/** Newest first. */
export function heldSecrets(): readonly string[] {
  return held
}

/** For tests that start from a clean run. */
export function forgetSecrets(): void {
  held = []
}

/** Body fields that carry a credential, sent or received (§3.1–§3.5). */
const SECRET_FIELD = /^(?:[a-z]+_)?(?:token|secret)$|^device_code$/i

/** Holds every top-level string field of a JSON object whose name says it is a credential. */
export function holdSecretFields(body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return
  for (const [key, value] of Object.entries(body)) {
    if (SECRET_FIELD.test(key) && typeof value === 'string') holdSecrets(value)
  }
}
