import { randomUUID } from 'node:crypto'
import { createHttp } from '../../../src/adapters/ky-http.ts'
import { createMemoryStore } from '../../../src/adapters/memory-store.ts'
import { renderQr } from '../../../src/adapters/qr.ts'
import { parsePunchPlayConfig } from '../../../src/core/config.ts'
import type { PairingResult, PairingUpdate } from '../../../src/core/pairing/device-flow.ts'
import type { PlayableItem, Position } from '../../../src/core/playback/events.ts'
import type { KeyValueStore } from '../../../src/core/ports.ts'
import type { StorageTrouble } from '../../../src/core/session/resilient-store.ts'
import { createCoreServices } from '../../../src/core-services.ts'
import { createServices } from '../../../src/services.ts'
import type { Platform } from '../../../src/tv/platform.ts'
import { ALL_SCOPES, TV_CLIENT, type TestEmulator } from '../../helpers/emulator-control.ts'
import { ManualClock } from '../../helpers/manual-clock.ts'

export const MOVIE: PlayableItem = {
  id: 'long-field',
  mediaType: 'movie',
  title: 'The Long Field',
  durationSec: 600,
}

export interface RigOptions {
  readonly apiBase?: string
  readonly store?: KeyValueStore
  readonly clock?: ManualClock
  readonly timeoutMs?: number
}

/** The app's whole core, wired by the app's own composition, on a manual clock the emulator follows. */
export function createRig(emu: TestEmulator, options: RigOptions = {}) {
  const clock =
    options.clock ?? new ManualClock(Date.UTC(2026, 10, 28, 12), (ms) => emu.advance(ms / 1000))
  const kv = options.store ?? createMemoryStore()
  const troubles: StorageTrouble[] = []
  const core = createCoreServices(
    {
      clock,
      http: createHttp(options.apiBase ?? emu.apiBase, options.timeoutMs),
      store: kv,
      ids: { uuid: randomUUID },
    },
    {
      config: { clientId: TV_CLIENT, scope: ALL_SCOPES, watchedThreshold: 0.9 },
      version: 'chaos',
      deviceName: async () => 'Chaos TV',
      onStorageTrouble: (trouble) => troubles.push(trouble),
    },
  )
  const { api, store, session, flow, queue, playback } = core
  /** A viewing whose picture starts at once, as on a TV that plays the file. */
  const begin = async (item: PlayableItem, position: () => Position) => {
    const tracked = await playback.begin(item, position)
    tracked.playing()
    return tracked
  }

  /** Lets virtual time run until `work` settles, one sleep at a time. */
  async function drive<T>(work: Promise<T>, onSleep?: (ms: number) => Promise<void>): Promise<T> {
    let done = false
    const settled = work.finally(() => (done = true))
    while (!done) {
      const next = await Promise.race([settled.then(() => null), clock.nextSleep()])
      if (next === null) break
      await onSleep?.(next)
      await clock.advance(next)
    }
    return settled
  }

  /** The device flow end to end; `during` runs at every wait (inject faults, approve…). */
  async function pair(during?: (wait: number, updates: PairingUpdate[]) => Promise<void>) {
    const code = await flow.requestCode()
    const updates: PairingUpdate[] = []
    const result: PairingResult = await drive(
      flow.poll(code, (update) => updates.push(update)),
      during && ((wait) => during(wait, updates)),
    )
    if (result.status === 'approved') await session.signIn(result.grant)
    return { code, result, updates }
  }

  return { clock, api, kv, store, troubles, session, flow, queue, playback, begin, drive, pair }
}

export type Rig = ReturnType<typeof createRig>

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
