import type { ErrorReport } from '../errors.ts'
import { MAX_ATTEMPTS, MAX_QUEUED, type DropReason, type QueueDrop } from './event-queue.ts'

const CODES: Record<DropReason, string> = {
  expired: 'events_expired',
  evicted: 'events_evicted',
  'gave-up': 'events_given_up',
  refused: 'events_refused',
  unreadable: 'events_unreadable',
}

function why(reason: DropReason, them: string): string {
  switch (reason) {
    case 'expired':
      return 'waited more than 30 days to be sent'
    case 'evicted':
      return `the offline queue was full (${MAX_QUEUED})`
    case 'gave-up':
      return `PunchPlay failed ${MAX_ATTEMPTS} times to take ${them}`
    case 'refused':
      return `PunchPlay refused ${them}`
    case 'unreadable':
      return 'stored damaged'
  }
}

/** A queue drop as Diagnostics lists it: nothing saved leaves unsent without a line there. */
export function dropReport(drop: QueueDrop, clientId: string, nowMs: number): ErrorReport {
  const count = drop.count
  const them = count === 1 ? 'it' : 'them'
  const server = drop.reason === 'refused' || drop.reason === 'gave-up'
  return {
    method: 'DROP',
    endpoint: 'playback queue',
    clientId,
    at: new Date(nowMs).toISOString(),
    kind: server ? 'api' : 'storage',
    status: null,
    code: CODES[drop.reason],
    message: `${count} saved playback ${count === 1 ? 'event was' : 'events were'} not sent: ${why(drop.reason, them)}`,
    requestId: null,
    body: null,
  }
}
