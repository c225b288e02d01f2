import { Lightning } from '@lightningjs/sdk'
import { colors, fonts, radius, type } from '../theme.ts'
import { focusRing, showFocus } from './focus.ts'

export interface ButtonSpec extends Lightning.Component.TemplateSpec {
  label: string
  Ring: object
  Body: object
  Label: object
}

/** A focusable button with the always-visible focus style of shared/ux. */
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

  set label(value: string) {
    this._label = value
    this.tag('Label')!.patch({ text: { text: value } })
  }

  get label(): string {
    return this._label
  }

  get announce(): string {
    return this._label
  }

  override _firstActive(): void {
    const { w, h } = this
    this.tag('Body')!.texture = Lightning.Tools.getRoundRect(
      w,
      h,
      radius.button,
      0,
      0,
      true,
      colors.surface,
    )
    this.tag('Ring')!.patch(focusRing(w, h))
    this.tag('Label')!.patch({ x: w / 2, y: h / 2 + 2 })
  }

  override _focus(): void {
    showFocus(this, this.tag('Ring')!, true)
  }

  override _unfocus(): void {
    showFocus(this, this.tag('Ring')!, false)
  }
}
