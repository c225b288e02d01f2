import { Lightning } from '@lightningjs/sdk'
import type { ReporterStatus } from '../../core/playback/reporter.ts'
import { t } from '../i18n.ts'
import { clockTime } from '../labels.ts'
import { colors, safeArea, stage, textStyle, type } from '../theme.ts'
import { backHint } from './BackHint.ts'
import { StatusLine } from './StatusLine.ts'

export interface PlayerOverlaySpec extends Lightning.Component.TemplateSpec {
  Scrim: object
  Tracking: typeof StatusLine
  Title: object
  Label: object
  State: object
  Time: object
  Track: object
  Fill: object
  BackHint: object
}

const BAR_W = safeArea.w

/**
 * Title, play state, position and a scrubber over the video, plus what tracking
 * is doing; or, once playback failed, the reason and how to leave.
 */
export class PlayerOverlay
  extends Lightning.Component<PlayerOverlaySpec>
  implements Lightning.Component.ImplementTemplateSpec<PlayerOverlaySpec>
{
  static override _template(): Lightning.Component.Template<PlayerOverlaySpec> {
    const bottom = stage.h - safeArea.bottom
    return {
      Scrim: {
        rect: true,
        y: stage.h - 420,
        w: stage.w,
        h: 420,
        colorTop: colors.overlayTop,
        colorBottom: colors.overlayBottom,
      },
      Tracking: { type: StatusLine, x: safeArea.left, y: safeArea.top },
      Title: {
        x: safeArea.left,
        y: bottom - 220,
        text: textStyle(type.title, colors.text, { bold: true }),
      },
      Label: { x: safeArea.left, y: bottom - 144, text: textStyle(type.body, colors.secondary) },
      State: {
        x: safeArea.left,
        y: bottom - 84,
        text: textStyle(type.body, colors.text, { bold: true, wrap: BAR_W, maxLines: 2 }),
      },
      Time: {
        x: stage.w - safeArea.right,
        y: bottom - 84,
        mountX: 1,
        text: textStyle(type.body, colors.text),
      },
      Track: {
        x: safeArea.left,
        y: bottom - 24,
        w: BAR_W,
        h: 10,
        rect: true,
        color: colors.scrubTrack,
      },
      Fill: { x: safeArea.left, y: bottom - 24, w: 0, h: 10, rect: true, color: colors.accent },
      BackHint: { ...backHint(), alpha: 0 },
    }
  }

  /** A new item: its title and label, and the playing layout back if a failure had replaced it. */
  describe(title: string, label: string): void {
    this.patch({
      Title: { text: { text: title } },
      Label: { text: { text: label } },
      State: { text: { textColor: colors.text } },
      Tracking: { alpha: 1 },
      Time: { alpha: 1 },
      Track: { alpha: 1 },
      Fill: { alpha: 1 },
      BackHint: { alpha: 0 },
    })
  }

  progress(state: string, positionSec: number, durationSec: number): void {
    const share = durationSec > 0 ? Math.min(1, positionSec / durationSec) : 0
    this.patch({
      State: { text: { text: state } },
      Time: { text: { text: `${clockTime(positionSec)} / ${clockTime(durationSec)}` } },
      Fill: { w: Math.round(BAR_W * share) },
    })
  }

  /** The reason in place of the play state, no scrubber and no tracking line: nothing plays any more. */
  fail(reason: string): void {
    this.patch({
      State: { text: { text: reason, textColor: colors.error } },
      Tracking: { alpha: 0 },
      Time: { alpha: 0 },
      Track: { alpha: 0 },
      Fill: { alpha: 0 },
      BackHint: { alpha: 1, text: { text: t('player.backHint') } },
    })
  }

  tracking(status: ReporterStatus): void {
    const line = this.tag('Tracking')!
    if (status.tracking !== 'on') line.show('error', t('player.trackingOff'))
    else if (status.queued > 0) line.show('waiting', t('player.queued'))
    else line.show('success', t('player.trackingOn'))
  }
}
