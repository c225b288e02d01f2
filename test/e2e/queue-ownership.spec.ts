import { expect, test } from './support/test.ts'
import { storedValue } from './support/browser-state.ts'
import { emulator, receivedEvents, resetEmulator } from './support/emulator.ts'
import { pairQuickly } from './support/pairing.ts'
import { expectFocusOn, onScreenText } from './support/tv.ts'

test.beforeEach(resetEmulator)

interface Queued {
  readonly action: string
  readonly grantId: string
  readonly body: { readonly event_id: string; readonly playback_session_id: string }
}

const starts = async () => (await emulator.requests('/playback/start')).map((r) => r.status)

test("A's offline events are never delivered under B", async ({ page }) => {
  test.setTimeout(120_000)
  await pairQuickly(page, 'ana')
  // Playback writes fail while Ana watches (her start, the replay before her stop) and once
  // more after the restart, so her events are still queued when the TV learns of the revoke.
  await emulator.fault({ route: '/playback/start', kind: 'status', status: 503, count: 3 })
  await page.keyboard.press('Enter')
  await expect(onScreenText(page, 'Saved offline, will sync')).toBeVisible({ timeout: 10_000 })
  await page.keyboard.press('Backspace')
  await expectFocusOn(page, 'Tile0')
  await expect.poll(starts).toEqual([503, 503])
  const anas = (await storedValue(page, 'playback-queue')) as Queued[]
  expect(anas.map((event) => event.action)).toEqual(['start', 'stop'])
  const { grantId } = (await storedValue(page, 'tokens')) as { grantId: string }
  expect(anas.every((event) => event.grantId === grantId)).toBe(true)

  // Ana disconnects this TV on her phone; the TV finds out at its next calls.
  await emulator.revoke()
  await page.reload()
  await expect.poll(() => storedValue(page, 'tokens'), { timeout: 20_000 }).toBeUndefined()
  await expect.poll(() => storedValue(page, 'playback-queue')).toEqual([])
  const diagnostics = (await storedValue(page, 'diagnostics')) as Array<{ code: string }>
  expect(diagnostics.map((entry) => entry.code)).toContain('events_of_other_sign_in')

  // Bob pairs the same TV and watches the same film.
  await pairQuickly(page, 'bob')
  await page.keyboard.press('Enter')
  await expect(onScreenText(page, 'Tracking on PunchPlay')).toBeVisible({ timeout: 10_000 })
  const actions = async () => (await receivedEvents()).map((event) => event.action)
  await expect.poll(actions).toEqual(['start'])
  await page.keyboard.press('Backspace')
  await expectFocusOn(page, 'Tile0')
  await expect.poll(actions).toEqual(['start', 'stop'])

  const delivered = (await receivedEvents()) as Array<
    Awaited<ReturnType<typeof receivedEvents>>[number] & { userId: string }
  >
  const anasIds = new Set(anas.map((event) => event.body.event_id))
  const anasSession = anas[0]!.body.playback_session_id
  expect(delivered.filter((event) => anasIds.has(event.body.event_id))).toEqual([])
  expect(delivered.filter((event) => event.body.playback_session_id === anasSession)).toEqual([])
  // Every event PunchPlay applied is Bob's, from his one viewing.
  expect(new Set(delivered.map((event) => event.userId)).size).toBe(1)
  expect(new Set(delivered.map((event) => event.body.playback_session_id)).size).toBe(1)
  // Past Ana's failed tries (503, or 401 for her revoked token), one start went out: Bob's.
  expect((await starts()).filter((status) => status === 200)).toEqual([200])
})
