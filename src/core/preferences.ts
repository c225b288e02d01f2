import type { KeyValueStore } from './ports.ts'

export const PREFERENCES_KEY = 'preferences'

/** The viewer's own choices; null means "follow the TV". Kept across sign-outs. */
export interface Preferences {
  readonly language: string | null
  readonly speech: boolean | null
}

export const NO_PREFERENCES: Preferences = { language: null, speech: null }

interface StoredPreferences extends Preferences {
  readonly v: 1
}

function isStored(value: unknown): value is StoredPreferences {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    record.v === 1 &&
    (record.language === null || typeof record.language === 'string') &&
    (record.speech === null || typeof record.speech === 'boolean')
  )
}

export interface PreferenceStore {
  readonly current: Preferences
  /** Reads the saved choices once; anything unreadable counts as no choice. */
  load(): Promise<Preferences>
  update(change: Partial<Preferences>): Promise<void>
}

export function createPreferenceStore(store: KeyValueStore): PreferenceStore {
  let current = NO_PREFERENCES
  return {
    get current() {
      return current
    },
    async load() {
      const stored = await store.get(PREFERENCES_KEY)
      current = isStored(stored) ? { language: stored.language, speech: stored.speech } : current
      return current
    },
    async update(change) {
      current = { ...current, ...change }
      const record: StoredPreferences = { v: 1, ...current }
      await store.set(PREFERENCES_KEY, record)
    },
  }
}
