import { Lightning, type Router } from '@lightningjs/sdk'
import { backdrop } from '../components/Backdrop.ts'
import { Banner } from '../components/Banner.ts'
import { Button } from '../components/Button.ts'
import { ExitDialog } from '../components/ExitDialog.ts'
import { wordmark } from '../components/Wordmark.ts'
import { colors, fonts, safeArea, stage, type } from '../theme.ts'
import { Page } from './Page.ts'

export interface HomePageSpec extends Lightning.Component.TemplateSpec {
  Backdrop: object
  Header: object
  Viewer: { Badge: { Initial: object }; Name: object }
  Title: object
  Subtitle: object
  Actions: { About: typeof Button; Exit: typeof Button }
  AboutInfo: object
  Connected: typeof Banner
  Dialog: typeof ExitDialog
}

type Focus = 'About' | 'Exit' | 'Dialog'

const CONNECTED_MS = 1500

/**
 * Home. For now it says what the app is, shows which PunchPlay it talks to,
 * and owns the exit confirmation that Back on home must ask for.
 */
export class HomePage
  extends Page<HomePageSpec>
  implements Lightning.Component.ImplementTemplateSpec<HomePageSpec>
{
  static override _template(): Lightning.Component.Template<HomePageSpec> {
    const text = (size: number, textColor: number, bold = false) => ({
      fontFace: fonts.text,
      fontSize: size,
      textColor,
      fontStyle: bold ? 'bold' : 'normal',
      wordWrapWidth: safeArea.w,
    })
    return {
      Backdrop: backdrop(),
      Header: { x: safeArea.left, y: safeArea.top, ...wordmark() },
      Viewer: {
        x: stage.w - safeArea.right,
        y: safeArea.top,
        mountX: 1,
        flex: { direction: 'row', alignItems: 'center' },
        Badge: {
          w: 64,
          h: 64,
          flexItem: { marginRight: 18 },
          texture: Lightning.Tools.getRoundRect(64, 64, 32, 0, 0, true, colors.accent),
          Initial: {
            x: 32,
            y: 34,
            mount: 0.5,
            text: { text: '', ...text(type.body, colors.text, true) },
          },
        },
        Name: { text: { text: '', ...text(type.body, colors.text) } },
      },
      Title: {
        x: safeArea.left,
        y: safeArea.top + 160,
        text: { text: 'Welcome to PunchPlay TV', ...text(type.title, colors.text, true) },
      },
      Subtitle: {
        x: safeArea.left,
        y: safeArea.top + 250,
        text: {
          text: 'Track what you watch on this TV with your PunchPlay account.',
          ...text(type.body, colors.secondary),
        },
      },
      Actions: {
        x: safeArea.left + 10,
        y: safeArea.top + 360,
        About: { type: Button, label: 'About this app', w: 380 },
        Exit: { type: Button, label: 'Exit', x: 440 },
      },
      AboutInfo: {
        x: safeArea.left,
        y: safeArea.top + 500,
        visible: false,
        text: { text: '', ...text(type.body, colors.secondary), lineHeight: 48 },
      },
      Connected: { type: Banner, x: stage.w / 2, y: safeArea.top, mountX: 0.5 },
      Dialog: {
        type: ExitDialog,
        visible: false,
        signals: { exitConfirmed: true, exitCancelled: true },
      },
    }
  }

  private _target: Focus = 'About'

  /** Right after pairing, the route carries who was connected (PairingPage). */
  override _onUrlParams(params: Router.PageParams): void {
    const name = params.connectedAs
    if (typeof name === 'string')
      this.tag('Connected')!.show('success', `Connected as ${name}`, CONNECTED_MS)
  }

  override _active(): void {
    const state = this.services.session.state
    const name = state.signedIn ? (state.username ?? 'PunchPlay viewer') : 'Not signed in'
    this.tag('Viewer')!.patch({
      Badge: { Initial: { text: { text: name.charAt(0).toUpperCase() } } },
      Name: { text: { text: name } },
    })
  }

  override _getFocused() {
    return this._target === 'Dialog' ? this.tag('Dialog') : this.tag('Actions')!.tag(this._target)
  }

  override _handleLeft(): void {
    if (this._target === 'Exit') this._target = 'About'
  }

  override _handleRight(): void {
    if (this._target === 'About') this._target = 'Exit'
  }

  override _handleEnter(): void {
    if (this._target === 'Exit') this._openDialog()
    else this._toggleAbout()
  }

  override _handleBack(): boolean {
    this._openDialog()
    return true
  }

  private _toggleAbout(): void {
    const about = this.tag('AboutInfo')!
    about.patch({
      visible: !about.visible,
      text: {
        text: `Version ${this.services.version}\nPunchPlay service: ${new URL(this.services.config.apiBase).host}`,
      },
    })
  }

  private _openDialog(): void {
    const dialog = this.tag('Dialog')!
    dialog.reset()
    dialog.visible = true
    this._target = 'Dialog'
  }

  exitConfirmed(): void {
    this.services.platform.exit()
  }

  exitCancelled(): void {
    this.tag('Dialog')!.visible = false
    this._target = 'Exit'
  }
}
