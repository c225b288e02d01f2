import type { Router } from '@lightningjs/sdk'
import { AccountPage } from './pages/AccountPage.ts'
import { BootPage } from './pages/BootPage.ts'
import { DiagnosticsPage } from './pages/DiagnosticsPage.ts'
import { HomePage } from './pages/HomePage.ts'
import { PairingPage } from './pages/PairingPage.ts'
import { PlayerPage } from './pages/PlayerPage.ts'
import { ViewersPage } from './pages/ViewersPage.ts'
import { bindServices } from './pages/Page.ts'
import type { AppServices } from './services.ts'

/** Every page can ask the exit question (src/ui/components/ExitQuestion.ts). */
const widgets: ['exitquestion'] = ['exitquestion']

/** The one route table of the app; which page follows which session is src/ui/follow-session.ts. */
export function createRoutes(services: AppServices): Router.Config {
  return {
    root: 'boot',
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
