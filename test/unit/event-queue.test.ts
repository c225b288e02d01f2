import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import {
  ApiError,
  CancelledError,
  NetworkError,
  ProtocolError,
  SignedOutError,
  type CallContext,
} from '../../src/core/errors.ts'
import {
  MAX_AGE_MS,
  MAX_ATTEMPTS,
  MAX_QUEUED,
  QUEUE_KEY,
  createEventQueue,
  type QueueDrop,
} from '../../src/core/playback/event-queue.ts'
import type { PlaybackAction, PlaybackEvent } from '../../src/core/playback/events.ts'
import type { KeyValueStore } from '../../src/core/ports.ts'
import { ManualClock } from '../helpers/manual-clock.ts'

const context: CallContext = { method: 'POST', endpoint: '/playback/x', clientId: 'c', at: '' }
let serial = 0
const event = (action: PlaybackAction, session = 's1'): PlaybackEvent => ({
  action,
  body: {
    event_id: `e${++serial}`,
    playback_session_id: session,
    event_created_at: 1_781_000_000_000 + serial,
    media_type: 'movie',
    title: 'The Long Field',
    progress: 0.1,
    position_seconds: 6,
    duration_seconds: 60,
    device_id: 'd',
    client_version: 'v',
  },
})
const ids = (events: readonly PlaybackEvent[]) =>
  events.map((e) => `${e.action}:${e.body.event_id}`)

/** The next start: loads what `store` holds and replays it, noting what it sent and dropped. */
async function replayAfterRestart(store: KeyValueStore, clock: ManualClock) {
  const drops: QueueDrop[] = []
  const restarted = createEventQueue(store, clock, { onDrop: (drop) => drops.push(drop) })
  await restarted.load()
  const sent: PlaybackEvent[] = []
  await restarted.flush('g1', async (e) => sent.push(e))
  return { sent, drops }
}

function setUp() {
  const store = createMemoryStore()
  const clock = new ManualClock()
  return { store, clock, queue: createEventQueue(store, clock) }
}

