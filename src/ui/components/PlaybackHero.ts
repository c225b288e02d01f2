import { Lightning } from '@lightningjs/sdk'
import type { Read } from '../../app/home-feed.ts'
import type { PlaybackView } from '../../core/api/playback-reads.ts'
import { failureText, hasRequestId } from '../failure-text.ts'
import { t } from '../i18n.ts'
import { fullTitle, positionLabel } from '../labels.ts'
import { colors, radius, safeArea, textStyle, type } from '../theme.ts'
import { Button } from './Button.ts'

export interface PlaybackHeroSpec extends Lightning.Component.TemplateSpec {
  Card: object
  Live: { Label: object }
  Source: object
  Title: object
  Position: object
  Track: object
  Fill: object
  Actions: { Retry: typeof Button; Details: typeof Button }
}

export interface PlaybackHeroSignals extends Lightning.Component.SignalMap {
  retry(): void
  details(): void
}

interface PlaybackHeroTypeConfig extends Lightning.Component.TypeConfig {
  SignalMapType: PlaybackHeroSignals
}

const CARD = { w: safeArea.w, h: 236 } as const
const BAR_W = 900
const ACTION = { w: 260, h: 64, gap: 24 } as const

/**
 * "Now playing": what PunchPlay ranks as playing now, with a LIVE badge while
 * the events stream is connected; one line when nothing plays, while loading
 * or when the read failed — never an empty box. A failed read offers
 * "Try again" and, when PunchPlay gave a request id, "Details" (Diagnostics).
 */
export class PlaybackHero
  extends Lightning.Component<PlaybackHeroSpec, PlaybackHeroTypeConfig>
  implements Lightning.Component.ImplementTemplateSpec<PlaybackHeroSpec>
{
  static override _template(): Lightning.Component.Template<PlaybackHeroSpec> {
    const line = { wrap: CARD.w - 80, maxLines: 1 }
    const actionsW = ACTION.w * 2 + ACTION.gap
    return {
      w: CARD.w,
      h: CARD.h,
      Card: {
        rect: true,
        w: CARD.w,
        h: CARD.h,
        colorLeft: colors.heroGlow,
        colorRight: colors.surface,
        shader: { type: Lightning.shaders.RoundedRectangle, radius: radius.card },
      },
      Live: {
        x: 40,
        y: 30,
        visible: false,
        texture: Lightning.Tools.getRoundRect(104, 40, 8, 0, 0, true, colors.success),
        Label: {
          x: 52,
          y: 22,
          mount: 0.5,
          text: textStyle(type.caption, colors.backgroundTop, { bold: true }),
        },
      },
      Source: { x: 40, y: 78, text: textStyle(type.small, colors.secondary, line) },
      Title: {
        x: 40,
        y: 112,
        text: textStyle(type.title - 6, colors.text, { ...line, bold: true }),
      },
      Position: { x: 40, y: 176, text: textStyle(type.small, colors.secondary, line) },
      Track: { x: 40, y: 218, w: BAR_W, h: 8, rect: true, color: colors.surface, visible: false },
      Fill: { x: 40, y: 218, w: 0, h: 8, rect: true, color: colors.accent },
      Actions: {
        x: CARD.w - 40 - actionsW,
        y: 28,
        visible: false,
        Retry: { type: Button, w: ACTION.w, h: ACTION.h },
        Details: { type: Button, w: ACTION.w, h: ACTION.h, x: ACTION.w + ACTION.gap },
      },
    }
  }

  private _action: 'Retry' | 'Details' = 'Retry'

  set live(value: boolean) {
    this.patch({ Live: { visible: value, Label: { text: { text: t('hero.live') } } } })
  }

  /** Whether a failure is on show with its buttons: only then can the hero take focus. */
  get actionable(): boolean {
    return this.tag('Actions')!.visible
  }

  /** The home feed's "Now playing" read, whatever its outcome. */
  render(read: Read<PlaybackView | null>): void {
    if (read.kind === 'read') this.show(read.value)
    else if (read.kind === 'loading') this.message(t('home.loading'), t('home.loadingDetail'))
    else if (read.kind === 'relink') this.message(t('home.relinkTitle'), t('home.relink'))
    else this.failed(t('home.loadFailed'), failureText(read.error), hasRequestId(read.error))
  }

  show(view: PlaybackView | null): void {
    if (!view) return this.message(t('hero.nothing'), t('hero.nothingDetail'))
    this.patch({
      Source: {
        text: {
          text:
            view.source && view.source !== 'platform'
              ? t('hero.nowPlayingOn', { source: view.source })
              : t('hero.nowPlaying'),
        },
      },
      Title: { text: { text: fullTitle(view) } },
      Position: { text: { text: positionLabel(view) } },
      Track: { visible: true },
      Fill: { w: Math.round((BAR_W * view.progressPercent) / 100) },
      Actions: { visible: false },
    })
  }

  /** Loading, empty and re-link states: a heading and one line, no progress. */
  message(heading: string, detail: string): void {
    this.patch({
      Source: { text: { text: t('hero.nowPlaying') } },
      Title: { text: { text: heading } },
      Position: { text: { text: detail } },
      Track: { visible: false },
      Fill: { w: 0 },
      Actions: { visible: false },
    })
  }

  /** A failed read: the message, "Try again", and "Details" when support can look it up. */
  failed(heading: string, detail: string, withDetails: boolean): void {
    this.message(heading, detail)
    this._action = 'Retry'
    const actions = this.tag('Actions')!
    actions.visible = true
    actions.tag('Retry')!.label = t('common.tryAgain')
    actions.tag('Details')!.patch({ label: t('common.details'), visible: withDetails })
  }

  override _getFocused() {
    return this.tag('Actions')!.tag(this._action)
  }

  override _handleLeft(): boolean {
    if (this._action === 'Retry') return false
    this._action = 'Retry'
    return true
  }

  override _handleRight(): boolean {
    if (this._action === 'Details' || !this.tag('Actions')!.tag('Details')!.visible) return false
    this._action = 'Details'
    return true
  }

  override _handleEnter(): void {
    this.signal(this._action === 'Retry' ? 'retry' : 'details')
  }
}
