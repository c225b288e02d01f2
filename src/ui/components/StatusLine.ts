import { Lightning } from '@lightningjs/sdk'
import { colors, fonts, type } from '../theme.ts'
import { roundedSurface } from './RoundedSurface.ts'

export type Tone = 'waiting' | 'success' | 'error'

export interface StatusLineSpec extends Lightning.Component.TemplateSpec {
  Dot: object
  Message: object
}

const DOT = 18
const TONES: Record<Tone, number> = {
  waiting: colors.waiting,
  success: colors.success,
  error: colors.error,
}

/** A coloured dot and one line saying what the app is doing, in words a viewer understands. */
export class StatusLine
  extends Lightning.Component<StatusLineSpec>
  implements Lightning.Component.ImplementTemplateSpec<StatusLineSpec>
{
  static override _template(): Lightning.Component.Template<StatusLineSpec> {
    return {
      Dot: { y: 12, ...roundedSurface(DOT, DOT, DOT / 2, 0xffffffff) },
      Message: {
        x: DOT + 16,
        text: {
          text: '',
          fontFace: fonts.text,
          fontSize: type.body - 2,
          textColor: colors.text,
          wordWrapWidth: 1000,
          maxLines: 2,
        },
      },
    }
  }

  show(tone: Tone, message: string): void {
    this.tag('Dot')!.color = TONES[tone]
    this.tag('Message')!.patch({ text: { text: message } })
  }
}
