/** The scopes of the docs snapshot (punchplay-api.md §1). */
export type KnownScope = 'profile:read' | 'playback:read' | 'playback:write' | 'events:read'

/** What the granted scope lets the app do, for the UI to ask before it tries. */
export interface GrantedScopes {
  readonly list: readonly string[]
  has(scope: KnownScope): boolean
  readonly canReadProfile: boolean
  readonly canReadPlayback: boolean
  readonly canWritePlayback: boolean
  readonly canSubscribeEvents: boolean
}

export function grantedScopes(scope: string): GrantedScopes {
  const list = scope.split(/\s+/).filter(Boolean)
  const set = new Set(list)
  const has = (name: KnownScope) => set.has(name)
  return {
    list,
    has,
    canReadProfile: has('profile:read'),
    canReadPlayback: has('playback:read'),
    canWritePlayback: has('playback:write'),
    canSubscribeEvents: has('events:read'),
  }
}
