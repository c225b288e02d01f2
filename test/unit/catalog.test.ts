import { readFileSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseMe } from '../../src/core/api/me.ts'
import { FieldError } from '../../src/core/api/parse.ts'
import { parseCatalog, playableCatalog } from '../../src/core/playback/catalog.ts'

const shipped = JSON.parse(readFileSync('src/catalog.json', 'utf8'))
const movie = {
  id: 'm',
  media_type: 'movie',
  title: 'The Long Field',
  duration_seconds: 60,
  sources: [
    { src: 'videos/long-field.mp4', type: 'video/mp4; codecs="avc1.4D401F"' },
    { src: 'videos/long-field.webm', type: 'video/webm; codecs="vp9"' },
  ],
  colors: ['#1f6b57', '#5fb89a'],
}

const failure = (raw: unknown) => {
  try {
    parseCatalog(raw)
  } catch (error) {
    if (error instanceof FieldError) return error.message
    throw error
  }
  return null
}

describe('catalog', () => {
  it('reads the shipped catalog, every video of which the emulator streams as H.264 and VP9', () => {
    const items = parseCatalog(shipped)
    expect(items.length).toBeGreaterThanOrEqual(3)
    expect(items.some((item) => item.mediaType === 'movie')).toBe(true)
    for (const item of items) {
      expect(item.sources.map((source) => source.type.split(';')[0])).toEqual([
        'video/mp4',
        'video/webm',
      ])
      for (const { src } of item.sources)
        expect(() => readFileSync(`emulator/${src}`)).not.toThrow()
      // No bigger than the MP4: the open codec must not make streaming heavier than it has to be.
      const [mp4, webm] = item.sources.map(({ src }) => statSync(`emulator/${src}`).size)
      expect(webm).toBeLessThanOrEqual(mp4!)
      if (item.mediaType === 'episode')
        expect(item).toMatchObject({ season: expect.any(Number), episode: expect.any(Number) })
    }
  })

  it('names the entry and field it refuses', () => {
    expect(failure({ items: [movie, { ...movie, media_type: 'show' }] })).toBe(
      'items[1].media_type must be "movie" or "episode"',
    )
    expect(failure({ items: [{ ...movie, colors: ['red', 'blue'] }] })).toMatch(
      /^items\[0\]\.colors/,
    )
    expect(failure({ items: [{ ...movie, duration_seconds: 0 }] })).toMatch(
      /^items\[0\]\.duration_seconds/,
    )
    expect(failure({ items: 'none' })).toBe('items must be a list')
  })

  it('takes videos from inside the app or an https URL, nothing else', () => {
    for (const src of [
      'http://example.com/x.mp4',
      'https:///x.mp4',
      '//example.com/x.mp4',
      '/etc/passwd',
      '../secret.mp4',
      'javascript:alert(1)',
      'file:///etc/passwd',
    ]) {
      const sources = [movie.sources[0], { src, type: 'video/mp4; codecs="avc1.4D401F"' }]
      expect(failure({ items: [{ ...movie, sources }] }), src).toBe(
        'items[0].sources[1].src must be an https URL or a path inside the app',
      )
    }
    const streamed = 'https://media.example.com/long-field.webm'
    const [item] = parseCatalog({
      items: [{ ...movie, sources: [{ src: streamed, type: 'video/webm; codecs="vp9"' }] }],
    })
    expect(item!.sources[0]!.src).toBe(streamed)
  })

  it('wants at least one source, each with the codecs canPlayType needs', () => {
    expect(failure({ items: [{ ...movie, sources: [] }] })).toBe(
      'items[0].sources must be a non-empty list',
    )
    expect(
      failure({ items: [{ ...movie, video: 'videos/long-field.mp4', sources: undefined }] }),
    ).toBe('items[0].sources must be a non-empty list')
    for (const type of ['video/mp4', 'mp4; codecs="avc1.4D401F"', 'audio/ogg; codecs="vorbis"']) {
      expect(failure({ items: [{ ...movie, sources: [{ src: 'videos/x', type }] }] }), type).toBe(
        'items[0].sources[0].type must be a video type with its codecs',
      )
    }
  })
})

describe('identity', () => {
  it('reads /me and keeps only string scopes', () => {
    expect(
      parseMe({ id: 'user_1', username: 'ana', name: null, scopes: ['profile:read', 7] }),
    ).toEqual({
      id: 'user_1',
      username: 'ana',
      name: null,
      scopes: ['profile:read'],
    })
    expect(() => parseMe({ username: 'ana' })).toThrow(/id must be a non-empty string/)
  })

  it('offers the demo samples only to a build against a loopback PunchPlay', () => {
    const items = parseCatalog({
      items: [
        { ...movie, id: 'sample', demo: true },
        { ...movie, id: 'real', title: 'Fight Club', tmdb_id: 550, imdb_id: 'tt0137523' },
      ],
    })
    const ids = (apiBase: string) => playableCatalog(items, apiBase).map((item) => item.id)
    expect(ids('http://127.0.0.1:8787/api/platform/v1')).toEqual(['sample', 'real'])
    expect(ids('http://[::1]:8787/api/platform/v1')).toEqual(['sample', 'real'])
    expect(ids('https://punchplay.tv/api/platform/v1')).toEqual(['real'])
    expect(ids('https://staging.example.org/api/platform/v1')).toEqual(['real'])
    expect(parseCatalog(shipped).every((item) => item.demo)).toBe(true)
  })

  it("streams the samples from the emulator's address; real entries keep theirs", () => {
    const items = parseCatalog({
      items: [
        { ...movie, id: 'sample', demo: true },
        { ...movie, id: 'real', title: 'Fight Club', tmdb_id: 550 },
      ],
    })
    const [sample, real] = playableCatalog(items, 'http://127.0.0.1:8914/api/platform/v1')
    expect(sample!.sources.map((source) => source.src)).toEqual([
      'http://127.0.0.1:8914/videos/long-field.mp4',
      'http://127.0.0.1:8914/videos/long-field.webm',
    ])
    expect(real!.sources.map((source) => source.src)).toEqual([
      'videos/long-field.mp4',
      'videos/long-field.webm',
    ])
  })

  it('reads the ids a real catalog can carry, and refuses ones that cannot be right', () => {
    const [item] = parseCatalog({
      items: [{ ...movie, tmdb_id: 550, imdb_id: 'tt0137523', tvdb_id: 81189 }],
    })
    expect(item).toMatchObject({ tmdbId: 550, imdbId: 'tt0137523', tvdbId: 81189, demo: false })
    expect(failure({ items: [{ ...movie, imdb_id: '0137523' }] })).toBe(
      'items[0].imdb_id must look like tt0137523',
    )
    expect(failure({ items: [{ ...movie, demo: 'yes' }] })).toBe(
      'items[0].demo must be true or false',
    )
  })
})
