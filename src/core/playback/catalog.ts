import {
  FieldError,
  asFields,
  optionalPositiveNumber,
  optionalText,
  positiveNumber,
  text,
} from '../api/parse.ts'
import { isLoopbackHost } from '../config.ts'
import type { PlayableItem } from './events.ts'
import type { VideoSource } from './sources.ts'

/** A catalog entry: what to report (PlayableItem) plus what to show and play. */
export interface CatalogItem extends PlayableItem {
  /** A made-up sample (invented ids): never shown, so never reported, against a real PunchPlay. */
  readonly demo: boolean
  /** The same video in several encodings, in order of preference; the player picks one. */
  readonly sources: readonly VideoSource[]
  /** Two colours for generated artwork, as #RRGGBB. */
  readonly colors: readonly [string, string]
}

const COLOR = /^#[0-9a-f]{6}$/i
/** A media type with its codecs, which canPlayType needs to answer for the real file. */
const VIDEO_TYPE = /^video\/[a-z0-9.+-]+;\s*codecs=".+"$/i

function parseSource(value: unknown): VideoSource {
  const fields = asFields(value)
  const src = text(fields, 'src', 512)
  if (!isHttpsUrl(src) && /^[a-z]+:|^\/|\.\./i.test(src))
    throw new FieldError('src', 'must be an https URL or a path inside the app')
  const type = text(fields, 'type', 200)
  if (!VIDEO_TYPE.test(type)) throw new FieldError('type', 'must be a video type with its codecs')
  return { src, type }
}

/** A catalog may stream from elsewhere, but never in clear text. */
function isHttpsUrl(src: string): boolean {
  if (!/^https:\/\/[^/]/i.test(src)) return false
  try {
    return new URL(src).protocol === 'https:'
  } catch {
    return false
  }
}

function parseSources(value: unknown): VideoSource[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new FieldError('sources', 'must be a non-empty list')
  return value.map((source, index) => within(`sources[${index}]`, () => parseSource(source)))
}

/** Runs a parser of one part, naming that part in what it refuses. */
function within<T>(path: string, parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (!(error instanceof FieldError)) throw error
    const detail = error.message.slice(error.field.length + 1)
    throw new FieldError(`${path}.${error.field}`, detail)
  }
}

function parseItem(value: unknown): CatalogItem {
  const fields = asFields(value)
  const mediaType = text(fields, 'media_type')
  if (mediaType !== 'movie' && mediaType !== 'episode') {
    throw new FieldError('media_type', 'must be "movie" or "episode"')
  }
  const colors = fields.colors
  if (
    !Array.isArray(colors) ||
    colors.length !== 2 ||
    !colors.every((c) => typeof c === 'string' && COLOR.test(c))
  ) {
    throw new FieldError('colors', 'must be two #RRGGBB colours')
  }
  const sources = parseSources(fields.sources)
  const whole = (name: string) => {
    const value = optionalPositiveNumber(fields, name)
    return value === null ? undefined : Math.round(value)
  }
  const season = whole('season')
  const episode = whole('episode')
  const year = whole('year')
  const tmdbId = whole('tmdb_id')
  const tvdbId = whole('tvdb_id')
  const imdbId = optionalText(fields, 'imdb_id', 16)
  if (imdbId !== null && !/^tt\d{7,}$/.test(imdbId)) {
    throw new FieldError('imdb_id', 'must look like tt0137523')
  }
  if (fields.demo !== undefined && typeof fields.demo !== 'boolean') {
    throw new FieldError('demo', 'must be true or false')
  }
  const episodeTitle = optionalText(fields, 'episode_title', 500)
  return {
    id: text(fields, 'id', 128),
    mediaType,
    title: text(fields, 'title', 500),
    ...(year === undefined ? {} : { year }),
    ...(tmdbId === undefined ? {} : { tmdbId }),
    ...(imdbId === null ? {} : { imdbId }),
    ...(tvdbId === undefined ? {} : { tvdbId }),
    ...(season === undefined ? {} : { season }),
    ...(episode === undefined ? {} : { episode }),
    ...(episodeTitle === null ? {} : { episodeTitle }),
    durationSec: positiveNumber(fields, 'duration_seconds'),
    sources,
    colors: [colors[0] as string, colors[1] as string],
    demo: fields.demo === true,
  }
}

/** The local catalog (src/catalog.json): data that is easy to replace, checked on load. */
export function parseCatalog(raw: unknown): CatalogItem[] {
  const items = asFields(raw).items
  if (!Array.isArray(items)) throw new FieldError('items', 'must be a list')
  return items.map((item, index) => within(`items[${index}]`, () => parseItem(item)))
}

/**
 * What this build may offer: everything against a loopback PunchPlay (the
 * emulator), only real entries anywhere else, so that the samples' invented
 * ids never land on an unrelated title in a viewer's history. The samples'
 * files are not in the app (a TV package stays small): the emulator streams
 * them, so their paths are read from its address.
 */
export function playableCatalog(
  items: readonly CatalogItem[],
  apiBase: string,
): readonly CatalogItem[] {
  const api = new URL(apiBase)
  if (!isLoopbackHost(api.hostname)) return items.filter((item) => !item.demo)
  const fromEmulator = (source: VideoSource) => ({
    ...source,
    src: new URL(source.src, `${api.origin}/`).href,
  })
  return items.map((item) =>
    item.demo ? { ...item, sources: item.sources.map(fromEmulator) } : item,
  )
}
