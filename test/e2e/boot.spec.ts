import { expect, test } from './support/test.ts'
import { resetEmulator } from './support/emulator.ts'
import { codeOnScreen, pairQuickly } from './support/pairing.ts'
import {
  brightShare,
  expectFocusOn,
  focused,
  onScreenText,
  openApp,
  pixelAt,
  screenPixels,
} from './support/tv.ts'

test.beforeEach(resetEmulator)

test.describe('start-up', () => {
  test('a first start boots through the splash to pairing at 1920x1080, inside the safe area', async ({
    page,
  }) => {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await openApp(page)
    const canvas = page.locator('canvas')
    await expect(canvas).toHaveAttribute('width', '1920')
    await expect(canvas).toHaveAttribute('height', '1080')
    await expect(onScreenText(page, 'Sign in to PunchPlay')).toBeVisible()
    await codeOnScreen(page)
    for (const ref of ['Header', 'Title', 'Card', 'Status']) {
      const box = (await page.locator(`[ref="${ref}"]`).first().boundingBox())!
      expect(box.x, ref).toBeGreaterThanOrEqual(96)
      expect(box.y, ref).toBeGreaterThanOrEqual(54)
      expect(box.x + box.width, ref).toBeLessThanOrEqual(1920 - 96)
      expect(box.y + box.height, ref).toBeLessThanOrEqual(1080 - 54)
    }
    expect(errors).toEqual([])
  })

  test('draws a screen that is not blank', async ({ page }) => {
    await openApp(page)
    await codeOnScreen(page)
    const png = await screenPixels(page)
    expect(png.width).toBe(1920)
    expect(png.height).toBe(1080)
    // Light text and the white QR card on a dark background: some, not all, pixels are bright.
    const share = brightShare(png, 160)
    expect(share).toBeGreaterThan(0.05)
    expect(share).toBeLessThan(0.5)
  })

  test('home shows a visible focus that follows the arrows', async ({ page }) => {
    await pairQuickly(page)
    await expect(onScreenText(page, 'Watch something')).toBeVisible()
    await expectFocusOn(page, 'Tile0')
    await expect(focused(page).locator('> [ref="Ring"]')).toBeVisible()
    await page.waitForTimeout(300)
    // The ring is drawn: white pixels just left of the focused tile.
    const box = (await focused(page).locator('> [ref="Body"]').boundingBox())!
    const png = await screenPixels(page)
    const ring = pixelAt(png, Math.round(box.x - 9), Math.round(box.y + box.height / 2))
    expect(Math.min(...ring), `ring pixel ${ring}`).toBeGreaterThan(200)
    await page.keyboard.press('ArrowRight')
    await expectFocusOn(page, 'Tile1')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await expectFocusOn(page, 'Tile2')
    await page.keyboard.press('ArrowLeft')
    await expectFocusOn(page, 'Tile1')
  })

  test('ships no inspector to the TV path', async ({ page }) => {
    const requested: string[] = []
    page.on('request', (request) => requested.push(new URL(request.url()).pathname))
    await page.goto('./')
    await page.waitForFunction(() => document.querySelector('canvas') !== null)
    await page.waitForTimeout(1000)
    expect(requested.some((path) => path.includes('inspect'))).toBe(false)
    expect(await page.evaluate(() => typeof window.attachInspector)).toBe('undefined')
    expect(requested.filter((path) => path.endsWith('.js'))).toEqual(['/punchplay.js'])
  })
})

test.describe('an engine older than the build supports', () => {
  test('says which TVs it needs instead of a blank screen, and never shows that on a good start', async ({
    page,
  }) => {
    // An engine that cannot parse the bundle runs none of it: the same as a script that fails to parse.
    await page.route('**/punchplay.js', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: 'try {} catch { let }' }),
    )
    await page.goto('./')
    const notice = page.locator('#engine-too-old')
    await expect(notice).toBeHidden()
    await expect(notice).toBeVisible({ timeout: 8000 })
    await expect(notice).toContainText('Samsung TV from 2019 (Tizen 5.0)')

    await page.unroute('**/punchplay.js')
    await openApp(page)
    await codeOnScreen(page)
    await expect(notice).toHaveCount(0)
  })
})
