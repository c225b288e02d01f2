import type { PlaybackEvent } from '../playback/events.ts'
import type { AuthorizedRequest } from '../session/token-manager.ts'

/**
 * §5.2: a 2xx can still mean "not applied" (`ignored`, `ok: false`); both are
 * final. Any other 2xx is delivered, whatever its body (204 with none, as some
 * servers answer): the Kodi add-on judges writes by status alone.
 */
export interface WriteResult {
  readonly ok: boolean
  readonly deduped: boolean
  readonly ignored: string | null
}

const DELIVERED: WriteResult = { ok: true, deduped: false, ignored: null }

export function parseWriteResult(body: unknown): WriteResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return DELIVERED
  const fields = body as Record<string, unknown>
  return {
    ok: fields.ok !== false,
    deduped: fields.deduped === true,
    ignored: typeof fields.ignored === 'string' && fields.ignored !== '' ? fields.ignored : null,
  }
}

export const playbackEventRequest = (
  event: PlaybackEvent,
  signal?: AbortSignal,
): AuthorizedRequest<WriteResult> => ({
  method: 'POST',
  endpoint: `/playback/${event.action}`,
  json: event.body,
  signal,
  parse: parseWriteResult,
  empty: () => DELIVERED,
  statusOnly: true,
})
