import { afterAll, beforeAll, beforeEach } from 'vitest'
import { startEmulator, type EmulatorOptions } from '../../emulator/server.ts'
import { TestEmulator } from './emulator-control.ts'

export {
  ALL_SCOPES,
  REQUEST_ID,
  TV_CLIENT,
  TestEmulator,
  playbackEvent,
  type Answer,
  type FaultSpec,
  type Tokens,
} from './emulator-control.ts'

/**
 * One emulator per test file on an ephemeral loopback port, reset before each
 * test (and its timing options applied again), unless its control routes are off.
 */
export function useEmulator(options: Partial<EmulatorOptions> = {}): () => TestEmulator {
  let emulator: TestEmulator | undefined
  beforeAll(async () => {
    const running = await startEmulator({
      host: '127.0.0.1',
      port: 0,
      controlEnabled: true,
      ...options,
    })
    emulator = new TestEmulator(running)
  })
  afterAll(async () => emulator?.running.close())
  beforeEach(async () => {
    if (options.controlEnabled === false) return
    await emulator?.control('/reset', {})
    await emulator?.configure(pickTiming(options))
  })
  return () => {
    if (!emulator) throw new Error('emulator not started')
    return emulator
  }
}

function pickTiming(options: Partial<EmulatorOptions>): Partial<EmulatorOptions> {
  const keys = [
    'deviceCodeTtlSec',
    'intervalSec',
    'minPollIntervalSec',
    'pollViolation',
    'accessTokenTtlSec',
    'rotateRefreshTokens',
    'rateLimits',
    'realShapes',
    'opaqueTokens',
  ] as const
  const timing: Record<string, unknown> = {}
  for (const key of keys) if (key in options) timing[key] = options[key]
  return timing as Partial<EmulatorOptions>
}
