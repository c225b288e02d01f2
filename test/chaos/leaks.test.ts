import { describe } from 'vitest'
import { DIAGNOSTICS_KEY } from '../../src/core/diagnostics/diagnostics-log.ts'
import type { ErrorReport } from '../../src/core/errors.ts'
import { TV_CLIENT, useEmulator } from '../helpers/emulator.ts'
import { showAll } from './support/probes.ts'
import type { Echoed, Relay } from './support/relay.ts'
import { matrix, type ScenarioContext } from './support/report.ts'
import type { App } from './support/rig.ts'
import { UNTIL_REFRESH_MS, pairedTv, readHome } from './support/steps.ts'
import {
  atMost,
  diagnosticsTexts,
  heldErrors,
  holds,
  pageTexts,
  placesHolding,
  type Check,
} from './support/verdict.ts'

const emulator = useEmulator({ minPollIntervalSec: 5 })
const scenario = matrix(import.meta.filename, emulator)

const json = (value: unknown) => ({ contentType: 'application/json', body: JSON.stringify(value) })
const text = (body: string, contentType = 'text/plain') => ({ contentType, body })

/** How servers and proxies echo a credential back (issue 15: 8 of 9 leaked with opaque tokens). */
const SHAPES: Record<string, (secret: string) => { contentType: string; body: string }> = {
  'JSON message': (s) => json({ error: 'invalid_request', message: `credential ${s} refused` }),
  'JSON under another key': (s) =>
    json({ error: 'invalid_request', message: 'no', echo: { v: s } }),
  'JSON error code': (s) => json({ error: `refused_${s}`, message: 'refused' }),
  'JSON request id': (s) => json({ error: 'server_error', message: 'refused', request_id: s }),
  'truncated JSON': (s) =>
    text(`{"error":"server_error","message":"refused ${s}`, 'application/json'),
  'escaped JSON': (s) =>
    json({
      error: 'bad_gateway',
      message: 'upstream',
      upstream: JSON.stringify({ access_token: s }),
    }),
  'form string': (s) => text(`client_id=${TV_CLIENT}&token=${s}&grant_type=x`),
  'query string': (s) => text(`GET /api/platform/v1/me?access_token=${encodeURIComponent(s)} 400`),
  'free text': (s) => text(`upstream refused credential ${s} at the edge`),
  'HTML page': (s) =>
    text(`<html><body><p>Your key: <code>${s}</code></p></body></html>`, 'text/html'),
}

interface Mark {
  readonly entries: ReadonlySet<ErrorReport>
  readonly spoken: number
  readonly console: number
}

const mark = (app: App, context: ScenarioContext): Mark => ({
  entries: new Set(app.services.diagnostics.entries),
  spoken: app.tv.spoken.length,
  console: context.console.lines.length,
})

/** Where a credential shows up among what appeared since `before`. */
function placesSince(app: App, context: ScenarioContext, before: Mark): string[] {
  const fresh = app.services.diagnostics.entries.filter((entry) => !before.entries.has(entry))
  const stored = app.tv.disk.dump()[DIAGNOSTICS_KEY]
  const storedFresh = Array.isArray(stored) ? stored.slice(0, fresh.length) : []
  const places = [
    ['screen', [...pageTexts(app), ...diagnosticsTexts(fresh)]],
    ['diagnostics', fresh.map((entry) => JSON.stringify(entry))],
    ['errors', heldErrors(app).map(showAll)],
    ['speech', app.tv.spoken.slice(before.spoken)],
    ['storage', storedFresh.map((entry) => JSON.stringify(entry))],
    ['console', context.console.lines.slice(before.console)],
  ] as const
  return [...new Set(placesHolding(app.tv.net.secrets, places).map((leak) => leak.place))]
}

/** One check over every shape: how many let the credential through, and where. */
function shapesCheck(name: string, leaking: Record<string, string[]>): Check {
  const bad = Object.entries(leaking).filter(([, places]) => places.length > 0)
  return holds(
    name,
    '0 shapes',
    `${bad.length} of ${Object.keys(leaking).length}${bad.length ? `: ${bad.map(([shape, places]) => `${shape} (${places.join(', ')})`).join('; ')}` : ''}`,
    bad.length === 0,
  )
}

async function echo(
  context: ScenarioContext,
  relay: Relay,
  route: string,
  status: number,
  echoes: Echoed,
  shape: (secret: string) => { contentType: string; body: string },
) {
  await context.emu.fault({ route, kind: 'status', status, count: 1 })
  relay.rewrite(route, echoes, ({ secret }) => shape(secret))
}

/** Runs `step` until the emulator logged one more call of `path` (at most `steps` times). */
async function whileNoNew(
  context: ScenarioContext,
  path: string,
  steps: number,
  step: () => Promise<unknown>,
): Promise<void> {
  const before = (await context.emu.requests(path)).length
  for (let i = 0; i < steps; i++) {
    if ((await context.emu.requests(path)).length > before) return
    await step()
  }
  throw new Error(`no call of ${path} came`)
}

