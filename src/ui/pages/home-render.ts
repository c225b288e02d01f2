import type { HomeView } from '../../app/home-feed.ts'
import type { Banner } from '../components/Banner.ts'
import { noticeWords } from '../components/home-questions.ts'
import { showCatalog, showContinue } from '../components/home-rails.ts'
import type { PlaybackHero } from '../components/PlaybackHero.ts'
import type { Rail } from '../components/Rail.ts'
import type { ViewerChip } from '../components/ViewerChip.ts'

export interface HomeParts {
  readonly viewer: ViewerChip
  readonly hero: PlaybackHero
  readonly continueRail: Rail
  readonly watch: Rail
  readonly banner: Banner
}

/**
 * Draws a home view over the one drawn `before`. Only what changed is redrawn:
 * rebuilding a rail's tiles would cut short an OK the viewer is holding.
 */
export function renderHome(parts: HomeParts, view: HomeView, before: HomeView | null): void {
  parts.viewer.viewer = view.viewer
  if (view.catalog !== before?.catalog) showCatalog(parts.watch, view.catalog)
  if (view.nowPlaying !== before?.nowPlaying) parts.hero.render(view.nowPlaying)
  parts.hero.live = view.live
  if (view.continueWatching !== before?.continueWatching) {
    showContinue(parts.continueRail, view.continueWatching)
  }
  if (view.notice && view.notice !== before?.notice) {
    const { text, failed } = noticeWords(view.notice)
    parts.banner.notice(text, failed ? 'error' : 'success')
  }
}

/** Both reads have answered: focus may settle. */
export const homeSettled = (view: HomeView): boolean =>
  view.nowPlaying.kind !== 'loading' && view.continueWatching.kind !== 'loading'
