import type { ContinueItem, HomeView } from '../../app/home-feed.ts'
import type { CatalogItem } from '../../core/playback/catalog.ts'
import { failureText } from '../failure-text.ts'
import { t } from '../i18n.ts'
import { duration, episodeLabel, timeLeftLabel } from '../labels.ts'
import { artColors } from '../theme.ts'
import type { Rail } from './Rail.ts'
import type { TileData } from './Tile.ts'

const catalogTile = (item: CatalogItem): TileData => ({
  title: item.title,
  label: `${episodeLabel({ kind: item.mediaType, season: item.season ?? null, episode: item.episode ?? null })} · ${duration(item.durationSec)}`,
  progress: null,
  colors: item.colors,
})

/** Artwork of the catalog item that plays it here, else colours made from the title. */
const progressTile = ({ view, match }: ContinueItem): TileData => ({
  title: view.title,
  label: timeLeftLabel(view),
  progress: view.progressPercent / 100,
  colors: match?.colors ?? artColors(view.title),
})

/** "Watch something": the local catalog. */
export function showCatalog(rail: Rail, catalog: readonly CatalogItem[]): void {
  rail.show(catalog.map(catalogTile), t('home.catalogEmpty'))
}

/** "Continue watching": its tiles, or one line in their place while loading, refused or failed. */
export function showContinue(rail: Rail, read: HomeView['continueWatching']): void {
  if (read.kind === 'read')
    return rail.show(read.value.map(progressTile), t('home.nothingToContinue'))
  if (read.kind === 'failed') {
    return rail.show([], t('home.continueFailed', { reason: failureText(read.error) }))
  }
  rail.show([], t(read.kind === 'loading' ? 'home.loading' : 'home.relink'))
}
