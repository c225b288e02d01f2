import { Lightning } from '@lightningjs/sdk'
import { colors, fonts, type } from '../theme.ts'

export interface ViewerChipSpec extends Lightning.Component.TemplateSpec {
  name: string
  Badge: { Initial: object }
  Name: object
}

/** The signed-in viewer: an initial in a coral circle and the name. */
export class ViewerChip
  extends Lightning.Component<ViewerChipSpec>
  implements Lightning.Component.ImplementTemplateSpec<ViewerChipSpec>
{
  static override _template(): Lightning.Component.Template<ViewerChipSpec> {
    const text = { fontFace: fonts.text, fontSize: type.body, textColor: colors.text }
    return {
      flex: { direction: 'row', alignItems: 'center' },
      Badge: {
        w: 64,
        h: 64,
        flexItem: { marginRight: 18 },
        texture: Lightning.Tools.getRoundRect(64, 64, 32, 0, 0, true, colors.accent),
        Initial: { x: 32, y: 34, mount: 0.5, text: { text: '', ...text, fontStyle: 'bold' } },
      },
      Name: { text: { text: '', ...text } },
    }
  }

  set name(value: string) {
    this.patch({
      Badge: { Initial: { text: { text: value.charAt(0).toUpperCase() } } },
      Name: { text: { text: value } },
    })
  }
}
