import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { createHomeFeed, type HomeView } from '../../src/app/home-feed.ts'
import { createLifecycle, type Visibility } from '../../src/app/lifecycle.ts'
import type { CatalogItem } from '../../src/core/playback/catalog.ts'
import { useEmulator, type TestEmulator } from '../helpers/emulator.ts'
import { signIn } from '../helpers/session.ts'

const emulator = useEmulator({ minPollIntervalSec: 0 })

const longField: CatalogItem = {
  id: 'long-field',
  mediaType: 'movie',
  title: 'The Long Field',
  tmdbId: 4242,
  durationSec: 600,
  demo: true,
  sources: [{ src: 'videos/long-field.mp4', type: 'video/mp4; codecs="avc1.4D401F"' }],
  colors: ['#112233', '#445566'],
}

/** Another client of the same viewer reports playback, as a phone app would. */
async function report(
  emu: TestEmulator,
  token: string,
  action: 'start' | 'stop',
  title: string,
  progress = 0.3,
) {
  const response = await fetch(`${emu.apiBase}/playback/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      event_id: randomUUID(),
      playback_session_id: `${title}-session`,
      event_created_at: Date.now(),
      media_type: 'movie',
      title,
      progress,
      position_seconds: 180,
      duration_seconds: 600,
      ...(action === 'stop' ? { watched: false } : {}),
    }),
  })
  expect(response.ok).toBe(true)
}

/** A visibility source the test drives, as the TV's events would. */
function fakeTv() {
  let listener: ((visibility: Visibility) => void) | null = null
  const lifecycle = createLifecycle({
    watchVisibility(next) {
      listener = next
      return () => (listener = null)
    },
  })
  return { lifecycle, set: (visibility: Visibility) => listener?.(visibility) }
}

async function openFeed(options: { scope?: string } = {}) {
  const emu = emulator()
  const { clock, session } = await signIn(emu, options)
  const token = (await session.refresh()).accessToken
  const tv = fakeTv()
  const feed = createHomeFeed({ session, clock, catalog: [longField], lifecycle: tv.lifecycle })
  const views: HomeView[] = []
  const close = feed.open((view) => views.push(view))
  const last = () => views.at(-1)!
  return { emu, clock, session, token, tv, feed, views, last, close }
}

const settled = (view: HomeView) =>
  view.nowPlaying.kind !== 'loading' && view.continueWatching.kind !== 'loading'

describe('home feed against the emulator', () => {
  it('shows the viewer, what plays, what to continue matched to the catalog, and LIVE', async () => {
    const emu = emulator()
    const { session } = await signIn(emu, { username: 'ana' })
    const token = (await session.refresh()).accessToken
    await report(emu, token, 'start', 'The Long Field')
    await report(emu, token, 'stop', 'The Long Field')
    await report(emu, token, 'start', 'Elsewhere Only')
    await report(emu, token, 'stop', 'Elsewhere Only')
    await report(emu, token, 'start', 'Now Showing')
    const { last, close } = await openFeed()
    expect(last().nowPlaying.kind).toBe('loading')
    await vi.waitFor(() => expect(settled(last()) && last().live).toBe(true))
    const view = last()
    expect(view.viewer).toEqual({ signedIn: true, name: 'ana' })
    expect(view.nowPlaying).toMatchObject({ kind: 'read', value: { title: 'Now Showing' } })
    const rail = view.continueWatching.kind === 'read' ? view.continueWatching.value : []
    const byTitle = Object.fromEntries(rail.map((entry) => [entry.view.title, entry.match?.id]))
    expect(byTitle).toEqual({ 'The Long Field': 'long-field', 'Elsewhere Only': undefined })
    expect(view.catalog).toEqual([longField])
    close()
  })

  it('reads again when the stream announces a change, debounced', async () => {
    const { emu, clock, token, last, close } = await openFeed()
    await vi.waitFor(() => expect(settled(last()) && last().live).toBe(true))
    expect(last().nowPlaying).toEqual({ kind: 'read', value: null })
    await report(emu, token, 'start', 'Night Shift')
    await vi.waitFor(() => expect(clock.sleeps).toContain(500))
    await clock.advance(500)
    await vi.waitFor(() =>
      expect(last().nowPlaying).toMatchObject({ kind: 'read', value: { title: 'Night Shift' } }),
    )
    close()
  })

  it('one read failing leaves the other on show, with the typed error', async () => {
    const emu = emulator()
    await emu.fault({ route: '/playback/in-progress', kind: 'status', status: 503, count: 5 })
    const { last, close } = await openFeed()
    await vi.waitFor(() => expect(settled(last())).toBe(true))
    expect(last().nowPlaying).toEqual({ kind: 'read', value: null })
    expect(last().continueWatching).toMatchObject({ kind: 'failed', error: { status: 503 } })
    close()
  })

  it('without playback:read asks to re-link and reads nothing; polls instead of streaming', async () => {
    const { emu, clock, last, close } = await openFeed({ scope: 'profile:read playback:write' })
    expect(last().nowPlaying).toEqual({ kind: 'relink' })
    expect(last().continueWatching).toEqual({ kind: 'relink' })
    await vi.waitFor(() => expect(clock.sleeps).toContain(30_000))
    expect(await emu.requests('/playback/now-playing')).toEqual([])
    expect(last().live).toBe(false)
    close()
  })

  it('hidden: the stream closes and nothing reads; visible again: reconnects and reads at once', async () => {
    const { emu, clock, token, tv, last, close } = await openFeed()
    await vi.waitFor(() => expect(settled(last()) && last().live).toBe(true))
    tv.set('hidden')
    expect(last().live).toBe(false)
    const reads = (await emu.requests('/playback/now-playing')).length
    const streams = (await emu.requests('/playback/events')).length
    await report(emu, token, 'start', 'Night Shift')
    // Were the stream still open, this change would be read after the 500 ms debounce,
    // and a poll would read within 30 s.
    await new Promise((resolve) => setTimeout(resolve, 200))
    await clock.advance(500)
    await clock.advance(60_000)
    expect((await emu.requests('/playback/now-playing')).length).toBe(reads)
    expect(last().nowPlaying).toEqual({ kind: 'read', value: null })
    tv.set('hidden')
    tv.set('visible')
    await vi.waitFor(() =>
      expect(last().nowPlaying).toMatchObject({ kind: 'read', value: { title: 'Night Shift' } }),
    )
    await vi.waitFor(() => expect(last().live).toBe(true))
    expect((await emu.requests('/playback/events')).length).toBe(streams + 1)
    close()
  })

  it('removes an entry by DELETE; a failed removal keeps it and says so', async () => {
    const emu = emulator()
    const { session } = await signIn(emu)
    const token = (await session.refresh()).accessToken
    await report(emu, token, 'start', 'The Long Field')
    await report(emu, token, 'stop', 'The Long Field')
    const { feed, last, close } = await openFeed()
    await vi.waitFor(() => expect(last().continueWatching.kind).toBe('read'))
    expect(feed.resume(0)).toEqual({ itemId: 'long-field', startAtSec: 180 })
    const entry = feed.removal(0)!
    expect(entry.title).toBe('The Long Field')
    const route = `/playback/in-progress/${entry.id}`
    await emu.fault({ route, method: 'DELETE', kind: 'status', status: 500, count: 1 })
    await feed.remove(entry)
    expect(last().notice).toMatchObject({ kind: 'removeFailed', error: { status: 500 } })
    expect(last().continueWatching).toMatchObject({ kind: 'read', value: [{ view: entry }] })
    await feed.remove(entry)
    expect(last().continueWatching).toEqual({ kind: 'read', value: [] })
    expect(feed.removal(0)).toBeNull()
    close()
  })

  it('a Continue-watching entry not in the catalog gives a notice instead of a player', async () => {
    const emu = emulator()
    const { session } = await signIn(emu)
    const token = (await session.refresh()).accessToken
    await report(emu, token, 'start', 'Elsewhere Only')
    await report(emu, token, 'stop', 'Elsewhere Only')
    const { feed, last, close } = await openFeed()
    await vi.waitFor(() => expect(last().continueWatching.kind).toBe('read'))
    expect(feed.resume(0)).toBeNull()
    expect(last().notice).toEqual({ kind: 'notInCatalog' })
    expect(feed.play(0)).toBe('long-field')
    close()
  })
})