describe('fault matrix: credentials never leak (opaque tokens, no ppat_ prefixes)', () => {
  scenario(
    'leaks',
    'opaque access token echoed in a 400 to a read, in every body shape, and a timeout',
    {
      finding: 'redaction depends on token prefixes; timeout errors keep the request as cause',
      events: false,
      timeoutMs: 90_000,
    },
    async (context) => {
      const relay = await context.relay({ opaque: true })
      const { tv, app } = await pairedTv(context, { apiBase: relay.apiBase, timeoutMs: 1500 })
      const leaking: Record<string, string[]> = {}
      for (const [shape, make] of Object.entries(SHAPES)) {
        const before = mark(app, context)
        await echo(context, relay, '/playback/now-playing', 400, 'bearer', make)
        await readHome(app)
        leaking[shape] = placesSince(app, context, before)
      }
      const before = mark(app, context)
      relay.delay('/playback/now-playing', 2500)
      await readHome(app)
      leaking['no answer in time'] = placesSince(app, context, before)
      await tv.settle()
      return [
        holds(
          'tokens the app was given carry no known prefix',
          'opaque',
          relay.opaqueTokens.some((t) => /^pp(at|rt)_/.test(t))
            ? 'prefixed'
            : `${relay.opaqueTokens.length} opaque`,
          relay.opaqueTokens.length > 0,
        ),
        shapesCheck('answers that leak the access token', leaking),
      ]
    },
  )

  scenario(
    'leaks',
    'opaque refresh token echoed in a 503 to a refresh, in every body shape',
    { finding: 'redaction depends on token prefixes', events: false, timeoutMs: 90_000 },
    async (context) => {
      const relay = await context.relay({ opaque: true })
      const { tv, app } = await pairedTv(context, { apiBase: relay.apiBase })
      await tv.pass(UNTIL_REFRESH_MS - 11 * 60_000)
      const leaking: Record<string, string[]> = {}
      for (const [shape, make] of Object.entries(SHAPES)) {
        const before = mark(app, context)
        await echo(context, relay, '/auth/refresh', 503, 'refresh_token', make)
        // The viewer comes home every minute until the app tries to refresh (waits double to 10 min).
        await whileNoNew(context, '/auth/refresh', 15, () =>
          tv.pass(60_000).then(() => readHome(app)),
        )
        leaking[shape] = placesSince(app, context, before)
      }
      await tv.pass(11 * 60_000)
      const recovered = await readHome(app)
      return [
        shapesCheck('answers that leak the refresh token', leaking),
        holds(
          'home reads once refresh answers again',
          'both read',
          recovered ? 'both read' : 'failed',
          recovered,
        ),
      ]
    },
  )

  scenario(
    'leaks',
    'opaque device code echoed in a 503 to a token poll, in every body shape',
    { finding: 'redaction depends on token prefixes', events: false, timeoutMs: 90_000 },
    async (context) => {
      const relay = await context.relay({ opaque: true })
      const tv = context.tv({ apiBase: relay.apiBase })
      const app = await tv.launch()
      await tv.until(() => app.pairingView?.code != null, 60_000)
      const leaking: Record<string, string[]> = {}
      for (const [shape, make] of Object.entries(SHAPES)) {
        const before = mark(app, context)
        await echo(context, relay, '/auth/device/token', 503, 'device_code', make)
        await whileNoNew(context, '/auth/device/token', 120, () => tv.pass(1000))
        leaking[shape] = placesSince(app, context, before)
      }
      await app.approveOnPhone()
      const took = await tv.until(() => app.signedIn, 5 * 60_000)
      return [
        shapesCheck('answers that leak the device code', leaking),
        holds(
          'pairing still ends signed in',
          'signed in',
          took === null ? `pairing ${app.pairingView?.status}` : 'signed in',
          took !== null,
        ),
      ]
    },
  )

  scenario(
    'leaks',
    'a 400 with a 1 MB message, a 64 KB error code and a 64 KB request id',
    { finding: 'sizes of message, error and request_id are not bounded', events: false },
    async (context) => {
      const relay = await context.relay()
      const huge = {
        error: 'e'.repeat(64 * 1024),
        message: 'm'.repeat(1024 * 1024),
        request_id: 'r'.repeat(64 * 1024),
      }
      const tv = context.tv({ apiBase: relay.apiBase })
      await context.emu.fault({ route: '/auth/device/code', kind: 'status', status: 400, count: 1 })
      relay.rewrite('/auth/device/code', 'bearer', () => json(huge))
      const app = await tv.launch()
      await tv.until(() => app.pairingView?.status === 'no-code', 60_000)
      const pairingLine = Math.max(0, ...pageTexts(app).map((t) => t.length))
      app.services.pairing.retry()
      await app.pair()
      await context.emu.fault({
        route: '/playback/now-playing',
        kind: 'status',
        status: 400,
        count: 1,
      })
      relay.rewrite('/playback/now-playing', 'bearer', () => json(huge))
      await readHome(app)
      const homeLine = Math.max(0, ...pageTexts(app).map((t) => t.length))
      const entries = app.services.diagnostics.entries
      const entrySize = Math.max(0, ...entries.map((e) => JSON.stringify(e).length))
      const stored = JSON.stringify(tv.disk.dump()[DIAGNOSTICS_KEY] ?? []).length
      const spoken = Math.max(0, ...tv.spoken.map((t) => t.length))
      return [
        holds(
          'answers refused with oversized fields',
          '2',
          String(entries.filter((e) => e.status === 400).length),
          entries.filter((e) => e.status === 400).length === 2,
        ),
        atMost('longest line on the pairing page (chars)', 500, pairingLine),
        atMost('longest line on home (chars)', 500, homeLine),
        atMost('largest Diagnostics entry (chars)', 8 * 1024, entrySize),
        atMost('Diagnostics as stored (chars)', 20 * 8 * 1024, stored),
        atMost('longest spoken text (chars)', 500, spoken),
      ]
    },
  )
})
