import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseMe } from '../../src/core/api/me.ts'
import { FieldError } from '../../src/core/api/parse.ts'
import { parseCatalog } from '../../src/core/playback/catalog.ts'

const shipped = JSON.parse(readFileSync('src/catalog.json', 'utf8'))
const movie = {
  id: 'm',
  media_type: 'movie',
  title: 'The Long Field',
  duration_seconds: 60,
  video: 'videos/long-field.mp4',
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
  it('reads the shipped catalog, every video of which is shipped in static/', () => {
    const items = parseCatalog(shipped)
    expect(items.length).toBeGreaterThanOrEqual(3)
    expect(items.some((item) => item.mediaType === 'movie')).toBe(true)
    for (const item of items) {
      expect(() => readFileSync(`static/${item.video}`)).not.toThrow()
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

  it('keeps videos inside the app', () => {
    for (const video of [
      'https://example.com/x.mp4',
      '/etc/passwd',
      '../secret.mp4',
      'javascript:alert(1)',
    ]) {
      expect(failure({ items: [{ ...movie, video }] }), video).toMatch(/items\[0\]\.video/)
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
})
