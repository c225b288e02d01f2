import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { createEventQueue } from '../../src/core/playback/event-queue.ts'
import { createEventBuilder, type PlayableItem } from '../../src/core/playback/events.ts'
import { createPlaybackReporter } from '../../src/core/playback/reporter.ts'
import { createPlaybackTracker } from '../../src/core/playback/tracker.ts'
import { useEmulator } from '../helpers/emulator.ts'
import { signIn } from '../helpers/session.ts'

const emulator = useEmulator({ minPollIntervalSec: 0 })

const movie: PlayableItem = {
  id: 'long-field',
  mediaType: 'movie',
  title: 'The Long Field',
  tmdbId: 4242,
  durationSec: 60,
}

async function playing() {
  const emu = emulator()
  const { clock, session } = await signIn(emu)
  const queue = createEventQueue(createMemoryStore(), clock)
  await queue.load()
  const reporter = createPlaybackReporter({ session, queue, clock })
  const ids = { uuid: randomUUID }
  const build = createEventBuilder({ clock, ids, deviceId: 'device-1', clientVersion: 'test' })
  const player = { positionSec: 10, durationSec: 60 }
  const tracked = createPlaybackTracker({ reporter, queue, build, clock, ids })(movie, () => ({
    ...player,
  }))
  tracked.playing()
  const actions = async () =>
    (await emu.control<{ events: Array<{ action: string }> }>('/playback-events')).events.map(
      (event) => event.action,
    )
  const expectActions = (expected: string[]) =>
    vi.waitFor(async () => expect(await actions()).toEqual(expected))
  await expectActions(['start'])
  return { clock, tracked, player, actions, expectActions }
}

describe('a playback while the TV hides the app', () => {
  it('reports pause at once, no heartbeat while hidden, and resumes only on the viewer’s play', async () => {
    const { clock, tracked, player, actions, expectActions } = await playing()
    tracked.suspend()
    tracked.suspend()
    // No quiet time: a hidden app's timers may never run.
    await expectActions(['start', 'pause'])
    await clock.advance(15_000)
    await clock.advance(60_000)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await actions()).toEqual(['start', 'pause'])
    tracked.setPlaying(true)
    await clock.advance(1000)
    await expectActions(['start', 'pause', 'resume'])
    player.positionSec = 25
    await clock.advance(15_000)
    await expectActions(['start', 'pause', 'resume', 'progress'])
    await tracked.stop()
    await expectActions(['start', 'pause', 'resume', 'progress', 'stop'])
  })

  it('a viewer’s pause still settling is reported once, at once; already paused sends nothing', async () => {
    const { clock, tracked, actions, expectActions } = await playing()
    tracked.setPlaying(false)
    tracked.suspend()
    await expectActions(['start', 'pause'])
    await clock.advance(1000)
    tracked.suspend()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await actions()).toEqual(['start', 'pause'])
  })
})
