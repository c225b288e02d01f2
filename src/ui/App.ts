import { Router } from '@lightningjs/sdk'
import { ExitQuestion } from './components/ExitQuestion.ts'
import { createRoutes } from './routes.ts'
import type { AppServices } from './services.ts'

/**
 * The Lightning application class, closed over the services built in main.ts.
 * `onFirstScreen` runs once the first screen is chosen, before it is drawn.
 */
export function createApp(services: AppServices, onFirstScreen: () => void) {
  return class App extends Router.App {
    static override _template() {
      return {
        ...super._template(),
        Widgets: { ExitQuestion: { type: ExitQuestion } },
      }
    }

    override _setup(): void {
      Router.startRouter(createRoutes(services, onFirstScreen), this)
    }

    private get _exitQuestion(): ExitQuestion {
      return this.widgets!.tag('ExitQuestion') as ExitQuestion
    }

    /** Back with nowhere to go back to (boot, or a page without its own Back): ask, never trap. */
    override _handleAppClose(): void {
      this._exitQuestion.ask()
    }

    override _getFocused() {
      return this._exitQuestion.isOpen ? this._exitQuestion : Router.getActivePage()
    }

    /** Lightning calls this on every focus move below the App: the one hook for spoken guidance. */
    override _focusChange(): void {
      services.announcer.focusChanged(this.application.focusPath ?? [])
    }
  }
}
