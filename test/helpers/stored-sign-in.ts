import { expect, vi } from 'vitest'
import type { KeyValueStore } from '../../src/core/ports.ts'
import { createAppRig } from '../chaos/support/rig.ts'
import type { TestEmulator } from './emulator-control.ts'

/**
 * One run of the app that pairs `ana` through its own pairing screen and keeps
 * the sign-in in `store`, for tests of what the next start does with it.
 */
export async function runThatSignsIn(emu: TestEmulator, store: KeyValueStore): Promise<void> {
  const first = createAppRig(emu, { store })
  await first.services.boot.start()
  first.services.pairing.start()
  await vi.waitFor(() => expect(first.services.pairing.view.code).not.toBeNull())
  await emu.approve(first.services.pairing.view.code!, 'approve', 'ana')
  await first.pass(5_000)
  await vi.waitFor(() => expect(first.services.sessionState.current.status).toBe('signed-in'))
}
