import { settledOrAfter } from './settled-or-after.ts'

/**
 * The pairing QR, loaded before its page draws, so the code and the QR reach
 * the screen in one frame (issue 17): Lightning would otherwise load the image
 * after building the page and draw it one frame later. A loaded image is
 * enough: the upload decodes a QR's few pixels at once, while decode() waits
 * for a compositor frame, which an engine busy starting Lightning gives late.
 * Only the newest image is kept; a page whose QR is not loaded here loads it
 * by `src` as before.
 */
let latest: { src: string; image: HTMLImageElement } | null = null

function load(src: string): Promise<void> {
  const image = new Image()
  return new Promise<void>((resolve) => {
    image.onload = () => {
      latest = { src, image }
      resolve()
    }
    // A QR that fails here fails again by `src`, where the page shows it missing.
    image.onerror = () => resolve()
    image.src = src
  })
}

/** Loads `src`, giving up after `withinMs`: a slow image must not hold the code back. */
export function preloadImage(src: string, withinMs: number): Promise<void> {
  return settledOrAfter(load(src), withinMs)
}

/** The loaded image for `src`, when preloadImage finished it. */
export function preloadedImage(src: string): HTMLImageElement | null {
  return latest?.src === src ? latest.image : null
}
