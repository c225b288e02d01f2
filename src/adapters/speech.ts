import type { Speech } from '../core/ports.ts'

interface SpeechWindow {
  speechSynthesis?: Pick<SpeechSynthesis, 'speak' | 'cancel'>
  SpeechSynthesisUtterance?: new (text: string) => SpeechSynthesisUtterance
}

/**
 * Speech through the Web Speech API where the engine has it, and silence
 * where it has not (many TV engines): nothing throws either way.
 */
export function createSpeech(win: SpeechWindow): Speech {
  const synth = win.speechSynthesis
  const Utterance = win.SpeechSynthesisUtterance
  if (!synth || !Utterance) return { speak() {}, cancel() {} }
  // Set-top engines garbage-collect an utterance nobody references and never finish it
  // (Lightning-UI-Components, withAnnouncer/Speech.js): hold each one until it ends.
  const speaking = new Set<SpeechSynthesisUtterance>()
  return {
    speak(text, lang) {
      try {
        const utterance = new Utterance(text)
        utterance.lang = lang
        const done = () => speaking.delete(utterance)
        utterance.onend = done
        utterance.onerror = done
        speaking.add(utterance)
        synth.speak(utterance)
      } catch {
        /* an engine without voices: stay silent */
      }
    },
    cancel() {
      try {
        synth.cancel()
      } catch {
        /* nothing was speaking */
      }
      speaking.clear()
    },
  }
}
