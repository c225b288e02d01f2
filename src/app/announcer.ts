import type { Clock, Speech } from '../core/ports.ts'

/**
 * Focus path elements with words for a listener (a page's title, a button's
 * label) have an `announce` string; the others are passed over.
 */
type FocusPath = readonly object[]

export interface Announcer {
  /** Off: nothing is said. Follows the TV's screen reader, or the viewer's setting. */
  enabled: boolean
  /**
   * The remote's focus moved: says what is new along the focus path, outermost
   * first, so a new page says its title before the focused element's label.
   */
  focusChanged(path: FocusPath): void
  /** Says something that is not focus, e.g. a status change or the spelled pairing code. */
  say(text: string): void
}

export interface AnnouncerOptions {
  readonly speech: Speech
  readonly clock: Clock
  /** The language to speak in, read at the moment of speaking. */
  readonly language: () => string
  /** Quiet time before speaking, so a held arrow key does not queue a word per tile. */
  readonly debounceMs?: number
}

function words(element: object): string {
  const announce: unknown = (element as { announce?: unknown }).announce
  return typeof announce === 'string' ? announce.trim() : ''
}

/** Spoken guidance in the manner of Lightning-UI-Components' withAnnouncer, speech injected. */
export function createAnnouncer(options: AnnouncerOptions): Announcer {
  const { speech, clock } = options
  const debounceMs = options.debounceMs ?? 300
  let enabled = false
  /** The path last spoken: a new page's title is still said if focus moves on before speech. */
  let spokenPath: FocusPath = []
  let pendingPath: FocusPath | null = null
  let notes: string[] = []
  let focusWords: string[] = []
  let pending: AbortController | null = null

  function schedule(): void {
    pending?.abort()
    const wait = (pending = new AbortController())
    clock.sleep(debounceMs, wait.signal).then(
      () => {
        const text = [...notes, ...focusWords].filter(Boolean).join('. ')
        notes = []
        focusWords = []
        pending = null
        if (pendingPath) spokenPath = pendingPath
        pendingPath = null
        if (!enabled || !text) return
        // New words replace old ones: a viewer moving on does not want the last tile finished.
        speech.cancel()
        speech.speak(text, options.language())
      },
      () => {
        /* superseded by a newer announcement */
      },
    )
  }

  return {
    get enabled() {
      return enabled
    },
    set enabled(value: boolean) {
      enabled = value
      if (!value) {
        pending?.abort()
        notes = []
        focusWords = []
        pendingPath = null
        speech.cancel()
      }
    },
    focusChanged(path) {
      if (!enabled) {
        spokenPath = [...path]
        return
      }
      let first = 0
      while (first < path.length && path[first] === spokenPath[first]) first++
      // Focus moved back up the same path (a dialog closed): say where it landed.
      if (first === path.length) first = Math.max(0, path.length - 1)
      pendingPath = [...path]
      focusWords = path.slice(first).map(words).filter(Boolean)
      schedule()
    },
    say(text) {
      if (!enabled) return
      notes = [...notes, text]
      schedule()
    },
  }
}
