import { expect, test } from './support/test.ts'
import { storedValue } from './support/browser-state.ts'
import { emulator, emulatorHost, emulatorOrigin, resetEmulator } from './support/emulator.ts'
import { codeOnScreen, pairQuickly } from './support/pairing.ts'
import { expectFocusOn, onScreenText, openApp } from './support/tv.ts'

test.beforeEach(resetEmulator)

/** Every text the TV draws right now, through the inspector mirror. */
const screenText = (page: import('@playwright/test').Page) =>
  page.$$eval('[texture-text]', (nodes) =>
    nodes.map((node) => node.getAttribute('texture-text') ?? '').join('\n'),
  )

/** A code answer the emulator sends as is; its device code is unknown, so polling ends as expired. */
async function codeAnswer(verificationUri: string, complete: string): Promise<void> {
  await emulator.fault({
    route: '/auth/device/code',
    kind: 'body',
    status: 200,
    body: JSON.stringify({
      user_code: 'AK76-P48D',
      device_code: 'dc_not_issued_by_the_emulator',
      verification_uri: verificationUri,
      verification_uri_complete: complete,
      expires_in: 600,
    }),
    count: 1,
  })
}

test.describe('bounds on what PunchPlay sends', () => {
  test('a link too long for a QR leaves the code, the address and the countdown', async ({
    page,
  }) => {
    await codeAnswer(`${emulatorOrigin}/link`, `${emulatorOrigin}/link?n=${'é'.repeat(1500)}`)
    await openApp(page)
    expect(await codeOnScreen(page)).toBe('AK76-P48D')
    await expect(page.locator('[ref="Url"]')).toHaveAttribute(
      'texture-text',
      `${emulatorHost}/link`,
    )
    await expect(page.locator('[ref="Label"][texture-text^="Code expires in"]')).toBeVisible()
    await expect(page.locator('[ref="Retry"][focused=true]')).toHaveCount(0)
  })

  test('an address too long for its line is cut there, left of the QR', async ({ page }) => {
    const address = `${emulatorOrigin}/link/${'a'.repeat(400)}`
    await codeAnswer(address, `${address}?code=AK76-P48D`)
    await openApp(page)
    expect(await codeOnScreen(page)).toBe('AK76-P48D')
    const url = page.locator('[ref="Url"]')
    await expect(url).toHaveAttribute('texture-text', address.replace('http://', ''))
    const qr = page.locator('[ref="QrCard"]')
    const [urlBox, qrBox] = [await url.boundingBox(), await qr.boundingBox()]
    expect(urlBox!.x + urlBox!.width).toBeLessThan(qrBox!.x)
    expect(urlBox!.height).toBeLessThan(100)
  })

  test('opaque tokens in a server message reach neither the screen nor Diagnostics', async ({
    page,
  }) => {
    await emulator.configure({ opaqueTokens: true })
    await pairQuickly(page)
    const record = (await storedValue(page, 'tokens')) as Record<string, string>
    const secrets = [record.accessToken!, record.refreshToken!]
    expect(secrets.every((secret) => secret.length > 20 && !/^pp/.test(secret))).toBe(true)
    const body = JSON.stringify({
      error: 'invalid_request',
      message: `token ${secrets[0]} cannot be used with ${secrets[1]}`,
      request_id: 'ppreq_leak',
    })
    await emulator.fault({
      route: '/playback/in-progress',
      kind: 'body',
      status: 400,
      body,
      count: 5,
    })
    // A restart goes straight home and reads again: this time PunchPlay refuses.
    await page.reload()
    await expect(onScreenText(page, 'Watch something')).toBeVisible()
    const failure = page.locator('[texture-text^="Couldn\'t load Continue watching"]')
    await expect(failure).toHaveAttribute('texture-text', /\[redacted\].*ppreq_leak/)
    for (const secret of secrets) expect(await screenText(page)).not.toContain(secret)

    // Up to the viewer chip, past whatever the failure put above the rails.
    for (let step = 0; step < 4; step++) {
      if ((await page.locator('[ref="Viewer"][focused=true]').count()) > 0) break
      await page.keyboard.press('ArrowUp')
      await page.waitForTimeout(200)
    }
    await expectFocusOn(page, 'Viewer')
    await page.keyboard.press('Enter')
    await expectFocusOn(page, 'SignOut')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await expect(page.locator('[ref="RequestId"]')).toHaveAttribute('texture-text', 'ppreq_leak')
    await expect(page.locator('[ref="Detail"] > [ref="Body"]')).toHaveAttribute(
      'texture-text',
      /\[redacted\]/,
    )
    const shown = await screenText(page)
    const stored = JSON.stringify(await storedValue(page, 'diagnostics'))
    for (const secret of secrets) {
      expect(shown).not.toContain(secret)
      expect(stored).not.toContain(secret)
    }
  })
})
