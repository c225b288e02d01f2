import { expect, test } from './support/test.ts'
import { decideOnPhone, emulator, receivedEvents, resetEmulator } from './support/emulator.ts'
import { codeOnScreen, pairQuickly } from './support/pairing.ts'
import { expectFocusOn, onScreenText } from './support/tv.ts'

test.beforeEach(() => resetEmulator({ realShapes: false }))

/** PunchPlay's own answer when a grant lacks playback:write (punchplay-api.md §8). */
const refusedStart = JSON.stringify({
  error: 'insufficient_scope',
  message: 'this endpoint requires the playback:write scope',
  request_id: 'ppreq_scope_refusal_0001',
  required_scope: 'playback:write',
})

test('a scope refusal turns tracking off for that sign-in only: after pairing again it is on', async ({
  page,
}) => {
  test.setTimeout(90_000)
  await pairQuickly(page)
  await emulator.fault({
    route: '/playback/start',
    kind: 'body',
    status: 403,
    contentType: 'application/json',
    body: refusedStart,
    count: 1,
  })
  await page.keyboard.press('Enter')
  await expect(onScreenText(page, 'Tracking off — sign in again to allow it')).toBeVisible({
    timeout: 10_000,
  })
  await page.keyboard.press('Backspace')
  await expectFocusOn(page, 'Tile0')

  await page.keyboard.press('ArrowUp')
  await expectFocusOn(page, 'Viewer')
  await page.keyboard.press('Enter')
  await expectFocusOn(page, 'SignOut')
  await page.keyboard.press('Enter')
  await page.keyboard.press('ArrowLeft')
  await expectFocusOn(page, 'Confirm')
  await page.keyboard.press('Enter')
  await decideOnPhone(await codeOnScreen(page), 'approve', 'ana')
  await expect(onScreenText(page, 'Watch something')).toBeVisible()

  await expectFocusOn(page, 'Tile0')
  await page.keyboard.press('Enter')
  await expect(onScreenText(page, 'Tracking on PunchPlay')).toBeVisible({ timeout: 10_000 })
  await expect
    .poll(async () => (await receivedEvents()).map((event) => [event.action, event.result]))
    .toEqual([['start', 'applied']])
})
