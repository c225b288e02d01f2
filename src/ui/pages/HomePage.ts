import { Lightning, Router } from '@lightningjs/sdk'
import type { HomeView } from '../../app/home-feed.ts'
import type { PlaybackView } from '../../core/api/playback-reads.ts'
import { backdrop } from '../components/Backdrop.ts'
import { Banner } from '../components/Banner.ts'
import { ConfirmDialog } from '../components/ConfirmDialog.ts'
import { removeQuestion } from '../components/home-questions.ts'
import { PlaybackHero } from '../components/PlaybackHero.ts'
import { Rail } from '../components/Rail.ts'
import { ViewerChip } from '../components/ViewerChip.ts'
import { wordmark } from '../components/Wordmark.ts'
import { t } from '../i18n.ts'
import { safeArea, stage } from '../theme.ts'
import { Page, type PageTypeConfig } from './Page.ts'
import { HomeAreas, type Area } from './home-areas.ts'
import { homeSettled, renderHome, type HomeParts } from './home-render.ts'

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

/** Renders the home feed (src/app/home-feed.ts) and forwards the remote's keys to it. */
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
        signals: { confirmed: '_dialogConfirmed', cancelled: '_closeDialog' },
      },
    }
  }

  private _areas = new HomeAreas(() => ({
    hero: this.tag('Hero')!.actionable,
    continue: this.tag('Continue')!.count > 0,
  }))
  /** The entry the open dialog asks to remove; null while no dialog is open. */
  private _question: PlaybackView | null = null
  private _close: (() => void) | null = null
  private _shown: HomeView | null = null

  /** Right after pairing, the route carries who was connected (PairingPage). */
  override _onUrlParams(params: Router.PageParams): void {
    if (typeof params.connectedAs === 'string') {
      this.tag('Connected')!.notice(t('home.connectedAs', { name: params.connectedAs }))
    }
  }

  /**
   * Back from Account or Diagnostics lands where the viewer left (Router
   * history). No refocus here: the Router calls this before the page is the
   * active one, and focuses it itself right after.
   */
  override historyState(state?: { area: Area }): { area: Area } {
    if (state) this._areas.area = state.area
    return { area: this._areas.area }
  }

  get announce(): string {
    return t('home.announce')
  }

  override _active(): void {
    this.patch({
      Continue: { heading: t('home.continue'), removeHint: t('home.removeHint') },
      Watch: { heading: t('home.watch') },
    })
    this._shown = null
    const active = this.services.viewers.view.viewers.find((viewer) => viewer.active)
    this.tag('Viewer')!.colour = active?.colour ?? null
    this._close = this.services.screens.home.open((view) => this._render(view))
  }

  override _inactive(): void {
    this._close?.()
    this._close = null
  }

  private _render(view: HomeView): void {
    renderHome(this._parts(), view, this._shown)
    this._shown = view
    // Focus waits on the catalog until both reads have answered.
    if (homeSettled(view)) this._settleFocus()
  }

  private _parts(): HomeParts {
    const [viewer, hero, banner] = [this.tag('Viewer')!, this.tag('Hero')!, this.tag('Connected')!]
    return { viewer, hero, continueRail: this.tag('Continue')!, watch: this.tag('Watch')!, banner }
  }

  /** Focus never rests on something that does nothing. */
  private _settleFocus(): void {
    this._areas.settle()
    this._refocus()
  }

  override _getFocused() {
    return this.tag(this._question ? 'Dialog' : this._areas.focused)
  }

  override _handleUp(): void {
    this._areas.step(-1)
  }

  override _handleDown(): void {
    this._areas.step(1)
  }

  override _handleEnter(): void {
    if (this._areas.area === 'Viewer') Router.navigate('account')
  }

  _retry(): void {
    this.services.screens.home.reload()
  }

  _details(): void {
    Router.navigate('diagnostics')
  }

  override _handleBack(): boolean {
    this.askToExit()
    return true
  }

  /** Hold OK, Info or Menu on a Continue-watching tile (Rail) asks before the entry goes. */
  _askRemove(index: number): void {
    const view = this.services.screens.home.removal(index)
    if (!view) return
    this._question = view
    this.tag('Dialog')!.open(removeQuestion(view))
  }

  async _dialogConfirmed(): Promise<void> {
    const question = this._question
    this._closeDialog()
    if (question) await this.services.screens.home.remove(question)
  }

  /** Either answer returns to the rail the question was asked on. */
  _closeDialog(): void {
    this.tag('Dialog')!.close()
    this._question = null
    this._areas.area = 'Continue'
    this._settleFocus()
  }

  _play(index: number): void {
    const itemId = this.services.screens.home.play(index)
    if (itemId) Router.navigate(`player/${itemId}`, false)
  }

  _resume(index: number): void {
    const target = this.services.screens.home.resume(index)
    if (target) Router.navigate(`player/${target.itemId}`, { startAtSec: target.startAtSec }, false)
  }
}
