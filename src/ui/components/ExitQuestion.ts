import { Lightning } from '@lightningjs/sdk'
import { t } from '../i18n.ts'
import { ConfirmDialog } from './ConfirmDialog.ts'

export interface ExitQuestionSpec extends Lightning.Component.TemplateSpec {
  Dialog: typeof ConfirmDialog
}

declare module '@lightningjs/sdk' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Router {
    interface CustomWidgets {
      ExitQuestion: typeof ExitQuestion
    }
  }
}

/**
 * "Exit PunchPlay?" as one Router widget over every page. Exit goes through
 * the SDK's closeApp(), so platformSettings.onClose (the TV's own exit) runs;
 * Stay hands the remote back to the page, which resumes what it paused. The
 * App gives it the remote while it is open: the Router's own widget focus is a
 * state found by class name, which the minified bundle does not keep.
 */
export class ExitQuestion
  extends Lightning.Component<ExitQuestionSpec>
  implements Lightning.Component.ImplementTemplateSpec<ExitQuestionSpec>
{
  static override _template(): Lightning.Component.Template<ExitQuestionSpec> {
    return {}
  }

  private _onStay: (() => void) | null = null

  /** Opens the question with Stay focused; `onStay` runs if the viewer stays. */
  ask(onStay?: () => void): void {
    this._onStay = onStay ?? null
    // Built for each question and removed after it, so no hidden copy sits under the pages.
    this.patch({
      Dialog: { type: ConfirmDialog, signals: { confirmed: '_exit', cancelled: '_stay' } },
    })
    this.tag('Dialog')!.open({
      title: t('exit.title'),
      detail: '',
      confirm: t('exit.confirm'),
      cancel: t('exit.cancel'),
    })
    this._refocus()
  }

  get isOpen(): boolean {
    return Boolean(this.tag('Dialog'))
  }

  get announce(): string {
    return this.tag('Dialog')?.announce ?? ''
  }

  override _getFocused() {
    return this.tag('Dialog')
  }

  _exit(): void {
    ;(this.application as unknown as { closeApp(): void }).closeApp()
  }

  _stay(): void {
    this.patch({ Dialog: undefined })
    this._refocus()
    const onStay = this._onStay
    this._onStay = null
    onStay?.()
  }
}
