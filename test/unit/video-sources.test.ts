import { describe, expect, it } from 'vitest'
import { chooseSource, type CanPlayType } from '../../src/core/playback/sources.ts'

const MP4 = 'video/mp4; codecs="avc1.4D401F"'
const WEBM = 'video/webm; codecs="vp9"'
const sources = [
  { src: 'videos/a.mp4', type: MP4 },
  { src: 'videos/a.webm', type: WEBM },
]

/** An engine that answers canPlayType from a table, '' for anything else. */
const engine =
  (answers: Record<string, string>): CanPlayType =>
  (type) =>
    answers[type] ?? ''

describe('choosing a video source with canPlayType', () => {
  it('takes the WebM on an open-source Chromium without H.264', () => {
    expect(chooseSource(sources, engine({ [WEBM]: 'probably' }))?.src).toBe('videos/a.webm')
  })

  it('takes the MP4 on an engine without VP9', () => {
    expect(chooseSource(sources, engine({ [MP4]: 'probably' }))?.src).toBe('videos/a.mp4')
  })

  it('prefers "probably" to "maybe" whatever the order', () => {
    expect(chooseSource(sources, engine({ [MP4]: 'maybe', [WEBM]: 'probably' }))?.src).toBe(
      'videos/a.webm',
    )
    expect(chooseSource(sources, engine({ [MP4]: 'probably', [WEBM]: 'maybe' }))?.src).toBe(
      'videos/a.mp4',
    )
  })

  it("keeps the catalog's order between equal answers", () => {
    const both = engine({ [MP4]: 'probably', [WEBM]: 'probably' })
    expect(chooseSource(sources, both)?.src).toBe('videos/a.mp4')
    expect(chooseSource([...sources].reverse(), both)?.src).toBe('videos/a.webm')
    const unsure = engine({ [MP4]: 'maybe', [WEBM]: 'maybe' })
    expect(chooseSource(sources, unsure)?.src).toBe('videos/a.mp4')
  })

  it('gives null when the engine plays none of them, or answers nonsense', () => {
    expect(chooseSource(sources, () => '')).toBeNull()
    expect(chooseSource(sources, () => 'no')).toBeNull()
    expect(chooseSource([], () => 'probably')).toBeNull()
  })
})
