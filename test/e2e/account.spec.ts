import { expect, test } from './support/test.ts'
import { storedValue } from './support/browser-state.ts'
import { emulator, emulatorHost, emulatorOrigin, resetEmulator } from './support/emulator.ts'
import { codeOnScreen, decodeQr, pairQuickly } from './support/pairing.ts'
import { expectFocusOn, onScreenText, screenPixels } from './support/tv.ts'

test.beforeEach(resetEmulator)

const me = (accessToken: string) =>
  fetch(`${emulatorOrigin}/api/platform/v1/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  }).then((response) => response.status)

test.describe('account', () => {
  test('the viewer chip opens Account: who, what was granted, device, version and where to revoke', async ({
    page,
  }) => {
    await pairQuickly(page)
    await expectFocusOn(page, 'Tile0')
    await page.keyboard.press('ArrowUp')
    await expectFocusOn(page, 'Viewer')
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Signed in as')).toBeVisible()
    await expectFocusOn(page, 'SignOut')
    await expect(page.locator('[ref="User"] > [ref="Value"]')).toHaveAttribute(
      'texture-text',
      'ana',
    )
    await expect(page.locator('[ref="Access"] > [ref="Value"]')).toHaveAttribute(
      'texture-text',
      /see your PunchPlay profile\nsee what you're watching and your progress/,
    )
    await expect(page.locator('[ref="Device"] > [ref="Value"]')).toHaveAttribute(
      'texture-text',
      'PunchPlay TV',
    )
    await expect(page.locator('[ref="Version"] > [ref="Value"]')).toHaveAttribute(
      'texture-text',
      /^\d+\.\d+\.\d+$/,
    )
    // The emulator's own connected-apps page, drawn as a QR on the TV and written out.
    await expect(onScreenText(page, `${emulatorHost}/settings/connected-apps`)).toBeVisible()
    await expect(page.locator('[ref="Manage"] > [ref="Qr"]')).toHaveAttribute('src', /^data:image/)
    await page.waitForTimeout(300)
    expect(decodeQr(await screenPixels(page))).toBe(`${emulatorOrigin}/settings/connected-apps`)

    await page.keyboard.press('Backspace')
    await expect(onScreenText(page, 'Watch something')).toBeVisible()
    await expectFocusOn(page, 'Viewer')
  })

  test('sign out warns about unsent events, leads to pairing, and revokes the grant', async ({
    page,
  }) => {
    await pairQuickly(page)
    const tokens = (await storedValue(page, 'tokens')) as {
      accessToken: string
      refreshToken: string
    }
    const deviceId = await storedValue(page, 'device-id')
    // PunchPlay down while something plays: the start event waits in the queue.
    await emulator.fault({ route: '/playback/start', kind: 'status', status: 503, count: 50 })
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Saved offline, will sync')).toBeVisible({ timeout: 10_000 })
    await page.keyboard.press('Backspace')
    await expectFocusOn(page, 'Tile0')

    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Enter')
    await expectFocusOn(page, 'SignOut')
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Sign out of PunchPlay?')).toBeVisible()
    await expect(page.locator('[ref="Detail"]')).toHaveAttribute(
      'texture-text',
      /^\d+ events? not yet sent to PunchPlay will be lost\./,
    )
    await expectFocusOn(page, 'Cancel')
    await page.keyboard.press('ArrowLeft')
    await expectFocusOn(page, 'Confirm')
    await page.keyboard.press('Enter')

    await expect(onScreenText(page, 'Sign in to PunchPlay')).toBeVisible()
    await codeOnScreen(page)
    expect(await storedValue(page, 'tokens')).toBeUndefined()
    expect(await storedValue(page, 'playback-queue')).toEqual([])
    expect(await storedValue(page, 'device-id')).toBe(deviceId)
    // Pairing is on screen at once; the revoke goes out behind it.
    await expect
      .poll(async () => (await emulator.requests('/oauth/revoke')).map((r) => r.status))
      .toEqual([200])

    // Revoked server-side (punchplay-api.md §3.5): neither old token works any more.
    expect(await me(tokens.accessToken)).toBe(401)
    expect(await refreshWith(tokens.refreshToken)).toEqual({ status: 400, error: 'invalid_grant' })
  })

  test('sign out still completes when PunchPlay cannot be reached', async ({ page }) => {
    await pairQuickly(page)
    const tokens = (await storedValue(page, 'tokens')) as { refreshToken: string }
    await emulator.fault({ route: '/oauth/revoke', kind: 'drop', count: 5 })
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Enter')
    await expectFocusOn(page, 'SignOut')
    await page.keyboard.press('Enter')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Sign in to PunchPlay')).toBeVisible()
    expect(await storedValue(page, 'tokens')).toBeUndefined()
    // Chromium itself resends a POST whose connection was cut (up to twice): tried at least once.
    await expect
      .poll(async () => (await emulator.requests('/oauth/revoke')).length)
      .toBeGreaterThanOrEqual(1)
    // Not revoked: the viewer can still disconnect the TV on the connected-apps page.
    expect((await refreshWith(tokens.refreshToken)).status).toBe(200)
  })

  test('a Samsung TV names itself by its model, on Account and on the connected-apps page', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>
      w.tizen = {}
      w.webapis = { productinfo: { getRealModel: () => 'QE55Q80T', getModel: () => 'UE43' } }
    })
    await pairQuickly(page)
    const connectedApps = await (await fetch(`${emulatorOrigin}/settings/connected-apps`)).text()
    expect(connectedApps).toContain('Samsung TV (QE55Q80T)')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Enter')
    await expect(page.locator('[ref="Device"] > [ref="Value"]')).toHaveAttribute(
      'texture-text',
      'Samsung TV (QE55Q80T)',
    )
  })
})

async function refreshWith(refreshToken: string): Promise<{ status: number; error?: string }> {
  const response = await fetch(`${emulatorOrigin}/api/platform/v1/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: 'ppc_punchplaytv_dev', refresh_token: refreshToken }),
  })
  const body = (await response.json()) as { error?: string }
  return { status: response.status, ...(body.error ? { error: body.error } : {}) }
}
