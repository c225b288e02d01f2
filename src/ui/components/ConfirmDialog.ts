import { Lightning } from '@lightningjs/sdk'
import { colors, radius, stage, textStyle, type } from '../theme.ts'
import { Button } from './Button.ts'

export interface ConfirmDialogSpec extends Lightning.Component.TemplateSpec {
  Scrim: object
  Card: { Title: object; Detail: object; Confirm: typeof Button; Cancel: typeof Button }
}

export interface ConfirmDialogSignals extends Lightning.Component.SignalMap {
  confirmed(): void
  cancelled(): void
}

interface ConfirmDialogTypeConfig extends Lightning.Component.TypeConfig {
  SignalMapType: ConfirmDialogSignals
}

export interface Question {
  readonly title: string
  /** One or two lines under the title; empty for none. */
  readonly detail: string
  readonly confirm: string
  readonly cancel: string
}

const CARD = { w: 1000, h: 480 }
const BUTTON_W = 340

/**
 * A question with two answers ("Exit PunchPlay?" Exit / Stay, "Sign out?").
 * The safe answer holds focus, so a stray OK never does the irreversible thing.
 */
export class ConfirmDialog
  extends Lightning.Component<ConfirmDialogSpec, ConfirmDialogTypeConfig>
  implements Lightning.Component.ImplementTemplateSpec<ConfirmDialogSpec>
{
  static override _template(): Lightning.Component.Template<ConfirmDialogSpec> {
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
          y: 64,
          mountX: 0.5,
          text: textStyle(type.title, colors.text, { bold: true }),
        },
        Detail: {
          x: CARD.w / 2,
          y: 156,
          mountX: 0.5,
          text: {
            ...textStyle(type.small, colors.secondary, { wrap: CARD.w - 140, maxLines: 4 }),
            textAlign: 'center',
          },
        },
        Confirm: { type: Button, w: BUTTON_W, x: 120, y: CARD.h - 88 - 56 },
        Cancel: { type: Button, w: BUTTON_W, x: CARD.w - 120 - BUTTON_W, y: CARD.h - 88 - 56 },
      },
    }
  }

  private _choice: 'Confirm' | 'Cancel' = 'Cancel'
  private _question: Question | null = null

  /** Opening always starts on the safe answer. */
  open(question: Question): void {
    this._question = question
    this._choice = 'Cancel'
    const card = this.tag('Card')!
    card.tag('Title')!.patch({ text: { text: question.title } })
    card.tag('Detail')!.patch({ text: { text: question.detail } })
    card.tag('Confirm')!.label = question.confirm
    card.tag('Cancel')!.label = question.cancel
    this.visible = true
  }

  close(): void {
    this.visible = false
  }

  get announce(): string {
    const question = this._question
    return question ? [question.title, question.detail].filter(Boolean).join('. ') : ''
  }

  override _getFocused() {
    return this.tag('Card')!.tag(this._choice)
  }

  override _handleLeft(): void {
    this._choice = 'Confirm'
  }

  override _handleRight(): void {
    this._choice = 'Cancel'
  }

  override _handleEnter(): void {
    if (this._choice === 'Confirm') this.signal('confirmed')
    else this.signal('cancelled')
  }

  override _handleBack(): void {
    this.signal('cancelled')
  }
}
