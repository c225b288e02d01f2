import type { ErrorReport } from '../core/errors.ts'
import { redactText } from '../core/redact.ts'
import { t } from './i18n.ts'

/** "2026-11-28T14:02:11.123Z" → "14:02:11 UTC" (support works in UTC). */
export function utcTime(at: string): string {
  const time = /T(\d{2}:\d{2}:\d{2})/.exec(at)?.[1]
  return time ? `${time} UTC` : at
}

/** "503 server_error", or "no answer network_error" when nothing came back. */
export function statusText(entry: ErrorReport): string {
  return `${entry.status ?? t('diagnostics.noAnswer')} ${entry.code}`
}

/** One row: "14:02:11 UTC · POST /auth/device/token · 429 rate_limited · ppreq_…" (shared/ux). */
export function entrySummary(entry: ErrorReport): string {
  return [
    utcTime(entry.at),
    `${entry.method} ${entry.endpoint}`,
    statusText(entry),
    entry.requestId,
  ]
    .filter(Boolean)
    .join(' · ')
}

/** The facts support asks for, one "label: value" per item. */
export function entryFacts(entry: ErrorReport): string[] {
  const none = t('diagnostics.none')
  return [
    `${t('diagnostics.time')}: ${entry.at}`,
    `${t('diagnostics.status')}: ${statusText(entry)}`,
    `${t('diagnostics.endpoint')}: ${entry.method} ${entry.endpoint}`,
    `${t('diagnostics.clientId')}: ${entry.clientId || none}`,
    // The viewer whose call it was (src/services.ts names the active viewer's entries).
    ...('viewer' in entry && typeof entry.viewer === 'string'
      ? [`${t('diagnostics.viewer')}: ${entry.viewer}`]
      : []),
  ]
}

/**
 * The raw body, or the message when there was none, redacted once more on its
 * way to the screen: a token held only after the entry was recorded goes too.
 */
export function entryDetail(entry: ErrorReport): string {
  return redactText(entry.body ?? entry.message)
}
