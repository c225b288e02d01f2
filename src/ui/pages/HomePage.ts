import { Lightning, Router } from '@lightningjs/sdk'
import {
  inProgressRequest,
  nowPlayingRequest,
  removeInProgressRequest,
  type PlaybackView,
} from '../../core/api/playback-reads.ts'
import { ScopeError } from '../../core/errors.ts'
import { startPlaybackFeed } from '../../core/live/playback-feed.ts'
import type { CatalogItem } from '../../core/playback/catalog.ts'
import { backdrop } from '../components/Backdrop.ts'
import { Banner } from '../components/Banner.ts'
import { ConfirmDialog, type Question } from '../components/ConfirmDialog.ts'
import { PlaybackHero } from '../components/PlaybackHero.ts'
import { Rail } from '../components/Rail.ts'
import type { TileData } from '../components/Tile.ts'
import { ViewerChip } from '../components/ViewerChip.ts'
import { wordmark } from '../components/Wordmark.ts'
import { failureText, hasRequestId } from '../failure-text.ts'
import { t } from '../i18n.ts'
import { duration, episodeLabel, fullTitle, timeLeftLabel } from '../labels.ts'
import { artColors, safeArea, stage } from '../theme.ts'
import { Page, type PageTypeConfig } from './Page.ts'

export interface HomePageSpec extends Lightning.Component.TemplateSpec {
  Backdrop: object
  Header: object
  Viewer: typeof ViewerChip
  Hero: typeof PlaybackHero
  Continue: typeof Rail
  Watch: typeof Rail
  Connected: typeof Banner
  Dialog: typeof ConfirmDialog
}

interface HomeTypeConfig extends PageTypeConfig {
  HistoryStateType: { area: Area }
}

type Area = 'Viewer' | 'Hero' | 'Continue' | 'Watch' | 'Dialog'

const NOTICE_MS = 1500
const ERROR_MS = 6000

const catalogTile = (item: CatalogItem): TileData => ({
  title: item.title,
  label: `${episodeLabel({ kind: item.mediaType, season: item.season ?? null, episode: item.episode ?? null })} · ${duration(item.durationSec)}`,
  progress: null,
  colors: item.colors,
})

const progressTile = (view: PlaybackView, match: CatalogItem | undefined): TileData => ({
  title: view.title,
  label: timeLeftLabel(view),
  progress: view.progressPercent / 100,
  colors: match?.colors ?? artColors(view.title),
})

/**
 * Home: who is signed in, "Now playing" and "Continue watching" read fresh on
 * every visit and every change event (never cached), and the local catalog.
 */
