import type { PunchPlayConfig } from '../core/config.ts'
import type { Platform } from '../tv/platform.ts'

/** What the composition root hands to the UI; pages never construct services. */
export interface AppServices {
  readonly config: PunchPlayConfig
  readonly version: string
  readonly platform: Platform
  /** Decides where the app starts once boot work is done. */
  startRoute(): Promise<string>
}
