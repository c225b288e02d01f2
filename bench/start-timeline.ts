import type { Cdp } from './cdp.ts'

/**
 * Where a cold start goes, read inside the page. The init script below runs
 * before the app (Page.addScriptToEvaluateOnNewDocument) and only timestamps
 * calls the app makes anyway: IndexedDB open, FontFace loads, image loads and
 * createImageBitmap decodes, texture uploads, the canvas joining the page.
 * Network phases and the script come from Navigation and Resource Timing.
 * Everything is in ms since navigation start (performance.now()), the origin
 * of the cold-start figure.
 *
 * Plain ES2017 in a string, because it also runs in Chromium 68 untranspiled.
 */
export const timelineScript = `(function () {
  var now = function () { return performance.now() }
  var t = { idbOpen: [], fonts: [], images: [], uploads: [], canvasAt: null }
  window.__benchTimeline = t
  var open = IDBFactory.prototype.open
  IDBFactory.prototype.open = function () {
    var entry = { start: now(), end: null }
    t.idbOpen.push(entry)
    var request = open.apply(this, arguments)
    var done = function () { entry.end = now() }
    request.addEventListener('success', done)
    request.addEventListener('error', done)
    return request
  }
  if (window.FontFace) {
    var load = FontFace.prototype.load
    FontFace.prototype.load = function () {
      var entry = { family: this.family, start: now(), end: null }
      t.fonts.push(entry)
      var done = function () { entry.end = now() }
      var promise = load.apply(this, arguments)
      promise.then(done, done)
      return promise
    }
  }
  // Stamped before the page's own load handler runs: the microtasks after that handler (in the
  // app, building the first page) would otherwise count as the image's loading.
  var loaded = function (image) {
    var entry = image.__benchImage
    if (!entry || entry.loaded !== null) return
    entry.loaded = now()
    entry.w = image.naturalWidth
    entry.h = image.naturalHeight
  }
  // One entry per image the page has decoded: an <img> by its src, or createImageBitmap.
  var track = function () {
    var entry = { set: now(), loaded: null, w: 0, h: 0, upload: null }
    t.images.push(entry)
    return entry
  }
  var onload = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'onload')
  Object.defineProperty(HTMLImageElement.prototype, 'onload', {
    configurable: true,
    enumerable: onload.enumerable,
    get: function () { return this.__benchOnload || null },
    set: function (handler) {
      this.__benchOnload = handler
      onload.set.call(this, typeof handler === 'function' ? function () {
        loaded(this)
        return handler.apply(this, arguments)
      } : handler)
    },
  })
  var src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src')
  Object.defineProperty(HTMLImageElement.prototype, 'src', {
    configurable: true,
    enumerable: src.enumerable,
    get: function () { return src.get.call(this) },
    set: function (value) {
      var image = this
      image.__benchImage = track()
      image.addEventListener('load', function () { loaded(image) })
      src.set.call(this, value)
    },
  })
  // Where the engine has it, the app decodes the QR with createImageBitmap instead of an image.
  if (window.createImageBitmap) {
    var decode = window.createImageBitmap
    window.createImageBitmap = function () {
      var entry = track()
      return decode.apply(this, arguments).then(function (bitmap) {
        entry.loaded = now()
        entry.w = bitmap.width
        entry.h = bitmap.height
        bitmap.__benchImage = entry
        return bitmap
      })
    }
  }
  var wrapUpload = function (proto) {
    var upload = proto.texImage2D
    proto.texImage2D = function () {
      var start = now()
      var result = upload.apply(this, arguments)
      var end = now()
      t.uploads.push([start, end])
      var source = arguments[arguments.length - 1]
      if (source && source.__benchImage) source.__benchImage.upload = { start: start, end: end }
      return result
    }
  }
  wrapUpload(WebGLRenderingContext.prototype)
  if (window.WebGL2RenderingContext) wrapUpload(WebGL2RenderingContext.prototype)
  new MutationObserver(function (records, observer) {
    if (document.querySelector('canvas')) {
      t.canvasAt = now()
      observer.disconnect()
    }
  }).observe(document, { childList: true, subtree: true })
})()`

interface RawTimeline {
  idbOpen: { start: number; end: number | null }[]
  fonts: { family: string; start: number; end: number | null }[]
  images: {
    set: number
    loaded: number | null
    w: number
    h: number
    upload: { start: number; end: number } | null
  }[]
  uploads: [number, number][]
  canvasAt: number | null
  navigation: { responseEnd: number; domInteractive: number; domContentLoaded: number }
  resources: { name: string; start: number; end: number }[]
}

