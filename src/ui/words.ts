/** Plain words for scopes, from shared/ux/README.md "Words for scopes". */
const SCOPE_WORDS: Record<string, string> = {
  'profile:read': 'see your PunchPlay profile',
  'playback:read': "see what you're watching and your progress",
  'playback:write': 'update your watch progress from this TV',
  'events:read': 'get live updates when playback changes',
}

export function scopeWords(scope: string): string[] {
  return scope
    .split(/\s+/)
    .filter(Boolean)
    .map((name) => SCOPE_WORDS[name] ?? name)
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
