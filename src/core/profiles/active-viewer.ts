import { SignedOutError } from '../errors.ts'
import { createListeners } from '../listeners.ts'
import type { EventQueue } from '../playback/event-queue.ts'
import type { Clock } from '../ports.ts'
import type { SessionState, TokenManager } from '../session/token-manager.ts'
import type { Household } from './household.ts'

function nobody(endpoint: string, clock: Clock): SignedOutError {
  return new SignedOutError('Nobody is watching', {
    method: 'GET',
    endpoint,
    clientId: '',
    at: new Date(clock.now()).toISOString(),
  })
}

/**
 * The active viewer's token manager, as everything that follows "whoever is
 * watching" sees it (home's reads and live stream, Account): calls go out
 * with the active viewer's token only, and with nobody active they fail as
 * signed out rather than borrow another viewer's.
 */
export function activeSession(household: Household, clock: Clock): TokenManager {
  let reason: Extract<SessionState, { signedIn: false }>['reason'] = 'never'
  const state = (): SessionState => household.active?.session.state ?? { signedIn: false, reason }
  const listeners = createListeners<SessionState>()
  household.subscribe(() => listeners.emit(state()))
  const current = (endpoint: string) => {
    const bundle = household.active
    if (!bundle) throw nobody(endpoint, clock)
    return bundle.session
  }

  return {
    get state() {
      return state()
    },
    async start() {
      await household.start()
      return state()
    },
    subscribe: listeners.subscribe,
    signIn: (grant) => household.signIn(grant, null),
    async signOut() {
      const bundle = household.active
      if (!bundle) return { revoking: Promise.resolve() }
      reason = 'signed-out'
      return household.remove(bundle.viewer.id)
    },
    refresh: async () => current('/auth/refresh').refresh(),
    send: async (request) => current(request.endpoint).send(request),
    open: async (request) => current(request.endpoint).open(request),
    dispose: () => household.dispose(),
  }
}

/**
 * What is waiting in the active viewer's queue (nothing with nobody active): what
 * Account's warning counts. Each viewer's own queue is loaded by household.start().
 */
export function activeQueue(household: Household): Pick<EventQueue, 'size' | 'load'> {
  return {
    load: async () => undefined,
    get size() {
      return household.active?.queue.size ?? 0
    },
  }
}
