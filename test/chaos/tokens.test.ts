import { describe } from 'vitest'
import { useEmulator } from '../helpers/emulator.ts'
import { matrix } from './support/report.ts'
import {
  UNTIL_REFRESH_MS,
  describeHome,
  pairedTv,
  readHome,
  refreshStatuses,
  restartChecks,
} from './support/steps.ts'
import {
  atMost,
  holds,
  noSpentTokenReplayed,
  refreshesAccepted,
  stillSignedIn,
} from './support/verdict.ts'

const emulator = useEmulator({ minPollIntervalSec: 5 })
const scenario = matrix(import.meta.filename, emulator)

/** Fields real servers may send odd (the docs' own examples omit token_type). */
const withoutTokenType = ({ token_type: _gone, ...rest }: Record<string, unknown>) => rest

describe('fault matrix: token answers', () => {
  scenario(
    'tokens',
    'pairing: a 2xx token answer with odd fields (no token_type, empty username)',
    {
      finding: 'a successful token answer can be thrown away after the server acted on it',
      events: false,
    },
    async (context) => {
      const relay = await context.relay()
      relay.patch('/auth/device/token', (answer) => ({ ...withoutTokenType(answer), username: '' }))
      const tv = context.tv({ apiBase: relay.apiBase })
      const app = await tv.launch()
      await tv.until(() => app.pairingView?.code != null, 60_000)
      await app.approveOnPhone()
      await tv.until(() => app.signedIn || app.pairingView?.canRetry === true, 15 * 60_000)
      const polls = await context.emu.requests('/auth/device/token')
      const firstGranted = polls.findIndex((poll) => poll.status === 200)
      const after = firstGranted < 0 ? 0 : polls.length - firstGranted - 1
      const { checks } = await restartChecks(tv)
      return [
        holds(
          'token polls answered 200',
          '1',
          String(polls.filter((p) => p.status === 200).length),
          firstGranted >= 0,
        ),
        atMost('token polls after tokens arrived', 0, after),
        holds(
          'pairing ends signed in',
          'signed in',
          app.signedIn ? 'signed in' : `pairing ${app.pairingView?.status}`,
          app.signedIn,
        ),
        ...checks,
      ]
    },
  )

  scenario(
    'tokens',
    'refresh: a 2xx answer with odd fields (no token_type, empty scope, 10,000-character username)',
    {
      finding: 'a successful token answer can be thrown away after the server acted on it',
      events: false,
    },
    async (context) => {
      const relay = await context.relay()
      const { tv, app } = await pairedTv(context, { apiBase: relay.apiBase })
      relay.patch('/auth/refresh', (answer) => ({
        ...withoutTokenType(answer),
        scope: '',
        username: 'x'.repeat(10_000),
      }))
      await tv.pass(UNTIL_REFRESH_MS)
      await readHome(app)
      // Past the old token's end: only the rotated one can answer now.
      await tv.pass(10 * 60_000)
      const readLater = await readHome(app)
      const statuses = await refreshStatuses(context)
      const { checks } = await restartChecks(tv)
      return [
        refreshesAccepted('refreshes answered 200 (the server rotated)', statuses),
        holds('home reads after the old token ended', 'both read', describeHome(app), readLater),
        ...checks,
        noSpentTokenReplayed(await refreshStatuses(context)),
      ]
    },
  )

  scenario(
    'tokens',
    'refresh: the answer arrives after the client timeout',
    {
      finding: 'a refresh answer arriving after a timeout is thrown away',
      events: false,
      timeoutMs: 90_000,
    },
    async (context) => {
      const relay = await context.relay()
      // The adapter gives up after 1.5 s; the server rotates at once and answers 2.5 s later.
      const { tv, app } = await pairedTv(context, { apiBase: relay.apiBase, timeoutMs: 1500 })
      relay.delay('/auth/refresh', 2500)
      // Whatever asks first (the live stream reconnecting, a read) refreshes near the hour.
      await tv.pass(61 * 60_000)
      await readHome(app)
      await tv.pass(5 * 60_000)
      const readLater = await readHome(app)
      const { checks } = await restartChecks(tv)
      const statuses = await refreshStatuses(context)
      return [
        refreshesAccepted('refreshes the server answered 200', statuses),
        holds('home reads 5 minutes later', 'both read', describeHome(app), readLater),
        ...checks,
        noSpentTokenReplayed(statuses),
      ]
    },
  )

  scenario(
    'tokens',
    'refresh: 429 with a Retry-After of 10^9 seconds',
    { finding: 'Retry-After on refresh is not capped', events: false, timeoutMs: 120_000 },
    async (context) => {
      const { tv, app } = await pairedTv(context)
      await context.emu.fault({
        route: '/auth/refresh',
        kind: 'status',
        status: 429,
        retryAfterSec: 1_000_000_000,
        count: 1,
      })
      await tv.pass(UNTIL_REFRESH_MS)
      await readHome(app)
      const answeredAt = tv.clock.elapsed()
      let readAgainAfterMs: number | null = null
      // The viewer comes back to home every 5 minutes for three hours.
      for (let t = 0; t < 3 * 3_600_000 && readAgainAfterMs === null; t += 5 * 60_000) {
        await tv.pass(5 * 60_000)
        if (await readHome(app)) readAgainAfterMs = tv.clock.elapsed() - answeredAt
      }
      const minutes = readAgainAfterMs === null ? null : Math.round(readAgainAfterMs / 60_000)
      const statuses = await refreshStatuses(context)
      return [
        holds(
          'refreshes answered 429',
          '1',
          String(statuses.filter((s) => s === 429).length),
          statuses.includes(429),
        ),
        holds(
          'home reads again after the 429 (token ended 4 minutes after it)',
          '≤ 65 min',
          minutes === null ? 'not within 3 h' : `${minutes} min`,
          minutes !== null && minutes <= 65,
        ),
        stillSignedIn(app),
      ]
    },
  )
})
