import { describe, expect, it } from 'vitest'
import type { Speech } from '../../src/core/ports.ts'
import { createAnnouncer } from '../../src/app/announcer.ts'
import { ManualClock } from '../helpers/manual-clock.ts'

function setUp(enabled = true) {
  const said: string[] = []
  let cancels = 0
  const speech: Speech = {
    speak: (text, lang) => said.push(`${lang}:${text}`),
    cancel: () => cancels++,
  }
  const clock = new ManualClock()
  const announcer = createAnnouncer({ speech, clock, language: () => 'en', debounceMs: 300 })
  announcer.enabled = enabled
  const quiet = async () => {
    await clock.advance(300)
    await Promise.resolve()
  }
  return { said, announcer, quiet, cancels: () => cancels }
}

const app = {}
const home = { announce: 'PunchPlay home' }
const rail = { announce: 'Watch something' }
const tile = (title: string) => ({ announce: title })

describe('spoken guidance', () => {
  it('says a new page’s title, then the focused element, and only the element afterwards', async () => {
    const { said, announcer, quiet } = setUp()
    const first = tile('Blue Horizon')
    announcer.focusChanged([app, home, rail, first])
    await quiet()
    expect(said).toEqual(['en:PunchPlay home. Watch something. Blue Horizon'])
    announcer.focusChanged([app, home, rail, tile('The Long Field')])
    await quiet()
    expect(said.at(-1)).toBe('en:The Long Field')
  })

  it('waits for the remote to settle: a held arrow says only the last tile', async () => {
    const { said, announcer, quiet } = setUp()
    announcer.focusChanged([app, home, rail, tile('A')])
    announcer.focusChanged([app, home, rail, tile('B')])
    announcer.focusChanged([app, home, rail, tile('C')])
    await quiet()
    expect(said).toEqual(['en:PunchPlay home. Watch something. C'])
  })

  it('puts a status before the focus it caused, and stays silent when off', async () => {
    const { said, announcer, quiet } = setUp()
    announcer.say('This code has expired.')
    announcer.focusChanged([app, { announce: 'Get a new code' }])
    await quiet()
    expect(said).toEqual(['en:This code has expired.. Get a new code'])

    announcer.enabled = false
    announcer.say('anything')
    announcer.focusChanged([app, home])
    await quiet()
    expect(said).toHaveLength(1)
  })

  it('interrupts what is still being said when something new comes', async () => {
    const { announcer, quiet, cancels } = setUp()
    const before = cancels()
    announcer.say('one')
    await quiet()
    announcer.say('two')
    await quiet()
    expect(cancels() - before).toBe(2)
  })
})
