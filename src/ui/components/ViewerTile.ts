import { Lightning } from '@lightningjs/sdk'
import { colors, hexColor, radius, textStyle, type } from '../theme.ts'
import { focusRing, showFocus } from './focus.ts'

export const VIEWER_TILE = { w: 240, h: 300, badge: 160 } as const

export interface ViewerTileData {
  /** The name under the badge. */
  readonly label: string
  /** The letter in the badge; '+' for "Add a viewer". */
  readonly initial: string
  readonly colour: string
  /** The line under the name: "Disconnected", or nothing. */
  readonly note: string
  /** The second line: "OK: pair again", or nothing. */
  readonly action: string
  /** What spoken guidance says when the tile takes focus. */
  readonly announce: string
}

export interface ViewerTileSpec extends Lightning.Component.TemplateSpec {
  data: ViewerTileData
  Ring: object
  Badge: { Initial: object }
  Name: object
  Note: object
  Action: object
}

/** One viewer on "Who's watching?": a round badge in their colour with the initial, the name below. */
export class ViewerTile
  extends Lightning.Component<ViewerTileSpec>
  implements Lightning.Component.ImplementTemplateSpec<ViewerTileSpec>
{
  static override _template(): Lightning.Component.Template<ViewerTileSpec> {
    const { w, badge } = VIEWER_TILE
    const line = (color: number) => ({
      ...textStyle(type.small, color, { wrap: w, maxLines: 1 }),
      textAlign: 'center' as const,
    })
    return {
      w,
      h: VIEWER_TILE.h,
      Ring: focusRing(w, VIEWER_TILE.h, radius.card),
      Badge: {
        x: (w - badge) / 2,
        y: 10,
        w: badge,
        h: badge,
        Initial: {
          x: badge / 2,
          y: badge / 2 + 4,
          mount: 0.5,
          text: textStyle(type.title, colors.text, { bold: true }),
        },
      },
      Name: { y: badge + 26, w, text: { ...line(colors.text), fontSize: type.body } },
      Note: { y: badge + 72, w, text: line(colors.waiting) },
      Action: { y: badge + 106, w, text: line(colors.muted) },
    }
  }

  private _announce = ''

  set data(data: ViewerTileData) {
    this._announce = data.announce
    const { badge } = VIEWER_TILE
    this.patch({
      Badge: {
        texture: Lightning.Tools.getRoundRect(
          badge,
          badge,
          badge / 2,
          0,
          0,
          true,
          hexColor(data.colour),
        ),
        alpha: data.note ? 0.5 : 1,
        Initial: { text: { text: data.initial } },
      },
      Name: { text: { text: data.label } },
      Note: { text: { text: data.note } },
      Action: { text: { text: data.action } },
    })
  }

  get announce(): string {
    return this._announce
  }

  override _focus(): void {
    showFocus(this, this.tag('Ring')!, true)
  }

  override _unfocus(): void {
    showFocus(this, this.tag('Ring')!, false)
  }
}
