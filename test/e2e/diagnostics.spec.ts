import { expect, test } from './support/test.ts'
import { emulator, resetEmulator } from './support/emulator.ts'
import { pairQuickly } from './support/pairing.ts'
import { expectFocusOn, onScreenText, openApp } from './support/tv.ts'

test.beforeEach(resetEmulator)

test.describe('diagnostics', () => {
  test('a failed code request offers Details: its request_id, readable, kept across a restart', async ({
    page,
  }) => {
    await emulator.fault({ route: '/auth/device/code', kind: 'status', status: 503, count: 1 })
    await openApp(page)
    await expectFocusOn(page, 'Retry')
    const [failed] = await emulator.requests('/auth/device/code')
    await page.keyboard.press('ArrowRight')
    await expectFocusOn(page, 'Details')
    await page.keyboard.press('Enter')

    await expect(onScreenText(page, 'Diagnostics')).toBeVisible()
    await expect(page.locator('[ref="RequestId"]')).toHaveAttribute(
      'texture-text',
      failed!.requestId,
    )
    await expect(page.locator('[ref="Summary"]').first()).toHaveAttribute(
      'texture-text',
      new RegExp(
        `^\\d\\d:\\d\\d:\\d\\d UTC · POST /auth/device/code · 503 \\w+ · ${failed!.requestId}$`,
      ),
    )
    await expect(page.locator('[ref="Facts"]')).toHaveAttribute(
      'texture-text',
      /Client ID: ppc_punchplaytv_dev/,
    )
    await expect(page.locator('[ref="Detail"] > [ref="Body"]')).toHaveAttribute(
      'texture-text',
      /request_id/,
    )

    // Back to the failure as it was, without asking PunchPlay for another code.
    await page.keyboard.press('Backspace')
    await expectFocusOn(page, 'Details')
    expect(await emulator.requests('/auth/device/code')).toHaveLength(1)

    // After a restart and a sign-in, Account → Diagnostics still lists it.
    await pairQuickly(page)
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Enter')
    await expectFocusOn(page, 'SignOut')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await expect(page.locator('[ref="RequestId"]')).toHaveAttribute(
      'texture-text',
      failed!.requestId,
    )
  })

  test('home’s failed read offers Try again and Details', async ({ page }) => {
    await emulator.fault({ route: '/playback/now-playing', kind: 'status', status: 500, count: 5 })
    await pairQuickly(page)
    await expect(onScreenText(page, "Couldn't load what's playing")).toBeVisible()
    await page.keyboard.press('ArrowUp')
    await expectFocusOn(page, 'Retry')
    await page.keyboard.press('ArrowRight')
    await expectFocusOn(page, 'Details')
    await page.keyboard.press('Enter')
    const failed = (await emulator.requests('/playback/now-playing')).filter(
      (request) => request.status === 500,
    )
    await expect(page.locator('[ref="RequestId"]')).toHaveAttribute(
      'texture-text',
      failed.at(-1)!.requestId,
    )
    await page.keyboard.press('Backspace')
    await expect(onScreenText(page, 'Watch something')).toBeVisible()
  })
})
