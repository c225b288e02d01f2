import { Lightning } from '@lightningjs/sdk'
import type { BootView } from '../../app/index.ts'
import { backdrop } from '../components/Backdrop.ts'
import { Button } from '../components/Button.ts'
import { wordmark } from '../components/Wordmark.ts'
import { failureText } from '../failure-text.ts'
import { t } from '../i18n.ts'
import { colors, stage, textStyle, type } from '../theme.ts'
import { Page } from './Page.ts'

export interface BootPageSpec extends Lightning.Component.TemplateSpec {
  Backdrop: object
  Logo: object
  Status: object
  Retry: typeof Button
}

/**
 * The splash while start-up runs (src/app/boot.ts), so the viewer never sees a
 * flash of the wrong page; a failed start says why and offers Try again. Back
 * is left to the App, which asks the exit question: start-up never traps.
 */
export class BootPage
  extends Page<BootPageSpec>
  implements Lightning.Component.ImplementTemplateSpec<BootPageSpec>
{
  static override _template(): Lightning.Component.Template<BootPageSpec> {
    return {
      Backdrop: backdrop(),
      Logo: { x: stage.w / 2, y: stage.h / 2 - 40, mount: 0.5, ...wordmark() },
      Status: {
        x: stage.w / 2,
        y: stage.h / 2 + 40,
        mountX: 0.5,
        text: { ...textStyle(type.body, colors.muted), textAlign: 'center' },
      },
      Retry: { type: Button, x: stage.w / 2 - 200, y: stage.h / 2 + 180, w: 400, visible: false },
    }
  }

  private _unsubscribe: (() => void) | null = null

  get announce(): string {
    return this.tag('Status')!.text?.text ?? t('boot.starting')
  }

  override _active(): void {
    const { boot } = this.services
    this.tag('Retry')!.label = t('common.tryAgain')
    this._unsubscribe = boot.subscribe((view) => this._render(view))
    this._render(boot.view)
    void boot.start()
  }

  override _inactive(): void {
    this._unsubscribe?.()
    this._unsubscribe = null
  }

  override _getFocused() {
    return this.tag('Retry')!.visible ? this.tag('Retry') : this
  }

  override _handleEnter(): void {
    if (this.tag('Retry')!.visible) void this.services.boot.retry()
  }

  private _render(view: BootView): void {
    const failed = view.phase === 'failed'
    const why = failed ? (view.error === null ? t('boot.tooSlow') : failureText(view.error)) : ''
    const text = failed ? `${t('boot.failed')}\n${why}` : t('boot.starting')
    this.tag('Status')!.patch({ text: { text } })
    this.tag('Retry')!.visible = failed
    this._refocus()
  }
}
