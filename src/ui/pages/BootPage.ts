import { Lightning, Router } from '@lightningjs/sdk'
import { backdrop } from '../components/Backdrop.ts'
import { wordmark } from '../components/Wordmark.ts'
import { t } from '../i18n.ts'
import { colors, stage, textStyle, type } from '../theme.ts'
import { Page } from './Page.ts'

export interface BootPageSpec extends Lightning.Component.TemplateSpec {
  Backdrop: object
  Logo: object
  Status: object
}

/**
 * The splash shown while the app decides where to start, so the viewer never
 * sees a flash of the wrong page.
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
        text: textStyle(type.body, colors.muted),
      },
    }
  }

  /** Back during start-up is swallowed: leaving must go through home's confirmation. */
  override _handleBack(): boolean {
    return true
  }

  get announce(): string {
    return t('boot.starting')
  }

  override _firstActive(): void {
    this.tag('Status')!.patch({ text: { text: t('boot.starting') } })
    this.services.startRoute().then(
      (route) => Router.navigate(route, false),
      () => this.tag('Status')!.patch({ text: { text: t('boot.failed') } }),
    )
  }
}
