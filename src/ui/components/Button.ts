import { Lightning } from '@lightningjs/sdk'
import { colors, focus, fonts, radius, type } from '../theme.ts'

export interface ButtonSpec extends Lightning.Component.TemplateSpec {
  label: string
  Ring: object
  Body: object
  Label: object
}

const RING_GAP = 10

/**
 * A focusable button with the always-visible focus style of shared/ux: a 6 px
 * white ring and a 1.06 scale-up, animated within 150 ms.
 */
export class Button
  extends Lightning.Component<ButtonSpec>
  implements Lightning.Component.ImplementTemplateSpec<ButtonSpec>
{
  static override _template(): Lightning.Component.Template<ButtonSpec> {
    return {
      w: 320,
      h: 88,
      Ring: { alpha: 0 },
      Body: {},
      Label: {
        mount: 0.5,
        text: { text: '', fontFace: fonts.text, fontSize: type.body, textColor: colors.text },
      },
    }
  }

  private _label = ''

  get label(): string {
    return this._label
  }

  set label(value: string) {
    this._label = value
    this.tag('Label')?.patch({ text: { text: value } })
  }

  override _firstActive(): void {
    this._layout()
  }

  private _layout(): void {
    const { w, h } = this
    this.pivot = 0.5
    this.tag('Body')!.texture = Lightning.Tools.getRoundRect(
      w,
      h,
      radius.button,
      0,
      0,
      true,
      colors.surface,
    )
    this.tag('Ring')!.patch({
      x: -RING_GAP,
      y: -RING_GAP,
      texture: Lightning.Tools.getRoundRect(
        w + RING_GAP * 2,
        h + RING_GAP * 2,
        radius.button + RING_GAP,
        focus.ringWidth,
        colors.focusRing,
        false,
        0,
      ),
    })
    this.tag('Label')!.patch({ x: w / 2, y: h / 2 + 2 })
  }

  override _focus(): void {
    this.tag('Ring')!.setSmooth('alpha', 1, { duration: focus.durationSec })
    this.setSmooth('scale', focus.scale, { duration: focus.durationSec })
  }

  override _unfocus(): void {
    this.tag('Ring')!.setSmooth('alpha', 0, { duration: focus.durationSec })
    this.setSmooth('scale', 1, { duration: focus.durationSec })
  }
}
