import { Lightning } from '@lightningjs/sdk'
import type { ErrorReport } from '../../core/errors.ts'
import { entrySummary } from '../diagnostics-text.ts'
import { colors, radius, safeArea, textStyle, type } from '../theme.ts'
import { focusRing, showFocus } from './focus.ts'

export interface DiagnosticsRowSpec extends Lightning.Component.TemplateSpec {
  entry: ErrorReport
  Ring: object
  Body: object
  Summary: object
}

export const ROW = { w: safeArea.w, h: 60 } as const

/** One recorded failure on one line, as support reads it: time, call, status, request id. */
export class DiagnosticsRow
  extends Lightning.Component<DiagnosticsRowSpec>
  implements Lightning.Component.ImplementTemplateSpec<DiagnosticsRowSpec>
{
  static override _template(): Lightning.Component.Template<DiagnosticsRowSpec> {
    return {
      w: ROW.w,
      h: ROW.h,
      Ring: focusRing(ROW.w, ROW.h),
      Body: {
        texture: Lightning.Tools.getRoundRect(
          ROW.w,
          ROW.h,
          radius.button,
          0,
          0,
          true,
          colors.surface,
        ),
      },
      Summary: {
        x: 24,
        y: 12,
        text: textStyle(type.small, colors.text, { wrap: ROW.w - 48, maxLines: 1 }),
      },
    }
  }

  private _summary = ''

  set entry(entry: ErrorReport) {
    this._summary = entrySummary(entry)
    this.tag('Summary')!.patch({ text: { text: this._summary } })
  }

  get announce(): string {
    return this._summary
  }

  // Rows span the safe area: the ring marks focus, a scale-up would leave it.
  override _focus(): void {
    showFocus(this, this.tag('Ring')!, true, false)
  }

  override _unfocus(): void {
    showFocus(this, this.tag('Ring')!, false, false)
  }
}
