import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import fontverter from 'fontverter'
import * as hb from 'harfbuzzjs'
import { describe, expect, it } from 'vitest'
import { fontGlyphs, translationCharacters } from '../../scripts/font-glyphs.ts'
import { fontFaces } from '../../src/ui/theme.ts'

const require = createRequire(import.meta.url)

/** The characters a font file can draw, read from its cmap. */
async function charactersOf(path: string): Promise<Set<string>> {
  const sfnt = await fontverter.convert(readFileSync(path), 'sfnt')
  const face = new hb.Face(new hb.Blob(sfnt))
  return new Set([...face.collectUnicodes()].map((code) => String.fromCodePoint(code)))
}

/** The full file the subset was cut from (scripts/subset-fonts.ts). */
function fullFont(url: string): string {
  const name = url.split('/').pop()!
  const family = name.replace(/-latin-.*$/, '')
  return join(dirname(require.resolve(`@fontsource/${family}/package.json`)), 'files', name)
}

const urls = fontFaces.map((face) => [face.url])

describe('the shipped fonts are cut to what the app draws', () => {
  it.each(urls)('%s keeps every glyph of every translation that the full font has', async (url) => {
    const shipped = await charactersOf(join('static', url))
    const full = await charactersOf(fullFont(url))
    const lost = [...translationCharacters()].filter((c) => full.has(c) && !shipped.has(c))
    expect(lost).toEqual([])
    // Names and titles from the server: German and the rest of Latin-1.
    for (const c of 'ÄÖÜäöüßéèñçø€„“–…') expect(shipped.has(c), c).toBe(true)
  })

  it.each(urls)('%s holds the subset and no more', async (url) => {
    const shipped = await charactersOf(join('static', url))
    const full = await charactersOf(fullFont(url))
    const wanted = new Set(fontGlyphs())
    expect([...shipped].filter((c) => !wanted.has(c))).toEqual([])
    expect(shipped.size).toBeLessThan(full.size)
  })
})
