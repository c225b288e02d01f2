/** One encoding of a catalog item: a path inside the app and its full MIME type with codecs. */
export interface VideoSource {
  readonly src: string
  /** e.g. `video/webm; codecs="vp9"`: the codecs are what tells engines apart. */
  readonly type: string
}

/** HTMLMediaElement.canPlayType: '' (no), 'maybe' or 'probably'. */
export type CanPlayType = (type: string) => string

const confidence = (answer: string) => (answer === 'probably' ? 2 : answer === 'maybe' ? 1 : 0)

/**
 * The source this engine is most confident it plays: "probably" before "maybe",
 * the catalog's order between equals; null when it plays none, so the player can
 * say so instead of trying (old open-source Chromium builds have no H.264).
 */
export function chooseSource(
  sources: readonly VideoSource[],
  canPlayType: CanPlayType,
): VideoSource | null {
  let best: VideoSource | null = null
  let bestConfidence = 0
  for (const source of sources) {
    const sure = confidence(canPlayType(source.type))
    if (sure > bestConfidence) {
      best = source
      bestConfidence = sure
    }
  }
  return best
}
