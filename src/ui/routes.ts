import type { Router } from '@lightningjs/sdk'
import { AccountPage } from './pages/AccountPage.ts'
import { BootPage } from './pages/BootPage.ts'
import { DiagnosticsPage } from './pages/DiagnosticsPage.ts'
import { HomePage } from './pages/HomePage.ts'
import { PairingPage } from './pages/PairingPage.ts'
import { PlayerPage } from './pages/PlayerPage.ts'
import { bindServices } from './pages/Page.ts'
import type { AppServices } from './services.ts'

/** The one route table of the app. */
export function createRoutes(services: AppServices): Router.Config {
  return {
    root: 'boot',
    // A TV app has no address bar: a reload must start at the splash, never deep inside.
    updateHash: false,
    routes: [
      { path: 'boot', component: bindServices(BootPage, services) },
      { path: 'pairing', component: bindServices(PairingPage, services) },
      { path: 'home', component: bindServices(HomePage, services) },
      { path: 'player/:id', component: bindServices(PlayerPage, services) },
      { path: 'account', component: bindServices(AccountPage, services) },
      { path: 'diagnostics', component: bindServices(DiagnosticsPage, services) },
    ],
  }
}
