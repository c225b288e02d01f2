import { Lightning, Router } from '@lightningjs/sdk'
import type { ViewersView } from '../../app/viewers.ts'
import { backHint } from '../components/BackHint.ts'
import { backdrop } from '../components/Backdrop.ts'
import { VIEWER_TILE, ViewerTile, type ViewerTileData } from '../components/ViewerTile.ts'
import { wordmark } from '../components/Wordmark.ts'
import { t } from '../i18n.ts'
import { colors, safeArea, stage, textStyle, type } from '../theme.ts'
import { Page } from './Page.ts'

export interface ViewersPageSpec extends Lightning.Component.TemplateSpec {
  Backdrop: object
  Header: object
  Title: object
  Row: object
  Hint: object
  BackHint: object
}

const GAP = 48
const ADD_COLOUR = '#3a4656'

/**
 * "Who's watching?": every viewer of this TV as a badge with name and
 * colour, the last active one focused, and "Add a viewer". Remote only:
 * left/right choose, OK opens that viewer's home (or pairs a disconnected
 * one again), Back asks the exit question.
 */
export class ViewersPage
  extends Page<ViewersPageSpec>
  implements Lightning.Component.ImplementTemplateSpec<ViewersPageSpec>
{
  static override _template(): Lightning.Component.Template<ViewersPageSpec> {
    return {
      Backdrop: backdrop(),
      Header: { x: safeArea.left, y: safeArea.top, ...wordmark() },
      Title: {
        x: stage.w / 2,
        y: 220,
        mountX: 0.5,
        text: textStyle(type.title, colors.text, { bold: true }),
      },
      Row: { y: 400 },
      Hint: { x: stage.w / 2, y: 800, mountX: 0.5, text: textStyle(type.small, colors.muted) },
      BackHint: backHint(),
    }
  }

  private _index = 0
  /** The ids of the tiles in order; null is "Add a viewer". */
  private _ids: (string | null)[] = []
  private _close: (() => void) | null = null
  private _focusSet = false

  get announce(): string {
    return t('viewers.title')
  }

  override _active(): void {
    this.patch({
      Title: { text: { text: t('viewers.title') } },
      Hint: { text: { text: t('viewers.hint') } },
      BackHint: { text: { text: t('viewers.backHint') } },
    })
    this._focusSet = false
    this._close = this.services.viewers.open((view) => this._render(view))
  }

  override _inactive(): void {
    this._close?.()
    this._close = null
  }

  private _render(view: ViewersView): void {
    const focusedId = this._ids[this._index]
    const count = view.viewers.length
    const tiles: ViewerTileData[] = view.viewers.map((viewer, i) => ({
      label: viewer.label,
      initial: viewer.initial,
      colour: viewer.colour,
      note: viewer.connected ? '' : t('viewers.disconnected'),
      action: viewer.connected ? '' : t('viewers.pairAgain'),
      announce: viewer.connected
        ? t('viewers.viewerAnnounce', { name: viewer.label, position: i + 1, count })
        : t('viewers.disconnectedAnnounce', { name: viewer.label }),
    }))
    this._ids = view.viewers.map((viewer) => viewer.id)
    if (view.canAdd) {
      tiles.push({
        label: t('viewers.add'),
        initial: '+',
        colour: ADD_COLOUR,
        note: '',
        action: '',
        announce: t('viewers.addAnnounce'),
      })
      this._ids.push(null)
    }
    const width = tiles.length * VIEWER_TILE.w + (tiles.length - 1) * GAP
    const left = (stage.w - width) / 2
    this.tag('Row')!.children = tiles.map((data, i) => ({
      type: ViewerTile,
      ref: i < count ? `Viewer${i}` : 'AddViewer',
      x: left + i * (VIEWER_TILE.w + GAP),
      data,
    }))
    // Focus starts on the last active viewer; later renders keep it where the viewer put it.
    const kept = focusedId === undefined ? -1 : this._ids.indexOf(focusedId)
    this._index = !this._focusSet ? view.focusIndex : kept >= 0 ? kept : 0
    this._focusSet = true
    this._refocus()
  }

  override _getFocused() {
    return this.tag('Row')!.children[this._index] as Lightning.Component | undefined
  }

  override _handleLeft(): void {
    this._index = Math.max(0, this._index - 1)
  }

  override _handleRight(): void {
    this._index = Math.min(this._ids.length - 1, this._index + 1)
  }

  override _handleEnter(): void {
    const id = this._ids[this._index]
    if (id === undefined) return
    if (id === null) {
      if (this.services.viewers.add()) Router.navigate('pairing')
      return
    }
    void this.services.viewers.pick(id).then((outcome) => {
      // A chosen viewer's home follows from the session (follow-session.ts).
      if (outcome === 'pairing') Router.navigate('pairing')
    })
  }

  override _handleBack(): boolean {
    this.askToExit()
    return true
  }
}
