import { Lightning, Router } from '@lightningjs/sdk'
import type { PairingView } from '../../app/index.ts'
import { backHint } from '../components/BackHint.ts'
import { backdrop } from '../components/Backdrop.ts'
import { Button } from '../components/Button.ts'
import { CodeCard } from '../components/CodeCard.ts'
import { ExpiryBar } from '../components/ExpiryBar.ts'
import { QR_CARD, QrCard } from '../components/QrCard.ts'
import { StatusLine } from '../components/StatusLine.ts'
import { wordmark } from '../components/Wordmark.ts'
import { hasRequestId } from '../failure-text.ts'
import { t } from '../i18n.ts'
import { colors, safeArea, stage, textStyle, type } from '../theme.ts'
import { pairingStatus } from '../pairing-status.ts'
import { displayUrl, scopeWords, spelledOut } from '../words.ts'
import { Page } from './Page.ts'

export interface PairingPageSpec extends Lightning.Component.TemplateSpec {
  Backdrop: object
  Header: object
  Disconnected: object
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
}

type Focus = 'Page' | 'Retry' | 'Details'

/**
 * Pairing renders the pairing session (src/app/pairing-session.ts): the code
 * large, the address, a QR for the phone, a countdown, a status line and, after
 * PunchPlay ended the last sign-in, one line saying so. Keys are forwarded:
 * OK/Menu spell the code, Back pauses polling around the exit question.
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
      Disconnected: { x: left, y: 122, text: textStyle(type.small, colors.waiting) },
      Title: { x: left, y: 170, text: textStyle(type.title, colors.text, { bold: true }) },
      Lead: { x: left, y: 262, text: textStyle(type.body, colors.secondary) },
      // An address too long for its line is cut there, clear of the code and the QR.
      Url: {
        x: left,
        y: 318,
        text: {
          ...textStyle(52, colors.accent, { bold: true, wrap: right - left - 40, maxLines: 1 }),
          wordBreak: true,
        },
      },
      EnterCode: { x: left, y: 410, text: textStyle(type.body, colors.secondary) },
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
    }
  }

  private _focusTarget: Focus = 'Page'
  private _unsubscribe: (() => void) | null = null
  private _spoken = ''
  private _spokenCode: string | null = null
  private _asidesDrawn = false

  /** Also on return from Diagnostics, where a failure and its buttons stay as they were. */
  override _active(): void {
    this.tag('Retry')!.label = t('pairing.newCode')
    this.tag('Details')!.label = t('common.details')
    const { pairing } = this.services
    this._unsubscribe = pairing.subscribe((view) => this._render(view))
    this._render(pairing.view)
    pairing.start()
    // Every text is drawn into its own texture: the first frame draws only what
    // pairing needs (code, address, countdown and the QR); the rest, the status,
    // the title and the sentences around them included, the frame after it. The
    // wordmark joins only then: its flex layout would otherwise run in that frame.
    this.tag('QrCard')!.afterQr(8, () => this._drawAsides())
  }

  private _drawAsides(): void {
    this._asidesDrawn = true
    this._showStatus(this.services.pairing.view)
    const asks = scopeWords(this.services.config.scope).map((w) => `• ${w}`)
    this.patch({
      Title: { text: { text: t('pairing.title') } },
      Lead: { text: { text: t('pairing.lead') } },
      EnterCode: { text: { text: t('pairing.enterCode') } },
      Header: { x: safeArea.left, y: safeArea.top, ...wordmark() },
      BackHint: { text: { text: t('pairing.backHint') } },
      QrCard: { caption: t('pairing.qrCaption') },
      Asks: { text: { text: [t('pairing.asks'), ...asks].join('\n') } },
    })
  }

  override _inactive(): void {
    this._unsubscribe?.()
    this._unsubscribe = null
    this.services.pairing.pause()
  }

  get announce(): string {
    return t('pairing.title')
  }

  override _getFocused() {
    return this._focusTarget === 'Page' ? this : this.tag(this._focusTarget)
  }

  private _render(view: PairingView): void {
    const withCode = view.code !== null
    this.patch({
      Disconnected: {
        text: { text: view.disconnected ? t(`disconnected.${view.disconnected}`) : '' },
      },
      Url: { text: { text: view.address ? displayUrl(view.address) : '' } },
      Card: { code: view.code ?? '', alpha: withCode ? 1 : 0.4 },
      QrCard: view.qrSrc ? { qrSrc: view.qrSrc, alpha: 1 } : { alpha: 0 },
      Retry: { visible: view.canRetry },
      Details: { visible: view.canRetry && hasRequestId(view.error) },
    })
    this.tag('Expiry')!.show(view.remainingMs, view.lifetimeMs)
    const message = this._showStatus(view)
    if (view.code !== this._spokenCode && view.address) {
      this._spokenCode = view.code
      this._say(t('pairing.announce', { url: displayUrl(view.address) }))
    }
    // Polling repeats "waiting" every few seconds: speak only what changed.
    if (message !== this._spoken) this._say(message)
    this._spoken = message
    const focus = !view.canRetry
      ? 'Page'
      : this._focusTarget === 'Page'
        ? 'Retry'
        : this._focusTarget
    if (focus !== this._focusTarget) {
      this._focusTarget = focus
      this._refocus()
    }
  }

  /** The status line, on screen once the asides are; returns its message, which is spoken from the start. */
  private _showStatus(view: PairingView): string {
    const [tone, message] = pairingStatus(view)
    if (this._asidesDrawn) this.tag('Status')!.show(tone, message)
    return message
  }

  override _handleEnter(): void {
    if (this._focusTarget === 'Retry') this.services.pairing.retry()
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

  /**
   * Back stops polling at once; Stay resumes with the same code. A pairing
   * opened from "Who's watching?" (Add a viewer, Pair again) returns there instead.
   */
  override _handleBack(): boolean {
    const { pairing, viewers } = this.services
    pairing.pause()
    if (viewers.pairingFromPicker) viewers.cancelPairing()
    else this.askToExit(() => pairing.resume())
    return true
  }

  private _spellCode(): void {
    const code = this.services.pairing.view.code
    if (code) this._say(t('pairing.spell', { letters: spelledOut(code) }))
  }

  private _say(text: string): void {
    this.services.announcer.say(text)
  }
}
