import type { ErrorReport } from '../errors.ts'
import type { DropReason, QueueDrop } from './event-queue.ts'

const WHY: Record<DropReason, { readonly code: string; readonly why: string }> = {
  expired: { code: 'events_expired', why: 'they were saved more than 30 days ago' },
  evicted: { code: 'events_evicted', why: 'the offline queue was full' },
  'gave-up': { code: 'events_given_up', why: 'PunchPlay kept failing to take them' },
  refused: { code: 'events_refused', why: 'PunchPlay refused them' },
  unreadable: { code: 'events_unreadable', why: 'they were stored damaged' },
}

/** A queue drop as Diagnostics lists it: nothing saved leaves unsent without a line there. */
export function dropReport(drop: QueueDrop, clientId: string, nowMs: number): ErrorReport {
  const { code, why } = WHY[drop.reason]
  const count = drop.count
  const server = drop.reason === 'refused' || drop.reason === 'gave-up'
  return {
    method: 'DROP',
    endpoint: 'playback queue',
    clientId,
    at: new Date(nowMs).toISOString(),
    kind: server ? 'api' : 'storage',
    status: null,
    code,
    message: `${count} saved playback ${count === 1 ? 'event was' : 'events were'} not sent: ${why}`,
    requestId: null,
    body: null,
  }
}
