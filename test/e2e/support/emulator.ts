import { TestEmulator } from '../../helpers/emulator-control.ts'

const origin = 'http://127.0.0.1:8787'

/** The emulator Playwright starts (playwright.config.ts), which the built app talks to. */
export const emulator = new TestEmulator({
  origin,
  apiBase: `${origin}/api/platform/v1`,
  publicUrl: origin,
  close: async () => {},
})

/** The real API's timings: no interval field, 5 s between polls, 10-minute codes. */
export async function resetEmulator(): Promise<void> {
  await emulator.control('/reset', {})
  await emulator.configure({
    deviceCodeTtlSec: 600,
    intervalSec: null,
    minPollIntervalSec: 5,
    pollViolation: 'rate_limited',
  })
}

/** Approves or denies as the phone page does: a form POST to /link. */
export async function decideOnPhone(
  userCode: string,
  decision: 'approve' | 'deny',
  username = 'ana',
) {
  const response = await fetch(`${origin}/link`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user_code: userCode, decision, username }).toString(),
  })
  if (!response.ok) throw new Error(`phone page answered ${response.status}`)
}
