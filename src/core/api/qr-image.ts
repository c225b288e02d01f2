/** A QR texture larger than this costs a TV tens of megabytes to decode and upload. */
export const MAX_QR_SIDE_PX = 2048
const MAX_QR_DATA_URL_LENGTH = 256 * 1024
const PREFIX = 'data:image/png;base64,'
/** The PNG signature (89 50 4E 47 0D 0A 1A 0A) in base64, then only base64. */
const PNG_DATA_URL = /^data:image\/png;base64,iVBORw0KGgo[A-Za-z0-9+/]*={0,2}$/
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** The first bytes of a base64 text; 32 characters give 24 bytes. */
function decodeHead(base64: string, chars: number): number[] {
  const bytes: number[] = []
  for (let i = 0; i + 4 <= Math.min(chars, base64.length); i += 4) {
    const n = [0, 1, 2, 3].reduce((acc, k) => acc * 64 + BASE64.indexOf(base64[i + k]!), 0)
    bytes.push((n >> 16) & 255, (n >> 8) & 255, n & 255)
  }
  return bytes
}

const uint32 = (bytes: number[], at: number) =>
  ((bytes[at]! << 24) >>> 0) + (bytes[at + 1]! << 16) + (bytes[at + 2]! << 8) + bytes[at + 3]!

/**
 * Width and height from the IHDR chunk, which the PNG format puts first (after
 * the 8-byte signature: length 13, "IHDR", width, height); null when it is not there.
 */
export function pngSize(dataUrl: string): { width: number; height: number } | null {
  const head = decodeHead(dataUrl.slice(PREFIX.length), 32)
  if (head.length < 24) return null
  const type = String.fromCharCode(head[12]!, head[13]!, head[14]!, head[15]!)
  if (uint32(head, 8) !== 13 || type !== 'IHDR') return null
  return { width: uint32(head, 16), height: uint32(head, 20) }
}

/**
 * The Kodi add-on and luc_kodi accept only a PNG data URL (punchplay-api.md
 * §3.1); anything else (http, SVG, javascript:), and a PNG whose header is
 * missing or claims more than MAX_QR_SIDE_PX a side (a 63 KB file can decode
 * to 20000×20000), is dropped so the UI draws its own QR.
 */
export function safeQrDataUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_QR_DATA_URL_LENGTH) return null
  if (!PNG_DATA_URL.test(value)) return null
  const size = pngSize(value)
  if (!size || size.width === 0 || size.height === 0) return null
  return size.width <= MAX_QR_SIDE_PX && size.height <= MAX_QR_SIDE_PX ? value : null
}
