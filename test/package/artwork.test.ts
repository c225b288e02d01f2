import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { artwork } from '../../scripts/package/app-identity.ts'
import { pngSize } from './support/archives.ts'

// The sizes each store asks for: Samsung's 512x423 app icon, LG's 80 and 130 px icons and splash.
const storeSizes: Record<string, { width: number; height: number }> = {
  [artwork.tizen['icon.png']]: { width: 512, height: 423 },
  [artwork.webos['icon.png']]: { width: 80, height: 80 },
  [artwork.webos['largeIcon.png']]: { width: 130, height: 130 },
  [artwork.webos['splash.png']]: { width: 1920, height: 1080 },
}

describe('store artwork in static/', () => {
  it.each(Object.entries(storeSizes))('%s is a PNG of the store size', (path, size) => {
    const png = readFileSync(path)
    expect(pngSize(png)).toEqual(size)
    // Small enough to commit and to ship inside every package.
    expect(png.length).toBeLessThan(64 * 1024)
  })
})
