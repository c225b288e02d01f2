import { Router } from '@lightningjs/sdk'
import type { Session } from '../app/index.ts'
import { t } from './i18n.ts'
import type { AppServices } from './services.ts'

/** Pages that need a signed-in viewer; leaving them is this file's job alone. */
const SIGNED_IN_PAGES = new Set(['home', 'player', 'account', 'diagnostics'])

/**
 * Routing by session state, in one place: once start-up is done, a signed-in
 * viewer is taken home and anyone else to pairing, wherever they are. A
 * revoked or expired sign-in thus lands on pairing, which says why.
 */
export function followSession({ boot, sessionState }: AppServices): void {
  const follow = () => {
    if (boot.view.phase === 'started') route(sessionState.current)
  }
  boot.subscribe(follow)
  sessionState.subscribe(follow)
}

function route(session: Session): void {
  const page = Router.getActiveRoute()?.split('/')[0] ?? ''
  if (session.status === 'signed-in') {
    if (SIGNED_IN_PAGES.has(page)) return
    // Home greets a viewer who paired just now; a restored sign-in goes home quietly.
    const params = session.justPaired
      ? { connectedAs: session.username ?? t('pairing.yourAccount') }
      : {}
    Router.navigate('home', params, false)
  } else if (session.status === 'choosing') {
    // Who was watching is over: nothing of theirs stays to go Back to.
    Router.setHistory([])
    if (page !== 'viewers') Router.navigate('viewers', false)
  } else if (session.status === 'signed-out' || session.status === 'disconnected') {
    if (page !== 'pairing') Router.navigate('pairing', false)
  }
}
