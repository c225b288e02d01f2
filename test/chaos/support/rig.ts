import { randomUUID } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { createHttp, REQUEST_TIMEOUT_MS } from '../../../src/adapters/ky-http.ts'
import { renderQr } from '../../../src/adapters/qr.ts'
import type { PairingView } from '../../../src/app/pairing-session.ts'
import type { HomeView } from '../../../src/app/home-feed.ts'
import type { Visibility } from '../../../src/app/lifecycle.ts'
import { parsePunchPlayConfig } from '../../../src/core/config.ts'
import type { PlayableItem, Position } from '../../../src/core/playback/events.ts'
import type { TrackedPlayback } from '../../../src/core/playback/tracker.ts'
import { createServices } from '../../../src/services.ts'
import type { Platform } from '../../../src/tv/platform.ts'
import type { AppServices } from '../../../src/ui/services.ts'
import { ALL_SCOPES, TV_CLIENT, type TestEmulator } from '../../helpers/emulator-control.ts'
import { InstanceClock, TvClock } from './clock.ts'
import { Disk, NetworkProbe } from './probes.ts'

export const MOVIE: PlayableItem = {
  id: 'long-field',
  mediaType: 'movie',
  title: 'The Long Field',
  tmdbId: 550,
  durationSec: 600,
}

export const NOV_28_NOON = Date.UTC(2026, 10, 28, 12)

export interface TvOptions {
  /** Where the app's HTTP goes: the emulator, or a relay in front of it. */
  readonly apiBase?: string
  /** The HTTP adapter's timeout; the app's own by default. */
  readonly timeoutMs?: number
  /** The TV's wall clock at power-on. */
  readonly startAtMs?: number
  /** Another TV's storage, for two app instances sharing one IndexedDB. */
  readonly disk?: Disk
  /** Another TV's clock, for two instances on one TV. */
  readonly clock?: TvClock
}

type Page = 'boot' | 'pairing' | 'home'

/**
 * One TV: a clock, an IndexedDB that outlives app instances, and the
 * network as the app's adapter sees it. App instances are launched on it,
 * each built by createServices exactly as main.ts builds one.
 */
export class Tv {
  readonly clock: TvClock
  readonly disk: Disk
  readonly net = new NetworkProbe()
  readonly spoken: string[] = []
  readonly apps: App[] = []

  constructor(
    readonly emu: TestEmulator,
    readonly options: TvOptions = {},
  ) {
    this.clock =
      options.clock ?? new TvClock(options.startAtMs ?? NOV_28_NOON, (ms) => emu.advance(ms / 1000))
    this.disk = options.disk ?? new Disk()
  }

  /** A new app instance starting up, as the TV opens the app; resolves once start-up ended. */
  async launch(): Promise<App> {
    const app = new App(this)
    this.apps.push(app)
    await this.settle()
    return app
  }

  /** Kills every running instance and launches a new one on the same storage. */
  async restart(): Promise<App> {
    for (const app of this.apps) app.kill()
    return this.launch()
  }

  /** Waits until the app has nothing in flight: loopback HTTP answered, promises run. */
  async settle(): Promise<void> {
    for (let quiet = 0; quiet < 3;) {
      await new Promise((resolve) => setImmediate(resolve))
      if (this.net.busy) {
        quiet = 0
        await this.net.idle()
      } else quiet++
    }
  }

  /** Lets `ms` of time pass, sleep by sleep, the app settling after each. */
  async pass(ms: number): Promise<void> {
    let left = ms
    await this.settle()
    for (let steps = 0; left > 0; steps++) {
      if (steps > 200_000) throw new Error('the app keeps asking for zero-length sleeps')
      const due = this.clock.nextDueInMs()
      const step = due === null ? left : Math.min(left, due)
      await this.clock.advance(step)
      left -= step
      await this.settle()
    }
  }

  /** Lets time pass until `done()` holds; returns how long that took, or null if not within `maxMs`. */
  async until(done: () => boolean, maxMs: number): Promise<number | null> {
    const from = this.clock.elapsed()
    await this.settle()
    while (!done()) {
      const waited = this.clock.elapsed() - from
      if (waited >= maxMs) return null
      const due = this.clock.nextDueInMs()
      await this.pass(Math.min(due === null ? maxMs - waited : Math.max(due, 1), maxMs - waited))
    }
    return this.clock.elapsed() - from
  }
}

