import type { Router } from '@lightningjs/sdk'
import { AccountPage } from './pages/AccountPage.ts'
import { BootPage } from './pages/BootPage.ts'
import { DiagnosticsPage } from './pages/DiagnosticsPage.ts'
import { HomePage } from './pages/HomePage.ts'
import { PairingPage } from './pages/PairingPage.ts'
import { PlayerPage } from './pages/PlayerPage.ts'
import { ViewersPage } from './pages/ViewersPage.ts'
import { bindServices } from './pages/Page.ts'
import { followSession } from './follow-session.ts'
import type { AppServices } from './services.ts'

/** How long start-up may run before the splash shows. */
const SPLASH_AFTER_MS = 1000

/** Every page can ask the exit question (src/ui/components/ExitQuestion.ts). */
const widgets: ['exitquestion'] = ['exitquestion']

/** The one route table of the app; which page follows which session is src/ui/follow-session.ts. */
export function createRoutes(services: AppServices): Router.Config {
  return {
    // Start-up began in main.ts: its first screen, drawn whole, or the splash if it takes long.
    root: async () => {
      const first = await services.firstScreen(SPLASH_AFTER_MS)
      followSession(services)
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
