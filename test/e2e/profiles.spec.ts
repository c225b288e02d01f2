import type { Page } from '@playwright/test'
import { openPhoneForm, postPhoneForm } from '../helpers/phone-form.ts'
import { expect, test } from './support/test.ts'
import { listenToSpeech, spoken, storedValue } from './support/browser-state.ts'
import {
  decideOnPhone,
  emulator,
  emulatorOrigin,
  receivedEvents,
  resetEmulator,
} from './support/emulator.ts'
import { codeOnScreen, pairQuickly } from './support/pairing.ts'
import { expectFocusOn, onScreenText, openApp } from './support/tv.ts'

test.beforeEach(resetEmulator)

const WHO = "Who's watching?"

/** One connection as PunchPlay's connected-apps page lists it. */
interface Connection {
  viewer: string
  profile: string | null
  profileId: string | null
  grantId: string
}

/** The emulator's connected-apps page, read as the phone shows it. */
async function connections(): Promise<Connection[]> {
  const html = await (await fetch(`${emulatorOrigin}/settings/connected-apps`)).text()
  return [...html.matchAll(/<li>([\s\S]*?)<\/li>/g)].map(([, item]) => ({
    viewer: /viewer ([^ ·<]+)/.exec(item!)?.[1] ?? '',
    profile: /· profile (?!id )(.+?) ·/.exec(item!)?.[1] ?? null,
    profileId: /profile id ([0-9a-f-]+)/.exec(item!)?.[1] ?? null,
    grantId: /name="grant_id" value="([^"]+)"/.exec(item!)?.[1] ?? '',
  }))
}

/** The viewer revokes this TV for `username` on their phone (connected-apps page, its form). */
async function revokeOnPhone(username: string): Promise<void> {
  const connection = (await connections()).find((c) => c.viewer === username)
  if (!connection) throw new Error(`no connection of ${username}`)
  const url = `${emulatorOrigin}/settings/connected-apps`
  const form = await openPhoneForm(url)
  const response = await postPhoneForm(`${url}/revoke`, form, { grant_id: connection.grantId })
  expect(response.status).toBe(303)
}

/** The chip on home names the active viewer. */
const chip = (page: Page) => page.locator('[ref="Viewer"] > [ref="Name"]')

async function openAccount(page: Page): Promise<void> {
  await expect(onScreenText(page, 'Watch something')).toBeVisible()
  await expectFocusOn(page, 'Tile0')
  await page.keyboard.press('ArrowUp')
  await expectFocusOn(page, 'Viewer')
  await page.keyboard.press('Enter')
  await expect(onScreenText(page, 'Signed in as')).toBeVisible()
}

/** Home → Account → Switch viewer → "Who's watching?". */
async function switchViewer(page: Page): Promise<void> {
  await openAccount(page)
  await page.keyboard.press('ArrowUp')
  await expectFocusOn(page, 'Switch')
  await page.keyboard.press('Enter')
  await expect(onScreenText(page, WHO)).toBeVisible()
}

const tileText = (page: Page, tile: string, text: string) =>
  page.locator(`[ref="${tile}"] [texture-text="${text}"]`)

type Registry = { viewers: { id: string; label: string }[]; lastActiveId: string | null }

