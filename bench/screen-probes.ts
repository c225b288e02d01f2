import type { PNG } from 'pngjs'

/**
 * What the bench looks for in screen pixels, in 1920x1080 stage coordinates.
 * Reading pixels instead of Lightning's inspector keeps the measured build the
 * shipped one (the inspector mirrors every frame into the DOM, which costs time
 * and heap) and judges app and floor by the same rule: it is there when a
 * viewer could see it.
 */
interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** Where PairingPage draws the user_code (inside its card) and the floor draws its text. */
const CODE = { x: 96, y: 476, w: 820, h: 190 }
/** The QR itself, inside the white QR card (QrCard: 560 px card, 480 px code). */
const QR = { x: 1304, y: 216, w: 480, h: 480 }
/** The whole stage: anything drawn at all. */
const STAGE = { x: 0, y: 0, w: 1920, h: 1080 }
/** Account's QR of the connected-apps page, inside its white card on the right. */
const ACCOUNT_QR = { x: 1540, y: 275, w: 230, h: 230 }
/** The page title under the wordmark: "Diagnostics" (Account's QR card is not there). */
const PAGE_TITLE = { x: 96, y: 140, w: 420, h: 60 }
/** Home's top-right corner: the viewer's badge and username. */
const VIEWER = { x: 1400, y: 54, w: 424, h: 70 }
/** The exit dialog's title, at the top of its card in the centre of the stage. */
const DIALOG_TITLE = { x: 760, y: 360, w: 400, h: 140 }
/** Above and below that card. Every page has light text above it (the wordmark at least). */
const ABOVE_DIALOG = { x: 0, y: 0, w: 1920, h: 280 }
const BELOW_DIALOG = { x: 0, y: 800, w: 1920, h: 280 }

type PixelTest = (r: number, g: number, b: number) => boolean

/** Text is near-white; backgrounds, cards and the accent all have a dark channel. */
const light: PixelTest = (r, g, b) => Math.min(r, g, b) > 120
const white: PixelTest = (r, g, b) => Math.min(r, g, b) > 200
const dark: PixelTest = (r, g, b) => Math.max(r, g, b) < 80
const notDark: PixelTest = (r, g, b) => !dark(r, g, b)

/** Share of the box's pixels that pass; the picture may be scaled down from the stage. */
function share(png: PNG, box: Box, test: PixelTest): number {
  const scale = png.width / 1920
  const x0 = Math.floor(box.x * scale)
  const y0 = Math.floor(box.y * scale)
  const x1 = Math.ceil((box.x + box.w) * scale)
  const y1 = Math.ceil((box.y + box.h) * scale)
  let hits = 0
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * 4
      if (test(png.data[i]!, png.data[i + 1]!, png.data[i + 2]!)) hits++
    }
  }
  return hits / ((x1 - x0) * (y1 - y0))
}

/**
 * Some glyph strokes in the box: an empty box scores 0, a line of text a few
 * per cent; a box filled with light (the white page before the app) is no text.
 */
const textIn = (png: PNG, box: Box) => {
  const strokes = share(png, box, light)
  return strokes > 0.01 && strokes < 0.6
}

export const probes = {
  /** Any text drawn anywhere: the first frame that is more than the empty page. */
  anything: (png: PNG) => {
    const strokes = share(png, STAGE, light)
    return strokes > 0.001 && strokes < 0.6
  },
  /** The user_code (app) or the floor's one Text, whatever else is on screen. */
  code: (png: PNG) => textIn(png, CODE),
  /** The floor's one Text. */
  floorText: (png: PNG) => textIn(png, CODE),
  /** The user_code drawn and the QR's modules drawn on its white card. */
  codeAndQr: (png: PNG) =>
    textIn(png, CODE) && share(png, QR, white) > 0.25 && share(png, QR, dark) > 0.25,
  username: (png: PNG) => textIn(png, VIEWER),
  /** Account: no username corner, the connected-apps QR drawn. */
  account: (png: PNG) =>
    !textIn(png, VIEWER) &&
    share(png, ACCOUNT_QR, white) > 0.25 &&
    share(png, ACCOUNT_QR, dark) > 0.25,
  /** Diagnostics: a title, no username corner, nothing white where Account has its QR. */
  diagnostics: (png: PNG) =>
    !textIn(png, VIEWER) && share(png, ACCOUNT_QR, white) < 0.01 && textIn(png, PAGE_TITLE),
  /** Its scrim dims the whole page (even white turns dark); only the card's title stays light. */
  exitDialog: (png: PNG) =>
    share(png, ABOVE_DIALOG, notDark) < 0.001 &&
    share(png, BELOW_DIALOG, notDark) < 0.001 &&
    textIn(png, DIALOG_TITLE),
}

export type Probe = (png: PNG) => boolean
