import type { PunchPlayConfig } from '../core/config.ts'
import type { DeviceFlow } from '../core/pairing/device-flow.ts'
import type { Clock } from '../core/ports.ts'
import type { TokenManager } from '../core/session/token-manager.ts'
import type { Platform } from '../tv/platform.ts'

/** What the composition root hands to the UI; pages never construct services. */
export interface AppServices {
  readonly config: PunchPlayConfig
  readonly version: string
  readonly platform: Platform
  readonly clock: Clock
  readonly session: TokenManager
  readonly pairing: DeviceFlow
  /** A PNG data URL of a QR code for `text`, drawn on the device. */
  renderQr(text: string, sizePx: number): Promise<string>
  /** Decides where the app starts once boot work is done. */
  startRoute(): Promise<string>
}
