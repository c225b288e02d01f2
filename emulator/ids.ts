import { randomBytes, randomInt } from 'node:crypto'

export function newRequestId(): string {
  return `ppreq_${randomBytes(10).toString('hex')}`
}

export function randomToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`
}

/** No 0/O, 1/I, 2/Z, 5/S, 8/B: a viewer copies this from a TV across the room. */
const USER_CODE_ALPHABET = 'ACDEFGHJKLMNPQRTUVWXY34679'

export function newUserCode(): string {
  let raw = ''
  for (let i = 0; i < 8; i += 1) raw += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)]
  return formatUserCode(raw)
}

/** Phones autocapitalise and drop dashes; accept the code however it was typed. */
export function normalizeUserCode(input: string): string {
  return formatUserCode(input.toUpperCase().replace(/[^A-Z0-9]/g, ''))
}

function formatUserCode(raw: string): string {
  return raw.length === 8 ? `${raw.slice(0, 4)}-${raw.slice(4)}` : raw
}
