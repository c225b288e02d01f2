import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { requestDeviceCode, requestDeviceToken } from '../../src/core/api/auth.ts'
import { createDiagnosticsLog } from '../../src/core/diagnostics/diagnostics-log.ts'
import { QUEUE_KEY, createEventQueue } from '../../src/core/playback/event-queue.ts'
import { createEventBuilder, type PlaybackEvent } from '../../src/core/playback/events.ts'
import { createPlaybackReporter } from '../../src/core/playback/reporter.ts'
import { useEmulator, ALL_SCOPES, type TestEmulator } from '../helpers/emulator.ts'
import { ManualClock } from '../helpers/manual-clock.ts'
import { signIn } from '../helpers/session.ts'
import { TOKENISH } from '../helpers/tokens.ts'

const emulator = useEmulator({ minPollIntervalSec: 0 })

interface Received {
  action: string
  userId: string
  body: { event_id: string; title: string }
}
const received = async (emu: TestEmulator) =>
  (await emu.control<{ events: Received[] }>('/playback-events')).events

const item = (title: string) => ({ id: title, mediaType: 'movie' as const, title, durationSec: 60 })

async function setUp() {
  const emu = emulator()
  const { clock, session } = await signIn(emu, { username: 'ana' })
  const store = createMemoryStore()
  const queue = createEventQueue(store, clock)
  const diagnostics = createDiagnosticsLog(createMemoryStore())
  const reporter = createPlaybackReporter({
    session,
    queue,
    clock,
    diagnostics: { log: diagnostics, clientId: 'ppc_punchplaytv_dev' },
  })
  const build = createEventBuilder({
    clock,
    ids: { uuid: randomUUID },
    deviceId: 'device-1',
    clientVersion: 'punchplay-tv/test',
  })
  const start = (title: string): PlaybackEvent =>
    build('start', randomUUID(), item(title), { positionSec: 0, durationSec: 60 })
  /** Pairs this TV again as `username`, as the viewer does after a revoke. */
  async function pairAs(username: string, clientId?: string, scope = ALL_SCOPES) {
    const api = emu.client(clock, clientId)
    const code = await requestDeviceCode(api, scope)
    await emu.approve(code.userCode, 'approve', username)
    await session.signIn(
      await requestDeviceToken(api, {
        deviceCode: code.deviceCode,
        deviceId: 'd',
        deviceName: 'TV',
      }),
    )
  }
  /** PunchPlay's id of the viewer signed in now: the playback log names viewers by it. */
  const userId = async () =>
    (await session.send({ method: 'GET', endpoint: '/me', parse: (b) => b as { id: string } })).id
  return { emu, clock, session, store, queue, diagnostics, reporter, start, pairAs, userId }
}

describe('queued events belong to the sign-in they were made for', () => {
  it('never sends Ana’s offline events under Bob: dropped, counted, noted in Diagnostics', async () => {
    const tv = await setUp()
    await tv.emu.fault({ route: '/playback/start', kind: 'status', status: 503, count: 2 })
    await tv.reporter.deliver(tv.start('Ana’s film'), tv.reporter.grantId)
    await tv.reporter.deliver(tv.start('Ana’s second film'), tv.reporter.grantId)
    expect(tv.reporter.status).toMatchObject({ queued: 2, orphaned: 0 })
    await tv.emu.revoke()
    await tv.pairAs('bob')
    const bob = await tv.userId()
    await vi.waitFor(() => expect(tv.reporter.status).toMatchObject({ queued: 0, orphaned: 2 }))
    await tv.reporter.flush()
    await tv.reporter.deliver(tv.start('Bob’s film'), tv.reporter.grantId)
    await tv.clock.advance(10 * 60_000)
    const events = await received(tv.emu)
    expect(events.map((e) => [e.userId, e.body.title])).toEqual([[bob, 'Bob’s film']])
    const [entry] = tv.diagnostics.entries
    expect(entry).toMatchObject({
      kind: 'auth',
      code: 'events_of_other_sign_in',
      message: '2 saved playback events were not sent: another sign-in now holds this TV',
    })
    expect(JSON.stringify(tv.diagnostics.entries)).not.toMatch(TOKENISH)
  })

  it('drops them as soon as the sign-in ends, saying it was disconnected', async () => {
    const tv = await setUp()
    await tv.emu.fault({ route: '/playback/start', kind: 'empty', status: 503, count: 1 })
    await tv.reporter.deliver(tv.start('Ana’s film'), tv.reporter.grantId)
    await tv.emu.revoke()
    // The replay meets the revoked grant: the event is not judged refused, it is orphaned.
    await tv.reporter.flush()
    await vi.waitFor(() => expect(tv.reporter.status).toMatchObject({ queued: 0, orphaned: 1 }))
    expect(tv.reporter.status).toMatchObject({ tracking: 'signed-out', dropped: 0 })
    expect(tv.diagnostics.entries[0]?.message).toMatch(
      /1 saved playback event was not sent: .*disconnected/,
    )
    expect(await received(tv.emu)).toEqual([])
  })

  it('drops an event of a viewing that began under Ana when it ends under Bob', async () => {
    const tv = await setUp()
    const anas = tv.reporter.grantId
    await tv.session.signOut()
    await tv.pairAs('bob')
    await tv.reporter.deliver(tv.start('Ana’s film'), anas)
    expect(tv.reporter.status).toMatchObject({ queued: 0, orphaned: 1 })
    expect(await received(tv.emu)).toEqual([])
  })

  it('gives events saved by an older build to the sign-in that holds the TV when they load', async () => {
    const tv = await setUp()
    const older = [tv.start('Ana’s film')].map((e) => ({ ...e, queuedAtMs: tv.clock.now() }))
    await tv.store.set(QUEUE_KEY, older)
    await tv.queue.load()
    await tv.reporter.flush()
    expect((await received(tv.emu)).map((e) => [e.userId, e.body.title])).toEqual([
      [await tv.userId(), 'Ana’s film'],
    ])
  })

  it('drops events saved by an older build when nobody is signed in as they load', async () => {
    const emu = emulator()
    const clock = new ManualClock()
    const store = createMemoryStore()
    const build = createEventBuilder({
      clock,
      ids: { uuid: randomUUID },
      deviceId: 'd',
      clientVersion: 'v',
    })
    const event = build('start', 's', item('Old film'), { positionSec: 0, durationSec: 60 })
    await store.set(QUEUE_KEY, [{ ...event, queuedAtMs: clock.now() }])
    const queue = createEventQueue(store, clock)
    await queue.load()
    expect(queue.size).toBe(1)
    expect(await queue.keepOnly(null)).toBe(1)
    // Whoever pairs next finds nothing of them.
    expect(await queue.keepOnly('bobs-grant')).toBe(0)
    expect(await store.get(QUEUE_KEY)).toEqual([])
    expect(await received(emu)).toEqual([])
  })

  it('replays only the current sign-in’s events, even if asked before the queue was settled', async () => {
    const clock = new ManualClock()
    const queue = createEventQueue(createMemoryStore(), clock)
    const build = createEventBuilder({
      clock,
      ids: { uuid: randomUUID },
      deviceId: 'd',
      clientVersion: 'v',
    })
    const event = (title: string) =>
      build('start', title, item(title), { positionSec: 0, durationSec: 60 })
    await queue.enqueue(event('Ana’s film'), 'ana-grant')
    await queue.enqueue(event('Bob’s film'), 'bob-grant')
    const sent: string[] = []
    const result = await queue.flush('bob-grant', async (e) => sent.push(e.body.title))
    expect(sent).toEqual([])
    expect(result).toEqual({ sent: 0, dropped: 0, remaining: 2 })
    expect(await queue.keepOnly('bob-grant')).toBe(1)
    await queue.flush('bob-grant', async (e) => sent.push(e.body.title))
    expect(sent).toEqual(['Bob’s film'])
  })
})

