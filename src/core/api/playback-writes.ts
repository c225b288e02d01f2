import type { PlaybackEvent } from '../playback/events.ts'
import type { AuthorizedRequest } from '../session/token-manager.ts'
import { asFields } from './parse.ts'

/** §5.2: a 2xx can still mean "not applied" (`ignored`, `ok: false`); both are final. */
export interface WriteResult {
  readonly ok: boolean
  readonly deduped: boolean
  readonly ignored: string | null
}

export function parseWriteResult(body: unknown): WriteResult {
  const fields = asFields(body)
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
})
