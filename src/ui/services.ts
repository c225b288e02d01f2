import type { Boot, PairingSession, SessionStore } from '../app/index.ts'
import type { VideoSurface } from '../adapters/video.ts'
import type { VideoSource } from '../core/playback/sources.ts'
import type { PunchPlayConfig } from '../core/config.ts'
import type { DiagnosticsLog } from '../core/diagnostics/diagnostics-log.ts'
import type { CatalogItem } from '../core/playback/catalog.ts'
import type { PlayableItem, Position } from '../core/playback/events.ts'
import type { ReporterStatus } from '../core/playback/reporter.ts'
import type { TrackedPlayback } from '../core/playback/tracker.ts'
import type { Clock } from '../core/ports.ts'
import type { PreferenceStore } from '../core/preferences.ts'
import type { SignOut } from '../core/session/sign-out.ts'
// Home and Account still read the token manager; this goes when their use-cases land (issue 14).
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import type { TokenManager } from '../core/session/token-manager.ts'
import type { Platform } from '../tv/platform.ts'
import type { Announcer } from './a11y/announcer.ts'

export interface PlaybackServices {
  /** Tracks one viewing: start once it plays, heartbeats, pause/resume, one stop; nothing if it never played. */
  begin(item: PlayableItem, position: () => Position): Promise<TrackedPlayback>
  /** Replays events queued offline, oldest first. */
  flush(): Promise<void>
  readonly status: ReporterStatus
  /** Calls back whenever tracking or the offline queue changes; returns the unsubscribe. */
  onStatus(listener: (status: ReporterStatus) => void): () => void
}

/** What the composition root hands to the UI; pages never construct services. */
export interface AppServices {
  readonly config: PunchPlayConfig
  readonly version: string
  readonly platform: Platform
  /** The one session state: the App routes by it, every page may read it. */
  readonly sessionState: SessionStore
  /** Start-up: which screen comes first, and a Try again when it fails. */
  readonly boot: Boot
  /** The device-code sign-in as the pairing page shows it. */
  readonly pairing: PairingSession
  /** Home's live feed still takes the clock; goes with the home-feed use-case. */
  readonly clock: Clock
  /** This TV's name as PunchPlay lists it: "Samsung TV (QE55Q80T)" or settings.json's `deviceName`. */
  deviceName(): Promise<string>
  /** Read by Home and Account until their use-cases land; no other page may use it. */
  readonly session: TokenManager
  readonly catalog: readonly CatalogItem[]
  readonly playback: PlaybackServices
  /** The last API and storage failures, for the Diagnostics page. */
  readonly diagnostics: DiagnosticsLog
  readonly account: SignOut
  /** Language and spoken guidance as the viewer chose them in Account. */
  readonly preferences: PreferenceStore
  readonly announcer: Announcer
  /** A PNG data URL of a QR code for `text`, drawn on the device. */
  renderQr(text: string, sizePx: number): Promise<string>
  /** Of an item's sources, the one this TV plays best (canPlayType); null when it plays none. */
  chooseVideoSource(sources: readonly VideoSource[]): VideoSource | null
  /** A full-screen video behind the canvas, for the player page. */
  createVideo(src: string, startAtSec: number): VideoSurface
}
