import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** Printable ASCII and Latin-1: German and the names and titles a server may send. */
const LATIN = [range(0x20, 0x7e), range(0xa0, 0xff)].join('')
/** Typographic marks a translation or a title may use: dashes, quotes (German „…“ too), €. */
const PUNCTUATION = '\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u2039\u203a\u20ac'

function range(first: number, last: number): string {
  let text = ''
  for (let code = first; code <= last; code++) text += String.fromCodePoint(code)
  return text
}

/** Every character of every translation: a word the UI shows cannot fall out of the subset. */
export function translationCharacters(dir = 'src/i18n'): string {
  const all = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.stringify(JSON.parse(readFileSync(join(dir, name), 'utf8'))))
    .join('')
  return [...new Set(all)].join('')
}

/** The glyphs each shipped font keeps (the code font also draws request ids and bodies). */
export function fontGlyphs(): string {
  return [...new Set(LATIN + PUNCTUATION + translationCharacters())].sort().join('')
}
