import type { PairingStatus, PairingView } from '../app/index.ts'
import type { Tone } from './components/StatusLine.ts'
import { failureText } from './failure-text.ts'
import { t, type MessageKey } from './i18n.ts'

const STATUS: Record<PairingStatus, [Tone, MessageKey | null]> = {
  'getting-code': ['waiting', 'pairing.gettingCode'],
  'no-code': ['error', null],
  waiting: ['waiting', 'pairing.waiting'],
  trouble: ['waiting', 'pairing.trouble'],
  approved: ['success', 'pairing.approved'],
  expired: ['error', 'pairing.expired'],
  denied: ['error', 'pairing.denied'],
  failed: ['error', 'pairing.failed'],
}

/** The status line's tone and words: the state, and for a failure what went wrong. */
export function pairingStatus(view: PairingView): [Tone, string] {
  const [tone, key] = STATUS[view.status]
  const words = key ? t(key) : ''
  // A refusal (denied) speaks for itself; a failure adds what went wrong.
  if (!view.error || (view.status !== 'failed' && view.status !== 'no-code')) return [tone, words]
  return [tone, [words, failureText(view.error)].filter(Boolean).join(' ')]
}
