import { TestEmulator } from '../../helpers/emulator-control.ts'

/** The built app's apiBase must point here: PUNCHPLAY_API_BASE at build time sets both. */
export const emulatorPort = Number(process.env.PUNCHPLAY_E2E_EMULATOR_PORT ?? 8787)
const origin = `http://127.0.0.1:${emulatorPort}`
/** The emulator's host:port as the TV writes addresses on screen. */
export const emulatorHost = origin.replace('http://', '')

/** The emulator Playwright starts (playwright.config.ts), which the built app talks to. */
export { origin as emulatorOrigin }

export const emulator = new TestEmulator({
  origin,
  apiBase: `${origin}/api/platform/v1`,
  publicUrl: origin,
  close: async () => {},
})

/**
 * The real API's timings: no interval field, 5 s between polls, 10-minute codes;
 * with `realShapes` (the "real-shapes" project), its answers in real servers'
 * shapes too. Used as `test.beforeEach(resetEmulator)`, it gets the fixture.
 */
export async function resetEmulator({ realShapes }: { realShapes: boolean }): Promise<void> {
  await emulator.control('/reset', {})
  await emulator.configure({
    realShapes,
    deviceCodeTtlSec: 600,
    intervalSec: null,
    minPollIntervalSec: 5,
    pollViolation: 'rate_limited',
    qrFormat: 'png',
    rateLimits: {
      deviceCode: { max: 10, windowSec: 3600 },
      deviceToken: { max: 200, windowSec: 600 },
      refresh: { max: 20, windowSec: 3600 },
    },
  })
}

/** Approves or denies as the phone does: opens the code's /link page and posts its form. */
export function decideOnPhone(userCode: string, decision: 'approve' | 'deny', username = 'ana') {
  return emulator.decideOnPhone(userCode, decision, username)
}

/** A second device of the same viewer (a phone app, another TV): its own access token. */
export async function otherDevice(username = 'ana'): Promise<string> {
  const post = async (path: string, body: object) => {
    const response = await fetch(`${origin}/api/platform/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return (await response.json()) as Record<string, string>
  }
  const code = await post('/auth/device/code', { client_id: 'ppc_punchplaytv_dev' })
  await emulator.approve(code.user_code!, 'approve', username)
  const tokens = await post('/auth/device/token', {
    client_id: 'ppc_punchplaytv_dev',
    device_code: code.device_code,
  })
  return tokens.access_token!
}

/** Reports playback as another client would. */
export async function reportPlayback(
  accessToken: string,
  action: string,
  body: object,
): Promise<void> {
  const response = await fetch(`${origin}/api/platform/v1/playback/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`playback ${action}: HTTP ${response.status}`)
}

export interface ReceivedEvent {
  action: string
  result: string
  /** Whose PunchPlay account the event was applied to. */
  username: string | null
  body: { event_id: string; playback_session_id: string; progress: number; watched?: boolean }
}

export async function receivedEvents(): Promise<ReceivedEvent[]> {
  return (await emulator.control<{ events: ReceivedEvent[] }>('/playback-events')).events
}
