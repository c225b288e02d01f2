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
}

interface TizenGlobal {
  tvinputdevice?: { registerKeyBatch?(keys: string[]): void; registerKey?(key: string): void }
  application?: { getCurrentApplication?(): { exit?(): void } }
}

interface LunaRequest {
  method: string
  parameters: Record<string, unknown>
  onSuccess(response: { settings?: Record<string, unknown> }): void
  onFailure(error: unknown): void
}

interface WebOsGlobal {
  platformBack?(): void
  /** Present when webOSTV.js is loaded. */
  service?: { request?(uri: string, request: LunaRequest): unknown }
}

/** Samsung's product API; present when $WEBAPIS/webapis/webapis.js is loaded. */
interface SamsungWebApis {
  tvinfo?: {
    getMenuValue?(key: unknown): unknown
    TvInfoMenuKey?: { VOICE_GUIDE_KEY?: unknown }
    TvInfoMenuValue?: { ON?: unknown }
  }
}

interface TvWindow {
  tizen?: TizenGlobal
  webOS?: WebOsGlobal
  webapis?: SamsungWebApis
  close(): void
  navigator: { userAgent: string }
}

/** Tizen names of the keys mapped in settings.json appSettings.keys. */
export const TIZEN_MEDIA_KEYS = [
  'MediaPlay',
  'MediaPause',
  'MediaPlayPause',
  'MediaStop',
  'MediaRewind',
  'MediaFastForward',
]

function detect(win: TvWindow): PlatformName {
  if (win.tizen) return 'tizen'
  if (win.webOS || /Web0S|webOS/.test(win.navigator.userAgent)) return 'webos'
  return 'browser'
}

function registerTizenKeys(tizen: TizenGlobal): void {
  const input = tizen.tvinputdevice
  if (!input) return
  if (input.registerKeyBatch) {
    input.registerKeyBatch(TIZEN_MEDIA_KEYS)
    return
  }
  for (const key of TIZEN_MEDIA_KEYS) input.registerKey?.(key)
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
    async screenReaderOn() {
      try {
        return tizenVoiceGuideOn(win.webapis) || (await webOsAudioGuidanceOn(win.webOS))
      } catch {
        return false
      }
    },
  }
}
