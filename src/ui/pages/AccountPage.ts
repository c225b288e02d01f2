import { Lightning, Router } from '@lightningjs/sdk'
import type { AccountView } from '../../app/account.ts'
import { backHint } from '../components/BackHint.ts'
import { backdrop } from '../components/Backdrop.ts'
import { Button } from '../components/Button.ts'
import { ConfirmDialog } from '../components/ConfirmDialog.ts'
import { wordmark } from '../components/Wordmark.ts'
import { t } from '../i18n.ts'
import { colors, radius, safeArea, stage, textStyle, type } from '../theme.ts'
import { connectedAppsUrl, displayUrl, scopeWords } from '../words.ts'
import { Page, type PageTypeConfig } from './Page.ts'
import { goBack } from './navigation.ts'

type Action = 'SignOut' | 'Diagnostics' | 'Language' | 'Speech' | 'Switch'
const ACTIONS: readonly Action[] = ['SignOut', 'Diagnostics', 'Language', 'Speech']
const ROWS = ['User', 'Access', 'Device', 'Version'] as const

export interface AccountPageSpec extends Lightning.Component.TemplateSpec {
  Backdrop: object
  Header: object
  Title: object
  User: { Label: object; Value: object }
  Access: { Label: object; Value: object }
  Device: { Label: object; Value: object }
  Version: { Label: object; Value: object }
  Actions: {
    SignOut: typeof Button
    Diagnostics: typeof Button
    Language: typeof Button
    Speech: typeof Button
  }
  Switch: typeof Button
  Manage: { Qr: object; Caption: object; Url: object }
  BackHint: object
  Dialog: typeof ConfirmDialog
}

interface AccountTypeConfig extends PageTypeConfig {
  HistoryStateType: { action: Action }
}

const LABEL_W = 340
const QR = { card: 340, code: 300 } as const
const QR_X = stage.w - safeArea.right - QR.card
const VALUE_W = QR_X - safeArea.left - LABEL_W - 60

const row = (y: number, maxLines = 1) => ({
  x: safeArea.left,
  y,
  Label: { y: 4, text: textStyle(type.small, colors.muted, { wrap: LABEL_W - 20 }) },
  Value: {
    x: LABEL_W,
    text: textStyle(type.body, colors.text, { wrap: VALUE_W, maxLines, lineHeight: 46 }),
  },
})

/**
 * Who is signed in and what PunchPlay allowed, the TV's name and version;
 * Sign out (asks first), Diagnostics, Language and Spoken guidance; and a QR to
 * the connected-apps page, where the viewer revokes this TV from the phone.
 */
