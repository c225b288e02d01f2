import { describe, expect, test } from 'vitest'
import { railOffset } from '../../src/ui/components/rail-scroll.ts'

/** Home's rails: 400 px tiles 44 px apart, grown 6 % (12 px a side) when focused, in 1728 px. */
const home = { stride: 444, tileWidth: 400, viewWidth: 1728, focusGrowth: 12 }

function walk(indexes: number[]): number[] {
  let offset = 0
  return indexes.map((index) => (offset = railOffset(offset, index, home)))
}

describe('rail scrolling', () => {
  test('every tile, grown by focus, is wholly inside the rail going right then back', () => {
    const path = [...Array(12).keys(), ...[...Array(12).keys()].reverse()]
    walk(path).forEach((offset, step) => {
      const left = path[step]! * home.stride + offset
      expect(left - home.focusGrowth, `tile ${path[step]}`).toBeGreaterThanOrEqual(0)
      expect(left + home.tileWidth + home.focusGrowth, `tile ${path[step]}`).toBeLessThanOrEqual(
        home.viewWidth,
      )
    })
  })

  test('the row moves only as far as the newly focused tile needs', () => {
    // Room for the first tile's growth, then still while focus stays in view.
    expect(walk([0, 1, 2])).toEqual([12, 12, 12])
    // The 4th tile would end 16 px past the edge once grown: the row moves by exactly that.
    expect(walk([0, 1, 2, 3])).toEqual([12, 12, 12, -16])
    expect(walk([0, 1, 2, 3, 4, 3, 2, 1])).toEqual([12, 12, 12, -16, -460, -460, -460, -432])
  })
})
