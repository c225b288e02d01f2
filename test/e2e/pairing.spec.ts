import { expect, test } from './support/test.ts'
import { decideOnPhone, emulator, emulatorHost, resetEmulator } from './support/emulator.ts'
import { codeOnScreen, decodeQr, shrink } from './support/pairing.ts'
import { expectFocusOn, onScreenText, openApp, screenPixels } from './support/tv.ts'

const tokenPolls = () => emulator.requests('/auth/device/token')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

test.beforeEach(resetEmulator)

test.describe('pairing', () => {
  test('shows the emulator’s code, the address and a QR a phone can read across the room', async ({
    page,
  }) => {
    await openApp(page)
    const code = await codeOnScreen(page)
    const [issued] = await emulator.deviceCodes()
    expect(code).toBe(issued!.userCode)
    await expect(page.locator('[ref="Url"]')).toHaveAttribute(
      'texture-text',
      `${emulatorHost}/link`,
    )
    await expect(page.locator('[ref="Asks"]')).toHaveAttribute(
      'texture-text',
      /see your PunchPlay profile/,
    )
    await expect(page.locator('[ref="Label"][texture-text^="Code expires in"]')).toBeVisible()
    await expect(onScreenText(page, 'Waiting for you to approve on your phone…')).toBeVisible()

    await expect(page.locator('[ref="QrCard"] > [ref="Qr"]')).toHaveAttribute(
      'src',
      /^data:image\/png;base64,/,
    )
    await page.waitForTimeout(300)
    const png = await screenPixels(page)
    expect(decodeQr(png)).toBe(issued!.verificationUriComplete)
    expect(decodeQr(shrink(png, 3))).toBe(issued!.verificationUriComplete)
  })

  for (const qrFormat of ['none', 'svg'] as const) {
    test(`draws its own QR when the server's is ${qrFormat === 'none' ? 'missing' : 'an SVG'}`, async ({
      page,
    }) => {
      await emulator.configure({ qrFormat })
      await openApp(page)
      await codeOnScreen(page)
      const [issued] = await emulator.deviceCodes()
      await expect(page.locator('[ref="QrCard"] > [ref="Qr"]')).toHaveAttribute(
        'src',
        /^data:image\/png;base64,/,
      )
      await page.waitForTimeout(300)
      expect(decodeQr(shrink(await screenPixels(page), 3))).toBe(issued!.verificationUriComplete)
      await emulator.configure({ qrFormat: 'png' })
    })
  }

  test('a code request that fails says why with the request id, and retries only when asked', async ({
    page,
  }) => {
    await emulator.fault({ route: '/auth/device/code', kind: 'status', status: 503, count: 1 })
    await openApp(page)
    await expectFocusOn(page, 'Retry')
    const [failed] = await emulator.requests('/auth/device/code')
    const message = page.locator('[texture-text^="PunchPlay is having trouble right now."]')
    await expect(message).toHaveAttribute('texture-text', new RegExp(`${failed!.requestId}\\)$`))
    await sleep(3000)
    expect(await emulator.requests('/auth/device/code')).toHaveLength(1)
    await page.keyboard.press('Enter')
    await codeOnScreen(page)
    expect(await emulator.requests('/auth/device/code')).toHaveLength(2)
  })

  test('approval on the phone page leads home with the username within one interval plus a second', async ({
    page,
  }) => {
    await openApp(page)
    const code = await codeOnScreen(page)
    const approvedAt = Date.now()
    await decideOnPhone(code, 'approve', 'ana')
    await expect(onScreenText(page, 'ana')).toBeVisible({ timeout: 6000 })
    const elapsedMs = Date.now() - approvedAt
    expect(elapsedMs).toBeLessThanOrEqual(6000)
    await expect(onScreenText(page, 'Connected as ana')).toBeVisible()
    await expect(onScreenText(page, 'Watch something')).toBeVisible()

    // No more polling once approved.
    const polls = (await tokenPolls()).length
    await sleep(6000)
    expect(await tokenPolls()).toHaveLength(polls)

    // A restart goes straight home: the tokens survived in IndexedDB.
    await page.reload()
    await expect(onScreenText(page, 'ana')).toBeVisible()
    await expect(page.locator('[ref="Code"]')).toHaveCount(0)
    expect(await emulator.deviceCodes()).toHaveLength(1)
  })

  test('denial says so and "Get a new code" starts again', async ({ page }) => {
    await openApp(page)
    const first = await codeOnScreen(page)
    await decideOnPhone(first, 'deny')
    await expect(onScreenText(page, 'Sign-in was declined on the phone.')).toBeVisible({
      timeout: 7000,
    })
    await expectFocusOn(page, 'Retry')
    const polls = (await tokenPolls()).length
    await sleep(5500)
    expect(await tokenPolls()).toHaveLength(polls)
    await page.keyboard.press('Enter')
    await expect(page.locator('[ref="Code"]')).not.toHaveAttribute('texture-text', first)
    const second = await codeOnScreen(page)
    await decideOnPhone(second, 'approve')
    await expect(onScreenText(page, 'Connected as ana')).toBeVisible({ timeout: 7000 })
  })

  test('expiry says so, stops polling, and asks for a new code only when told', async ({
    page,
  }) => {
    await emulator.configure({ deviceCodeTtlSec: 7 })
    await openApp(page)
    await codeOnScreen(page)
    await expect(
      onScreenText(page, 'This code has expired. Get a new one to sign in.'),
    ).toBeVisible({
      timeout: 9000,
    })
    await expect(onScreenText(page, 'Code expired')).toBeVisible()
    await expectFocusOn(page, 'Retry')
    const polls = await tokenPolls()
    expect(polls.length).toBeLessThanOrEqual(2)
    await sleep(6000)
    expect(await tokenPolls()).toHaveLength(polls.length)
    expect(await emulator.deviceCodes()).toHaveLength(1)
    await emulator.configure({ deviceCodeTtlSec: 600 })
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Waiting for you to approve on your phone…')).toBeVisible()
    expect(await emulator.deviceCodes()).toHaveLength(2)
  })

  test('rides out 500s, a dropped connection and an HTML error page, then pairs', async ({
    page,
  }) => {
    await emulator.configure({ intervalSec: 1, minPollIntervalSec: 1 })
    await openApp(page)
    const code = await codeOnScreen(page)
    await emulator.fault({ route: '/auth/device/token', kind: 'status', status: 500, count: 1 })
    await emulator.fault({ route: '/auth/device/token', kind: 'drop', count: 1 })
    await emulator.fault({ route: '/auth/device/token', kind: 'html', status: 502, count: 1 })
    // Polls never come faster than every 5 s (§3.2), then back off 5, 10, 20 s: about 40 s in all.
    test.slow()
    await expect(onScreenText(page, 'Connection trouble — still trying')).toBeVisible({
      timeout: 8000,
    })
    await decideOnPhone(code, 'approve')
    await expect(onScreenText(page, 'Connected as ana')).toBeVisible({ timeout: 50_000 })
    const statuses = (await tokenPolls()).map((poll) => poll.status)
    expect(statuses.slice(0, 3)).toEqual([500, 0, 502])
    expect(statuses.at(-1)).toBe(200)
    expect(statuses.filter((status) => status === 429)).toEqual([])
  })

  test('polls no faster than the interval, and not at all after leaving the page', async ({
    page,
  }) => {
    await openApp(page)
    await codeOnScreen(page)
    const shownAt = Date.now()
    await sleep(11_500)
    const polls = await tokenPolls()
    const allowed = Math.floor((Date.now() - shownAt) / 5000) + 1
    expect(polls.length).toBeGreaterThanOrEqual(2)
    expect(polls.length).toBeLessThanOrEqual(allowed)
    expect(polls.every((poll) => poll.status === 400)).toBe(true)
    for (let i = 1; i < polls.length; i++) {
      expect(polls[i]!.timeMs - polls[i - 1]!.timeMs).toBeGreaterThanOrEqual(4980)
    }

    await page.keyboard.press('Backspace')
    await expect(onScreenText(page, 'Exit PunchPlay?')).toBeVisible()
    const atLeave = (await tokenPolls()).length
    await sleep(6000)
    expect(await tokenPolls()).toHaveLength(atLeave)

    // Staying resumes with the same code.
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Exit PunchPlay?')).toBeHidden()
    await sleep(5500)
    expect((await tokenPolls()).length).toBeGreaterThan(atLeave)
    expect(await emulator.deviceCodes()).toHaveLength(1)
  })
})
