import { Lightning, Router } from '@lightningjs/sdk'
import type { TokenGrant } from '../../core/api/auth.ts'
import { meRequest } from '../../core/api/me.ts'
import type { IssuedCode, PairingUpdate } from '../../core/pairing/device-flow.ts'
import { backHint } from '../components/BackHint.ts'
import { backdrop } from '../components/Backdrop.ts'
import { Button } from '../components/Button.ts'
import { CodeCard } from '../components/CodeCard.ts'
import { ConfirmDialog } from '../components/ConfirmDialog.ts'
import { ExpiryBar } from '../components/ExpiryBar.ts'
import { QR_CARD, QrCard } from '../components/QrCard.ts'
import { StatusLine, type Tone } from '../components/StatusLine.ts'
import { wordmark } from '../components/Wordmark.ts'
import { failureText, hasRequestId } from '../failure-text.ts'
import { t, type MessageKey } from '../i18n.ts'
import { colors, safeArea, stage, textStyle, type } from '../theme.ts'
import { displayUrl, scopeWords, spelledOut } from '../words.ts'
import { Page } from './Page.ts'

export interface PairingPageSpec extends Lightning.Component.TemplateSpec {
  Backdrop: object
  Header: object
  Title: object
  Lead: object
  Url: object
  EnterCode: object
  Card: typeof CodeCard
  Expiry: typeof ExpiryBar
  Status: typeof StatusLine
  Retry: typeof Button
  Details: typeof Button
  QrCard: typeof QrCard
  Asks: object
  BackHint: object
  Dialog: typeof ConfirmDialog
}

type Focus = 'Page' | 'Retry' | 'Details' | 'Dialog'

const STATUS: Record<PairingUpdate['state'], [Tone, MessageKey]> = {
  waiting: ['waiting', 'pairing.waiting'],
  slowed: ['waiting', 'pairing.trouble'],
  offline: ['waiting', 'pairing.trouble'],
  approved: ['success', 'pairing.approved'],
  expired: ['error', 'pairing.expired'],
  denied: ['error', 'pairing.denied'],
  failed: ['error', 'pairing.failed'],
}

/**
 * Pairing with the device-code flow: the code large, the address to type, a
 * QR for the phone, a countdown and a status line that follows the poller.
 * Leaving the page (Back) stops polling at once; it never asks for new codes
 * on its own (PunchPlay allows 10 an hour per address). With spoken guidance,
 * OK (or Menu) spells the code out.
 */
