import { Lightning } from '@lightningjs/sdk'
import { colors, fonts, qrCard, radius, type } from '../theme.ts'

export interface QrCardSpec extends Lightning.Component.TemplateSpec {
  qrSrc: string
  caption: string
  Qr: object
  Caption: object
}

export const QR_CARD = qrCard

/** Black-on-white QR on a white card with a quiet zone, big enough to scan across a room. */
export class QrCard
  extends Lightning.Component<QrCardSpec>
  implements Lightning.Component.ImplementTemplateSpec<QrCardSpec>
{
  static override _template(): Lightning.Component.Template<QrCardSpec> {
    const inset = (QR_CARD.size - QR_CARD.qr) / 2
    return {
      w: QR_CARD.size,
      h: QR_CARD.size,
      texture: Lightning.Tools.getRoundRect(
        QR_CARD.size,
        QR_CARD.size,
        radius.card,
        0,
        0,
        true,
        colors.qrLight,
      ),
      Qr: { x: inset, y: inset, w: QR_CARD.qr, h: QR_CARD.qr },
      Caption: {
        x: QR_CARD.size / 2,
        y: QR_CARD.size + 24,
        mountX: 0.5,
        text: {
          text: '',
          fontFace: fonts.text,
          fontSize: type.small,
          textColor: colors.secondary,
        },
      },
    }
  }

  set qrSrc(value: string) {
    this.tag('Qr')!.patch({ src: value })
  }

  /**
   * Calls back once the QR shows (or its image failed), or after `frames`
   * frames when there is none to wait for: what waits must not hold it up.
   */
  afterQr(frames: number, callback: () => void): void {
    const qr = this.tag('Qr')!
    let left = frames
    const done = () => {
      qr.off('txLoaded', done)
      qr.off('txError', done)
      this.stage.off('frameEnd', count)
      callback()
    }
    const count = () => {
      if (--left <= 0 || qr.displayedTexture) done()
    }
    qr.on('txLoaded', done)
    qr.on('txError', done)
    this.stage.on('frameEnd', count)
  }

  set caption(value: string) {
    this.tag('Caption')!.patch({ text: { text: value } })
  }
}
