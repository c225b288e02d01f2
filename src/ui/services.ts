import type { Boot, FirstScreen, PairingSession, SessionStore } from '../app/index.ts'
import type { VideoSurface } from '../adapters/video.ts'
import type { Screens } from '../app/screens.ts'
import type { VideoSource } from '../core/playback/sources.ts'
import type { PunchPlayConfig } from '../core/config.ts'
import type { DiagnosticsLog } from '../core/diagnostics/diagnostics-log.ts'
import type { CatalogItem } from '../core/playback/catalog.ts'
import type { PlayableItem, Position } from '../core/playback/events.ts'
import type { ReporterStatus } from '../core/playback/reporter.ts'
import type { TrackedPlayback } from '../core/playback/tracker.ts'
import type { Platform } from '../tv/platform.ts'
import type { Announcer } from '../app/announcer.ts'
import type { Viewers } from '../app/viewers.ts'

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
  /** The first screen once it can be drawn whole, or null if start-up runs past `withinMs`. */
  firstScreen(withinMs: number): Promise<FirstScreen | null>
  /** The device-code sign-in as the pairing page shows it. */
  readonly pairing: PairingSession
  readonly catalog: readonly CatalogItem[]
  readonly playback: PlaybackServices
  /** The last API and storage failures, for the Diagnostics page. */
  readonly diagnostics: DiagnosticsLog
  readonly announcer: Announcer
  /** The use-cases Home, Account and the player render and drive. */
  readonly screens: Screens
  /** "Who's watching?": the TV's viewers, switching, adding, pairing again. */
  readonly viewers: Viewers
  /** A PNG data URL of a QR code for `text`, drawn on the device. */
  renderQr(text: string, sizePx: number): Promise<string>
  /** Of an item's sources, the one this TV plays best (canPlayType); null when it plays none. */
  chooseVideoSource(sources: readonly VideoSource[]): VideoSource | null
  /** A full-screen video behind the canvas, for the player page. */
  createVideo(src: string, startAtSec: number): VideoSurface
}