export class PairingPage
  extends Page<PairingPageSpec>
  implements Lightning.Component.ImplementTemplateSpec<PairingPageSpec>
{
  static override _template(): Lightning.Component.Template<PairingPageSpec> {
    const left = safeArea.left
    const right = stage.w - safeArea.right - QR_CARD.size
    return {
      Backdrop: backdrop(),
      Header: { x: left, y: safeArea.top, ...wordmark() },
      Title: {
        x: left,
        y: 170,
        text: textStyle(type.title, colors.text, { bold: true }),
      },
      Lead: {
        x: left,
        y: 262,
        text: textStyle(type.body, colors.secondary),
      },
      Url: {
        x: left,
        y: 318,
        text: { ...textStyle(52, colors.accent, { bold: true }), text: '' },
      },
      EnterCode: {
        x: left,
        y: 410,
        text: textStyle(type.body, colors.secondary),
      },
      Card: { type: CodeCard, x: left, y: 476 },
      Expiry: { type: ExpiryBar, x: left, y: 702 },
      Status: { type: StatusLine, x: left, y: 800 },
      Retry: { type: Button, x: left + 10, y: 890, w: 400, visible: false },
      Details: { type: Button, x: left + 450, y: 890, w: 280, visible: false },
      QrCard: { type: QrCard, x: right, y: 176, alpha: 0 },
      Asks: {
        x: right,
        y: 830,
        text: {
          ...textStyle(type.caption, colors.muted, { wrap: QR_CARD.size, lineHeight: 34 }),
          text: '',
        },
      },
      BackHint: backHint(),
      Dialog: {
        type: ConfirmDialog,
        visible: false,
        signals: { confirmed: '_exitConfirmed', cancelled: '_exitCancelled' },
      },
    }
  }

  private _focusTarget: Focus = 'Page'
  private _code: IssuedCode | null = null
  private _work: AbortController | null = null
  private _ticker: ReturnType<typeof setInterval> | null = null
  private _lastStatus = ''

  override _firstActive(): void {
    void this._newCode()
  }

  /** Also on return from Diagnostics, where the failure and its buttons were left as they were. */
  override _active(): void {
    this.patch({
      Title: { text: { text: t('pairing.title') } },
      Lead: { text: { text: t('pairing.lead') } },
      EnterCode: { text: { text: t('pairing.enterCode') } },
      BackHint: { text: { text: t('pairing.backHint') } },
      QrCard: { caption: t('pairing.qrCaption') },
    })
    this.tag('Retry')!.label = t('pairing.newCode')
    this.tag('Details')!.label = t('common.details')
    this.tag('Asks')!.patch({
      text: {
        text: `${t('pairing.asks')}\n${scopeWords(this.services.config.scope)
          .map((w) => `• ${w}`)
          .join('\n')}`,
      },
    })
  }

  get announce(): string {
    return t('pairing.title')
  }

  override _inactive(): void {
    this._stop()
  }

  override _getFocused() {
    if (this._focusTarget === 'Page') return this
    return this.tag(this._focusTarget)
  }

  override _handleEnter(): void {
    if (this._focusTarget === 'Retry') void this._newCode()
    else if (this._focusTarget === 'Details') Router.navigate('diagnostics', { keepAlive: true })
    else this._spellCode()
  }

  _handleMenu(): void {
    this._spellCode()
  }

  override _handleLeft(): void {
    if (this._focusTarget === 'Details') this._focusTarget = 'Retry'
  }

  override _handleRight(): void {
    if (this._focusTarget === 'Retry' && this.tag('Details')!.visible) this._focusTarget = 'Details'
  }

  private _spellCode(): void {
    const code = this._code
    if (code) this._say(t('pairing.spell', { letters: spelledOut(code.userCode) }))
  }

  private _say(text: string): void {
    this.services.announcer.say(text)
  }

  override _handleBack(): boolean {
    this._stop()
    this.tag('Dialog')!.open({
      title: t('exit.title'),
      detail: '',
      confirm: t('exit.confirm'),
      cancel: t('exit.cancel'),
    })
    this._focusTarget = 'Dialog'
    return true
  }

  _exitConfirmed(): void {
    this.services.platform.exit()
  }

  _exitCancelled(): void {
    this.tag('Dialog')!.close()
    const code = this._code
    if (code && this._remainingMs(code) > 0 && !this.tag('Retry')!.visible) {
      this._focusTarget = 'Page'
      void this._poll(code)
    } else {
      this._offerRetry('error', t('pairing.expired'))
    }
  }

  private _stop(): void {
    this._work?.abort()
    this._work = null
    if (this._ticker) clearInterval(this._ticker)
    this._ticker = null
  }

  private _remainingMs(code: IssuedCode): number {
    return code.receivedAtMs + code.expiresInSec * 1000 - this.services.clock.now()
  }

  private async _newCode(): Promise<void> {
    this._stop()
    const work = (this._work = new AbortController())
    this._code = null
    this._focusTarget = 'Page'
    this.patch({
      Retry: { visible: false },
      Details: { visible: false },
      QrCard: { alpha: 0 },
      Card: { alpha: 0.4 },
    })
    this.tag('Status')!.show('waiting', t('pairing.gettingCode'))
    try {
      const code = await this.services.pairing.requestCode(work.signal)
      if (work.signal.aborted) return
      this._code = code
      await this._showCode(code)
      if (!work.signal.aborted) void this._poll(code)
    } catch (error) {
      if (!work.signal.aborted) this._offerRetry('error', failureText(error), hasRequestId(error))
    }
  }

  private async _showCode(code: IssuedCode): Promise<void> {
    const qr =
      code.verificationUriQr ??
      (await this.services.renderQr(code.verificationUriComplete, QR_CARD.qr))
    this.tag('Url')!.patch({ text: { text: displayUrl(code.verificationUri) } })
    this.tag('Card')!.patch({ code: code.userCode, alpha: 1 })
    this.tag('QrCard')!.patch({ qrSrc: qr, alpha: 1 })
    this._updateExpiry(code)
    this._say(t('pairing.announce', { url: displayUrl(code.verificationUri) }))
  }

  private _updateExpiry(code: IssuedCode): void {
    this.tag('Expiry')!.show(this._remainingMs(code), code.expiresInSec * 1000)
  }

  private async _poll(code: IssuedCode): Promise<void> {
    this._stop()
    const work = (this._work = new AbortController())
    this._ticker = setInterval(() => this._updateExpiry(code), 1000)
    const result = await this.services.pairing.poll(
      code,
      (update) => this._onUpdate(update),
      work.signal,
    )
    if (work.signal.aborted || result.status === 'cancelled') return
    this._stop()
    this._updateExpiry(code)
    if (result.status === 'approved') return this._connect(result.grant)
    if (result.status === 'expired') return this._offerRetry('error', t('pairing.expired'))
    const message = t(STATUS[result.status][1])
    if (result.status !== 'failed') return this._offerRetry('error', message)
    this._offerRetry('error', `${message} ${failureText(result.error)}`, hasRequestId(result.error))
  }

  private _onUpdate(update: PairingUpdate): void {
    const [tone, key] = STATUS[update.state]
    const message = t(key)
    // Polling repeats "waiting" every few seconds: speak only what changed.
    if (message !== this._lastStatus) this._say(message)
    this._lastStatus = message
    this.tag('Status')!.show(tone, message)
  }

  /** "Details" (Diagnostics) only when PunchPlay gave a request id support can look up. */
  private _offerRetry(tone: Tone, message: string, withDetails = false): void {
    this.tag('Status')!.show(tone, message)
    this._lastStatus = message
    this._say(message)
    this.patch({ Retry: { visible: true }, Details: { visible: withDetails } })
    this._focusTarget = 'Retry'
    this._refocus()
  }

  private async _connect(grant: TokenGrant): Promise<void> {
    const { session } = this.services
    await session.signIn(grant)
    let name = grant.username
    const state = session.state
    if (!name && state.signedIn && state.scopes.canReadProfile) {
      name = await session.send(meRequest()).then(
        (me) => me.username,
        () => null,
      )
    }
    // Home shows "Connected as …" itself, so the viewer sees home within a poll interval.
    Router.navigate('home', { connectedAs: name ?? t('pairing.yourAccount') }, false)
  }
}
