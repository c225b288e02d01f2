import type { ErrorReport } from '../../../src/core/errors.ts'
import { QUEUE_KEY } from '../../../src/core/playback/event-queue.ts'
import { TOKENS_KEY } from '../../../src/core/session/token-store.ts'
import { entryFacts, entrySummary } from '../../../src/ui/diagnostics-text.ts'
import { failureText } from '../../../src/ui/failure-text.ts'
import type { TestEmulator } from '../../helpers/emulator-control.ts'
import { showAll, type ConsoleProbe } from './probes.ts'
import type { App, Tv } from './rig.ts'

/** One limit a scenario checks and the figure the run measured for it. */
export interface Check {
  readonly name: string
  readonly limit: string
  readonly measured: string
  readonly ok: boolean
}

export const atMost = (name: string, max: number, measured: number): Check => ({
  name,
  limit: `≤ ${max}`,
  measured: String(measured),
  ok: measured <= max,
})

export const atLeast = (name: string, min: number, measured: number): Check => ({
  name,
  limit: `≥ ${min}`,
  measured: String(measured),
  ok: measured >= min,
})

/** A yes/no behaviour, shown with what was actually seen. */
export const holds = (name: string, limit: string, measured: string, ok: boolean): Check => ({
  name,
  limit,
  measured,
  ok,
})

/** The viewer is still signed in at the end of the scenario, whatever it threw at the app. */
export const stillSignedIn = (app: App): Check =>
  holds('still signed in', 'signed in', app.services.sessionState.current.status, app.signedIn)

/** At least one refresh the server took (200), of the statuses a run recorded. */
export const refreshesAccepted = (name: string, statuses: readonly number[]): Check =>
  holds(name, '≥ 1', String(statuses.filter((s) => s === 200).length), statuses.includes(200))

/** A refused refresh means the app sent a refresh token the server had already rotated away. */
export const noSpentTokenReplayed = (statuses: readonly number[]): Check =>
  atMost('refreshes refused (spent token replayed)', 0, statuses.filter((s) => s >= 400).length)

/** Documented limits per address (punchplay-api.md §9), applied to every scenario. */
const RATE_LIMITS = [
  {
    name: 'device token polls in any 10 min',
    path: '/auth/device/token',
    max: 200,
    windowMs: 600_000,
  },
  { name: 'refreshes in any hour', path: '/auth/refresh', max: 20, windowMs: 3_600_000 },
  { name: 'device codes in any hour', path: '/auth/device/code', max: 10, windowMs: 3_600_000 },
] as const

/** The most requests in any window of `windowMs`, from the emulator's request log. */
export function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= windowMs) first++
    most = Math.max(most, last - first + 1)
  }
  return most
}

export async function rateChecks(emu: TestEmulator): Promise<Check[]> {
  const requests = await emu.requests()
  return RATE_LIMITS.map(({ name, path, max, windowMs }) =>
    atMost(
      name,
      max,
      busiestWindow(
        requests.filter((r) => r.path.endsWith(path)).map((r) => r.timeMs),
        windowMs,
      ),
    ),
  )
}

export interface Delivered {
  readonly action: string
  readonly result: string
  readonly body: { readonly event_id: string; readonly playback_session_id: string }
}

export const deliveredEvents = async (emu: TestEmulator) =>
  (await emu.control<{ events: Delivered[] }>('/playback-events')).events

/** Every event the app made: sent over its network, or written to its queue in storage. */
export function knownEvents(tvs: readonly Tv[]): Map<string, string> {
  const known = new Map<string, string>()
  for (const tv of tvs) {
    for (const sent of tv.net.sentEvents) known.set(sent.eventId, sent.action)
    for (const write of tv.disk.writes) {
      if (write.key !== QUEUE_KEY || !Array.isArray(write.value)) continue
      for (const entry of write.value as Array<{
        action?: unknown
        body?: { event_id?: unknown }
      }>) {
        const id = entry.body?.event_id
        if (typeof id === 'string' && typeof entry.action === 'string') known.set(id, entry.action)
      }
    }
  }
  return known
}

/**
 * No event lost or delivered twice, from the emulator's playback log against
 * every event the app made. Queued progress may be superseded by its
 * session's stop (by design), so only start, pause, resume and stop must arrive.
 */
export async function eventChecks(emu: TestEmulator, tvs: readonly Tv[]): Promise<Check[]> {
  const delivered = await deliveredEvents(emu)
  const arrived = new Map<string, number>()
  for (const event of delivered) {
    arrived.set(event.body.event_id, (arrived.get(event.body.event_id) ?? 0) + 1)
  }
  const known = knownEvents(tvs)
  const lost = [...known].filter(([id, action]) => action !== 'progress' && !arrived.has(id))
  const twice = [...arrived.values()].filter((count) => count > 1).length
  return [
    holds(
      'events the app made that never arrived (start/pause/resume/stop)',
      '0',
      `${lost.length} of ${[...known.values()].filter((a) => a !== 'progress').length}`,
      lost.length === 0,
    ),
    atMost('events delivered more than once', 0, twice),
  ]
}

