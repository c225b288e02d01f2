import { Lightning } from '@lightningjs/sdk'
import { t } from '../i18n.ts'
import { minutesSeconds } from '../words.ts'
import { colors, fonts, type } from '../theme.ts'

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
    const bar = (color: number) =>
      Lightning.Tools.getRoundRect(BAR.w, BAR.h, BAR.h / 2, 0, 0, true, color)
    return {
      Track: { texture: bar(colors.surface) },
      Fill: { texture: bar(colors.accent) },
      Label: {
        y: 30,
        text: { text: '', fontFace: fonts.text, fontSize: type.small, textColor: colors.muted },
      },
    }
  }

  show(remainingMs: number, totalMs: number): void {
    const share = totalMs > 0 ? Math.min(1, Math.max(0, remainingMs / totalMs)) : 0
    // Scale, not width: the rounded texture stays one texture however far it has drained.
    this.tag('Fill')!.patch({ scaleX: share, pivotX: 0, visible: share > 0 })
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
