import { Lightning } from '@lightningjs/sdk'
import { colors, focus, fonts, safeArea, type } from '../theme.ts'
import { railOffset } from './rail-scroll.ts'
import { TILE, Tile, type TileData } from './Tile.ts'

export interface RailSpec extends Lightning.Component.TemplateSpec {
  heading: string
  /** Shown beside the heading while a tile has focus; set for rails whose tiles can be removed. */
  removeHint: string
  Heading: object
  Hint: object
  Items: object
  Empty: object
}

export interface RailSignals extends Lightning.Component.SignalMap {
  select(index: number): void
  remove(index: number): void
}

interface RailTypeConfig extends Lightning.Component.TypeConfig {
  SignalMapType: RailSignals
}

const GAP = 44
/** How long OK is held to mean "remove" rather than "open". */
export const HOLD_MS = 800

/**
 * A titled row of tiles; Left/Right move within it and scroll it, OK selects.
 * In a rail with a remove hint, OK selects on release instead, so that holding
 * it (HOLD_MS), or pressing Info or Menu, can ask to remove the tile.
 */
export class Rail
  extends Lightning.Component<RailSpec, RailTypeConfig>
  implements Lightning.Component.ImplementTemplateSpec<RailSpec>
{
  static override _template(): Lightning.Component.Template<RailSpec> {
    return {
      Heading: {
        text: {
          text: '',
          fontFace: fonts.text,
          fontSize: type.heading - 4,
          fontStyle: 'bold',
          textColor: colors.text,
        },
      },
      Hint: {
        x: safeArea.w,
        y: 8,
        mountX: 1,
        visible: false,
        text: { text: '', fontFace: fonts.text, fontSize: type.small, textColor: colors.muted },
      },
      Items: { y: 64 },
      Empty: {
        y: 64,
        visible: false,
        text: { text: '', fontFace: fonts.text, fontSize: type.small, textColor: colors.muted },
      },
    }
  }

  private _index = 0
  private _offset = 0
  private _heading = ''
  private _removable = false
  /** An OK press that started on this rail and has not been used up by a hold. */
  private _pressed = false

  set heading(value: string) {
    this._heading = value
    this.tag('Heading')!.patch({ text: { text: value } })
  }

  set removeHint(value: string) {
    this._removable = value !== ''
    this.tag('Hint')!.patch({ text: { text: value } })
  }

  /** Said when focus enters the rail, before the tile's own words. */
  get announce(): string {
    const hint = this.tag('Hint')!.text?.text
    return this._removable && hint ? `${this._heading}. ${String(hint)}` : this._heading
  }

  get count(): number {
    return this.tag('Items')!.children.length
  }

  /** Replaces the tiles, keeping the focused position where it can. */
  show(items: readonly TileData[], emptyText: string): void {
    this.tag('Items')!.children = items.map((data, index) => ({
      ref: `Tile${index}`,
      type: Tile,
      x: index * (TILE.w + GAP),
      // Lightning calls _handleEnterLong when OK stays down this long.
      ...(this._removable ? { longpress: { enter: HOLD_MS } } : {}),
      data,
    }))
    this.tag('Empty')!.patch({ visible: items.length === 0, text: { text: emptyText } })
    this._index = Math.min(this._index, Math.max(0, items.length - 1))
    this._scrollToFocus()
    this._refocus()
  }

  private _scrollToFocus(): void {
    this._offset = railOffset(this._offset, this._index, {
      stride: TILE.w + GAP,
      tileWidth: TILE.w,
      viewWidth: safeArea.w,
      focusGrowth: (TILE.w * (focus.scale - 1)) / 2,
    })
    this.tag('Items')!.setSmooth('x', this._offset, { duration: 0.2 })
  }

  override _getFocused(): Lightning.Component {
    return (this.tag('Items')!.children[this._index] as Lightning.Component | undefined) ?? this
  }

  override _handleLeft(): boolean {
    if (this._index === 0) return false
    this._index--
    this._scrollToFocus()
    return true
  }

  override _handleRight(): boolean {
    if (this._index >= this.count - 1) return false
    this._index++
    this._scrollToFocus()
    return true
  }

  override _focus(): void {
    this.tag('Hint')!.visible = this._removable && this.count > 0
  }

  override _unfocus(): void {
    this.tag('Hint')!.visible = false
    this._pressed = false
  }

  override _handleEnter(): void {
    if (this.count === 0) return
    if (this._removable) this._pressed = true
    else this.signal('select', this._index)
  }

  override _handleEnterRelease(): void {
    if (!this._pressed) return
    this._pressed = false
    this.signal('select', this._index)
  }

  _handleEnterLong(): void {
    if (!this._pressed) return
    this._pressed = false
    this.signal('remove', this._index)
  }

  _handleInfo(): boolean {
    return this._askRemove()
  }

  _handleMenu(): boolean {
    return this._askRemove()
  }

  private _askRemove(): boolean {
    if (!this._removable || this.count === 0) return false
    this.signal('remove', this._index)
    return true
  }
}