test.describe('household profiles', () => {
  test('two viewers on one TV: picker, own playback, switch mid-playback, revoke, remove', async ({
    page,
  }) => {
    test.setTimeout(180_000)
    // A Samsung TV with Voice Guide on: spoken guidance reads the picker.
    await listenToSpeech(page, true)

    // Ana pairs as today: one viewer, straight home.
    await pairQuickly(page, 'ana')
    await expect(chip(page)).toHaveAttribute('texture-text', 'ana')

    // Add Bob from the picker; Back from that pairing returns to the picker, not to exit.
    await switchViewer(page)
    await expectFocusOn(page, 'Viewer0')
    await page.keyboard.press('ArrowRight')
    await expectFocusOn(page, 'AddViewer')
    await page.keyboard.press('Enter')
    await codeOnScreen(page)
    await page.keyboard.press('Backspace')
    await expect(onScreenText(page, WHO)).toBeVisible()
    await expect(onScreenText(page, 'Exit PunchPlay?')).toHaveCount(0)
    await page.keyboard.press('ArrowRight')
    await expectFocusOn(page, 'AddViewer')
    await page.keyboard.press('Enter')
    await decideOnPhone(await codeOnScreen(page), 'approve', 'bob')
    await expect(onScreenText(page, 'Connected as bob')).toBeVisible()
    await expect(chip(page)).toHaveAttribute('texture-text', 'bob')

    // Every token poll carried the profile: one grant per viewer, told apart by its profile id.
    const registry = (await storedValue(page, 'viewers')) as Registry
    expect(registry.viewers.map((viewer) => viewer.label)).toEqual(['ana', 'bob'])
    const [anaId, bobId] = registry.viewers.map((viewer) => viewer.id)
    const linked = await connections()
    expect(linked.map(({ viewer, profileId }) => [viewer, profileId])).toEqual([
      ['ana', anaId],
      ['bob', bobId],
    ])
    // Before PunchPlay named them, each profile went by its label.
    expect(linked.map((connection) => connection.profile)).toEqual(['Viewer 1', 'Viewer 2'])
    // Each viewer's tokens are their own record.
    const anaTokens = (await storedValue(page, 'tokens')) as { accessToken: string }
    const bobTokens = (await storedValue(page, `viewer/${bobId}/tokens`)) as { accessToken: string }
    expect(anaTokens.accessToken).not.toBe(bobTokens.accessToken)

    // A restart asks who is watching, the last active viewer (Bob) focused.
    await openApp(page)
    await expect(onScreenText(page, WHO)).toBeVisible()
    await expect(tileText(page, 'Viewer0', 'ana')).toBeVisible()
    await expect(tileText(page, 'Viewer1', 'bob')).toBeVisible()
    await expectFocusOn(page, 'Viewer1')
    await expect.poll(() => spoken(page)).toContain("Who's watching?")
    await expect.poll(() => spoken(page)).toContain('bob, viewer 2 of 2')

    // Bob plays: the events are applied to Bob's account.
    await page.keyboard.press('Enter')
    await expect(chip(page)).toHaveAttribute('texture-text', 'bob')
    await expect(onScreenText(page, 'Watch something')).toBeVisible()
    await expect(onScreenText(page, 'ana')).toHaveCount(0)
    await expectFocusOn(page, 'Tile0')
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Tracking on PunchPlay')).toBeVisible()
    await expect
      .poll(async () => (await receivedEvents()).map((e) => [e.action, e.username]))
      .toEqual([['start', 'bob']])

    // Menu mid-playback switches viewer: one stop for Bob first, then the picker; Ana's home.
    await page.keyboard.press('Escape')
    await expect(onScreenText(page, WHO)).toBeVisible()
    await expect(page.locator('video')).toHaveCount(0)
    await page.keyboard.press('ArrowLeft')
    await expectFocusOn(page, 'Viewer0')
    await page.keyboard.press('Enter')
    await expect(chip(page)).toHaveAttribute('texture-text', 'ana')
    // The stop may still be on its way when Ana's home shows: it must arrive, under Bob.
    await expect
      .poll(async () => (await receivedEvents()).map((e) => [e.action, e.username, e.result]))
      .toEqual([
        ['start', 'bob', 'applied'],
        ['stop', 'bob', 'applied'],
      ])
    // Nothing of Bob's on Ana's home: not his name, not what he just watched.
    await expect(onScreenText(page, 'Nothing to continue yet.')).toBeVisible()
    await expect(onScreenText(page, 'bob')).toHaveCount(0)
    await expect(page.locator(`[texture-text*="${bobTokens.accessToken}"]`)).toHaveCount(0)

    // Bob revokes this TV on his phone: disconnected on the picker, Ana untouched.
    await revokeOnPhone('bob')
    await switchViewer(page)
    await expect(tileText(page, 'Viewer1', 'Disconnected')).toBeVisible()
    await expect(tileText(page, 'Viewer1', 'OK: pair again')).toBeVisible()
    await expect(tileText(page, 'Viewer0', 'Disconnected')).toHaveCount(0)
    await expectFocusOn(page, 'Viewer0')
    await page.keyboard.press('Enter')
    await expect(chip(page)).toHaveAttribute('texture-text', 'ana')
    await expect(onScreenText(page, '● LIVE')).toBeVisible()

    // Pair again: the same profile id, now under Bob's username.
    await switchViewer(page)
    await page.keyboard.press('ArrowRight')
    await expectFocusOn(page, 'Viewer1')
    await expect
      .poll(() => spoken(page))
      .toContain('bob, disconnected from PunchPlay. Press OK to pair again')
    await page.keyboard.press('Enter')
    await decideOnPhone(await codeOnScreen(page), 'approve', 'bob')
    await expect(chip(page)).toHaveAttribute('texture-text', 'bob')
    const again = (await connections()).find((connection) => connection.viewer === 'bob')
    expect(again).toMatchObject({ profile: 'bob', profileId: bobId })

    // Ana watches while PunchPlay is down: her events wait in her queue.
    await switchViewer(page)
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Enter')
    await expect(chip(page)).toHaveAttribute('texture-text', 'ana')
    await emulator.fault({ route: '/playback/start', kind: 'status', status: 503, count: 50 })
    await expectFocusOn(page, 'Tile0')
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Saved offline, will sync')).toBeVisible()
    await page.keyboard.press('Backspace')

    // Ana removes herself: the count of her unsent events is shown first, Bob stays.
    await openAccount(page)
    await expectFocusOn(page, 'SignOut')
    await expect(onScreenText(page, 'Remove from TV')).toBeVisible()
    await page.keyboard.press('Enter')
    await expect(onScreenText(page, 'Remove ana from this TV?')).toBeVisible()
    await expect(page.locator('[ref="Detail"]')).toHaveAttribute(
      'texture-text',
      /^\d+ events? not yet sent to PunchPlay will be lost\. Only ana's sign-in/,
    )
    await page.keyboard.press('ArrowLeft')
    await expectFocusOn(page, 'Confirm')
    await page.keyboard.press('Enter')
    await expect(chip(page)).toHaveAttribute('texture-text', 'bob')
    await expect
      .poll(async () => (await connections()).map((connection) => connection.viewer))
      .toEqual(['bob'])
    expect(((await storedValue(page, 'viewers')) as Registry).viewers.map((v) => v.id)).toEqual([
      bobId,
    ])
    expect(await storedValue(page, 'tokens')).toBeUndefined()
    expect(await storedValue(page, 'playback-queue')).toEqual([])
    // Ana's queued events left with her: never sent, under her or anyone else.
    expect((await receivedEvents()).map((e) => e.username)).toEqual(['bob', 'bob'])

    // The next start goes straight to Bob's home.
    await openApp(page)
    await expect(chip(page)).toHaveAttribute('texture-text', 'bob')
    await expect(onScreenText(page, 'Watch something')).toBeVisible()
    await expect(onScreenText(page, WHO)).toHaveCount(0)
  })
})
