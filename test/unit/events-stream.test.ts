import { describe, expect, it, vi } from 'vitest'
import { runEventsStream, type StreamState } from '../../src/core/live/events-stream.ts'
import { startPlaybackFeed } from '../../src/core/live/playback-feed.ts'
import { ScopeError } from '../../src/core/errors.ts'
import { useEmulator, type TestEmulator } from '../helpers/emulator.ts'
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

describe('playback feed', () => {
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
