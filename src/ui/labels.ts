import type { PlaybackView } from '../core/api/playback-reads.ts'
import { t, type MessageKey } from './i18n.ts'

/** 1880 → "31:20"; 4320 → "1:12:00". */
export function clockTime(totalSec: number): string {
  const sec = Math.max(0, Math.floor(totalSec))
  const h = Math.floor(sec / 3600)
  const m = Math.floor((sec % 3600) / 60)
  const s = sec % 60
  const two = (n: number) => (n < 10 ? `0${n}` : String(n))
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`
}

/** 1020 → "17 min"; 4320 → "1 h 12 min"; under a minute → "1 min". */
export function duration(totalSec: number): string {
  const minutes = Math.max(1, Math.round(totalSec / 60))
  const h = Math.floor(minutes / 60)
  return h > 0
    ? t('labels.hoursMinutes', { hours: h, minutes: minutes % 60 })
    : t('labels.minutes', { minutes })
}

/** "S1 · E3", or "Movie". */
export function episodeLabel(view: Pick<PlaybackView, 'kind' | 'season' | 'episode'>): string {
  if (view.kind !== 'episode') return t('labels.movie')
  const parts = [
    view.season === null ? null : t('labels.season', { number: view.season }),
    view.episode === null ? null : t('labels.episodeNumber', { number: view.episode }),
  ]
  return parts.filter(Boolean).join(' · ') || t('labels.episode')
}

/** "Blue Horizon — S1 · E3 “Tidewater”" or "The Long Field". */
export function fullTitle(view: PlaybackView): string {
  if (view.kind !== 'episode') return view.title
  const name = view.episodeTitle ? ` “${view.episodeTitle}”` : ''
  return `${view.title} — ${episodeLabel(view)}${name}`
}

/** "S1 · E3 · 17 min left" / "Movie · 1 h 12 min left". */
export function timeLeftLabel(view: PlaybackView): string {
  const left =
    view.durationSec !== null && view.positionSec !== null
      ? view.durationSec - view.positionSec
      : view.durationSec !== null
        ? view.durationSec * (1 - view.progressPercent / 100)
        : null
  return left === null
    ? episodeLabel(view)
    : t('labels.timeLeft', { label: episodeLabel(view), time: duration(left) })
}

const STATES: Record<PlaybackView['state'], MessageKey> = {
  playing: 'labels.state.playing',
  paused: 'labels.state.paused',
  stopped: 'labels.state.stopped',
  unknown: 'labels.state.unknown',
}

/** "31:20 of 48:00 · playing"; a state PunchPlay did not name, or one we do not know, reads "unknown". */
export function positionLabel(view: PlaybackView): string {
  const state = t(STATES[view.state])
  if (view.positionSec === null || view.durationSec === null)
    return t('labels.percent', { percent: Math.round(view.progressPercent), state })
  return t('labels.positionOf', {
    position: clockTime(view.positionSec),
    duration: clockTime(view.durationSec),
    state,
  })
}
