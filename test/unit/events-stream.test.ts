import { describe, expect, it, vi } from 'vitest'
import { runEventsStream, type StreamState } from '../../src/core/live/events-stream.ts'
import { startPlaybackFeed } from '../../src/core/live/playback-feed.ts'
import { ScopeError } from '../../src/core/errors.ts'
import { useEmulator, type TestEmulator } from '../helpers/emulator.ts'
import { ManualClock } from '../helpers/manual-clock.ts'
import { signIn } from '../helpers/session.ts'

const emulator = useEmulator({ minPollIntervalSec: 0 })

const playbackStart = (emu: TestEmulator, accessToken: string) =>
  fetch(`${emu.apiBase}/playback/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({
      event_id: crypto.randomUUID(),
      playback_session_id: crypto.randomUUID(),
      event_created_at: Date.now(),
      media_type: 'movie',
      title: 'Another client',
    }),
  })

const aborted = (signal?: AbortSignal) =>
  new Promise<void>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)))

function chunked(parts: string[]): Response {
  const encoder = new TextEncoder()
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(encoder.encode(part))
        controller.close()
      },
    }),
  )
}

describe('events stream', () => {
  it('parses events split across chunks at any byte', async () => {
    const events: Array<[string, string]> = []
    const controller = new AbortController()
    const text =
      'event: ready\ndata: {"connectedAt":"x"}\n\n: keep-alive\n\nevent: playback-update\ndata: {"sequence":1}\n\n'
    const parts = text
      .split('')
      .reduce<string[]>(
        (acc, ch, i) => (i % 7 ? ((acc[acc.length - 1] += ch), acc) : [...acc, ch]),
        [],
      )
    let opened = 0
    await runEventsStream(
      {
        session: {
          open: async () => {
            if (++opened > 1) {
              controller.abort()
              throw new Error('stop')
            }
            return chunked(parts)
          },
        },
        // The zero backoff passes at once; the idle watchdog waits until its stream ends.
        clock: {
          now: () => 0,
          elapsed: () => 0,
          sleep: (ms, signal) => (ms === 0 ? Promise.resolve() : aborted(signal)),
        },
        onEvent: (name, data) => events.push([name, data]),
        onState: () => {},
        minBackoffMs: 0,
      },
      controller.signal,
    )
    expect(events).toEqual([
      ['ready', '{"connectedAt":"x"}'],
      ['playback-update', '{"sequence":1}'],
    ])
  })

  it('delivers playback-update from the emulator and reconnects with capped backoff after a drop', async () => {
    const emu = emulator()
    const { clock, session } = await signIn(emu)
    const states: StreamState[] = []
    const names: string[] = []
    const controller = new AbortController()
    const running = runEventsStream(
      { session, clock, onEvent: (name) => names.push(name), onState: (s) => states.push(s) },
      controller.signal,
    )
    await vi.waitFor(() => expect(names).toEqual(['ready']))
    const token = (await session.refresh()).accessToken
    await vi.waitFor(async () => {
      await playbackStart(emu, token)
      expect(names).toContain('playback-update')
    })
    await emu.control('/drop-streams', {})
    await vi.waitFor(() => expect(states.at(-1)).toBe('retrying'))
    expect(await clock.nextSleep()).toBe(1000)
    await clock.advance(1000)
    await vi.waitFor(() => expect(states.at(-1)).toBe('open'))
    await vi.waitFor(() => expect(names.filter((n) => n === 'ready')).toHaveLength(2))
    controller.abort()
    await running
    expect(states).toEqual(['connecting', 'open', 'retrying', 'connecting', 'open'])
  })

  it('refreshes once on a 401 and stays connected', async () => {
    const emu = emulator()
    const { clock, session } = await signIn(emu)
    await emu.advance(3601)
    const states: StreamState[] = []
    const controller = new AbortController()
    const running = runEventsStream(
      { session, clock, onEvent: () => {}, onState: (s) => states.push(s) },
      controller.signal,
    )
    await vi.waitFor(() => expect(states.at(-1)).toBe('open'))
    expect((await emu.requests('/auth/refresh')).map((r) => r.status)).toEqual([200])
    controller.abort()
    await running
  })

  it('gives up for good without events:read and tells the feed to poll instead', async () => {
    const emu = emulator()
    const { clock, session } = await signIn(emu, {
      clientId: 'ppc_limited_dev',
      scope: 'profile:read playback:read',
    })
    const states: Array<[StreamState, unknown]> = []
    await runEventsStream(
      {
        session: { open: session.open },
        clock,
        onEvent: () => {},
        onState: (s, e) => states.push([s, e]),
      },
      new AbortController().signal,
    )
    expect(states.at(-1)![0]).toBe('closed')
    expect(states.at(-1)![1]).toBeInstanceOf(ScopeError)
  })
})

/** A captive portal: every stream request answered 200 with a web page, then closed. */
const captivePortal = (emu: TestEmulator, count = 100_000) =>
  emu.fault({
    route: '/playback/events',
    kind: 'body',
    status: 200,
    contentType: 'text/html',
    body: '<html><body>Sign in to the hotel Wi-Fi</body></html>',
    count,
  })

/**
 * Lets `ms` of TV time pass sleep by sleep, each time waiting until the woken
 * work has gone back to sleep (`sleepers` sleeps running), so every request it
 * makes is answered before time moves on.
 */
async function live(clock: ManualClock, ms: number, sleepers: number): Promise<void> {
  const endMs = clock.now() + ms
  for (;;) {
    const due = clock.earliestDueMs()
    if (due === null || due > endMs) return clock.advance(endMs - clock.now())
    await clock.advance(due - clock.now())
    await vi.waitFor(() => expect(clock.sleeping).toBe(sleepers), { timeout: 5000, interval: 2 })
  }
}

describe('events stream against real-world failures', () => {
  it('takes a 200 web page for a failed connection and backs off instead of storming', async () => {
    const emu = emulator()
    const { clock, session } = await signIn(emu)
    await captivePortal(emu)
    const states: Array<[StreamState, unknown]> = []
    const controller = new AbortController()
    const running = runEventsStream(
      { session, clock, onEvent: () => {}, onState: (s, e) => states.push([s, e]) },
      controller.signal,
    )
    await vi.waitFor(() => expect(clock.sleeping).toBe(1))
    await live(clock, 20_000, 1)
    const inTwentySeconds = (await emu.requests('/playback/events')).length
    await live(clock, 3_600_000 - 20_000, 1)
    const inAnHour = (await emu.requests('/playback/events')).length
    controller.abort()
    await running

    // 0, 1, 3, 7, 15 s: five tries in 20 s (the issue measured 19), then once a minute at most.
    expect(inTwentySeconds).toBe(5)
    expect(inAnHour).toBeLessThanOrEqual(65)
    const waits = clock.sleeps
    expect(waits.slice(0, 7)).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000])
    expect(Math.max(...waits)).toBe(60_000)
    expect(states.some(([state]) => state === 'open')).toBe(false)
    expect(states.find(([state]) => state === 'retrying')?.[1]).toMatchObject({
      code: 'not_event_stream',
      status: 200,
    })
  })

  it('starts the backoff over only after a stream delivered an event', async () => {
    const emu = emulator()
    const { clock, session } = await signIn(emu)
    const states: StreamState[] = []
    const controller = new AbortController()
    await captivePortal(emu, 4)
    const running = runEventsStream(
      { session, clock, onEvent: () => {}, onState: (s) => states.push(s) },
      controller.signal,
    )
    await vi.waitFor(() => expect(clock.sleeping).toBe(1))
    await live(clock, 7000, 1)
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000])
    // The portal is gone: the fifth try finds the real stream.
    await clock.advance(8000)
    await vi.waitFor(() => expect(states.at(-1)).toBe('open'))
    await emu.control('/drop-streams', {})
    await vi.waitFor(() => expect(states.at(-1)).toBe('retrying'))
    // The stream said `ready`: it was real, so the next wait is short again.
    expect(await clock.nextSleep()).toBe(1000)
    controller.abort()
    await running
  })

  it('counts a keep-alive comment as a sign of life', async () => {
    const clock = new ManualClock()
    let push: (text: string) => void = () => {}
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        push = (text) => controller.enqueue(new TextEncoder().encode(text))
      },
    })
    const states: StreamState[] = []
    const controller = new AbortController()
    const running = runEventsStream(
      {
        session: { open: async () => new Response(body) },
        clock,
        onEvent: () => {},
        onState: (s) => states.push(s),
      },
      controller.signal,
    )
    await vi.waitFor(() => expect(clock.sleeping).toBe(1))
    await clock.advance(30_000)
    push(': keep-alive\n\n')
    await vi.waitFor(() => expect(clock.sleeps).toEqual([45_000, 45_000]))
    await clock.advance(44_000)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(states).toEqual(['connecting', 'open'])
    await clock.advance(1000)
    await vi.waitFor(() => expect(states.at(-1)).toBe('retrying'))
    controller.abort()
    await running
  })

  it('reconnects a stream that falls silent for 45 s', async () => {
    const emu = emulator()
    const { clock, session } = await signIn(emu)
    const states: StreamState[] = []
    const controller = new AbortController()
    const running = runEventsStream(
      { session, clock, onEvent: () => {}, onState: (s) => states.push(s) },
      controller.signal,
    )
    await vi.waitFor(() => expect(states.at(-1)).toBe('open'))
    await clock.advance(44_000)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(states.at(-1)).toBe('open')
    await clock.advance(1000)
    await vi.waitFor(() => expect(states.at(-1)).toBe('retrying'))
    expect(states).toEqual(['connecting', 'open', 'retrying'])
    controller.abort()
    await running
  })
})

describe('playback feed', () => {
  it('keeps LIVE off and polls while a captive portal answers, a bounded number of reads an hour', async () => {
    const emu = emulator()
    const { clock, session } = await signIn(emu)
    await captivePortal(emu)
    const live: boolean[] = []
    let changes = 0
    const stop = startPlaybackFeed({
      session,
      clock,
      onChange: () => changes++,
      onLive: (l) => live.push(l),
    })
    await vi.waitFor(() => expect(clock.sleeping).toBe(2))
    await liveFor(clock, 3_600_000)
    stop()
    expect(live.includes(true)).toBe(false)
    // One re-read every 30 s while the stream is down: 120, not the 3,500.
    expect(changes).toBe(120)
    expect((await emu.requests('/playback/events')).length).toBeLessThanOrEqual(65)
  })

  it('re-reads on playback-update (debounced) and after a reconnect, and stops when asked', async () => {
    const emu = emulator()
    const { clock, session } = await signIn(emu)
    const live: boolean[] = []
    let changes = 0
    const stop = startPlaybackFeed({
      session,
      clock,
      onChange: () => changes++,
      onLive: (l) => live.push(l),
    })
    await vi.waitFor(() => expect(live.at(-1)).toBe(true))
    const token = (await session.refresh()).accessToken
    await playbackStart(emu, token)
    await playbackStart(emu, token)
    await vi.waitFor(() =>
      expect(clock.sleeps.filter((ms) => ms === 500).length).toBeGreaterThanOrEqual(1),
    )
    await clock.advance(500)
    await vi.waitFor(() => expect(changes).toBe(1))
    await emu.control('/drop-streams', {})
    await vi.waitFor(() => expect(live.at(-1)).toBe(false))
    await clock.advance(1000)
    await vi.waitFor(() => expect(live.at(-1)).toBe(true))
    await clock.advance(500)
    await vi.waitFor(() => expect(changes).toBe(2))
    stop()
    await clock.advance(60_000)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(changes).toBe(2)
  })

  it('polls at a modest interval when events are not granted, only until stopped', async () => {
    const emu = emulator()
    const { clock, session } = await signIn(emu, {
      clientId: 'ppc_limited_dev',
      scope: 'profile:read playback:read',
    })
    let changes = 0
    const stop = startPlaybackFeed({
      session,
      clock,
      onChange: () => changes++,
      onLive: () => {},
      pollMs: 30_000,
    })
    await clock.advance(30_000)
    await vi.waitFor(() => expect(changes).toBe(1))
    await clock.advance(30_000)
    await vi.waitFor(() => expect(changes).toBe(2))
    stop()
    await clock.advance(90_000)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(changes).toBe(2)
  })
})

const liveFor = (clock: ManualClock, ms: number) => live(clock, ms, 2)
