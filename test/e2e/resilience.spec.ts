import { expect, test } from './support/test.ts'
import { emulator, resetEmulator } from './support/emulator.ts'
import { pairQuickly } from './support/pairing.ts'
import { expectFocusOn, onScreenText, openApp } from './support/tv.ts'

test.beforeEach(resetEmulator)

test.describe('resilience on screen', () => {
  test('without IndexedDB the TV still pairs and plays its part, for this session', async ({
    page,
  }) => {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', {
        get() {
          throw new DOMException(
            'The user denied permission to access the database.',
            'SecurityError',
          )
        },
      })
    })
    await pairQuickly(page)
    await expect(onScreenText(page, 'Watch something')).toBeVisible()
    await page.reload()
    // Nothing could be kept: a restart asks to pair again, and says nothing alarming.
    await expect(onScreenText(page, 'Sign in to PunchPlay')).toBeVisible()
    expect(errors).toEqual([])
  })

  test('reads that fail say so with the request id, and OK tries again', async ({ page }) => {
    await pairQuickly(page)
    await expect(onScreenText(page, 'Nothing is playing right now.')).toBeVisible()
    await emulator.fault({ route: '/playback/now-playing', kind: 'html', status: 502, count: 1 })
    await page.reload()
    await expect(onScreenText(page, "Couldn't load what's playing")).toBeVisible()
    const [failed] = (await emulator.requests('/playback/now-playing')).filter(
      (r) => r.status === 502,
    )
    await expect(page.locator(`[texture-text*="${failed!.requestId}"]`)).toBeVisible()
    await expectFocusOn(page, 'Tile0')
    await page.keyboard.press('ArrowUp')
    // The hero's "Try again" button (beside "Details", which opens Diagnostics).
    await expectFocusOn(page, 'Retry')
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Nothing is playing right now.')).toBeVisible()
    await expectFocusOn(page, 'Tile0')
  })

  test('a code request refused for too many codes says when to try again', async ({ page }) => {
    await emulator.configure({ rateLimits: { deviceCode: { max: 0, windowSec: 3600 } } })
    await openApp(page)
    await expect(
      page.locator(
        '[texture-text^="Too many codes were asked for from this network. Try again in"]',
      ),
    ).toBeVisible()
    await expectFocusOn(page, 'Retry')
  })
})
