import { afterAll, beforeAll, beforeEach } from 'vitest'
import { startEmulator, type EmulatorOptions } from '../../emulator/server.ts'
import { TestEmulator } from './emulator-control.ts'

export { ALL_SCOPES, TV_CLIENT, TestEmulator } from './emulator-control.ts'

/** One emulator per test file, reset before each test. */
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
    await emulator?.control('/reset', {})
    if (options) await emulator?.configure(pickTiming(options))
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
  ] as const
  const timing: Record<string, unknown> = {}
  for (const key of keys) if (key in options) timing[key] = options[key]
  return timing as Partial<EmulatorOptions>
}
