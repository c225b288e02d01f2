import { describe } from 'vitest'
import { isPunchPlayError } from '../../src/core/errors.ts'
import type { LoggedRequest } from '../helpers/emulator-control.ts'
import { useEmulator, type FaultSpec } from '../helpers/emulator.ts'
import { matrix } from './support/report.ts'
import type { App } from './support/rig.ts'
import { UNTIL_REFRESH_MS, describeHome, homeFailed, pairedTv, readHome } from './support/steps.ts'
import { atLeast, atMost, holds, pageTexts, stillSignedIn } from './support/verdict.ts'

const emulator = useEmulator({ minPollIntervalSec: 5 })
const scenario = matrix(import.meta.filename, emulator)

type Logged = LoggedRequest & { fault?: string }

/** Answers a proxy or a broken server gives instead of PunchPlay's JSON. */
const HOSTILE: Array<Omit<FaultSpec, 'route' | 'count'>> = [
  { kind: 'malformed' },
  { kind: 'empty' },
  { kind: 'body', contentType: 'text/plain', body: 'OK' },
  { kind: 'body', body: '[1,2,3]' },
  { kind: 'body', body: '{"id":7,"user_code":[],"items":"x","title":false}' },
  { kind: 'html', status: 503 },
]

/** The failure on the page now: typed, and worded (never blank, never a stack). */
function shownFailure(app: App): { typed: boolean; text: string } | null {
  const home = app.homeView
  const failed = [home?.nowPlaying, home?.continueWatching].find((read) => read?.kind === 'failed')
  const error =
    failed?.kind === 'failed'
      ? failed.error
      : app.page === 'pairing' && app.pairingView?.status === 'no-code'
        ? app.pairingView.error
        : undefined
  if (error === undefined) return null
  return { typed: isPunchPlayError(error), text: pageTexts(app).join(' | ') }
}

describe('fault matrix: server', () => {
  scenario(
    'server',
    '500/502/503 with HTML bodies while pairing and reading',
    { events: false },
    async (context) => {
      for (const status of [500, 502, 503]) {
        await context.emu.fault({ route: '/auth/device/token', kind: 'html', status, count: 1 })
      }
      const { app } = await pairedTv(context)
      await context.emu.fault({
        route: '/playback/now-playing',
        kind: 'html',
        status: 502,
        count: 1,
      })
      await readHome(app)
      const failure = shownFailure(app)
      const recovered = await readHome(app)
      const pages = ((await context.emu.requests()) as Logged[]).filter((r) => r.fault === 'html')
      return [
        atLeast('HTML error pages answered (emulator log)', 4, pages.length),
        holds(
          'the failed read is shown typed and worded',
          'typed',
          failure ? `${failure.typed ? 'typed' : 'untyped'}: ${failure.text}` : 'nothing shown',
          failure?.typed === true,
        ),
        holds('the next read recovers', 'both read', describeHome(app), recovered),
      ]
    },
  )

  for (const retryAfterSec of [45, null]) {
    scenario(
      'server',
      `429 storm ${retryAfterSec ? 'with' : 'without'} Retry-After while pairing`,
      { events: false },
      async (context) => {
        await context.emu.fault({
          route: '/auth/device/token',
          kind: 'status',
          status: 429,
          count: 6,
          ...(retryAfterSec ? { retryAfterSec } : {}),
        })
        const tv = context.tv()
        const app = await tv.launch()
        await tv.until(() => false, (retryAfterSec ?? 10) * 1000 * 6 + 30_000)
        await app.approveOnPhone()
        await tv.until(() => app.signedIn, 5 * 60_000)
        const polls = await context.emu.requests('/auth/device/token')
        const gaps = polls
          .slice(1)
          .map((poll, i) => ({ after: polls[i]!, gapMs: poll.timeMs - polls[i]!.timeMs }))
        const after429 = gaps.filter((gap) => gap.after.status === 429).map((gap) => gap.gapMs)
        const shortest = after429.length ? Math.min(...after429) / 1000 : null
        const wanted = retryAfterSec ?? 10
        return [
          atLeast('polls answered 429', 6, polls.filter((p) => p.status === 429).length),
          holds(
            'shortest wait after a 429 (s)',
            `≥ ${wanted}`,
            String(shortest),
            shortest !== null && shortest >= wanted,
          ),
          holds('signed in', 'signed in', app.services.sessionState.current.status, app.signedIn),
        ]
      },
    )
  }

  scenario(
    'server',
    'garbled answers on the code request, the refresh and both home reads',
    { events: false, timeoutMs: 120_000 },
    async (context) => {
      const tv = context.tv()
      const app = await tv.launch()
      let tried = 0
      let typedAndWorded = 0
      const untyped: string[] = []
      // The code request: each answer leaves "Get a new code" with a worded failure.
      for (const hostile of HOSTILE) {
        await context.emu.fault({ route: '/auth/device/code', count: 1, ...hostile })
        app.services.pairing.retry()
        await tv.until(
          () => app.pairingView?.canRetry === true || app.pairingView?.code != null,
          10_000,
        )
        tried++
        const failure = shownFailure(app)
        if (failure?.typed && failure.text) typedAndWorded++
        else untyped.push(`code ${hostile.kind}`)
      }
      app.services.pairing.retry()
      await app.pair()
      await tv.until(() => app.homeRead, 60_000)
      for (const route of ['/playback/now-playing', '/playback/in-progress']) {
        for (const hostile of HOSTILE) {
          await context.emu.fault({ route, count: 1, ...hostile })
          await readHome(app)
          tried++
          const failure = shownFailure(app)
          // An empty 2xx is how some servers say "nothing playing" (204, issue 16).
          const nothingPlaying =
            route.endsWith('now-playing') && hostile.kind === 'empty' && app.homeRead
          if (nothingPlaying || (failure?.typed && failure.text)) typedAndWorded++
          else untyped.push(`${route} ${hostile.kind}`)
        }
      }
      await tv.pass(UNTIL_REFRESH_MS - 60_000)
      for (const hostile of HOSTILE) {
        await context.emu.fault({ route: '/auth/refresh', count: 1, ...hostile })
        await tv.pass(11 * 60_000)
        await readHome(app)
      }
      await tv.pass(11 * 60_000)
      const recovered = await readHome(app)
      return [
        holds(
          'garbled answers shown as a typed, worded failure',
          `${tried} of ${tried}`,
          `${typedAndWorded} of ${tried}${untyped.length ? ` (not: ${untyped.join(', ')})` : ''}`,
          typedAndWorded === tried,
        ),
        holds('home reads once answers are sane again', 'both read', describeHome(app), recovered),
        stillSignedIn(app),
      ]
    },
  )

  scenario(
    'server',
    'absurd values in the device code answer',
    { events: false },
    async (context) => {
      const relay = await context.relay()
      const tv = context.tv({ apiBase: relay.apiBase })
      const app = await tv.launch()
      await tv.until(() => app.pairingView?.code != null, 10_000)
      const cases: Array<[string, Record<string, unknown>, (app: App) => boolean]> = [
        ['expires_in 0 refused', { expires_in: 0 }, (a) => a.pairingView?.status === 'no-code'],
        [
          'expires_in 10^9 capped at 30 min',
          { expires_in: 1e9 },
          (a) => (a.pairingView?.lifetimeMs ?? Infinity) <= 1_800_000,
        ],
        [
          'user_code of 500 characters refused',
          { user_code: 'X'.repeat(500) },
          (a) => a.pairingView?.status === 'no-code',
        ],
        ['javascript: QR dropped', { verification_uri_qr: 'javascript:alert(1)' }, ownQr],
        ['http QR dropped', { verification_uri_qr: 'http://evil.example/qr.png' }, ownQr],
        ['SVG QR dropped', { verification_uri_qr: 'data:image/svg+xml;base64,PHN2Zz4=' }, ownQr],
        ['non-base64 QR dropped', { verification_uri_qr: 'data:image/png;base64,%%%' }, ownQr],
      ]
      const failed: string[] = []
      for (const [label, fields, check] of cases) {
        relay.patch('/auth/device/code', (answer) => ({ ...answer, ...fields }))
        app.services.pairing.retry()
        await tv.until(
          () => app.pairingView?.canRetry === true || app.pairingView?.code != null,
          10_000,
        )
        if (!check(app)) failed.push(label)
      }
      await context.emu.fault({ route: '/auth/device/code', kind: 'huge', status: 502, count: 1 })
      app.services.pairing.retry()
      await tv.until(() => app.pairingView?.canRetry === true, 10_000)
      const kept = app.services.diagnostics.entries[0]?.body?.length ?? 0
      return [
        holds(
          'absurd answers handled',
          `${cases.length} of ${cases.length}`,
          `${cases.length - failed.length} of ${cases.length}${failed.length ? ` (not: ${failed.join(', ')})` : ''}`,
          failed.length === 0,
        ),
        atMost('characters kept of a 10 MB error page', 3000, kept),
        holds(
          'the failure is on screen',
          'worded',
          pageTexts(app).join(' | ') || 'blank',
          homeFailed(app) || app.pairingView?.error != null,
        ),
      ]
    },
  )
})

