import { Lightning } from '@lightningjs/sdk'
import { preloadedImage } from '../preloaded-image.ts'
import { colors, fonts, qrCard, radius, type } from '../theme.ts'
import { roundedSurface } from './RoundedSurface.ts'

export interface QrCardSpec extends Lightning.Component.TemplateSpec {
  qrSrc: string
  caption: string
  Surface: object
  Qr: object
  Caption: object
}

export const QR_CARD = qrCard

type SourceLoader = ReturnType<Lightning.textures.ImageTexture['_getSourceLoader']>

/**
 * An image texture that takes the image loaded ahead, in the same frame,
 * instead of loading its src again (which draws it a frame late); any other
 * src loads as usual. Still an ImageTexture: `src` reads as before.
 */
class PreloadedFirstTexture extends Lightning.textures.ImageTexture {
  protected override _getSourceLoader(): SourceLoader {
    const image = this.src ? preloadedImage(this.src) : null
    if (!image) return super._getSourceLoader()
    return (callback) => {
      // Lightning's typing asks for every option; it fills in the rest, as for a loaded image.
      const options = {
        source: image.source,
        w: image.w,
        h: image.h,
        hasAlpha: true,
      }
      callback(null, options as unknown as Parameters<typeof callback>[1])
    }
  }
}

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
      Surface: roundedSurface(QR_CARD.size, QR_CARD.size, radius.card, colors.qrLight),
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

  private _qrSrc = ''

  /** Drawn from the image loaded ahead (src/ui/preloaded-image.ts) when there is one. */
  set qrSrc(value: string) {
    // Pages patch the same QR on every countdown tick: upload it once.
    if (value === this._qrSrc) return
    this._qrSrc = value
    const texture = new PreloadedFirstTexture(this.stage)
    texture.src = value
    this.tag('Qr')!.texture = texture
  }

  /**
   * Calls back at the start of the frame after the one that drew the QR (or
   * once its image failed), or after `frames` frames when there is none to
   * wait for. What waits must neither hold the QR up nor join, or delay the
   * presenting of, the frame that first draws it.
   */
  afterQr(frames: number, callback: () => void): void {
    const qr = this.tag('Qr')!
    let left = frames
    const next = () => {
      this.stage.off('frameStart', next)
      callback()
    }
    const done = () => {
      qr.off('txError', done)
      this.stage.off('frameEnd', count)
      this.stage.on('frameStart', next)
    }
    const count = () => {
      if (--left <= 0 || qr.displayedTexture) done()
    }
    qr.on('txError', done)
    this.stage.on('frameEnd', count)
  }

  set caption(value: string) {
    this.tag('Caption')!.patch({ text: { text: value } })
  }
}
