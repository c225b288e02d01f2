import './polyfills.ts'
import { Launch, Lightning } from '@lightningjs/sdk'
import { browserClock } from './adapters/browser-clock.ts'
import { loadFonts } from './adapters/fonts.ts'
import { createIdbStore } from './adapters/idb-store.ts'
import { randomIds } from './adapters/ids.ts'
import { createHttp } from './adapters/ky-http.ts'
import { renderQr } from './adapters/qr.ts'
import { createSpeech } from './adapters/speech.ts'
import { chooseVideoSource, createVideoSurface } from './adapters/video.ts'
import { parsePunchPlayConfig } from './core/config.ts'
import { createServices } from './services.ts'
import { corsOnMainThread, createPlatform, stageOptions } from './tv/platform.ts'
import { stageGl } from './tv/stage-gl.ts'
import { createApp } from './ui/App.ts'
import { prepareFirstScreen } from './ui/routes.ts'
import { fontFaces } from './ui/theme.ts'

/**
 * Entry point: settings → platform → services → Launch(App). With
 * services.ts, the only place that touches globals such as window and document.
 */
const build = __PUNCHPLAY_BUILD__

/** How long Launch waits for the stored sign-in (and on older engines, without one, for the code). */
const LAUNCH_WAIT_MS = 300

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script')
    script.src = src
    script.onload = () => resolve()
    script.onerror = () => reject(new Error(`could not load ${src}`))
    document.head.appendChild(script)
  })
}

/** Tests read the canvas through the inspector's DOM mirror; TVs never load it. */
async function attachInspectorWhenAsked(): Promise<void> {
  if (new URLSearchParams(window.location.search).get('inspector') !== '1') return
  await loadScript('./lightning-inspect.js')
  window.attachInspector?.(Lightning)
}

async function start(): Promise<void> {
  // The script runs, so the engine is new enough: the fallback for older ones must never show.
  document.getElementById('engine-too-old')?.remove()
  // First, so the database opens while the rest is wired.
  const store = createIdbStore()
  const platform = createPlatform(window)
  platform.registerKeys()
  const config = parsePunchPlayConfig(build.punchplay)
  const services = createServices(
    {
      clock: browserClock,
      http: createHttp(config.apiBase),
      store,
      ids: randomIds,
      speech: createSpeech(window),
      video: { choose: chooseVideoSource, create: createVideoSurface },
      qr: renderQr,
    },
    {
      config,
      version: build.version,
      platform,
      onStorageTrouble: (trouble) =>
        console.warn(`storage unavailable (${trouble.operation}); using memory`),
      deviceLanguages: navigator.languages?.length ? navigator.languages : [navigator.language],
    },
  )
  void services.boot.start()
  // Fonts, the stored sign-in and (without one) the device code are all on their
  // way before Lightning starts: none waits for another or for the first page.
  // The fonts come after the storage read is asked for, the first link of the code's chain.
  const fontsLoaded = loadFonts(fontFaces, document.fonts)
  await prepareFirstScreen(services, LAUNCH_WAIT_MS, corsOnMainThread(navigator.userAgent))
  await attachInspectorWhenAsked()
  // The canvas joins the page with the frame that first draws a screen: an empty
  // stage composited before it costs the engine a commit (in Chromium 68, a long one)
  // while that screen is being built.
  const showCanvas = () => {
    if (!canvas.isConnected) document.body.appendChild(canvas)
  }
  const stage = build.appSettings.stage as { w: number; h: number }
  const app = Launch(
    createApp(services, showCanvas),
    {
      ...build.appSettings,
      stage: {
        ...stage,
        ...stageOptions(platform.name),
        ...stageGl(document, stage.w, stage.h),
      },
      version: build.version,
    } as unknown as Parameters<typeof Launch>[1],
    // Every exit goes through the SDK's closeApp(), which calls this.
    { ...build.platformSettings, onClose: () => platform.exit(), fontLoader: () => fontsLoaded },
  )
  const canvas = app.stage.getCanvas()
  canvas.id = 'app-canvas'
}

start().catch((error: unknown) => {
  // Nothing rendered yet: say so in plain HTML rather than leave a black screen.
  const message = document.createElement('p')
  message.className = 'fatal'
  message.textContent = `PunchPlay TV could not start: ${error instanceof Error ? error.message : String(error)}`
  document.body.appendChild(message)
})
