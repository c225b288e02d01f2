import { randomUUID } from 'node:crypto'
import { createHttp } from '../../../src/adapters/ky-http.ts'
import { createMemoryStore } from '../../../src/adapters/memory-store.ts'
import { renderQr } from '../../../src/adapters/qr.ts'
import { parsePunchPlayConfig } from '../../../src/core/config.ts'
import type { KeyValueStore } from '../../../src/core/ports.ts'
import { createServices } from '../../../src/services.ts'
import type { Platform } from '../../../src/tv/platform.ts'
import { ALL_SCOPES, TV_CLIENT, type TestEmulator } from '../../helpers/emulator-control.ts'
import { ManualClock } from '../../helpers/manual-clock.ts'

/*
 * The bare createServices rig of test/unit/app-session.test.ts: the manual
 * clock of test/helpers, one instance, no probes. The fault matrix uses
 * rig.ts (Tv and App), which launches and kills instances on one TV.
 */

/** A desktop-like TV: no model name, no screen reader, always visible, exit only counted. */
function quietPlatform(): Platform & { exits: number } {
  return {
    name: 'browser',
    exits: 0,
    registerKeys() {},
    exit() {
      this.exits++
    },
    screenReaderOn: async () => false,
    deviceName: async () => null,
    watchVisibility: () => () => {},
  }
}

export interface AppRigOptions {
  readonly store?: KeyValueStore
  readonly clock?: ManualClock
}

/**
 * The whole app below the pages, built by the same createServices(adapters)
 * as main.ts, with Node's adapters: real HTTP to the emulator, a manual clock
 * the emulator follows, a memory store, silent speech and no video.
 */
export function createAppRig(emu: TestEmulator, options: AppRigOptions = {}) {
  const clock =
    options.clock ?? new ManualClock(Date.UTC(2026, 10, 28, 12), (ms) => emu.advance(ms / 1000))
  const platform = quietPlatform()
  const services = createServices(
    {
      clock,
      http: createHttp(emu.apiBase),
      store: options.store ?? createMemoryStore(),
      ids: { uuid: randomUUID },
      speech: { speak() {}, cancel() {} },
      video: {
        choose: () => null,
        create: () => {
          throw new Error('no video in Node')
        },
      },
      qr: renderQr,
    },
    {
      config: parsePunchPlayConfig({
        apiBase: emu.apiBase,
        clientId: TV_CLIENT,
        scope: ALL_SCOPES,
        deviceName: 'Chaos TV',
      }),
      version: '0.0.0-test',
      platform,
      onStorageTrouble: () => {},
      deviceLanguages: ['en'],
    },
  )

  /** Lets `ms` of virtual time pass sleep by sleep, giving loopback HTTP a moment after each. */
  async function pass(ms: number): Promise<void> {
    const target = clock.now() + ms
    for (;;) {
      const due = clock.earliestDueMs()
      const step = due === null || due > target ? target - clock.now() : due - clock.now()
      await clock.advance(Math.max(0, step))
      await new Promise((resolve) => setTimeout(resolve, 40))
      if (clock.now() >= target) return
    }
  }

  return { clock, platform, services, pass }
}

export type AppRig = ReturnType<typeof createAppRig>
