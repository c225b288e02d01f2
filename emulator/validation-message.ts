import type { FastifySchemaValidationError } from 'fastify'

/** Turns the first schema failure into one sentence that names the field, as §5.1 shows. */
export function validationMessage(
  errors: FastifySchemaValidationError[],
  rules: Record<string, string> = {},
): string {
  const first = errors[0]
  if (!first) return 'request body is invalid'
  const params = first.params as Record<string, unknown>
  if (first.keyword === 'additionalProperties') {
    return `unexpected field ${String(params.additionalProperty)}: only documented fields are accepted`
  }
  const field =
    first.keyword === 'required'
      ? String(params.missingProperty)
      : first.instancePath.replace(/^\//, '').replaceAll('/', '.')
  if (!field) return 'request body must be a JSON object'
  const rule = rules[field]
  if (rule) return `${field} must be ${rule}`
  if (first.keyword === 'required') return `${field} is required`
  return `${field} ${first.message ?? 'is invalid'}`
}

export const AUTH_FIELD_RULES: Record<string, string> = {
  client_id: 'a non-empty string',
  client_secret: 'a string or null',
  scope: 'a space-separated list of scopes',
  device_code: 'a non-empty string',
  refresh_token: 'a non-empty string',
  device_id: 'a non-empty string of at most 200 characters',
  device_name: 'a non-empty string of at most 200 characters',
  linked_user_id: 'a non-empty string of at most 200 characters',
  linked_username: 'a non-empty string of at most 200 characters',
}
