/**
 * The player screen's video: an HTMLVideoElement laid full-screen behind the
 * Lightning canvas (which is transparent where the player page draws
 * nothing). Kept behind this small interface so the page never touches the DOM.
 */
export type VideoEvent = 'playing' | 'pause' | 'ended' | 'error' | 'timeupdate' | 'loadedmetadata'

export interface VideoSurface {
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