/** The QR shown is one the TV drew: a PNG, not what the server sent. */
function ownQr(app: App): boolean {
  return (
    /^data:image\/png;base64,iVBORw0KGgo/.test(app.pairingView?.qrSrc ?? '') &&
    app.pairingView?.code != null
  )
}

describe('fault matrix: server, smaller findings', () => {
  scenario(
    'server',
    'a 429 on a home read (not on the code request)',
    { finding: 'every 429 is shown as “too many codes”', events: false },
    async (context) => {
      const { app } = await pairedTv(context)
      await context.emu.fault({
        route: '/playback/now-playing',
        kind: 'status',
        status: 429,
        retryAfterSec: 120,
        count: 1,
      })
      await readHome(app)
      const shown = pageTexts(app).join(' | ')
      const aboutCodes = /code/i.test(shown)
      return [
        holds(
          'the failure on home speaks of codes',
          'no',
          shown || 'nothing shown',
          shown !== '' && !aboutCodes,
        ),
      ]
    },
  )

  scenario(
    'server',
    'the code answer says interval 1 s and the server would take polls that fast',
    { finding: 'the server interval floor is 1 s where the API reference says 5 s', events: false },
    async (context) => {
      await context.emu.configure({ intervalSec: 1, minPollIntervalSec: 0 })
      const tv = context.tv()
      const app = await tv.launch()
      await tv.until(() => false, 60_000)
      await app.approveOnPhone()
      await tv.until(() => app.signedIn, 60_000)
      const polls = await context.emu.requests('/auth/device/token')
      const gaps = polls.slice(1).map((poll, i) => poll.timeMs - polls[i]!.timeMs)
      const shortest = gaps.length ? Math.min(...gaps) / 1000 : null
      return [
        holds(
          'shortest gap between token polls (s)',
          '≥ 5',
          String(shortest),
          shortest !== null && shortest >= 5,
        ),
        holds('signed in', 'signed in', app.services.sessionState.current.status, app.signedIn),
      ]
    },
  )
})
