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
}

interface TizenGlobal {
  tvinputdevice?: { registerKeyBatch?(keys: string[]): void; registerKey?(key: string): void }
  application?: { getCurrentApplication?(): { exit?(): void } }
}

interface WebOsGlobal {
  platformBack?(): void
}

interface TvWindow {
  tizen?: TizenGlobal
  webOS?: WebOsGlobal
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
  }
}
