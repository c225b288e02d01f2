import { Router } from '@lightningjs/sdk'
import { ExitQuestion } from './components/ExitQuestion.ts'
import { roundedSurface } from './components/RoundedSurface.ts'
import { createRoutes } from './routes.ts'
import type { AppServices } from './services.ts'

/**
 * Drawn, all but transparent, in the frames before the first screen: the GPU
 * compiles the programs of the plain and the rounded rects there, while the
 * first screen is built, rather than inside the frame that draws it.
 */
const warmShaders = () => ({
  Rounded: roundedSurface(2, 2, 1, 0x01000000),
  Plain: { rect: true, w: 2, h: 2, color: 0x01000000 },
})

/**
 * The Lightning application class, closed over the services built in main.ts.
 * `onFirstScreenDrawn` runs at the end of the frame that first draws a page.
 */
export function createApp(services: AppServices, onFirstScreenDrawn: () => void) {
  return class App extends Router.App {
    static override _template() {
      return {
        WarmShaders: warmShaders(),
        ...super._template(),
        Widgets: { ExitQuestion: { type: ExitQuestion } },
      }
    }

    override _setup(): void {
      Router.startRouter(
        createRoutes(services, () => this._whenFirstScreenDrawn()),
        this,
      )
    }

    private _whenFirstScreenDrawn(): void {
      const drawn = () => {
        if (!Router.getActivePage()) return
        this.stage.off('frameEnd', drawn)
        this.childList.remove(this.tag('WarmShaders')!)
        onFirstScreenDrawn()
      }
      this.stage.on('frameEnd', drawn)
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
