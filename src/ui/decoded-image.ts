/**
 * The pairing QR, decoded before its page draws, so the code and the QR reach
 * the screen in one frame (issue 17): Lightning would otherwise load the image
 * after building the page and draw it one frame later. Only the newest image
 * is kept; a page whose QR is not decoded here loads it by `src` as before.
 */
let latest: { src: string; image: HTMLImageElement } | null = null

function loaded(image: HTMLImageElement): Promise<void> {
  // decode() is Chromium 64+: the Tizen 5.0 floor (63) waits for load instead.
  if (typeof image.decode === 'function') return image.decode()
  return new Promise((resolve, reject) => {
    image.onload = () => resolve()
    image.onerror = () => reject(new Error('image failed to load'))
  })
}

/** Decodes `src`, giving up after `withinMs`: a slow image must not hold the code back. */
export function decodeImage(src: string, withinMs: number): Promise<void> {
  const image = new Image()
  image.src = src
  let timer: ReturnType<typeof setTimeout> | undefined
  const decoded = loaded(image).then(
    () => {
      latest = { src, image }
    },
    () => undefined,
  )
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)))
  return Promise.race([decoded, late]).then(() => clearTimeout(timer))
}

/** The decoded image for `src`, when decodeImage finished it. */
export function decodedImage(src: string): HTMLImageElement | null {
  return latest?.src === src ? latest.image : null
}
