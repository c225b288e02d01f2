import type { AuthorizedRequest } from '../session/token-manager.ts'
import { asFields, optionalText, text } from './parse.ts'

/** The signed-in identity (punchplay-api.md §4); only what the app shows. */
export interface Me {
  readonly id: string
  readonly username: string | null
  readonly name: string | null
  readonly scopes: readonly string[]
}

export function parseMe(body: unknown): Me {
  const fields = asFields(body)
  const scopes = Array.isArray(fields.scopes)
    ? fields.scopes.filter((scope): scope is string => typeof scope === 'string')
    : []
  return {
    id: text(fields, 'id', 256),
    username: optionalText(fields, 'username', 256),
    name: optionalText(fields, 'name', 256),
    scopes,
  }
}

/** GET /me; needs profile:read (the likely scope, [UNKNOWN] in §4). */
export const meRequest = (signal?: AbortSignal): AuthorizedRequest<Me> => ({
  method: 'GET',
  endpoint: '/me',
  signal,
  parse: parseMe,
})
