import type { Router } from '@lightningjs/sdk'
import { AccountPage } from './pages/AccountPage.ts'
import { BootPage } from './pages/BootPage.ts'
import { DiagnosticsPage } from './pages/DiagnosticsPage.ts'
import { HomePage } from './pages/HomePage.ts'
import { PairingPage } from './pages/PairingPage.ts'
import { PlayerPage } from './pages/PlayerPage.ts'
import { ViewersPage } from './pages/ViewersPage.ts'
import { bindServices } from './pages/Page.ts'
import { preloadImage } from './preloaded-image.ts'
import { settledOrAfter } from './settled-or-after.ts'
import { followSession } from './follow-session.ts'
import type { AppServices } from './services.ts'

/** How long start-up may run before the splash shows. */
const SPLASH_AFTER_MS = 1000
/** How long the first pairing page waits for its QR to load, to show code and QR in one frame. */
const QR_LOAD_WAIT_MS = 150

/** Every page can ask the exit question (src/ui/components/ExitQuestion.ts). */
const widgets: ['exitquestion'] = ['exitquestion']

/**
 * Called before Launch, which holds the engine for a while: waits up to
 * `withinMs` for the stored sign-in to be read, which sends the code request
 * when there is none. Where the engine runs CORS preflights on the main thread,
 * a request in flight would stall behind Launch, so there it also waits for the
 * code. The QR loads after Launch, in `root`: the frames after Launch compile
 * the GPU programs meanwhile, which the first page's frame would otherwise pay.
 */
export async function prepareFirstScreen(
  services: AppServices,
  withinMs: number,
  corsOnMainThread: boolean,
): Promise<void> {
  await (corsOnMainThread
    ? services.firstScreen(withinMs)
    : settledOrAfter(services.boot.restored(), withinMs))
}

/** The one route table of the app; which page follows which session is src/ui/follow-session.ts. */
export function createRoutes(services: AppServices, onFirstScreen: () => void): Router.Config {
  // `onFirstScreen` runs once the first screen is chosen, before the Router builds it.
  return {
    // Start-up began in main.ts: its first screen, drawn whole, or the splash if it takes long.
    root: async () => {
      const first = await services.firstScreen(SPLASH_AFTER_MS)
      const qrSrc = services.pairing.view.qrSrc
      if (first?.screen === 'pairing' && qrSrc) await preloadImage(qrSrc, QR_LOAD_WAIT_MS)
      followSession(services)
      onFirstScreen()
      return first?.screen ?? 'boot'
    },
    // A TV app has no address bar: a reload must start at the splash, never deep inside.
    updateHash: false,
    routes: [
      { path: 'boot', component: bindServices(BootPage, services), widgets },
      { path: 'pairing', component: bindServices(PairingPage, services), widgets },
      { path: 'viewers', component: bindServices(ViewersPage, services), widgets },
      { path: 'home', component: bindServices(HomePage, services), widgets },
      { path: 'player/:id', component: bindServices(PlayerPage, services), widgets },
      { path: 'account', component: bindServices(AccountPage, services), widgets },
      { path: 'diagnostics', component: bindServices(DiagnosticsPage, services), widgets },
    ],
  }
}
