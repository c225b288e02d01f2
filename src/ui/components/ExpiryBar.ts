import { Lightning } from '@lightningjs/sdk'
import { t } from '../i18n.ts'
import { minutesSeconds } from '../words.ts'
import { colors, fonts, type } from '../theme.ts'
import { roundedSurface } from './RoundedSurface.ts'

export interface ExpiryBarSpec extends Lightning.Component.TemplateSpec {
  Track: object
  Fill: object
  Label: object
}

const BAR = { w: 820, h: 10 } as const

/** A thin bar draining to the code's expiry, with "Code expires in m:ss" under it. */
export class ExpiryBar
  extends Lightning.Component<ExpiryBarSpec>
  implements Lightning.Component.ImplementTemplateSpec<ExpiryBarSpec>
{
  static override _template(): Lightning.Component.Template<ExpiryBarSpec> {
    return {
      Track: roundedSurface(BAR.w, BAR.h, BAR.h / 2, colors.surface),
      Fill: roundedSurface(BAR.w, BAR.h, BAR.h / 2, colors.accent),
      Label: {
        y: 30,
        text: { text: '', fontFace: fonts.text, fontSize: type.small, textColor: colors.muted },
      },
    }
  }

  show(remainingMs: number, totalMs: number): void {
    const share = totalMs > 0 ? Math.min(1, Math.max(0, remainingMs / totalMs)) : 0
    // Width, not scale: the shader draws the drained bar with round ends too.
    this.tag('Fill')!.patch({ w: BAR.w * share, visible: share > 0 })
    this.tag('Label')!.patch({
      text: {
        text:
          remainingMs > 0
            ? t('pairing.expiresIn', { time: minutesSeconds(remainingMs) })
            : t('pairing.codeExpired'),
      },
    })
  }
}