describe('playback event queue', () => {
  it('replays oldest first, unchanged, and empties', async () => {
    const { queue } = setUp()
    const queued = [event('start'), event('progress'), event('stop')]
    for (const e of queued) await queue.enqueue(e, 'g1')
    const sent: PlaybackEvent[] = []
    expect(await queue.flush('g1', async (e) => sent.push(e))).toEqual({
      sent: 3,
      dropped: 0,
      remaining: 0,
    })
    expect(sent).toEqual(queued)
  })

  it('stops at the first failure worth retrying, keeping the order', async () => {
    const { queue } = setUp()
    const [a, b, c] = [event('start'), event('progress'), event('stop')]
    for (const e of [a, b, c]) await queue.enqueue(e, 'g1')
    const sent: string[] = []
    const result = await queue.flush('g1', async (e) => {
      if (e === b || e.body.event_id === b.body.event_id) throw new NetworkError('offline', context)
      sent.push(e.body.event_id)
    })
    expect(result).toEqual({ sent: 1, dropped: 0, remaining: 2 })
    expect(sent).toEqual([a.body.event_id])
    const later: PlaybackEvent[] = []
    await queue.flush('g1', async (e) => later.push(e))
    expect(ids(later)).toEqual(ids([b, c]))
  })

  it.each([
    ['5xx', new ApiError('server_error', 'x', context, 503, null, null)],
    ['429', new ApiError('rate_limited', 'x', context, 429, null, null)],
    ['408', new ApiError('timeout', 'x', context, 408, null, null)],
    ['401 after a failed refresh', new ApiError('invalid_token', 'x', context, 401, null, null)],
    ['signed out', new SignedOutError('x', context)],
    ['an HTML page', new ProtocolError('html_page', 'x', context, 502, null, '<html>')],
  ])('keeps the event on %s', async (_name, error) => {
    const { queue } = setUp()
    await queue.enqueue(event('progress'), 'g1')
    expect(await queue.flush('g1', () => Promise.reject(error))).toEqual({
      sent: 0,
      dropped: 0,
      remaining: 1,
    })
  })

  it.each([400, 403, 404, 409, 422])(
    'drops an event refused for good (%s) and goes on',
    async (status) => {
      const { queue } = setUp()
      await queue.enqueue(event('pause'), 'g1')
      await queue.enqueue(event('stop'), 'g1')
      const sent: PlaybackAction[] = []
      const result = await queue.flush('g1', async (e) => {
        if (e.action === 'pause') throw new ApiError('conflict', 'x', context, status, null, null)
        sent.push(e.action)
      })
      expect(result).toEqual({ sent: 1, dropped: 1, remaining: 0 })
      expect(sent).toEqual(['stop'])
    },
  )

  it('removes queued progress of a session before its stop, leaving other sessions alone', async () => {
    const { queue } = setUp()
    await queue.enqueue(event('start', 'a'), 'g1')
    await queue.enqueue(event('progress', 'a'), 'g1')
    await queue.enqueue(event('progress', 'b'), 'g1')
    await queue.enqueue(event('progress', 'a'), 'g1')
    await queue.purge('a', ['progress'])
    const sent: string[] = []
    await queue.flush('g1', async (e) => sent.push(`${e.action}:${e.body.playback_session_id}`))
    expect(sent).toEqual(['start:a', 'progress:b'])
  })

  it(`holds at most ${MAX_QUEUED}, evicting the oldest progress first, then the oldest non-stop`, async () => {
    const { queue } = setUp()
    const stop = event('stop')
    await queue.enqueue(event('start'), 'g1')
    await queue.enqueue(stop, 'g1')
    for (let i = 0; i < MAX_QUEUED - 2; i++) await queue.enqueue(event('progress'), 'g1')
    expect(queue.size).toBe(MAX_QUEUED)
    const firstProgressId = serial - (MAX_QUEUED - 3)
    await queue.enqueue(event('pause'), 'g1')
    expect(queue.size).toBe(MAX_QUEUED)
    const sent: PlaybackEvent[] = []
    await queue.flush('g1', async (e) => sent.push(e))
    expect(sent[0]!.action).toBe('start')
    expect(sent[1]).toEqual(stop)
    expect(sent.map((e) => e.body.event_id)).not.toContain(`e${firstProgressId}`)
    expect(sent.at(-1)!.action).toBe('pause')

    // Without progress left, the oldest non-stop goes before any stop.
    const { queue: full } = setUp()
    for (let i = 0; i < MAX_QUEUED; i++) await full.enqueue(event(i % 2 ? 'stop' : 'pause'), 'g1')
    await full.enqueue(event('stop'), 'g1')
    const kept: PlaybackAction[] = []
    await full.flush('g1', async (e) => kept.push(e.action))
    expect(kept.filter((a) => a === 'stop')).toHaveLength(MAX_QUEUED / 2 + 1)
  })

  it('survives a restart and ages out entries after 30 days of waiting, counted across runs', async () => {
    const { store, clock, queue } = setUp()
    await queue.enqueue(event('progress'), 'g1')
    await clock.advance(MAX_AGE_MS - 1000)
    const kept = event('stop')
    await queue.enqueue(kept, 'g1')
    const restarted = createEventQueue(store, clock)
    await restarted.load()
    expect(restarted.size).toBe(2)
    await clock.advance(2000)
    // A replay that finds no network saves the waiting counted in this run.
    await restarted.flush('g1', () => Promise.reject(new NetworkError('offline', context)))
    const again = createEventQueue(store, clock)
    await again.load()
    expect(again.size).toBe(1)
    const sent: PlaybackEvent[] = []
    await again.flush('g1', async (e) => sent.push(e))
    expect(sent).toEqual([kept])
    expect(await store.get(QUEUE_KEY)).toEqual([])
  })

  it('ignores a corrupted stored queue instead of crashing', async () => {
    const { store, clock } = setUp()
    await store.set(QUEUE_KEY, [{ nonsense: true }, 'x', null])
    const queue = createEventQueue(store, clock)
    await queue.load()
    expect(queue.size).toBe(0)
  })

  // Issue 15: the 30-day filter used to delete every event queued before NTP set the clock.
  it('keeps and replays events queued before a forward wall-clock correction', async () => {
    const store = createMemoryStore()
    const clock = new ManualClock(Date.UTC(1970, 0, 1, 0, 5))
    const queue = createEventQueue(store, clock)
    const queued = [event('start'), event('stop')]
    for (const e of queued) await queue.enqueue(e, 'g1')
    clock.jump(Date.UTC(2026, 10, 28) - clock.now())
    const { sent, drops } = await replayAfterRestart(store, clock)
    expect(sent).toEqual(queued)
    expect(drops).toEqual([])
  })

  // Issue 15: a clock that looked right (2026) but ran 60 days behind aged every event at the next start.
  it('keeps events queued on a clock 60 days behind that NTP set right before the next start', async () => {
    const store = createMemoryStore()
    const clock = new ManualClock(Date.UTC(2026, 8, 29, 12))
    const queue = createEventQueue(store, clock)
    const queued = [event('start'), event('stop')]
    for (const e of queued) await queue.enqueue(e, 'g1')
    await clock.advance(20_000)
    await queue.flush('g1', () => Promise.reject(new NetworkError('offline', context)))
    clock.jump(60 * 24 * 3600_000)
    const { sent, drops } = await replayAfterRestart(store, clock)
    expect(sent).toEqual(queued)
    expect(drops).toEqual([])
  })

  it(`gives an event up after ${MAX_ATTEMPTS} failed answers, and says so`, async () => {
    const { store, clock } = setUp()
    const drops: QueueDrop[] = []
    const queue = createEventQueue(store, clock, { onDrop: (drop) => drops.push(drop) })
    const [stuck, next] = [event('start'), event('stop')]
    await queue.enqueue(stuck, 'g1')
    await queue.enqueue(next, 'g1')
    const sent: PlaybackEvent[] = []
    const send = async (e: PlaybackEvent) => {
      if (e === stuck || e.body.event_id === stuck.body.event_id) {
        throw new ApiError('server_error', 'x', context, 500, null, null)
      }
      sent.push(e)
    }
    for (let i = 1; i < MAX_ATTEMPTS; i++) await queue.flush('g1', send)
    expect(queue.size).toBe(2)
    // Counted across a restart: the attempts are saved with the event.
    const restarted = createEventQueue(store, clock, { onDrop: (drop) => drops.push(drop) })
    await restarted.load()
    expect(await restarted.flush('g1', send)).toEqual({ sent: 1, dropped: 1, remaining: 0 })
    expect(ids(sent)).toEqual(ids([next]))
    expect(drops).toEqual([{ reason: 'gave-up', count: 1 }])
  })

  it('never gives an event up for being offline, however long', async () => {
    const { queue } = setUp()
    await queue.enqueue(event('stop'), 'g1')
    const offline = () => Promise.reject(new NetworkError('offline', context))
    for (let i = 0; i < MAX_ATTEMPTS * 3; i++) await queue.flush('g1', offline)
    expect(queue.size).toBe(1)
  })

  it('tells every drop: full, too old, refused and unreadable', async () => {
    const { store, clock } = setUp()
    const drops: QueueDrop[] = []
    const onDrop = (drop: QueueDrop) => drops.push(drop)
    const queue = createEventQueue(store, clock, { onDrop })
    for (let i = 0; i <= MAX_QUEUED; i++) await queue.enqueue(event('progress'), 'g1')
    expect(drops).toEqual([{ reason: 'evicted', count: 1 }])
    await queue.clear()
    await queue.enqueue(event('pause'), 'g1')
    await queue.flush('g1', () =>
      Promise.reject(new ApiError('conflict', 'x', context, 409, null, null)),
    )
    await queue.enqueue(event('progress'), 'g1')
    await clock.advance(MAX_AGE_MS)
    await queue.flush('g1', () => Promise.reject(new NetworkError('offline', context)))
    await store.set(QUEUE_KEY, [...((await store.get(QUEUE_KEY)) as unknown[]), { junk: 1 }])
    await createEventQueue(store, clock, { onDrop }).load()
    expect(drops.slice(1)).toEqual([
      { reason: 'refused', count: 1 },
      { reason: 'unreadable', count: 1 },
      { reason: 'expired', count: 1 },
    ])
  })

  // Issue 15: reporter.dispose() during a flush used to empty the persisted queue.
  it('keeps an event whose send was cancelled, in memory and in storage', async () => {
    const { store, clock, queue } = setUp()
    const queued = [event('start'), event('stop')]
    for (const e of queued) await queue.enqueue(e, 'g1')
    const cancelled = () => Promise.reject(new CancelledError('Cancelled', context))
    expect(await queue.flush('g1', cancelled)).toEqual({ sent: 0, dropped: 0, remaining: 2 })
    const restarted = createEventQueue(store, clock)
    await restarted.load()
    expect(restarted.size).toBe(2)
  })

  // Issue 15: a second app instance on the same IndexedDB used to overwrite the first's queue.
  it('keeps the events of another instance sharing the storage, and removes only its own', async () => {
    const { store, clock } = setUp()
    const first = createEventQueue(store, clock)
    const second = createEventQueue(store, clock)
    await first.load()
    await second.load()
    const [a, b] = [event('start', 'a'), event('start', 'b')]
    await first.enqueue(a, 'g1')
    await second.enqueue(b, 'g1')
    await first.flush('g1', async () => undefined)
    const after = createEventQueue(store, clock)
    await after.load()
    const left: PlaybackEvent[] = []
    await after.flush('g1', async (e) => left.push(e))
    expect(ids(left)).toEqual(ids([b]))
  })
})
