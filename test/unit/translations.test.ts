import { afterEach, describe, expect, it } from 'vitest'
import type { PlaybackView } from '../../src/core/api/playback-reads.ts'
import de from '../../src/i18n/de.json'
import en from '../../src/i18n/en.json'
import { failureText } from '../../src/ui/failure-text.ts'
import { LANGUAGES, nextLanguage, pickLanguage, t, useLanguage } from '../../src/ui/i18n.ts'
import { duration, positionLabel } from '../../src/ui/labels.ts'
import { spelledOut } from '../../src/ui/words.ts'

const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort()

afterEach(() => useLanguage('en'))

describe('translations', () => {
  it('German is complete: every English key, no extra ones, the same placeholders', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort())
    for (const [key, text] of Object.entries(en)) {
      expect(placeholders(de[key as keyof typeof de]), key).toEqual(placeholders(text))
      expect(de[key as keyof typeof de].trim(), key).not.toBe('')
    }
  })

  it('follows the saved choice, else the first device language it has, else English', () => {
    expect(pickLanguage('de', ['en-US'])).toBe('de')
    expect(pickLanguage(null, ['fr-FR', 'de-AT', 'en'])).toBe('de')
    expect(pickLanguage('xx', ['de_DE'])).toBe('de')
    expect(pickLanguage(null, ['fr-FR'])).toBe('en')
    expect(LANGUAGES.map((code) => nextLanguage(code))).toEqual(['de', 'en'])
  })

  it('switching language changes texts built on the fly, placeholders filled', () => {
    expect(t('home.connectedAs', { name: 'ana' })).toBe('Connected as ana')
    useLanguage('de')
    expect(t('home.connectedAs', { name: 'ana' })).toBe('Verbunden als ana')
    expect(duration(4320)).toBe('1 Std. 12 Min.')
    const paused: PlaybackView = {
      id: null,
      kind: 'movie',
      title: 'The Long Field',
      episodeTitle: null,
      season: null,
      episode: null,
      progressPercent: 50,
      positionSec: 60,
      durationSec: 120,
      state: 'paused',
      source: null,
    }
    expect(positionLabel(paused)).toBe('1:00 von 2:00 · pausiert')
    expect(failureText(new Error('boom'))).toBe('Etwas ist schiefgegangen. Versuch es noch einmal.')
  })

  it('spells a pairing code one character at a time, saying the dash', () => {
    expect(spelledOut('AK76-P3QX')).toBe('A, K, 7, 6, dash, P, 3, Q, X')
    useLanguage('de')
    expect(spelledOut('AB-1')).toBe('A, B, Bindestrich, 1')
  })
})