/** A span in ms since navigation start; null when the start made no such call. */
export type Span = [number, number] | null

export interface StartTimeline {
  /** The HTML document, request to last byte. */
  html: Span
  /** The app's script: request to last byte. */
  scriptDownload: Span
  /** Last byte of the script (or the parser reaching it) to DOMContentLoaded: compile and top-level run. */
  scriptRun: Span
  /** The Lightning canvas joining the page: the frame that first draws a screen has ended (main.ts). */
  canvasAt: number | null
  /** First indexedDB.open() to its success. */
  indexedDbOpen: Span
  /** First font request or FontFace.load() to the last font in. */
  fonts: Span
  /** POST /auth/device/code: request sent to answer read. */
  codeRequest: Span
  /** The QR image: src set to its load event, or createImageBitmap called to its bitmap. */
  qrLoad: Span
  /** The QR image's texImage2D call. */
  qrUpload: Span
  /** Every texImage2D until the code + QR frame: count and time spent inside the calls. */
  textureUploads: { count: number; ms: number }
}

const read = `(function () {
  var t = window.__benchTimeline
  var nav = performance.getEntriesByType('navigation')[0] || {}
  var timing = performance.timing
  var since = function (epoch) { return epoch ? epoch - timing.navigationStart : 0 }
  t.navigation = {
    responseEnd: nav.responseEnd || since(timing.responseEnd),
    domInteractive: nav.domInteractive || since(timing.domInteractive),
    domContentLoaded: nav.domContentLoadedEventStart || since(timing.domContentLoadedEventStart),
  }
  t.resources = performance.getEntriesByType('resource').map(function (r) {
    return { name: r.name, start: r.startTime, end: r.responseEnd }
  })
  return t
})()`

const span = (start: number | undefined, end: number | null | undefined): Span =>
  start === undefined || end === null || end === undefined ? null : [start, end]

const round1 = (span: Span): Span => span && [Math.round(span[0]), Math.round(span[1])]

/** Reads the page's timeline once the code + QR frame was seen at `shownAt` (ms since navigation). */
export async function readTimeline(cdp: Cdp, shownAt: number): Promise<StartTimeline> {
  const { result } = await cdp.send<{ result: { value?: RawTimeline } }>('Runtime.evaluate', {
    expression: read,
    returnByValue: true,
  })
  const raw = result.value
  if (!raw) throw new Error('the start timeline script did not run in the page')
  const script = raw.resources.find((r) => /\.js(\?|$)/.test(r.name) && !/inspect/.test(r.name))
  const fontFiles = raw.resources.filter((r) => /\.(woff2?|ttf|otf)(\?|$)/.test(r.name))
  const code = raw.resources.find((r) => r.name.includes('/auth/device/code'))
  const firstOpen = raw.idbOpen[0]
  const fontStarts = [...fontFiles.map((f) => f.start), ...raw.fonts.map((f) => f.start)]
  const fontEnds = [...fontFiles.map((f) => f.end), ...raw.fonts.map((f) => f.end)]
  // The QR is the square image the pairing page shows at 480 px (a data URL or the server's).
  const qr = raw.images.filter((image) => image.w === image.h && image.w >= 200).at(-1)
  const uploads = raw.uploads.filter(([, end]) => end <= shownAt)
  const scriptReady = script ? Math.max(script.end, 0) : raw.navigation.domInteractive
  return {
    html: round1([0, raw.navigation.responseEnd]),
    scriptDownload: round1(span(script?.start, script?.end)),
    scriptRun: round1(span(scriptReady, raw.navigation.domContentLoaded)),
    canvasAt: raw.canvasAt === null ? null : Math.round(raw.canvasAt),
    indexedDbOpen: round1(span(firstOpen?.start, firstOpen?.end)),
    fonts: round1(
      fontStarts.length && fontEnds.every((end) => end !== null)
        ? [Math.min(...fontStarts), Math.max(...(fontEnds as number[]))]
        : null,
    ),
    codeRequest: round1(span(code?.start, code?.end)),
    qrLoad: round1(span(qr?.set, qr?.loaded)),
    qrUpload: round1(span(qr?.upload?.start, qr?.upload?.end)),
    textureUploads: {
      count: uploads.length,
      ms: Math.round(uploads.reduce((sum, [start, end]) => sum + end - start, 0)),
    },
  }
}
