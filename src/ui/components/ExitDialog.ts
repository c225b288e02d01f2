import { Lightning } from '@lightningjs/sdk'
import { colors, fonts, radius, stage, type } from '../theme.ts'
import { Button } from './Button.ts'

export interface ExitDialogSpec extends Lightning.Component.TemplateSpec {
  Scrim: object
  Card: { Title: object; Exit: typeof Button; Stay: typeof Button }
}

export interface ExitDialogSignals extends Lightning.Component.SignalMap {
  exitConfirmed(): void
  exitCancelled(): void
}

interface ExitDialogTypeConfig extends Lightning.Component.TypeConfig {
  SignalMapType: ExitDialogSignals
}

const CARD = { w: 880, h: 380 }

/** "Exit PunchPlay?" with Exit / Stay; Stay holds focus so a stray OK never quits. */
export class ExitDialog
  extends Lightning.Component<ExitDialogSpec, ExitDialogTypeConfig>
  implements Lightning.Component.ImplementTemplateSpec<ExitDialogSpec>
{
  static override _template(): Lightning.Component.Template<ExitDialogSpec> {
    return {
      Scrim: { rect: true, w: stage.w, h: stage.h, color: colors.scrim },
      Card: {
        x: (stage.w - CARD.w) / 2,
        y: (stage.h - CARD.h) / 2,
        texture: Lightning.Tools.getRoundRect(
          CARD.w,
          CARD.h,
          radius.card,
          0,
          0,
          true,
          colors.surface,
        ),
        Title: {
          x: CARD.w / 2,
          y: 72,
          mountX: 0.5,
          text: {
            text: 'Exit PunchPlay?',
            fontFace: fonts.text,
            fontStyle: 'bold',
            fontSize: type.title,
            textColor: colors.text,
          },
        },
        Exit: { type: Button, label: 'Exit', x: 120, y: 220 },
        Stay: { type: Button, label: 'Stay', x: CARD.w - 120 - 320, y: 220 },
      },
    }
  }

  private _choice: 'Exit' | 'Stay' = 'Stay'

  /** Opening always starts on Stay. */
  open(): void {
    this._choice = 'Stay'
    this.visible = true
  }

  close(): void {
    this.visible = false
  }

  override _getFocused() {
    return this.tag('Card')!.tag(this._choice)
  }

  override _handleLeft(): void {
    this._choice = 'Exit'
  }

  override _handleRight(): void {
    this._choice = 'Stay'
  }

  override _handleEnter(): void {
    if (this._choice === 'Exit') this.signal('exitConfirmed')
    else this.signal('exitCancelled')
  }

  override _handleBack(): void {
    this.signal('exitCancelled')
  }
}
