import { Lightning } from '@lightningjs/sdk'
import { StatusLine, type Tone } from './StatusLine.ts'
import { colors, radius } from '../theme.ts'

export interface BannerSpec extends Lightning.Component.TemplateSpec {
  Line: typeof StatusLine
}

const SIZE = { w: 760, h: 96 } as const

/** A short confirmation that appears at the top of a page and goes away by itself. */
export class Banner
  extends Lightning.Component<BannerSpec>
  implements Lightning.Component.ImplementTemplateSpec<BannerSpec>
{
  static override _template(): Lightning.Component.Template<BannerSpec> {
    return {
      w: SIZE.w,
      h: SIZE.h,
      alpha: 0,
      texture: Lightning.Tools.getRoundRect(
        SIZE.w,
        SIZE.h,
        radius.card,
        0,
        0,
        true,
        colors.surface,
      ),
      Line: { type: StatusLine, x: 36, y: 26 },
    }
  }

  private _timer: ReturnType<typeof setTimeout> | null = null

  /** Good news goes quickly; a failure stays long enough to be read. */
  notice(message: string, tone: 'success' | 'error' = 'success'): void {
    this.show(tone, message, tone === 'error' ? 6000 : 1500)
  }

  show(tone: Tone, message: string, forMs: number): void {
    this.hide()
    this.tag('Line')!.show(tone, message)
    this.setSmooth('alpha', 1, { duration: 0.15 })
    this._timer = setTimeout(() => this.hide(), forMs)
  }

  hide(): void {
    if (this._timer) clearTimeout(this._timer)
    this._timer = null
    this.setSmooth('alpha', 0, { duration: 0.3 })
  }

  override _detach(): void {
    this.hide()
  }
}