export class AccountPage
  extends Page<AccountPageSpec, AccountTypeConfig>
  implements Lightning.Component.ImplementTemplateSpec<AccountPageSpec>
{
  static override _template(): Lightning.Component.Template<AccountPageSpec> {
    const caption = { wrap: QR.card, maxLines: 2, lineHeight: 34 }
    return {
      Backdrop: backdrop(),
      Header: { x: safeArea.left, y: safeArea.top, ...wordmark() },
      Title: { x: safeArea.left, y: 150, text: textStyle(type.title, colors.text, { bold: true }) },
      User: row(260),
      Access: row(330, 4),
      Device: row(540),
      Version: row(610),
      // Above the row of actions: Up from any of them.
      Switch: { type: Button, x: safeArea.left + 10, y: 690, w: 360 },
      Actions: {
        x: safeArea.left + 10,
        y: 800,
        flex: { direction: 'row' },
        SignOut: { type: Button, w: 300, flexItem: { marginRight: 28 } },
        Diagnostics: { type: Button, w: 300, flexItem: { marginRight: 28 } },
        Language: { type: Button, w: 400, flexItem: { marginRight: 28 } },
        Speech: { type: Button, w: 480 },
      },
      Manage: {
        x: QR_X,
        y: 220,
        w: QR.card,
        h: QR.card,
        texture: Lightning.Tools.getRoundRect(
          QR.card,
          QR.card,
          radius.card,
          0,
          0,
          true,
          colors.qrLight,
        ),
        Qr: { x: (QR.card - QR.code) / 2, y: (QR.card - QR.code) / 2, w: QR.code, h: QR.code },
        // Right-aligned to the card: the address has no space to wrap at and must stay in the safe area.
        Caption: {
          x: QR.card,
          y: QR.card + 20,
          mountX: 1,
          text: { ...textStyle(type.caption, colors.secondary, caption), textAlign: 'right' },
        },
        Url: {
          x: QR.card,
          y: QR.card + 90,
          mountX: 1,
          text: textStyle(type.caption, colors.accent),
        },
      },
      BackHint: backHint(),
      Dialog: {
        type: ConfirmDialog,
        visible: false,
        signals: { confirmed: '_signOutConfirmed', cancelled: '_closeDialog' },
      },
    }
  }

  private _action: Action = 'SignOut'
  /** The button of the lower row that Down returns to. */
  private _rowAction: Action = 'SignOut'
  private _dialogOpen = false

  override _firstActive(): void {
    const url = connectedAppsUrl(this.services.config.apiBase)
    this.tag('Manage')!
      .tag('Url')!
      .patch({ text: { text: displayUrl(url) } })
    // Drawn on the TV: the address never goes to a third-party QR service.
    void this.services.renderQr(url, QR.code).then((src) => {
      this.tag('Manage')!.tag('Qr')!.patch({ src })
    })
  }

  private _close: (() => void) | null = null

  override _active(): void {
    this._close = this.services.screens.account.open((view) => this._applyTexts(view))
  }

  override _inactive(): void {
    this._close?.()
    this._close = null
  }

  /** Back from Diagnostics lands on the button that opened it; the Router refocuses after. */
  override historyState(state?: { action: Action }): { action: Action } {
    if (state) this._action = state.action
    return { action: this._action }
  }

  get announce(): string {
    const name = this.services.screens.account.view.viewer
    return `${t('account.title')}. ${t('account.signedInAs')} ${name ?? t('account.unknownViewer')}`
  }

  /** Every text on the page, again after a language switch. */
  private _applyTexts(view: AccountView): void {
    const scopes = scopeWords(view.scopes.join(' '))
    const values: Record<(typeof ROWS)[number], [string, string]> = {
      User: [t('account.signedInAs'), view.viewer ?? t('account.unknownViewer')],
      Access: [t('account.access'), scopes.join('\n') || t('account.noAccess')],
      Device: [t('account.deviceName'), view.deviceName],
      Version: [t('account.version'), view.version],
    }
    for (const name of ROWS) {
      const [label, value] = values[name]
      this.tag(name)!.patch({ Label: { text: { text: label } }, Value: { text: { text: value } } })
    }
    const actions = this.tag('Actions')!
    // With several viewers, signing out is removing this one viewer from the TV.
    actions.tag('SignOut')!.label = this._several ? t('account.removeViewer') : t('account.signOut')
    this.tag('Switch')!.label = t('account.switchViewer')
    actions.tag('Diagnostics')!.label = t('account.diagnostics')
    actions.tag('Language')!.label = t('account.language', { name: t('language.name') })
    actions.tag('Speech')!.label = view.speech ? t('account.speechOn') : t('account.speechOff')
    this.patch({
      Title: { text: { text: t('account.title') } },
      Manage: { Caption: { text: { text: t('account.manage') } } },
      BackHint: { text: { text: t('account.backHint') } },
    })
  }

  override _getFocused() {
    if (this._dialogOpen) return this.tag('Dialog')
    if (this._action === 'Switch') return this.tag('Switch')
    return this.tag('Actions')!.tag(this._action)
  }

  private get _several(): boolean {
    return this.services.viewers.view.viewers.length > 1
  }

  override _handleLeft(): void {
    this._action = ACTIONS[Math.max(0, ACTIONS.indexOf(this._action) - 1)] ?? this._action
  }

  override _handleRight(): void {
    const last = ACTIONS.length - 1
    this._action = ACTIONS[Math.min(last, ACTIONS.indexOf(this._action) + 1)] ?? this._action
  }

  override _handleUp(): void {
    if (this._action !== 'Switch') this._rowAction = this._action
    this._action = 'Switch'
  }

  override _handleDown(): void {
    if (this._action === 'Switch') this._action = this._rowAction
  }

  override _handleEnter(): void {
    if (this._action === 'Switch') this.services.viewers.switchViewer()
    else if (this._action === 'SignOut') this._askSignOut()
    else if (this._action === 'Diagnostics') Router.navigate('diagnostics')
    else if (this._action === 'Language') void this._switchLanguage()
    else void this._toggleSpeech()
  }

  override _handleBack(): boolean {
    goBack()
    return true
  }

  private _askSignOut(): void {
    const pending = this.services.screens.account.pendingEvents
    const warning =
      pending === 0
        ? ''
        : pending === 1
          ? t('account.pendingOne')
          : t('account.pendingMany', { count: pending })
    const name = this.services.screens.account.view.viewer ?? t('account.unknownViewer')
    const several = this._several
    this.tag('Dialog')!.open({
      title: several ? t('account.removeTitle', { name }) : t('account.signOutTitle'),
      detail: [warning, several ? t('account.removeDetail', { name }) : t('account.signOutDetail')]
        .filter(Boolean)
        .join(' '),
      confirm: several ? t('account.removeViewer') : t('account.signOut'),
      cancel: t('common.cancel'),
    })
    this._dialogOpen = true
  }

  _closeDialog(): void {
    this.tag('Dialog')!.close()
    this._dialogOpen = false
  }

  async _signOutConfirmed(): Promise<void> {
    this._closeDialog()
    await this.services.screens.account.signOut()
    // What follows starts fresh: nothing to go back to. A lone viewer left goes home, as at
    // the next start; several are asked who is watching, and nobody left means pairing
    // (both routed by follow-session.ts).
    Router.setHistory([])
    if (this.services.sessionState.current.status === 'signed-in') Router.navigate('home', false)
  }

  /** Applied and drawn at once; the new label is said while the choice is saved. */
  private async _switchLanguage(): Promise<void> {
    const saved = this.services.screens.account.switchLanguage()
    this.services.announcer.say(this.tag('Actions')!.tag('Language')!.label)
    await saved
  }

  private async _toggleSpeech(): Promise<void> {
    const saved = this.services.screens.account.toggleSpeech()
    this.services.announcer.say(this.tag('Actions')!.tag('Speech')!.label)
    await saved
  }
}
