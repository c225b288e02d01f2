import type { Visibility } from '../app/lifecycle.ts'
import type { Clock } from '../core/ports.ts'

/**
 * TV platform glue: which engine we run on, how to get the media keys, how to
 * leave the app. Everything is feature-detected so a desktop browser gets
 * harmless no-ops.
 */
export type PlatformName = 'tizen' | 'webos' | 'browser'

export interface Platform {
  readonly name: PlatformName
  /** Asks the TV to deliver media keys; Tizen sends only arrows, OK and Back otherwise. */
  registerKeys(): void
  exit(): void
  /** Whether the TV's own screen reader is on (Samsung Voice Guide, LG Audio Guidance). */
  screenReaderOn(): Promise<boolean>
  /** "Samsung TV (QE55Q80T)", "LG TV (OLED55CX)", or null when the TV does not say its model. */
  deviceName(): Promise<string | null>
  /** Calls back when the TV hides or shows the app, or closes it; returns the unsubscribe. */
  watchVisibility(listener: (visibility: Visibility) => void): () => void
}

interface TizenGlobal {
  tvinputdevice?: { registerKeyBatch?(keys: string[]): void; registerKey?(key: string): void }
  application?: { getCurrentApplication?(): { exit?(): void } }
  systeminfo?: { getCapability?(key: string): unknown }
}

interface LunaRequest {
  method: string
  parameters: Record<string, unknown>
  onSuccess(response: { settings?: Record<string, unknown> }): void
  onFailure(error: unknown): void
}

interface WebOsGlobal {
  platformBack?(): void
  deviceInfo?(callback: (info: { modelName?: unknown }) => void): void
  /** Present when webOSTV.js is loaded. */
  service?: { request?(uri: string, request: LunaRequest): unknown }
}

/** Samsung's product API; present when $WEBAPIS/webapis/webapis.js is loaded. */
interface SamsungWebApis {
  productinfo?: { getRealModel?(): unknown; getModel?(): unknown }
  tvinfo?: {
    getMenuValue?(key: unknown): unknown
    TvInfoMenuKey?: { VOICE_GUIDE_KEY?: unknown }
    TvInfoMenuValue?: { ON?: unknown }
  }
}

type Listener = (event: Event) => void

interface EventTarget {
  addEventListener(type: string, listener: Listener): void
  removeEventListener(type: string, listener: Listener): void
}

/** Chromium 63 has the unprefixed API; older Tizen engines only the webkit one. */
interface TvDocument extends EventTarget {
  hidden?: boolean
  webkitHidden?: boolean
}

interface TvWindow extends Partial<EventTarget> {
  tizen?: TizenGlobal
  webOS?: WebOsGlobal
  webapis?: SamsungWebApis
  document?: TvDocument
  close(): void
  navigator: { userAgent: string }
}

/**
 * Tizen names of the keys mapped in settings.json appSettings.keys beyond
 * arrows, OK and Back: the media keys, and Info (457), which removes a
 * Continue-watching entry.
 */
export const TIZEN_EXTRA_KEYS = [
  'MediaPlay',
  'MediaPause',
  'MediaPlayPause',
  'MediaStop',
  'MediaRewind',
  'MediaFastForward',
  'Info',
]

/** The Chromium release that moved CORS out of the renderer. */
const OUT_OF_RENDERER_CORS = 79

/**
 * Whether the engine runs a request's CORS preflight on its main thread
 * (Chromium before 79), where a request in flight stalls while a long task
 * runs. Another engine's CORS is not ours to guess: no.
 */
export function corsOnMainThread(userAgent: string): boolean {
  const match = /(?:Chrome|Chromium)\/(\d+)/.exec(userAgent)
  return match !== null && Number(match[1]) < OUT_OF_RENDERER_CORS
}