/** A desktop-like TV: no model name, no screen reader; visibility driven by the test. */
function testPlatform() {
  const listeners = new Set<(visibility: Visibility) => void>()
  const platform: Platform & { show(visibility: Visibility): void } = {
    name: 'browser',
    registerKeys() {},
    exit() {},
    screenReaderOn: async () => false,
    deviceName: async () => null,
    watchVisibility(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    show(visibility) {
      for (const listener of [...listeners]) listener(visibility)
    },
  }
  return platform
}

/**
 * One running app: createServices with Node's adapters, and the page routing
 * of src/ui/follow-session.ts (signed in → home, otherwise pairing), so the
 * use-cases run as the pages drive them. `views` holds what the pages would draw.
 */
export class App {
  readonly services: AppServices
  readonly platform = testPlatform()
  private readonly life = new AbortController()
  page: Page = 'boot'
  pairingView: PairingView | null = null
  homeView: HomeView | null = null
  private closeHome: (() => void) | null = null
  private stopPairing: (() => void) | null = null

  constructor(readonly tv: Tv) {
    const { emu, options } = tv
    // Every call and sleep of the instance listens to its death.
    setMaxListeners(0, this.life.signal)
    const apiBase = options.apiBase ?? emu.apiBase
    this.services = createServices(
      {
        clock: new InstanceClock(tv.clock, this.life.signal),
        http: tv.net.wrap(
          createHttp(apiBase, options.timeoutMs ?? REQUEST_TIMEOUT_MS),
          this.life.signal,
          () => tv.clock.elapsed(),
        ),
        store: tv.disk.view(this.life.signal),
        ids: { uuid: randomUUID },
        speech: { speak: (text) => tv.spoken.push(text), cancel() {} },
        video: {
          choose: () => null,
          create: () => {
            throw new Error('no video in Node')
          },
        },
        qr: (text, sizePx) => tv.net.track(renderQr(text, sizePx)),
      },
      {
        config: parsePunchPlayConfig({
          apiBase,
          clientId: TV_CLIENT,
          scope: ALL_SCOPES,
          deviceName: 'Chaos TV',
        }),
        version: '0.0.0-chaos',
        platform: this.platform,
        // As main.ts reports it.
        onStorageTrouble: (trouble) =>
          console.warn(`storage unavailable (${trouble.operation}); using memory`),
        deviceLanguages: ['en'],
      },
    )
    const { boot, sessionState } = this.services
    const follow = () => {
      if (this.life.signal.aborted || boot.view.phase !== 'started') return
      const session = sessionState.current
      if (session.status === 'signed-in') this.show('home')
      else if (session.status === 'signed-out' || session.status === 'disconnected')
        this.show('pairing')
    }
    boot.subscribe(follow)
    sessionState.subscribe(follow)
    void boot.start()
  }

  get signedIn(): boolean {
    return this.services.sessionState.current.status === 'signed-in'
  }

  /** Both home reads answered with data (not failed, not waiting). */
  get homeRead(): boolean {
    const view = this.homeView
    return view?.nowPlaying.kind === 'read' && view.continueWatching.kind === 'read'
  }

  /** The process dies: no timer of it runs again, no call of it starts again. */
  kill(): void {
    this.life.abort()
  }

  /** Approves the code on screen as the viewer's phone would; `scope` grants fewer scopes. */
  async approveOnPhone(scope?: string): Promise<void> {
    const code = this.pairingView?.code
    if (!code) throw new Error(`no code on screen (pairing status ${this.pairingView?.status})`)
    await this.tv.emu.approve(code, 'approve', undefined, scope)
  }

  /** Pairs from the pairing page: approve the code on screen, then wait until home. */
  async pair(scope?: string): Promise<void> {
    await this.tv.until(() => this.pairingView?.code != null, 60_000)
    await this.approveOnPhone(scope)
    const took = await this.tv.until(() => this.signedIn && this.page === 'home', 120_000)
    if (took === null) throw new Error(`pairing did not end at home: ${this.pairingView?.status}`)
  }

  /** The player: a viewing whose picture moves at once; stop() sends its one stop. */
  async play(position: () => Position): Promise<TrackedPlayback> {
    const tracked = await this.services.playback.begin(MOVIE, position)
    tracked.playing()
    await this.tv.settle()
    return tracked
  }

  private show(page: Page): void {
    if (page === this.page) return
    this.stopPairing?.()
    this.stopPairing = null
    this.closeHome?.()
    this.closeHome = null
    this.page = page
    if (page === 'pairing') {
      const { pairing } = this.services
      const unsubscribe = pairing.subscribe((view) => (this.pairingView = view))
      this.pairingView = pairing.view
      pairing.start()
      this.stopPairing = () => {
        unsubscribe()
        pairing.pause()
      }
    }
    if (page === 'home') {
      this.closeHome = this.services.screens.home.open((view) => (this.homeView = view))
    }
  }
}

export { createAppRig, type AppRig } from './app-rig.ts'