export class HomePage
  extends Page<HomePageSpec, HomeTypeConfig>
  implements Lightning.Component.ImplementTemplateSpec<HomePageSpec>
{
  static override _template(): Lightning.Component.Template<HomePageSpec> {
    return {
      Backdrop: backdrop(),
      Header: { x: safeArea.left, y: safeArea.top, ...wordmark() },
      Viewer: { type: ViewerChip, x: stage.w - safeArea.right, y: safeArea.top - 4, mountX: 1 },
      Hero: {
        type: PlaybackHero,
        x: safeArea.left,
        y: 140,
        signals: { retry: '_retry', details: '_details' },
      },
      Continue: {
        type: Rail,
        x: safeArea.left,
        y: 396,
        signals: { select: '_resume', remove: '_askRemove' },
      },
      Watch: { type: Rail, x: safeArea.left, y: 716, signals: { select: '_play' } },
      Connected: { type: Banner, x: stage.w / 2, y: safeArea.top, mountX: 0.5 },
      Dialog: {
        type: ConfirmDialog,
        visible: false,
        signals: { confirmed: '_dialogConfirmed', cancelled: '_dialogCancelled' },
      },
    }
  }

  private _area: Area = 'Watch'
  private _inProgress: PlaybackView[] = []
  /** The entry the open dialog asks to remove. */
  private _question: PlaybackView | null = null
  private _loading: AbortController | null = null
  private _stopFeed: (() => void) | null = null

  /** Right after pairing, the route carries who was connected (PairingPage). */
  override _onUrlParams(params: Router.PageParams): void {
    if (typeof params.connectedAs === 'string') {
      this._notice(t('home.connectedAs', { name: params.connectedAs }))
    }
  }

  /**
   * Back from Account or Diagnostics lands where the viewer left (Router
   * history). No refocus here: the Router calls this before the page is the
   * active one, and focuses it itself right after.
   */
  override historyState(state?: { area: Area }): { area: Area } {
    if (state) this._area = state.area === 'Dialog' ? 'Watch' : state.area
    return { area: this._area }
  }

  get announce(): string {
    return t('home.announce')
  }

  override _active(): void {
    const state = this.services.session.state
    this.tag('Viewer')!.name = state.signedIn
      ? (state.username ?? t('home.viewerFallback'))
      : t('home.notSignedIn')
    this.patch({
      Continue: { heading: t('home.continue'), removeHint: t('home.removeHint') },
      Watch: { heading: t('home.watch') },
    })
    this.tag('Watch')!.show(this.services.catalog.map(catalogTile), t('home.catalogEmpty'))
    const hero = this.tag('Hero')!
    hero.message(t('home.loading'), t('home.loadingDetail'))
    this.tag('Continue')!.show([], t('home.loading'))
    void this._load()
    this._stopFeed = startPlaybackFeed({
      session: this.services.session,
      clock: this.services.clock,
      onChange: () => void this._load(),
      onLive: (live) => (hero.live = live),
    })
  }

  override _inactive(): void {
    this._stopFeed?.()
    this._stopFeed = null
    this._loading?.abort()
    this._loading = null
  }

  /**
   * The two reads are independent: one that fails leaves the other on show,
   * with a message in place of what could not be read.
   */
  private async _load(): Promise<void> {
    this._loading?.abort()
    const loading = (this._loading = new AbortController())
    const state = this.services.session.state
    if (!state.signedIn || !state.scopes.canReadPlayback) return this._relink()
    await Promise.all([this._loadNowPlaying(loading.signal), this._loadInProgress(loading.signal)])
    if (!loading.signal.aborted) this._settleFocus()
  }

  private async _loadNowPlaying(signal: AbortSignal): Promise<void> {
    const hero = this.tag('Hero')!
    try {
      const now = await this.services.session.send(nowPlayingRequest(signal))
      if (!signal.aborted) hero.show(now)
    } catch (error) {
      if (signal.aborted) return
      if (error instanceof ScopeError) hero.message(t('home.relinkTitle'), t('home.relink'))
      else hero.failed(t('home.loadFailed'), failureText(error), hasRequestId(error))
    }
  }

  private async _loadInProgress(signal: AbortSignal): Promise<void> {
    try {
      const views = await this.services.session.send(inProgressRequest(signal))
      if (!signal.aborted) this._showInProgress(views)
    } catch (error) {
      if (signal.aborted) return
      this._inProgress = []
      const text =
        error instanceof ScopeError
          ? t('home.relink')
          : t('home.continueFailed', { reason: failureText(error) })
      this.tag('Continue')!.show([], text)
    }
  }

  private _showInProgress(views: PlaybackView[]): void {
    this._inProgress = views
    const tiles = views.map((view) => progressTile(view, this._inCatalog(view)))
    this.tag('Continue')!.show(tiles, t('home.nothingToContinue'))
  }

  private _relink(): void {
    this.tag('Hero')!.message(t('home.relinkTitle'), t('home.relink'))
    this._inProgress = []
    this.tag('Continue')!.show([], t('home.relink'))
    this._settleFocus()
  }

  /** Focus never rests on something that does nothing. */
  private _settleFocus(): void {
    if (this._area === 'Continue' && this.tag('Continue')!.count === 0) this._area = 'Watch'
    if (this._area === 'Hero' && !this.tag('Hero')!.actionable) this._area = 'Watch'
    this._refocus()
  }

  /** Top to bottom: the viewer chip (→ Account), then what is on the page. */
  private _areas(): Area[] {
    const areas: Area[] = ['Viewer']
    if (this.tag('Hero')!.actionable) areas.push('Hero')
    if (this.tag('Continue')!.count > 0) areas.push('Continue')
    areas.push('Watch')
    return areas
  }

  /** While a restored area is still loading, focus waits on the catalog. */
  override _getFocused() {
    const usable = this._area === 'Dialog' || this._areas().includes(this._area)
    return this.tag(usable ? this._area : 'Watch')
  }

  override _handleUp(): void {
    const areas = this._areas()
    this._area = areas[Math.max(0, areas.indexOf(this._area) - 1)] ?? this._area
  }

  override _handleDown(): void {
    const areas = this._areas()
    this._area = areas[Math.min(areas.length - 1, areas.indexOf(this._area) + 1)] ?? this._area
  }

  override _handleEnter(): void {
    if (this._area === 'Viewer') Router.navigate('account')
  }

  _retry(): void {
    void this._load()
  }

  _details(): void {
    Router.navigate('diagnostics')
  }

  override _handleBack(): boolean {
    this.askToExit()
    return true
  }

  /** Hold OK, Info or Menu on a Continue-watching tile (Rail). */
  _askRemove(index: number): void {
    const view = this._inProgress[index]
    if (!view) return
    if (view.id === null) return this._notice(t('home.cannotRemove'), 'error')
    this._ask(view, {
      title: t('home.removeTitle'),
      detail: fullTitle(view),
      confirm: t('home.remove'),
      cancel: t('common.cancel'),
    })
  }

  private _ask(question: PlaybackView, words: Question): void {
    this._question = question
    this.tag('Dialog')!.open(words)
    this._area = 'Dialog'
  }

  _dialogConfirmed(): void {
    const question = this._question
    this._closeDialog('Continue')
    if (!question) return
    void this._remove(question)
  }

  _dialogCancelled(): void {
    this._closeDialog('Continue')
  }

  private _closeDialog(area: Area): void {
    this.tag('Dialog')!.close()
    this._area = area
    this._settleFocus()
  }

  /** DELETE answers 204, and a 404 means it is gone already: both remove the tile. */
  private async _remove(view: PlaybackView): Promise<void> {
    try {
      await this.services.session.send(removeInProgressRequest(view.id!))
    } catch (error) {
      return this._notice(t('home.removeFailed', { reason: failureText(error) }), 'error')
    }
    // The rail keeps its position, so focus lands on the next tile (or the one before the last).
    this._showInProgress(this._inProgress.filter((entry) => entry !== view))
    this._settleFocus()
  }

  _play(index: number): void {
    const item = this.services.catalog[index]
    if (item) Router.navigate(`player/${item.id}`, false)
  }

  _resume(index: number): void {
    const view = this._inProgress[index]
    const item = view && this._inCatalog(view)
    if (!item) return this._notice(t('home.notInCatalog'))
    Router.navigate(`player/${item.id}`, { startAtSec: view.positionSec ?? 0 }, false)
  }

  private _inCatalog(view: PlaybackView): CatalogItem | undefined {
    return this.services.catalog.find((entry) => matches(entry, view))
  }

  private _notice(text: string, tone: 'success' | 'error' = 'success'): void {
    this.tag('Connected')!.show(tone, text, tone === 'error' ? ERROR_MS : NOTICE_MS)
  }
}

function matches(item: CatalogItem, view: PlaybackView): boolean {
  return (
    item.title === view.title &&
    (view.kind !== 'episode' || (item.season === view.season && item.episode === view.episode))
  )
}
