import type { Boot, FirstScreen } from './boot.ts'
import type { PairingSession, PairingView } from './pairing-session.ts'
import type { Clock } from '../core/ports.ts'

export interface FirstScreenOptions {
  readonly boot: Boot
  readonly pairing: PairingSession
  readonly clock: Clock
}

/** A pairing page can be drawn whole: its code is in, or the failure it will offer a retry for. */
const codeSettled = (view: PairingView) => view.code !== null || view.canRetry

/**
 * The first screen once it can be drawn complete: start-up done and, for
 * pairing, the code asked for at start-up already in (home and the viewer
 * picker have no code to wait for). Nothing is drawn while waiting, which
 * leaves the engine to the storage read and the code request. Past
 * `withinMs` it says what it knows: the screen without its code, or null
 * while start-up still runs (the splash then shows, and Back can ask to exit).
 */
export function firstScreenReady(
  { boot, pairing, clock }: FirstScreenOptions,
  withinMs: number,
): Promise<FirstScreen | null> {
  return new Promise((resolve) => {
    const timer = new AbortController()
    let settled = false
    const known = () => (boot.view.phase === 'started' ? boot.view.first : null)
    const done = (first: FirstScreen | null) => {
      if (settled) return
      settled = true
      stopBoot()
      stopPairing()
      timer.abort()
      resolve(first)
    }
    const check = () => {
      const first = known()
      if (boot.view.phase === 'failed') done(null)
      else if (first && (first.screen !== 'pairing' || codeSettled(pairing.view))) done(first)
    }
    const stopBoot = boot.subscribe(check)
    const stopPairing = pairing.subscribe(check)
    clock.sleep(withinMs, timer.signal).then(
      () => done(known()),
      () => undefined,
    )
    check()
  })
}
