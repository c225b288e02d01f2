import { Lightning, Router } from '@lightningjs/sdk'
import type { TokenGrant } from '../../core/api/auth.ts'
import { meRequest } from '../../core/api/me.ts'
import type { IssuedCode, PairingUpdate } from '../../core/pairing/device-flow.ts'
import { backdrop } from '../components/Backdrop.ts'
import { Button } from '../components/Button.ts'
import { CodeCard } from '../components/CodeCard.ts'
import { ExitDialog } from '../components/ExitDialog.ts'
import { ExpiryBar } from '../components/ExpiryBar.ts'
import { QR_CARD, QrCard } from '../components/QrCard.ts'
import { StatusLine, type Tone } from '../components/StatusLine.ts'
import { wordmark } from '../components/Wordmark.ts'
import { failureText } from '../failure-text.ts'
import { colors, safeArea, stage, textStyle, type } from '../theme.ts'
import { displayUrl, scopeWords } from '../words.ts'
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
  QrCard: typeof QrCard
  Asks: object
  BackHint: object
  Dialog: typeof ExitDialog
}

type Focus = 'Page' | 'Retry' | 'Dialog'

const STATUS: Record<PairingUpdate['state'], [Tone, string]> = {
  waiting: ['waiting', 'Waiting for you to approve on your phone…'],
  slowed: ['waiting', 'Connection trouble — still trying'],
  offline: ['waiting', 'Connection trouble — still trying'],
  approved: ['success', 'Approved! Signing you in…'],
  expired: ['error', 'This code has expired. Get a new one to sign in.'],
  denied: ['error', 'Sign-in was declined on the phone.'],
  failed: ['error', 'Sign-in failed.'],
}

/**
 * Pairing with the device-code flow: the code large, the address to type, a
 * QR for the phone, a countdown and a status line that follows the poller.
 * Leaving the page (Back) stops polling at once; it never asks for new codes
 * on its own (PunchPlay allows 10 an hour per address).
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
        text: {
          ...textStyle(type.title, colors.text, { bold: true }),
          text: 'Sign in to PunchPlay',
        },
      },
      Lead: {
        x: left,
        y: 262,
        text: {
          ...textStyle(type.body, colors.secondary),
          text: 'Scan the QR code with your phone, or go to',
        },
      },
      Url: {
        x: left,
        y: 318,
        text: { ...textStyle(52, colors.accent, { bold: true }), text: '' },
      },
      EnterCode: {
        x: left,
        y: 410,
        text: { ...textStyle(type.body, colors.secondary), text: 'and enter this code:' },
      },
      Card: { type: CodeCard, x: left, y: 476 },
      Expiry: { type: ExpiryBar, x: left, y: 702 },
      Status: { type: StatusLine, x: left, y: 800 },
      Retry: {
        type: Button,
        x: left + 10,
        y: 890,
        w: 400,
        label: 'Get a new code',
        visible: false,
      },
      QrCard: { type: QrCard, x: right, y: 176, alpha: 0 },
      Asks: {
        x: right,
        y: 830,
        text: {
          ...textStyle(type.caption, colors.muted, { wrap: QR_CARD.size, lineHeight: 34 }),
          text: '',
        },
      },
      BackHint: {
        x: left,
        y: stage.h - safeArea.bottom - 30,
        text: { ...textStyle(type.caption, colors.faint), text: 'Back: exit' },
      },
      Dialog: {
        type: ExitDialog,
        visible: false,
        signals: { exitConfirmed: true, exitCancelled: true },
      },
    }
  }

  private _focusTarget: Focus = 'Page'
  private _code: IssuedCode | null = null
  private _work: AbortController | null = null
  private _ticker: ReturnType<typeof setInterval> | null = null

  override _active(): void {
    this.tag('Asks')!.patch({
      text: {
        text: `PunchPlay TV asks to:\n${scopeWords(this.services.config.scope)
          .map((w) => `• ${w}`)
          .join('\n')}`,
      },
    })
    void this._newCode()
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
  }

  override _handleBack(): boolean {
    this._stop()
    this.tag('Dialog')!.open()
    this._focusTarget = 'Dialog'
    return true
  }

  exitConfirmed(): void {
    this.services.platform.exit()
  }

  exitCancelled(): void {
    this.tag('Dialog')!.close()
    const code = this._code
    if (code && this._remainingMs(code) > 0 && !this.tag('Retry')!.visible) {
      this._focusTarget = 'Page'
      void this._poll(code)
    } else {
      this._offerRetry('error', STATUS.expired[1])
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
    this.patch({ Retry: { visible: false }, QrCard: { alpha: 0 }, Card: { alpha: 0.4 } })
    this.tag('Status')!.show('waiting', 'Getting a code…')
    try {
      const code = await this.services.pairing.requestCode(work.signal)
      if (work.signal.aborted) return
      this._code = code
      await this._showCode(code)
      if (!work.signal.aborted) void this._poll(code)
    } catch (error) {
      if (!work.signal.aborted) this._offerRetry('error', failureText(error))
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
    if (result.status === 'expired') return this._offerRetry('error', STATUS.expired[1])
    const [, message] = STATUS[result.status]
    this._offerRetry(
      'error',
      result.status === 'failed' ? `${message} ${failureText(result.error)}` : message,
    )
  }

  private _onUpdate(update: PairingUpdate): void {
    const [tone, message] = STATUS[update.state]
    this.tag('Status')!.show(tone, message)
  }

  private _offerRetry(tone: Tone, message: string): void {
    this.tag('Status')!.show(tone, message)
    this.tag('Retry')!.visible = true
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
    Router.navigate('home', { connectedAs: name ?? 'your PunchPlay account' }, false)
  }
}
