import { Lightning, Router, Utils } from '@lightningjs/sdk'
import type { VideoFailure, VideoSurface } from '../../adapters/video.ts'
import type { Visibility } from '../../app/lifecycle.ts'
import type { CatalogItem } from '../../core/playback/catalog.ts'
import type { TrackedPlayback } from '../../core/playback/tracker.ts'
import { PlayerOverlay } from '../components/PlayerOverlay.ts'
import { t, type MessageKey } from '../i18n.ts'
import { episodeLabel } from '../labels.ts'
import { Page } from './Page.ts'

export interface PlayerPageSpec extends Lightning.Component.TemplateSpec {
  Overlay: typeof PlayerOverlay
}

const OVERLAY_MS = 4000
const SEEK_SEC = 10
/** Without a picture by then, a stalled load is an error the viewer is told about. */
const START_TIMEOUT_MS = 30_000

type Failure = VideoFailure | 'noSource' | 'timeout'

const REASONS: Record<Failure, MessageKey> = {
  noSource: 'player.error.noSource',
  unsupported: 'player.error.unsupported',
  decode: 'player.error.decode',
  network: 'player.error.network',
  timeout: 'player.error.timeout',
}

/**
 * Full-screen playback of a catalog item, driven by the remote, reporting the
 * lifecycle to PunchPlay: start when the picture starts, heartbeats while
 * playing, pause/resume on the viewer's own presses, one stop however it ends.
 * Until the picture starts the state reads "Starting…"; a failure stays on
 * screen with its reason until the viewer presses Back.
 */
