import { expect, test } from './support/test.ts'
import { listenToSpeech, spoken } from './support/browser-state.ts'
import { decideOnPhone, resetEmulator } from './support/emulator.ts'
import { codeOnScreen, pairQuickly } from './support/pairing.ts'
import { expectFocusOn, onScreenText, openApp } from './support/tv.ts'

test.beforeEach(resetEmulator)

test.describe('spoken guidance', () => {
  test('on with the TV’s screen reader: pages, focus and the spelled-out code are spoken', async ({
    page,
  }) => {
    await listenToSpeech(page, true)
    await openApp(page)
    const code = await codeOnScreen(page)
    await expect.poll(() => spoken(page)).toContain('Sign in to PunchPlay')
    await page.keyboard.press('Enter')
    const letters = [...code].map((char) => (char === '-' ? 'dash' : char)).join(', ')
    await expect.poll(() => spoken(page)).toContain(`The code is: ${letters}`)

    await decideOnPhone(code, 'approve')
    await expect(onScreenText(page, 'Watch something')).toBeVisible({ timeout: 7000 })
    await expect.poll(() => spoken(page)).toMatch(/PunchPlay home\. Watch something\. Blue Horizon/)
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => spoken(page)).toMatch(/\nThe Long Field, Movie/)
    await page.keyboard.press('ArrowUp')
    await expect.poll(() => spoken(page)).toContain('Account, signed in as ana')
  })

  test('off otherwise, until turned on in Account, where the choice is kept', async ({ page }) => {
    await listenToSpeech(page, false)
    await pairQuickly(page)
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Enter')
    await expectFocusOn(page, 'SignOut')
    expect(await spoken(page)).toBe('')
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
    await expectFocusOn(page, 'Speech')
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Spoken guidance: on')).toBeVisible()
    await expect.poll(() => spoken(page)).toContain('Spoken guidance: on')
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => spoken(page)).toMatch(/Language: English$/)

    await openApp(page)
    await expect(onScreenText(page, 'Watch something')).toBeVisible()
    await expect.poll(() => spoken(page)).toContain('PunchPlay home')
  })
})
