import { chooseSource, type VideoSource } from '../core/playback/sources.ts'

/**
 * The player screen's video: an HTMLVideoElement laid full-screen behind the
 * Lightning canvas (which is transparent where the player page draws
 * nothing). Kept behind this small interface so the page never touches the DOM.
 */
export type VideoEvent = 'playing' | 'pause' | 'ended' | 'error' | 'timeupdate' | 'loadedmetadata'

/** Why the element gave up, in the terms the player explains to the viewer. */
export type VideoFailure = 'network' | 'decode' | 'unsupported'

export interface VideoSurface {
  /** Set once the element fired `error`. */
  readonly failure: VideoFailure | null
  readonly positionSec: number
  readonly durationSec: number
  readonly paused: boolean
  play(): void
  pause(): void
  seekBy(deltaSec: number): void
  on(event: VideoEvent, listener: () => void): void
  /** Stops playback, removes the element and every listener. */
  destroy(): void
}

/** The catalog source this engine plays best, asked of a <video> as the real one will be; null for none. */
export function chooseVideoSource(sources: readonly VideoSource[]): VideoSource | null {
  const probe = document.createElement('video')
  return chooseSource(sources, (type) => probe.canPlayType(type))
}

function failureOf(error: MediaError): VideoFailure {
  // MEDIA_ERR_ABORTED (1) only comes from a fetch the engine gave up on: a network matter.
  if (error.code === error.MEDIA_ERR_ABORTED || error.code === error.MEDIA_ERR_NETWORK)
    return 'network'
  if (error.code === error.MEDIA_ERR_DECODE) return 'decode'
  return 'unsupported'
}

export function createVideoSurface(src: string, startAtSec = 0): VideoSurface {
  const video = document.createElement('video')
  video.setAttribute('playsinline', '')
  video.preload = 'auto'
  video.style.cssText =
    'position:absolute;left:0;top:0;width:1920px;height:1080px;background:#000;z-index:0'
  video.src = src
  const listeners: Array<[VideoEvent, () => void]> = []
  if (startAtSec > 0) {
    video.addEventListener('loadedmetadata', () => (video.currentTime = startAtSec), { once: true })
  }
  document.body.insertBefore(video, document.body.firstChild)

  return {
    get failure() {
      return video.error ? failureOf(video.error) : null
    },
    get positionSec() {
      return video.currentTime || 0
    },
    get durationSec() {
      return Number.isFinite(video.duration) ? video.duration : 0
    },
    get paused() {
      return video.paused
    },
    play() {
      // A refused play() (autoplay policy) leaves the video paused; the page shows that state.
      void video.play()?.catch(() => undefined)
    },
    pause() {
      video.pause()
    },
    seekBy(deltaSec) {
      const end = Number.isFinite(video.duration) ? video.duration : Infinity
      video.currentTime = Math.min(end, Math.max(0, video.currentTime + deltaSec))
    },
    on(event, listener) {
      listeners.push([event, listener])
      video.addEventListener(event, listener)
    },
    destroy() {
      for (const [event, listener] of listeners) video.removeEventListener(event, listener)
      video.pause()
      video.removeAttribute('src')
      video.load()
      video.remove()
    },
  }
}
