import { Lightning } from '@lightningjs/sdk'
import type { PlaybackView } from '../../core/api/playback-reads.ts'
import { fullTitle, positionLabel } from '../labels.ts'
import { colors, radius, safeArea, textStyle, type } from '../theme.ts'
import { focusRing, showFocus } from './focus.ts'

export interface PlaybackHeroSpec extends Lightning.Component.TemplateSpec {
  Ring: object
  Card: object
  Live: { Label: object }
  Source: object
  Title: object
  Position: object
  Track: object
  Fill: object
}

const CARD = { w: safeArea.w, h: 236 } as const
const BAR_W = 900

/**
 * "Now playing": what PunchPlay ranks as playing now, with a LIVE badge while
 * the events stream is connected; one line when nothing plays, while loading
 * or when the read failed — never an empty box.
 */
export class PlaybackHero
  extends Lightning.Component<PlaybackHeroSpec>
  implements Lightning.Component.ImplementTemplateSpec<PlaybackHeroSpec>
{
  static override _template(): Lightning.Component.Template<PlaybackHeroSpec> {
    const line = { wrap: CARD.w - 80, maxLines: 1 }
    return {
      w: CARD.w,
      h: CARD.h,
      Ring: focusRing(CARD.w, CARD.h, radius.card),
      Card: {
        rect: true,
        w: CARD.w,
        h: CARD.h,
        colorLeft: 0xff2a1718,
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
          text: {
            ...textStyle(type.caption, colors.backgroundTop, { bold: true }),
            text: '● LIVE',
          },
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
    }
  }

  set live(value: boolean) {
    this.tag('Live')!.visible = value
  }

  show(view: PlaybackView | null): void {
    if (!view)
      return this.message(
        'Nothing is playing right now.',
        'Start something on any PunchPlay app and it shows up here.',
      )
    this.patch({
      Source: {
        text: {
          text:
            view.source && view.source !== 'platform'
              ? `Now playing on ${view.source}`
              : 'Now playing',
        },
      },
      Title: { text: { text: fullTitle(view) } },
      Position: { text: { text: positionLabel(view) } },
      Track: { visible: true },
      Fill: { w: Math.round((BAR_W * view.progressPercent) / 100) },
    })
  }

  /** Loading, empty, error and re-link states: a heading and one line, no progress. */
  message(heading: string, detail: string): void {
    this.patch({
      Source: { text: { text: 'Now playing' } },
      Title: { text: { text: heading } },
      Position: { text: { text: detail } },
      Track: { visible: false },
      Fill: { w: 0 },
    })
  }

  override _focus(): void {
    showFocus(this, this.tag('Ring')!, true, false)
  }

  override _unfocus(): void {
    showFocus(this, this.tag('Ring')!, false, false)
  }
}