export class PlayerPage
  extends Page<PlayerPageSpec>
  implements Lightning.Component.ImplementTemplateSpec<PlayerPageSpec>
{
  static override _template(): Lightning.Component.Template<PlayerPageSpec> {
    return { Overlay: { type: PlayerOverlay, alpha: 0 } }
  }

  private _item: CatalogItem | null = null
  private _startAtSec = 0
  private _video: VideoSurface | null = null
  private _tracked: Promise<TrackedPlayback> | null = null
  private _hideTimer: ReturnType<typeof setTimeout> | null = null
  private _startTimer: ReturnType<typeof setTimeout> | null = null
  private _started = false
  private _failed = false
  private _unsubscribe: (() => void) | null = null
  private _unwatch: (() => void) | null = null
  /** Last known position: the stop is built after the video element is gone (Kodi 1.1.1). */
  private _last = { positionSec: 0, durationSec: 0 }

  override _onUrlParams(params: Router.PageParams): void {
    this._item = this.services.catalog.find((item) => item.id === params.id) ?? null
    this._startAtSec = Number(params.startAtSec) || 0
  }

  override _active(): void {
    const item = this._item
    if (!item) return Router.navigate('home', false)
    const overlay = this.tag('Overlay')!
    overlay.describe(
      item.title,
      item.mediaType === 'episode'
        ? `${episodeLabel({ kind: 'episode', season: item.season ?? null, episode: item.episode ?? null })} “${item.episodeTitle ?? ''}”`
        : item.year
          ? t('labels.movieYear', { year: item.year })
          : t('labels.movie'),
    )
    overlay.tracking(this.services.playback.status)
    this._unsubscribe = this.services.playback.onStatus((status) => overlay.tracking(status))
    this._unwatch = this.services.screens.lifecycle.subscribe((seen) => this._onVisibility(seen))
    this._started = false
    this._failed = false
    const source = this.services.chooseVideoSource(item.sources)
    if (!source) return this._fail('noSource')
    // A streamed source (https, or the emulator's samples) is already a whole URL.
    const src = /^https?:\/\//.test(source.src) ? source.src : Utils.asset(source.src)
    const video = (this._video = this.services.createVideo(src, this._startAtSec))
    this._tracked = this.services.playback.begin(item, () => this._position(item))
    video.on('playing', () => this._onPlaying())
    video.on('timeupdate', () => this._updateOverlay())
    video.on('ended', () => this._leave())
    video.on('error', () => this._fail(video.failure ?? 'unsupported'))
    this._armStartTimer()
    video.play()
    this._showOverlay()
  }

  /**
   * The TV hid the app (Home button, another input): the video pauses and the
   * pause is reported at once, so nothing heartbeats a frozen position; back
   * on screen it stays paused until the viewer presses play. An app being
   * closed ends the session with its one stop.
   */
  private _onVisibility(visibility: Visibility): void {
    if (visibility === 'closing') return this._leave()
    if (visibility === 'visible') return this._showOverlay()
    const video = this._video
    if (!video || this._failed) return
    this._clearStartTimer()
    video.pause()
    void this._tracked?.then((tracked) => tracked.suspend())
  }

  override _inactive(): void {
    this._finish()
  }

  get announce(): string {
    return this._item?.title ?? ''
  }

  private _position(item: CatalogItem) {
    const video = this._video
    if (video) {
      this._last = {
        positionSec: video.positionSec,
        durationSec: video.durationSec || item.durationSec,
      }
    }
    return this._last
  }

  /** The picture moves: the first time, this is the start PunchPlay hears of. */
  private _onPlaying(): void {
    if (!this._started) {
      this._started = true
      this._clearStartTimer()
      this._showOverlay()
    }
    void this._tracked?.then((tracked) => tracked.playing())
  }

  /**
   * Stops for good and says why. A session that had started sends its one stop;
   * one that never did sends nothing (the tracker's rule). No hide timer: the
   * reason stays until Back.
   */
  private _fail(failure: Failure): void {
    if (this._failed) return
    this._failed = true
    this._stopPlayback()
    const reason = t(REASONS[failure])
    const overlay = this.tag('Overlay')!
    overlay.fail(reason)
    overlay.setSmooth('alpha', 1, { duration: 0.15 })
    this.services.announcer.say(reason)
  }

  private _armStartTimer(): void {
    this._clearStartTimer()
    this._startTimer = setTimeout(() => this._fail('timeout'), START_TIMEOUT_MS)
  }

  private _clearStartTimer(): void {
    if (this._startTimer) clearTimeout(this._startTimer)
    this._startTimer = null
  }

  private _showOverlay(): void {
    if (this._failed) return
    this._updateOverlay()
    this.tag('Overlay')!.setSmooth('alpha', 1, { duration: 0.15 })
    if (this._hideTimer) clearTimeout(this._hideTimer)
    this._hideTimer = null
    // Before the picture starts, "Starting…" stays: a black screen alone says nothing.
    if (!this._started) return
    this._hideTimer = setTimeout(
      () => this.tag('Overlay')!.setSmooth('alpha', 0, { duration: 0.3 }),
      OVERLAY_MS,
    )
  }

  private _updateOverlay(): void {
    const video = this._video
    if (!video || this._failed) return
    const state = !this._started
      ? t('player.starting')
      : video.paused
        ? t('player.paused')
        : t('player.playing')
    this.tag('Overlay')!.progress(state, video.positionSec, video.durationSec)
  }

  /** A press of the viewer's: the only thing that reports pause or resume. */
  private _setPlaying(playing: boolean): void {
    const video = this._video
    if (!video) return
    // Before the start there is nothing to pause; a press retries a play() the engine refused
    // (or one paused while the app was hidden), with a fresh wait for the picture.
    if (!this._started) {
      if (!this._startTimer) this._armStartTimer()
      return video.play()
    }
    if (playing) video.play()
    else video.pause()
    void this._tracked?.then((tracked) => tracked.setPlaying(playing))
  }

  /** Stops reporting (one stop, at the last position, if it ever started) and removes the video. */
  private _stopPlayback(): void {
    if (this._hideTimer) clearTimeout(this._hideTimer)
    this._hideTimer = null
    this._clearStartTimer()
    const tracked = this._tracked
    this._tracked = null
    void tracked?.then((playback) => playback.stop())
    // The stop above reads the position once the start has resolved: keep it until then.
    if (this._item) this._position(this._item)
    this._video?.destroy()
    this._video = null
  }

  private _finish(): void {
    this._stopPlayback()
    this._unsubscribe?.()
    this._unsubscribe = null
    this._unwatch?.()
    this._unwatch = null
  }

  private _leave(): void {
    this._finish()
    Router.navigate('home', false)
  }

  override _captureKey(): boolean {
    this._showOverlay()
    return false
  }

  override _handleEnter(): void {
    if (this._video) this._setPlaying(this._video.paused)
  }

  _handlePlayPause(): void {
    this._handleEnter()
  }

  _handlePlay(): void {
    this._setPlaying(true)
  }

  _handlePause(): void {
    this._setPlaying(false)
  }

  override _handleLeft(): void {
    this._video?.seekBy(-SEEK_SEC)
  }

  _handleRewind(): void {
    this._handleLeft()
  }

  override _handleRight(): void {
    this._video?.seekBy(SEEK_SEC)
  }

  _handleFastForward(): void {
    this._handleRight()
  }

  /**
   * Menu switches viewer: the playback stops first (its one stop goes out
   * under the viewer who started it), then "Who's watching?" asks.
   */
  _handleMenu(): void {
    this.services.viewers.switchViewer()
  }

  _handleStop(): void {
    this._leave()
  }

  override _handleBack(): boolean {
    this._leave()
    return true
  }
}
