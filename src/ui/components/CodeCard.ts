import { Lightning } from '@lightningjs/sdk'
import { colors, fonts, radius, type } from '../theme.ts'
import { roundedSurface } from './RoundedSurface.ts'

export interface CodeCardSpec extends Lightning.Component.TemplateSpec {
  code: string
  Surface: object
  Code: object
}

export const CODE_CARD = { w: 820, h: 190 } as const

/** The user_code, large and monospaced so 0/O and 1/I cannot be confused, grouped as sent. */
export class CodeCard
  extends Lightning.Component<CodeCardSpec>
  implements Lightning.Component.ImplementTemplateSpec<CodeCardSpec>
{
  static override _template(): Lightning.Component.Template<CodeCardSpec> {
    return {
      w: CODE_CARD.w,
      h: CODE_CARD.h,
      Surface: roundedSurface(CODE_CARD.w, CODE_CARD.h, radius.card, colors.surface),
      Code: {
        x: CODE_CARD.w / 2,
        y: CODE_CARD.h / 2 + 6,
        mount: 0.5,
        text: {
          text: '',
          fontFace: fonts.code,
          fontStyle: 'bold',
          fontSize: type.code,
          letterSpacing: 10,
          textColor: colors.text,
        },
      },
    }
  }

  set code(value: string) {
    this.tag('Code')!.patch({ text: { text: value } })
  }
}
