import type { PreferenceStore } from '../core/preferences.ts'
import type { SignOut } from '../core/session/sign-out.ts'
import type { TokenManager } from '../core/session/token-manager.ts'

/** The UI's language, as a port: the texts live with the UI (src/ui/i18n.ts). */
export interface LanguagePort {
  current(): string
  use(code: string): void
  /** The language a saved choice leads to on this TV: that one, else the TV's, else English. */
  pick(saved: string | null): string
  /** The one after `code`, for the Language button. */
  next(code: string): string
}

/** Spoken guidance (the announcer): on or off. */
export interface GuidancePort {
  enabled: boolean
}

export interface AccountView {
  /** null when PunchPlay gave no name, or nobody is signed in. */
  readonly viewer: string | null
  readonly scopes: readonly string[]
  readonly deviceName: string
  readonly version: string
  readonly speech: boolean
  readonly language: string
}

export interface Account {
  readonly view: AccountView
  /** Renders now, and again once the TV has said its name. Returns the stop. */
  open(render: (view: AccountView) => void): () => void
  /** Playback events not yet accepted by PunchPlay: signing out loses them. */
  readonly pendingEvents: number
  /** Forgets this viewer on this TV; the revoke runs behind, nobody waits for it. */
  signOut(): Promise<void>
  /** Applies the next language at once (rendered before this returns), then saves it. */
  switchLanguage(): Promise<void>
  /** Turns spoken guidance on or off at once, then saves the choice. */
  toggleSpeech(): Promise<void>
  /**
   * At start: the saved choices, else the TV's language and its screen reader.
   * The TV's screen-reader answer is not awaited: a service that never answers
   * must not hold up the start.
   */
  restore(): Promise<void>
}

export interface AccountDeps {
  readonly session: Pick<TokenManager, 'state'>
  readonly signOut: SignOut
  readonly preferences: PreferenceStore
  readonly guidance: GuidancePort
  readonly language: LanguagePort
  readonly screenReaderOn: () => Promise<boolean>
  /** This TV's name as PunchPlay lists it. */
  readonly deviceName: () => Promise<string>
  /** settings.json's name, until the TV's own is known. */
  readonly fallbackDeviceName: string
  readonly version: string
}

/**
 * Account: who is signed in and what was granted, sign out, and the viewer's
 * language and spoken guidance — applied and saved here, and nowhere else.
 */
export function createAccount(deps: AccountDeps): Account {
  const { preferences, guidance, language } = deps
  let deviceName: string | null = null
  let render: ((view: AccountView) => void) | null = null
  // Boot texts already follow the TV; a saved choice replaces this once read.
  language.use(language.pick(null))

  const view = (): AccountView => {
    const state = deps.session.state
    return {
      viewer: state.signedIn ? state.username : null,
      scopes: state.signedIn ? state.scopes.list : [],
      deviceName: deviceName ?? deps.fallbackDeviceName,
      version: deps.version,
      speech: guidance.enabled,
      language: language.current(),
    }
  }
  const emit = () => render?.(view())

  return {
    get view() {
      return view()
    },
    open(onView) {
      render = onView
      emit()
      let open = true
      void deps.deviceName().then((name) => {
        deviceName = name
        if (open) emit()
      })
      return () => {
        open = false
        render = null
      }
    },
    get pendingEvents() {
      return deps.signOut.pendingEvents
    },
    async signOut() {
      await deps.signOut.signOut()
    },
    async switchLanguage() {
      const code = language.next(language.current())
      language.use(code)
      emit()
      await preferences.update({ language: code })
    },
    async toggleSpeech() {
      guidance.enabled = !guidance.enabled
      emit()
      await preferences.update({ speech: guidance.enabled })
    },
    async restore() {
      const saved = await preferences.load()
      language.use(language.pick(saved.language))
      if (saved.speech !== null) guidance.enabled = saved.speech
      else
        void deps.screenReaderOn().then((on) => {
          // A choice the viewer made meanwhile wins over the TV's late answer.
          if (preferences.current.speech === null) guidance.enabled = on
        })
    },
  }
}
