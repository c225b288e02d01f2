import { expect, test } from './support/test.ts'
import { resetEmulator } from './support/emulator.ts'
import { pairQuickly } from './support/pairing.ts'
import { expectFocusOn, onScreenText, openApp } from './support/tv.ts'

test.beforeEach(resetEmulator)

test.describe('languages', () => {
  test('the Language button switches the visible text everywhere, and the choice is kept', async ({
    page,
  }) => {
    await pairQuickly(page)
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Sign out')).toBeVisible()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await expectFocusOn(page, 'Language')
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Sprache: Deutsch')).toBeVisible()
    await expect(onScreenText(page, 'Abmelden')).toBeVisible()
    await expect(onScreenText(page, 'Angemeldet als')).toBeVisible()
    await expect(onScreenText(page, 'Sign out')).toHaveCount(0)

    await page.keyboard.press('Backspace')
    await expect(onScreenText(page, 'Etwas ansehen')).toBeVisible()
    await expect(onScreenText(page, 'Gerade läuft nichts.')).toBeVisible()
    await expect(onScreenText(page, 'Watch something')).toHaveCount(0)

    await openApp(page)
    await expect(onScreenText(page, 'Etwas ansehen')).toBeVisible()
  })

  test.describe('on a German TV', () => {
    test.use({ locale: 'de-DE' })

    test('follows the TV’s language from the first screen', async ({ page }) => {
      await openApp(page)
      await expect(onScreenText(page, 'Bei PunchPlay anmelden')).toBeVisible()
      await expect(onScreenText(page, 'Warte auf deine Bestätigung am Handy…')).toBeVisible()
    })
  })
})
