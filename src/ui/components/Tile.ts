import { Lightning } from '@lightningjs/sdk'
import { colors, hexColor, radius, textStyle, type } from '../theme.ts'
import { focusRing, showFocus } from './focus.ts'

export interface TileData {
  readonly title: string
  readonly label: string
  /** 0..1, or null for no progress strip. */
  readonly progress: number | null
  readonly colors: readonly [string, string]
}

export interface TileSpec extends Lightning.Component.TemplateSpec {
  data: TileData
  Ring: object
  Body: object
  Art: object
  Strip: object
  Title: object
  Label: object
}

export const TILE = { w: 400, h: 225, art: 150 } as const

/** A 400x225 tile: generated gradient artwork, progress strip, title and one line under it. */
export class Tile
  extends Lightning.Component<TileSpec>
  implements Lightning.Component.ImplementTemplateSpec<TileSpec>
{
  static override _template(): Lightning.Component.Template<TileSpec> {
    const line = { wrap: TILE.w - 32, maxLines: 1 }
    return {
      w: TILE.w,
      h: TILE.h,
      Ring: focusRing(TILE.w, TILE.h),
      Body: {
        texture: Lightning.Tools.getRoundRect(
          TILE.w,
          TILE.h,
          radius.button,
          0,
          0,
          true,
          colors.surface,
        ),
      },
      Art: {
        rect: true,
        w: TILE.w,
        h: TILE.art,
        shader: {
          type: Lightning.shaders.RoundedRectangle,
          radius: [radius.button, radius.button, 0, 0],
        },
      },
      Strip: { rect: true, y: TILE.art - 6, h: 6, w: 0, color: colors.accent },
      Title: {
        x: 16,
        y: TILE.art + 8,
        text: textStyle(type.small, colors.text, { ...line, bold: true }),
      },
      Label: {
        x: 16,
        y: TILE.art + 42,
        text: textStyle(type.caption, colors.muted, line),
      },
    }
  }

  private _words = ''

  get announce(): string {
    return this._words
  }

  set data(data: TileData) {
    this._words = `${data.title}, ${data.label}`
    this.patch({
      Art: { colorLeft: hexColor(data.colors[0]), colorRight: hexColor(data.colors[1]) },
      Strip: {
        w:
          data.progress === null ? 0 : Math.round(TILE.w * Math.min(1, Math.max(0, data.progress))),
      },
      Title: { text: { text: data.title } },
      Label: { text: { text: data.label } },
    })
  }

  override _focus(): void {
    showFocus(this, this.tag('Ring')!, true)
  }

  override _unfocus(): void {
    showFocus(this, this.tag('Ring')!, false)
  }
}
