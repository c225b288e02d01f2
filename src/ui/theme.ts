/**
 * Look and feel tokens from shared/ux/README.md. Pages and components take
 * colours, type and layout from here; no colour literal lives anywhere else.
 */

/** Lightning colours are 0xAARRGGBB numbers. */
const rgb = (hex: number): number => (0xff000000 | hex) >>> 0

export const colors = {
  backgroundTop: rgb(0x0b0f14),
  backgroundBottom: rgb(0x141b26),
  surface: rgb(0x1b2330),
  text: rgb(0xf2f5f8),
  secondary: rgb(0xc9d2db),
  muted: rgb(0x9aa6b2),
  faint: rgb(0x6f7c89),
  accent: rgb(0xff5a4e),
  waiting: rgb(0xffb020),
  success: rgb(0x3ddc84),
  error: rgb(0xff6b6b),
  focusRing: rgb(0xffffff),
  qrDark: rgb(0x000000),
  qrLight: rgb(0xffffff),
  scrim: 0xcc05080c,
  /** The warm left edge of the "Now playing" card (shared/ux home.png). */
  heroGlow: 0xff2a1718,
  /** Under the player overlay: clear at the top, near-black at the bottom. */
  overlayTop: 0x00000000,
  overlayBottom: 0xe6000000,
  /** The scrubber's track over video. */
  scrubTrack: 0x66ffffff,
} as const

export const fonts = {
  text: 'AtkinsonNext',
  code: 'AtkinsonMono',
} as const

/** Font files shipped in static/fonts (latin, only the weights used). */
export const fontFaces = [
  {
    family: fonts.text,
    url: 'fonts/atkinson-hyperlegible-next-latin-400-normal.woff2',
    descriptors: { weight: '400' },
  },
  {
    family: fonts.text,
    url: 'fonts/atkinson-hyperlegible-next-latin-700-normal.woff2',
    descriptors: { weight: '700' },
  },
  {
    family: fonts.code,
    url: 'fonts/atkinson-hyperlegible-mono-latin-700-normal.woff2',
    descriptors: { weight: '700' },
  },
] as const

/** 10-foot sizes: nothing below 24 px, body 32–34, titles 56–60, pairing code ~116. */
export const type = {
  caption: 24,
  small: 28,
  body: 34,
  heading: 44,
  title: 58,
  code: 116,
} as const

export const stage = { w: 1920, h: 1080 } as const

/** TV safe area: 5 % of the stage, outside which nothing that matters is drawn. */
export const safeArea = {
  left: 96,
  right: 96,
  top: 54,
  bottom: 54,
  get w(): number {
    return stage.w - this.left - this.right
  },
  get h(): number {
    return stage.h - this.top - this.bottom
  },
} as const

export const focus = {
  ringWidth: 6,
  scale: 1.06,
  durationSec: 0.15,
} as const

export const radius = { card: 24, button: 16 } as const

/** The QR card and the code drawn in it; the QR is rendered at exactly this size. */
export const qrCard = { size: 560, qr: 480 } as const

/** "#5a2d82" → Lightning's 0xAARRGGBB. */
export function hexColor(hex: string): number {
  return rgb(parseInt(hex.slice(1), 16))
}

/** Artwork colours for a title without artwork: stable per title, from a small calm palette. */
const ART_PALETTE: ReadonlyArray<readonly [string, string]> = [
  ['#5a2d82', '#c2456b'],
  ['#1f6b57', '#5fb89a'],
  ['#7a4a12', '#d89b3c'],
  ['#23407a', '#4f86d6'],
  ['#5b2150', '#b0509a'],
  ['#2f4f1f', '#7aae4e'],
]

export function artColors(title: string): readonly [string, string] {
  let hash = 0
  for (let i = 0; i < title.length; i++) hash = (hash * 31 + title.charCodeAt(i)) >>> 0
  return ART_PALETTE[hash % ART_PALETTE.length]!
}

export interface TextOptions {
  readonly bold?: boolean
  readonly wrap?: number
  readonly maxLines?: number
  readonly lineHeight?: number
}

/** A Lightning text patch in the app's typeface: every text on screen goes through here. */
export function textStyle(fontSize: number, textColor: number, options: TextOptions = {}) {
  return {
    text: '',
    fontFace: fonts.text,
    fontSize,
    textColor,
    fontStyle: options.bold ? 'bold' : 'normal',
    ...(options.wrap === undefined ? {} : { wordWrapWidth: options.wrap }),
    ...(options.maxLines === undefined ? {} : { maxLines: options.maxLines }),
    ...(options.lineHeight === undefined ? {} : { lineHeight: options.lineHeight }),
  }
}
