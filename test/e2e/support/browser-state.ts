import type { Page } from '@playwright/test'

declare global {
  interface Window {
    __spoken: string[]
  }
}

/**
 * Stands in for the engine's speech: records every utterance the app speaks
 * through the real API shape (speechSynthesis.speak(new SpeechSynthesisUtterance(text))).
 * With `voiceGuide`, also plays a Samsung TV whose Voice Guide is on.
 */
export async function listenToSpeech(page: Page, voiceGuide: boolean): Promise<void> {
  await page.addInitScript((guide) => {
    window.__spoken = []
    class RecordedUtterance {
      lang = ''
      onend: (() => void) | null = null
      onerror: (() => void) | null = null
      constructor(readonly text: string) {}
    }
    const w = window as unknown as Record<string, unknown>
    w.SpeechSynthesisUtterance = RecordedUtterance
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        speak: (utterance: RecordedUtterance) => window.__spoken.push(utterance.text),
        cancel: () => {},
      },
    })
    if (guide) {
      w.webapis = {
        tvinfo: {
          getMenuValue: (key: string) => (key === 'VOICE_GUIDE_KEY' ? 'ON' : 'OFF'),
          TvInfoMenuKey: { VOICE_GUIDE_KEY: 'VOICE_GUIDE_KEY' },
          TvInfoMenuValue: { ON: 'ON', OFF: 'OFF' },
        },
      }
    }
  }, voiceGuide)
}

export const spoken = (page: Page) => page.evaluate(() => window.__spoken.join('\n'))

/** A value the app keeps in IndexedDB (src/adapters/idb-store.ts: database punchplay-tv, store kv). */
export function storedValue(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('punchplay-tv')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const read = open.result.transaction('kv').objectStore('kv').get(name)
          read.onsuccess = () => {
            open.result.close()
            resolve(read.result)
          }
          read.onerror = () => reject(read.error)
        }
      }),
    key,
  )
}