/**
 * Lightning stage options that depend on the engine. By default Lightning
 * uploads each text's canvas through getImageData, a read-back and a
 * premultiply per text on the first frame's path (issue 17), because Tizen's
 * engines draw direct canvas uploads with artefacts (Lightning's
 * WebPlatform.uploadGlTexture). Every other engine takes the canvas directly.
 */
export function stageOptions(name: PlatformName): { forceTxCanvasSource: boolean } {
  return { forceTxCanvasSource: name !== 'tizen' }
}

function detect(win: TvWindow): PlatformName {
  if (win.tizen) return 'tizen'
  if (win.webOS || /Web0S|webOS/.test(win.navigator.userAgent)) return 'webos'
  return 'browser'
}

function registerTizenKeys(tizen: TizenGlobal): void {
  const input = tizen.tvinputdevice
  if (!input) return
  if (input.registerKeyBatch) {
    input.registerKeyBatch(TIZEN_EXTRA_KEYS)
    return
  }
  for (const key of TIZEN_EXTRA_KEYS) input.registerKey?.(key)
}

/**
 * Best effort, from the vendors' accessibility guides as we know them (no TV
 * at hand to confirm): Samsung reads Voice Guide with
 * webapis.tvinfo.getMenuValue(TvInfoMenuKey.VOICE_GUIDE_KEY) === TvInfoMenuValue.ON;
 * LG reports Audio Guidance as settings.audioGuidance === 'on' from the
 * settings service (category "option"). Anything missing or throwing means
 * "not known to be on": the viewer can still turn spoken guidance on in Account.
 */
function tizenVoiceGuideOn(apis: SamsungWebApis | undefined): boolean {
  const info = apis?.tvinfo
  const key = info?.TvInfoMenuKey?.VOICE_GUIDE_KEY
  if (!info?.getMenuValue || key === undefined || info.TvInfoMenuValue?.ON === undefined) {
    return false
  }
  return info.getMenuValue(key) === info.TvInfoMenuValue.ON
}

function webOsAudioGuidanceOn(webOS: WebOsGlobal | undefined): Promise<boolean> {
  const request = webOS?.service?.request
  if (!request) return Promise.resolve(false)
  return new Promise((resolve) => {
    request.call(webOS.service, 'luna://com.webos.settingsservice', {
      method: 'getSystemSettings',
      parameters: { category: 'option', keys: ['audioGuidance'] },
      onSuccess: (response) => resolve(response.settings?.audioGuidance === 'on'),
      onFailure: () => resolve(false),
    })
  })
}

const BRANDS: Record<PlatformName, string | null> = {
  tizen: 'Samsung TV',
  webos: 'LG TV',
  browser: null,
}

/**
 * "Samsung TV (QE55Q80T)": the name the connected-apps page lists, like the
 * Kodi add-on's friendly name. A model that is not a short printable string is
 * ignored, so the settings' name is used instead.
 */
export function formatDeviceName(platform: PlatformName, model: unknown): string | null {
  const brand = BRANDS[platform]
  if (!brand || typeof model !== 'string') return null
  const cleaned = model.replace(/[^\x20-\x7e]/g, '').trim()
  if (cleaned === '' || cleaned.length > 40) return null
  return `${brand} (${cleaned})`
}

/** The first model a Samsung API gives: the full model, the model group, then systeminfo's. */
function tizenModel(win: TvWindow): unknown {
  const info = win.webapis?.productinfo
  const candidates = [
    () => info?.getRealModel?.(),
    () => info?.getModel?.(),
    () => win.tizen?.systeminfo?.getCapability?.('http://tizen.org/system/model_name'),
  ]
  for (const candidate of candidates) {
    try {
      const model = candidate()
      if (typeof model === 'string' && model.trim() !== '') return model
    } catch {
      // Missing privilege or an older firmware: try the next source.
    }
  }
  return null
}

function webOsModel(webOS: WebOsGlobal | undefined): Promise<unknown> {
  const deviceInfo = webOS?.deviceInfo
  if (!deviceInfo) return Promise.resolve(null)
  return new Promise((resolve) => deviceInfo.call(webOS, (info) => resolve(info.modelName)))
}

