import jsQR from 'jsqr'
import type { PNG } from 'pngjs'

/** Reads a QR code from screen pixels, as a phone camera would. */
export function decodeQr(png: PNG): string | null {
  const result = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
  return result ? result.data : null
}
