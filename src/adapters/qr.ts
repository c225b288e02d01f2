import { toDataURL } from 'qrcode'

/**
 * Draws a QR locally when the server's verification_uri_qr is missing or
 * unsafe, so the viewer's code never goes to a third-party QR service.
 * Black on white with the standard 4-module quiet zone.
 */
export function renderQr(text: string, sizePx: number): Promise<string> {
  return toDataURL(text, {
    width: sizePx,
    margin: 4,
    errorCorrectionLevel: 'M',
    color: { dark: '#000000ff', light: '#ffffffff' },
  })
}
