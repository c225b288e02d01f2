import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import subsetFont from 'subset-font'
import { fontFaces } from '../src/ui/theme.ts'
import { fontGlyphs } from './font-glyphs.ts'

/**
 * Cuts the shipped fonts (static/fonts) down to the glyphs the app can draw:
 * Latin-1 and the typographic marks its translations use. The full files come
 * from the @fontsource packages. Run after adding a translation or a font;
 * its output is committed, and test/unit/fonts.test.ts holds the two together:
 *   npx tsx scripts/subset-fonts.ts
 */
const require = createRequire(import.meta.url)
const glyphs = fontGlyphs()

for (const face of fontFaces) {
  const name = face.url.split('/').pop()!
  const family = name.replace(/-latin-.*$/, '')
  const source = join(dirname(require.resolve(`@fontsource/${family}/package.json`)), 'files', name)
  const full = readFileSync(source)
  const subset = await subsetFont(full, glyphs, { targetFormat: 'woff2' })
  writeFileSync(join('static', face.url), subset)
  console.log(`${face.url}  ${full.length} → ${subset.length} bytes`)
}
