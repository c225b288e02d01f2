import type { CatalogItem } from '../core/playback/catalog.ts'
import type { Clock } from '../core/ports.ts'
import type { PreferenceStore } from '../core/preferences.ts'
import type { SignOut } from '../core/session/sign-out.ts'
import type { TokenManager } from '../core/session/token-manager.ts'
import { createAccount, type Account, type GuidancePort, type LanguagePort } from './account.ts'
import { createHomeFeed, type HomeFeed } from './home-feed.ts'
import { createLifecycle, type AppLifecycle, type VisibilitySource } from './lifecycle.ts'

export interface ScreensDeps {
  readonly session: TokenManager
  readonly clock: Clock
  readonly catalog: readonly CatalogItem[]
  readonly signOut: SignOut
  readonly preferences: PreferenceStore
  readonly guidance: GuidancePort
  readonly language: LanguagePort
  /** The TV: its visibility events, screen reader and model name (src/tv/platform.ts). */
  readonly platform: VisibilitySource & { screenReaderOn(): Promise<boolean> }
  readonly deviceName: () => Promise<string>
  readonly fallbackDeviceName: string
  readonly version: string
}

/** The use-cases behind Home, Account and the player's reaction to the TV hiding the app. */
export interface Screens {
  readonly home: HomeFeed
  readonly account: Account
  readonly lifecycle: AppLifecycle
}

export function createScreens(deps: ScreensDeps): Screens {
  const lifecycle = createLifecycle(deps.platform)
  return {
    lifecycle,
    home: createHomeFeed({
      session: deps.session,
      clock: deps.clock,
      catalog: deps.catalog,
      lifecycle,
    }),
    account: createAccount({
      session: deps.session,
      signOut: deps.signOut,
      preferences: deps.preferences,
      guidance: deps.guidance,
      language: deps.language,
      screenReaderOn: () => deps.platform.screenReaderOn(),
      deviceName: deps.deviceName,
      fallbackDeviceName: deps.fallbackDeviceName,
      version: deps.version,
    }),
  }
}
