import { settledOrAfter } from './settled-or-after.ts'

/**
 * The pairing QR, decoded before its page draws, so the code and the QR reach
 * the screen in one frame (issue 17): Lightning would otherwise load the image
 * after building the page and draw it one frame later. Where the engine has
 * createImageBitmap the PNG is decoded off the main thread; a loaded <img>
 * would be decoded inside the texture upload, on the main thread, while the
 * first frame waits.
 * Only the newest image is kept; a page whose QR is not here loads it by `src`.
 */
export interface PreloadedImage {
  readonly source: ImageBitmap | HTMLImageElement
  readonly w: number
  readonly h: number
}

let latest: { src: string; image: PreloadedImage } | null = null

function loadElement(src: string): Promise<PreloadedImage> {
  const image = new Image()
  return new Promise((resolve, reject) => {
    image.onload = () => resolve({ source: image, w: image.naturalWidth, h: image.naturalHeight })
    image.onerror = () => reject(new Error('image failed'))
    image.src = src
  })
}

/** The bytes of a base64 `data:` URL; null for any other URL. */
export function dataUrlBlob(src: string): Blob | null {
  const match = /^data:([^;,]+);base64,/.exec(src)
  if (!match) return null
  const bytes = atob(src.slice(match[0].length))
  const array = new Uint8Array(bytes.length)
  for (let i = 0; i < bytes.length; i++) array[i] = bytes.charCodeAt(i)
  return new Blob([array], { type: match[1] })
}

async function decode(src: string): Promise<PreloadedImage> {
  const blob = typeof createImageBitmap === 'function' ? dataUrlBlob(src) : null
  if (!blob) return loadElement(src)
  try {
    const bitmap = await createImageBitmap(blob)
    return { source: bitmap, w: bitmap.width, h: bitmap.height }
  } catch {
    // An engine that cannot decode it this way may still load it as an image.
    return loadElement(src)
  }
}

function load(src: string): Promise<void> {
  return decode(src).then(
    (image) => {
      latest = { src, image }
    },
    // A QR that fails here fails again by `src`, where the page shows it missing.
    () => {},
  )
}

/** Decodes `src`, giving up after `withinMs`: a slow image must not hold the code back. */
export function preloadImage(src: string, withinMs: number): Promise<void> {
  return settledOrAfter(load(src), withinMs)
}

/** The decoded image for `src`, when preloadImage finished it. */
export function preloadedImage(src: string): PreloadedImage | null {
  return latest?.src === src ? latest.image : null
}