export function createPlatform(win: TvWindow): Platform {
  const name = detect(win)
  return {
    name,
    registerKeys() {
      // An older firmware without a key throws; the app stays usable with arrows and OK.
      try {
        if (name === 'tizen' && win.tizen) registerTizenKeys(win.tizen)
      } catch {
        /* media keys unavailable on this set */
      }
    },
    exit() {
      if (name === 'tizen') {
        const app = win.tizen?.application?.getCurrentApplication?.()
        if (app?.exit) return app.exit()
      }
      if (name === 'webos' && win.webOS?.platformBack) return win.webOS.platformBack()
      // Desktop browsers ignore close() for tabs they did not open: harmless.
      win.close()
    },
    async deviceName() {
      try {
        const model = name === 'tizen' ? tizenModel(win) : await webOsModel(win.webOS)
        return formatDeviceName(name, model)
      } catch {
        return null
      }
    },
    async screenReaderOn() {
      try {
        return tizenVoiceGuideOn(win.webapis) || (await webOsAudioGuidanceOn(win.webOS))
      } catch {
        return false
      }
    },
    watchVisibility: (listener) => watchVisibility(win, name, listener),
  }
}

/**
 * The TVs' visibility events as one stream. Samsung fires `visibilitychange`
 * when another app, a channel or an input takes the screen, and again on exit
 * (multitasking guide); LG fires `visibilitychange` on suspend and
 * `webOSRelaunch` just before coming back to the foreground (app lifecycle
 * guide). `pagehide` is the page going away: the app is being closed. A page
 * restored from the back-forward cache (`pageshow` persisted) is visible again.
 * Repeats are for the lifecycle use-case to drop (src/app/lifecycle.ts).
 */
function watchVisibility(
  win: TvWindow,
  name: PlatformName,
  listener: (visibility: Visibility) => void,
): () => void {
  const doc = win.document
  if (!doc || !win.addEventListener || !win.removeEventListener) return () => {}
  const prefixed = doc.hidden === undefined && doc.webkitHidden !== undefined
  const changeEvent = prefixed ? 'webkitvisibilitychange' : 'visibilitychange'
  const onChange: Listener = () =>
    listener((prefixed ? doc.webkitHidden : doc.hidden) ? 'hidden' : 'visible')
  const onPageHide: Listener = () => listener('closing')
  const onPageShow: Listener = (event) => {
    if ((event as PageTransitionEvent).persisted) listener('visible')
  }
  const onRelaunch: Listener = () => listener('visible')
  const docEvents: Array<[string, Listener]> = [[changeEvent, onChange]]
  if (name === 'webos') docEvents.push(['webOSRelaunch', onRelaunch])
  const winEvents: Array<[string, Listener]> = [
    ['pagehide', onPageHide],
    ['pageshow', onPageShow],
  ]
  for (const [type, handler] of docEvents) doc.addEventListener(type, handler)
  for (const [type, handler] of winEvents) win.addEventListener(type, handler)
  return () => {
    for (const [type, handler] of docEvents) doc.removeEventListener(type, handler)
    for (const [type, handler] of winEvents) win.removeEventListener?.(type, handler)
  }
}

/** How long the TV may take to say its model before the configured name is used. */
export const DEVICE_NAME_WAIT_MS = 2000

/** This TV's name for PunchPlay's connected-apps page: its model, else settings.json's name. */
export async function nameOfThisTv(
  platform: Pick<Platform, 'deviceName'>,
  fallback: string,
  clock: Clock,
): Promise<string> {
  const waited = new AbortController()
  const timeout = clock.sleep(DEVICE_NAME_WAIT_MS, waited.signal).then(
    () => null,
    () => null,
  )
  try {
    return (await Promise.race([platform.deviceName(), timeout])) ?? fallback
  } finally {
    waited.abort()
  }
}
