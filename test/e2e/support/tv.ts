import { expect, type Locator, type Page } from '@playwright/test'
import { PNG } from 'pngjs'

/** Key codes a TV remote sends that a desktop keyboard has no key for. */
export const TV_KEYS = {
  tizenBack: 10009,
  webosBack: 461,
  play: 415,
  pause: 19,
  stop: 413,
} as const

/** Opens the built app with Lightning's inspector mirroring the canvas into the DOM. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`./?inspector=1${query ? `&${query}` : ''}`)
  await expect(page.locator('canvas')).toHaveCount(1)
}

/** The mirrored node of a text on screen. */
export function onScreenText(page: Page, text: string): Locator {
  return page.locator(`[texture-text="${text}"]`)
}

/** The element that holds the remote's focus (the inspector marks exactly one). */
export function focused(page: Page): Locator {
  return page.locator('[focused="true"]')
}

export async function expectFocusOn(page: Page, ref: string): Promise<void> {
  await expect(focused(page)).toHaveAttribute('ref', ref)
}

/** Sends a keyCode the way a TV remote does: a keydown on the document. */
export async function pressTvKey(page: Page, keyCode: number): Promise<void> {
  await page.evaluate((code) => {
    for (const type of ['keydown', 'keyup']) {
      const event = new KeyboardEvent(type, { bubbles: true })
      Object.defineProperty(event, 'keyCode', { get: () => code })
      Object.defineProperty(event, 'which', { get: () => code })
      document.dispatchEvent(event)
    }
  }, keyCode)
}

/** Decoded pixels of the whole 1920x1080 screen. */
export async function screenPixels(page: Page): Promise<PNG> {
  return PNG.sync.read(await page.screenshot())
}

/** Share of pixels whose brightest channel exceeds `threshold` (0–255). */
export function brightShare(png: PNG, threshold: number): number {
  let bright = 0
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.max(png.data[i]!, png.data[i + 1]!, png.data[i + 2]!) > threshold) bright++
  }
  return bright / (png.width * png.height)
}

export function pixelAt(png: PNG, x: number, y: number): [number, number, number] {
  const i = (png.width * y + x) * 4
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!]
}
