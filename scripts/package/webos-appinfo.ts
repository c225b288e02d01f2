import { identity } from './app-identity.ts'

/** appinfo.json, which an LG TV and ares-package read from the app folder's root. */
export function webosAppInfo(version: string) {
  return {
    id: identity.webos.id,
    version,
    vendor: identity.vendor,
    type: 'web',
    main: 'index.html',
    title: identity.title,
    icon: 'icon.png',
    largeIcon: 'largeIcon.png',
    splashBackground: 'splash.png',
    bgColor: identity.colors.background,
    resolution: '1920x1080',
    // Back then reaches the app as keyCode 461 instead of walking browser history.
    disableBackHistoryAPI: true,
    supportsAudioGuidance: true,
  }
}
