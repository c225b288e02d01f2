import { expect, type Page } from '@playwright/test'
import type { PNG } from 'pngjs'
import { decideOnPhone, emulator } from './emulator.ts'
import { onScreenText, openApp } from './tv.ts'

const USER_CODE = /^[A-Z0-9]{4}-[A-Z0-9]{4}$/

/** The user_code as drawn on the TV, once one is showing. */
export async function codeOnScreen(page: Page): Promise<string> {
  const code = page.locator('[ref="Code"]')
  await expect(code).toHaveAttribute('texture-text', USER_CODE)
  return (await code.getAttribute('texture-text'))!
}

/** Pairs through the phone page with a 1 s interval, for tests about what comes after. */
export async function pairQuickly(page: Page, username = 'ana'): Promise<void> {
  await emulator.configure({ intervalSec: 1, minPollIntervalSec: 1 })
  await openApp(page)
  await decideOnPhone(await codeOnScreen(page), 'approve', username)
  await expect(onScreenText(page, username)).toBeVisible()
}

/** The picture shrunk by an integer factor (box filter): a phone across the room sees fewer pixels. */
export function shrink(png: PNG, factor: number): PNG {
  const width = Math.floor(png.width / factor)
  const height = Math.floor(png.height / factor)
  const data = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let channel = 0; channel < 4; channel++) {
        let sum = 0
        for (let dy = 0; dy < factor; dy++) {
          for (let dx = 0; dx < factor; dx++) {
            sum += png.data[((y * factor + dy) * png.width + x * factor + dx) * 4 + channel]!
          }
        }
        data[(y * width + x) * 4 + channel] = Math.round(sum / (factor * factor))
      }
    }
  }
  return { width, height, data } as PNG
}

export { USER_CODE }
export { decodeQr } from '../../helpers/qr.ts'