describe('a 403 turns tracking off only for insufficient_scope on playback:write, for that sign-in', () => {
  const refusal = (fields: Record<string, string>) => ({
    route: '/playback/start',
    kind: 'body' as const,
    status: 403,
    contentType: 'application/json',
    body: JSON.stringify({ request_id: 'ppreq_00000000000000000000', ...fields }),
    count: 1,
  })

  it.each([
    [
      'required_scope',
      { error: 'insufficient_scope', message: 'missing scope', required_scope: 'playback:write' },
    ],
    ['scope', { error: 'insufficient_scope', message: 'missing scope', scope: 'playback:write' }],
    ['only the message', { error: 'insufficient_scope', message: 'token lacks playback:write' }],
    ['no scope at all', { error: 'insufficient_scope', message: 'not allowed' }],
  ])(
    'turns tracking off when the refusal names the scope in %s, back on after pairing again',
    async (_, fields) => {
      const tv = await setUp()
      await tv.emu.fault(refusal(fields))
      await tv.reporter.deliver(tv.start('Ana’s film'), tv.reporter.grantId)
      expect(tv.reporter.status).toMatchObject({ tracking: 'off-scope', dropped: 1 })
      await tv.reporter.deliver(tv.start('Ana’s film'), tv.reporter.grantId)
      expect(await tv.emu.requests('/playback/start')).toHaveLength(1)
      await tv.session.signOut()
      expect(tv.reporter.status.tracking).toBe('signed-out')
      await tv.pairAs('ana')
      expect(tv.reporter.status.tracking).toBe('on')
      await tv.reporter.deliver(tv.start('Ana’s film'), tv.reporter.grantId)
      expect((await received(tv.emu)).map((e) => e.userId)).toEqual([await tv.userId()])
    },
  )

  it.each([
    ['an empty 403', { route: '/playback/start', kind: 'empty', status: 403, count: 1 } as const],
    ['an HTML 403', { route: '/playback/start', kind: 'html', status: 403, count: 1 } as const],
    ['a 403 of another code', refusal({ error: 'forbidden', message: 'not on this surface' })],
    [
      'insufficient_scope for another scope',
      refusal({ error: 'insufficient_scope', required_scope: 'events:read' }),
    ],
  ])('drops and counts the event on %s, and keeps tracking on', async (_, fault) => {
    const tv = await setUp()
    await tv.emu.fault(fault)
    await tv.reporter.deliver(tv.start('Ana’s film'), tv.reporter.grantId)
    expect(tv.reporter.status).toMatchObject({ tracking: 'on', queued: 0, dropped: 1 })
    await tv.reporter.deliver(tv.start('Ana’s other film'), tv.reporter.grantId)
    expect((await received(tv.emu)).map((e) => e.body.title)).toEqual(['Ana’s other film'])
  })
})
