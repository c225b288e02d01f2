import { expect, test } from './support/test.ts'
import { emulator, receivedEvents, resetEmulator } from './support/emulator.ts'
import { codeOnScreen, pairQuickly } from './support/pairing.ts'
import { expectFocusOn, onScreenText } from './support/tv.ts'

const REVOKED = 'This TV was disconnected from PunchPlay: its access was removed on your phone.'

test.beforeEach(resetEmulator)

test.describe('disconnected on the phone', () => {
  test('revoked while on home: the TV goes to pairing and says why, after one failed call', async ({
    page,
  }) => {
    await pairQuickly(page)
    await expect(onScreenText(page, 'Watch something')).toBeVisible()
    await expect(onScreenText(page, '● LIVE')).toBeVisible()
    const before = (await emulator.requests()).length
    await emulator.revoke()
    // The closed stream reconnects with the revoked token; the refresh is refused.
    await expect(onScreenText(page, REVOKED)).toBeVisible({ timeout: 15_000 })
    await expect(onScreenText(page, 'Sign in to PunchPlay')).toBeVisible()
    await codeOnScreen(page)
    const after = (await emulator.requests()).slice(before)
    const refused = after.filter((request) => request.status === 401)
    expect(refused.map((request) => request.path)).toHaveLength(1)
    expect(after.filter((request) => request.path.endsWith('/auth/refresh'))).toHaveLength(1)
  })

  test('revoked while playing: the player closes, one stop is attempted, pairing follows', async ({
    page,
  }) => {
    test.setTimeout(90_000)
    await pairQuickly(page)
    await expectFocusOn(page, 'Tile0')
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Tracking on PunchPlay')).toBeVisible()
    await expect.poll(async () => (await receivedEvents()).map((e) => e.action)).toEqual(['start'])
    await emulator.revoke()
    // The next heartbeat (15 s) is refused and the refresh with it.
    await expect(onScreenText(page, REVOKED)).toBeVisible({ timeout: 30_000 })
    await expect(page.locator('video')).toHaveCount(0)
    const writes = await emulator.requests()
    const stops = writes.filter((request) => request.path.endsWith('/playback/stop'))
    // The stop cannot go out under a revoked grant: at most one try, never repeated.
    expect(stops.length).toBeLessThanOrEqual(1)
    await page.waitForTimeout(3000)
    const later = (await emulator.requests()).filter((r) => r.path.endsWith('/playback/stop'))
    expect(later).toHaveLength(stops.length)
  })
})
