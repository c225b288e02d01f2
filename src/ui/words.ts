import { t, type MessageKey } from './i18n.ts'

/** Plain words for scopes, from shared/ux/README.md "Words for scopes". */
const SCOPE_WORDS: Record<string, MessageKey> = {
  'profile:read': 'scope.profile:read',
  'playback:read': 'scope.playback:read',
  'playback:write': 'scope.playback:write',
  'events:read': 'scope.events:read',
}

/** Unknown scopes stay readable as their own names. */
export function scopeWords(scope: string): string[] {
  return scope
    .split(/\s+/)
    .filter(Boolean)
    .map((name) => {
      const key = SCOPE_WORDS[name]
      return key ? t(key) : name
    })
}

/** "https://punchplay.tv/link/" → "punchplay.tv/link": what a viewer types. */
export function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//i, '').replace(/\/+$/, '')
}

/** 468000 → "7:48". */
export function minutesSeconds(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const seconds = total % 60
  return `${Math.floor(total / 60)}:${seconds < 10 ? '0' : ''}${seconds}`
}

/** "AK76-P3QX" → "A, K, 7, 6, dash, P, 3, Q, X": one character at a time, for speech. */
export function spelledOut(code: string): string {
  return Array.from(code.replace(/\s+/g, ''))
    .map((char) => (char === '-' ? t('speech.dash') : char))
    .join(', ')
}

const PUNCHPLAY_CONNECTED_APPS = 'https://punchplay.tv/settings/connected-apps'

/**
 * Where the viewer revokes this TV (punchplay-api.md §3.5). Against another
 * PunchPlay (the emulator, a staging host) it is that host's own page, so the
 * QR works where punchplay.tv would not know this TV.
 */
export function connectedAppsUrl(apiBase: string): string {
  const url = new URL(apiBase)
  if (url.hostname === 'punchplay.tv') return PUNCHPLAY_CONNECTED_APPS
  return `${url.origin}${url.pathname.replace(/\/api\/platform\/v1\/?$/, '')}/settings/connected-apps`
}