/** What each page would draw now: the texts come from the UI's own wording functions. */
export function screenTexts(app: App): string[] {
  return [...pageTexts(app), ...diagnosticsTexts(app.services.diagnostics.entries)]
}

/** Pairing, home and start-up as drawn now (the Diagnostics page aside). */
export function pageTexts(app: App): string[] {
  const texts: string[] = []
  const pairing = app.pairingView
  if (app.page === 'pairing' && pairing) {
    texts.push(pairing.code ?? '', pairing.address ?? '')
    if (pairing.error) texts.push(failureText(pairing.error))
  }
  const home = app.homeView
  if (app.page === 'home' && home) {
    for (const read of [home.nowPlaying, home.continueWatching]) {
      if (read.kind === 'failed') texts.push(failureText(read.error))
    }
    if (home.notice?.kind === 'removeFailed') texts.push(failureText(home.notice.error))
  }
  const boot = app.services.boot.view
  if (boot.phase === 'failed' && boot.error !== null) texts.push(failureText(boot.error))
  return texts.filter((text) => text !== '')
}

/** The Diagnostics page: the list rows, and the facts and raw body of each entry. */
export function diagnosticsTexts(entries: readonly ErrorReport[]): string[] {
  return entries.flatMap((entry) => [
    entrySummary(entry),
    ...entryFacts(entry),
    entry.requestId ?? '',
    entry.body ?? entry.message,
  ])
}

/** The errors the app holds for its pages, as deep as a debugger would show them. */
export function heldErrors(app: App): unknown[] {
  const errors: unknown[] = []
  if (app.pairingView?.error) errors.push(app.pairingView.error)
  for (const read of [app.homeView?.nowPlaying, app.homeView?.continueWatching]) {
    if (read?.kind === 'failed') errors.push(read.error)
  }
  const boot = app.services.boot.view
  if (boot.phase === 'failed') errors.push(boot.error)
  return errors
}

/** A credential is leaked when any 16 characters of it in a row show up. */
const WINDOW = 16

function holdsPartOf(text: string, secret: string): boolean {
  for (let at = 0; at + WINDOW <= secret.length; at += 4) {
    if (text.includes(secret.slice(at, at + WINDOW))) return true
  }
  return text.includes(secret.slice(-WINDOW))
}

export interface Leak {
  readonly place: string
  readonly secret: string
}

/**
 * Every credential the app held, looked for in screen text, speech, the
 * Diagnostics entries, the errors pages hold, storage other than the token
 * record, and the console.
 */
/** The places (by name) holding any of `secrets`. */
export function placesHolding(
  secrets: Iterable<string>,
  places: ReadonlyArray<readonly [string, readonly string[]]>,
): Leak[] {
  const leaks: Leak[] = []
  for (const secret of secrets) {
    for (const [place, texts] of places) {
      if (texts.some((text) => holdsPartOf(text, secret))) leaks.push({ place, secret })
    }
  }
  return leaks
}

export function findLeaks(tvs: readonly Tv[], consoleProbe?: ConsoleProbe): Leak[] {
  const leaks: Leak[] = []
  for (const tv of tvs) {
    const places: Array<[string, string[]]> = [['speech', tv.spoken]]
    for (const app of tv.apps) {
      places.push(['screen', screenTexts(app)])
      places.push(['diagnostics', app.services.diagnostics.entries.map((e) => JSON.stringify(e))])
      places.push(['errors', heldErrors(app).map(showAll)])
    }
    const stored = Object.entries(tv.disk.dump()).filter(([key]) => key !== TOKENS_KEY)
    places.push(['storage', stored.map(([key, value]) => `${key} ${JSON.stringify(value)}`)])
    if (consoleProbe) places.push(['console', consoleProbe.lines])
    leaks.push(...placesHolding(tv.net.secrets, places))
  }
  return leaks
}

export function leakCheck(tvs: readonly Tv[], consoleProbe?: ConsoleProbe): Check {
  const leaks = findLeaks(tvs, consoleProbe)
  const watched = new Set(tvs.flatMap((tv) => [...tv.net.secrets])).size
  const leaked = new Set(leaks.map((leak) => leak.secret)).size
  const places = [...new Set(leaks.map((leak) => leak.place))].join(', ')
  return holds(
    'credentials found in screen, speech, Diagnostics, errors, storage (not the token record), console',
    '0',
    `${leaked} of ${watched} credentials the app held${places ? `, in ${places}` : ''}`,
    leaks.length === 0,
  )
}
