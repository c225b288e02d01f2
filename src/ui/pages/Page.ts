import { Lightning, type Router } from '@lightningjs/sdk'
import '../components/ExitQuestion.ts'
import type { AppServices } from '../services.ts'

export interface PageTypeConfig extends Lightning.Component.TypeConfig {
  IsPage: true
}

/** Base of every routed page: it receives services instead of building them. */
export class Page<
  Spec extends Lightning.Component.TemplateSpec = Lightning.Component.TemplateSpec,
  Config extends PageTypeConfig = PageTypeConfig,
> extends Lightning.Component<Spec, Config> {
  protected services!: AppServices

  /** The app's one exit question (a Router widget); `onStay` resumes what the page paused. */
  protected askToExit(onStay?: () => void): void {
    // Every page is routed (IsPage), so the Router hands it the widgets.
    ;(this.widgets as Router.WidgetContainer).exitquestion.ask(onStay)
  }
}

type PageClass = new (...args: never[]) => Page

/** Gives a page class its services so the route table can stay data. */
export function bindServices<P extends PageClass>(PageType: P, services: AppServices): P {
  const Bound = class extends (PageType as new (...args: never[]) => Page) {
    protected override services = services
  }
  return Bound as unknown as P
}
