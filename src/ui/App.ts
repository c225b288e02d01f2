import { Router, Utils } from '@lightningjs/sdk'
import { createRoutes } from './routes.ts'
import type { AppServices } from './services.ts'
import { fontFaces } from './theme.ts'

/** The Lightning application class, closed over the services built in main.ts. */
export function createApp(services: AppServices) {
  return class App extends Router.App {
    static getFonts() {
      return fontFaces.map((face) => ({ ...face, url: Utils.asset(face.url) }))
    }

    override _setup(): void {
      Router.startRouter(createRoutes(services), this)
    }

    /** Lightning calls this on every focus move below the App: the one hook for spoken guidance. */
    override _focusChange(): void {
      services.announcer.focusChanged(this.application.focusPath ?? [])
    }
  }
}
