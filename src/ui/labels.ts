import type { PlaybackView } from '../core/api/playback-reads.ts'

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
  return h > 0 ? `${h} h ${minutes % 60} min` : `${minutes} min`
}

/** "S1 · E3", or "Movie". */
export function episodeLabel(view: Pick<PlaybackView, 'kind' | 'season' | 'episode'>): string {
  if (view.kind !== 'episode') return 'Movie'
  const parts = [
    view.season === null ? null : `S${view.season}`,
    view.episode === null ? null : `E${view.episode}`,
  ]
  return parts.filter(Boolean).join(' · ') || 'Episode'
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
  return left === null ? episodeLabel(view) : `${episodeLabel(view)} · ${duration(left)} left`
}

/** "31:20 of 48:00 · playing". */
export function positionLabel(view: PlaybackView): string {
  const state = view.state ?? 'playing'
  if (view.positionSec === null || view.durationSec === null)
    return `${Math.round(view.progressPercent)} % · ${state}`
  return `${clockTime(view.positionSec)} of ${clockTime(view.durationSec)} · ${state}`
}
