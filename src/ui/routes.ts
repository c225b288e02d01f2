import type { Router } from '@lightningjs/sdk'
import { BootPage } from './pages/BootPage.ts'
import { HomePage } from './pages/HomePage.ts'
import { bindServices } from './pages/Page.ts'
import type { AppServices } from './services.ts'

/** The one route table of the app. */
export function createRoutes(services: AppServices): Router.Config {
  return {
    root: 'boot',
    routes: [
      { path: 'boot', component: bindServices(BootPage, services) },
      { path: 'home', component: bindServices(HomePage, services) },
    ],
  }
}
