import { Lightning } from '@lightningjs/sdk'
import { t } from '../i18n.ts'
import { colors, hexColor, radius, textStyle, type } from '../theme.ts'
import { focusRing, showFocus } from './focus.ts'

export interface ViewerChipSpec extends Lightning.Component.TemplateSpec {
  name: string
  Ring: object
  Badge: { Initial: object }
  Name: object
  Hint: object
}

/** The signed-in viewer: an initial in a coral circle and the name; OK opens Account. */
export class ViewerChip
  extends Lightning.Component<ViewerChipSpec>
  implements Lightning.Component.ImplementTemplateSpec<ViewerChipSpec>
{
  static override _template(): Lightning.Component.Template<ViewerChipSpec> {
    return {
      flex: { direction: 'row', alignItems: 'center', padding: 4 },
      Ring: { flexItem: false, alpha: 0 },
      Badge: {
        w: 64,
        h: 64,
        flexItem: { marginRight: 18 },
        texture: Lightning.Tools.getRoundRect(64, 64, 32, 0, 0, true, colors.accent),
        Initial: {
          x: 32,
          y: 34,
          mount: 0.5,
          text: textStyle(type.body, colors.text, { bold: true }),
        },
      },
      Name: { text: textStyle(type.body, colors.text) },
      Hint: { flexItem: { marginLeft: 10 }, text: textStyle(type.body, colors.muted) },
    }
  }

  private _name = ''

  /** Who is signed in, as the home feed says it: a name, no name given, or nobody. */
  set viewer(viewer: { readonly signedIn: boolean; readonly name: string | null }) {
    this.name = viewer.signedIn ? (viewer.name ?? t('home.viewerFallback')) : t('home.notSignedIn')
  }

  /** The active viewer's own colour (the picker's), coral when there is none. */
  set colour(hex: string | null) {
    const fill = hex ? hexColor(hex) : colors.accent
    this.tag('Badge')!.texture = Lightning.Tools.getRoundRect(64, 64, 32, 0, 0, true, fill)
  }

  set name(value: string) {
    this._name = value
    this.patch({
      Badge: { Initial: { text: { text: value.charAt(0).toUpperCase() } } },
      Name: { text: { text: value } },
      Hint: { text: { text: t('home.account') } },
    })
  }

  get announce(): string {
    return t('home.accountAnnounce', { name: this._name })
  }

  override _focus(): void {
    // The chip's size follows the name: the ring is drawn for the size flex layout gave it.
    this.tag('Ring')!.patch(focusRing(this.finalW, this.finalH, radius.card))
    // No scale-up: the chip sits on the safe area's edge and would grow past it.
    showFocus(this, this.tag('Ring')!, true, false)
  }

  override _unfocus(): void {
    showFocus(this, this.tag('Ring')!, false, false)
  }
}
