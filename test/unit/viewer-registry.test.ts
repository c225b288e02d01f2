import { describe, expect, it } from 'vitest'
import {
  MAX_VIEWERS,
  VIEWER_COLOURS,
  freeColour,
  freeLabel,
  parseRegistry,
  type Viewer,
} from '../../src/core/profiles/viewer-registry.ts'

const viewer = (id: string, extra: Partial<Viewer> = {}): Viewer => ({
  id,
  label: id,
  colour: VIEWER_COLOURS[0]!,
  keyPrefix: `viewer/${id}/`,
  lastActiveAtMs: 1,
  ...extra,
})

describe('the stored list of viewers', () => {
  it('keeps every good entry and drops a broken one instead of losing them all', () => {
    const parsed = parseRegistry({
      v: 1,
      viewers: [viewer('ana'), { id: 'x', label: '' }, viewer('bob')],
      lastActiveId: 'bob',
    })
    expect(parsed?.viewers.map((v) => v.id)).toEqual(['ana', 'bob'])
    expect(parsed?.lastActiveId).toBe('bob')
  })

  it('never lets two viewers share an id or a token record', () => {
    const parsed = parseRegistry({
      v: 1,
      viewers: [viewer('ana'), viewer('ana'), viewer('bob', { keyPrefix: 'viewer/ana/' })],
      lastActiveId: null,
    })
    expect(parsed?.viewers.map((v) => v.id)).toEqual(['ana'])
  })

  it('reads an unknown version or shape as no list, and a last active viewer that is gone as none', () => {
    expect(parseRegistry({ v: 2, viewers: [] })).toBeNull()
    expect(parseRegistry('viewers')).toBeNull()
    expect(
      parseRegistry({ v: 1, viewers: [viewer('ana')], lastActiveId: 'zoe' })?.lastActiveId,
    ).toBe(null)
  })

  it('holds at most six, each with a colour of their own and a label nobody uses', () => {
    const many = Array.from({ length: 8 }, (_, i) => viewer(`v${i}`))
    expect(parseRegistry({ v: 1, viewers: many, lastActiveId: null })?.viewers).toHaveLength(
      MAX_VIEWERS,
    )
    const two = [
      viewer('a', { colour: VIEWER_COLOURS[0]! }),
      viewer('b', { colour: VIEWER_COLOURS[2]! }),
    ]
    expect(freeColour(two)).toBe(VIEWER_COLOURS[1])
    expect(freeLabel([viewer('a', { label: 'Viewer 2' })], 'Viewer')).toBe('Viewer 3')
    expect(freeLabel([viewer('a', { label: 'ana' })], 'Viewer')).toBe('Viewer 2')
  })
})
