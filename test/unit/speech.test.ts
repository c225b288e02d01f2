import { describe, expect, it, vi } from 'vitest'
import { createSpeech } from '../../src/adapters/speech.ts'

class FakeUtterance {
  lang = ''
  onend: (() => void) | null = null
  onerror: (() => void) | null = null
  constructor(readonly text: string) {}
}

describe('speech through the Web Speech API', () => {
  it('speaks real utterances in the asked language', () => {
    const speak = vi.fn()
    const speech = createSpeech({
      speechSynthesis: { speak, cancel: vi.fn() },
      SpeechSynthesisUtterance: FakeUtterance as unknown as typeof SpeechSynthesisUtterance,
    })
    speech.speak('Sign in to PunchPlay', 'de')
    const [utterance] = speak.mock.calls[0] as [FakeUtterance]
    expect(utterance).toBeInstanceOf(FakeUtterance)
    expect(utterance).toMatchObject({ text: 'Sign in to PunchPlay', lang: 'de' })
  })

  it('does nothing harmful where the engine has no speech, or throws', () => {
    const silent = createSpeech({})
    expect(() => silent.speak('hello', 'en')).not.toThrow()
    expect(() => silent.cancel()).not.toThrow()
    const broken = createSpeech({
      speechSynthesis: {
        speak: () => {
          throw new Error('no voices')
        },
        cancel: () => {
          throw new Error('busy')
        },
      },
      SpeechSynthesisUtterance: FakeUtterance as unknown as typeof SpeechSynthesisUtterance,
    })
    expect(() => broken.speak('hello', 'en')).not.toThrow()
    expect(() => broken.cancel()).not.toThrow()
  })
})
