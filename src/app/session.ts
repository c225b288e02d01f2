import { createListeners } from '../core/listeners.ts'
import type { GrantedScopes } from '../core/session/scopes.ts'
import type { SessionState as TokenState } from '../core/session/token-manager.ts'

/** Why PunchPlay ended this TV's sign-in without the viewer asking. */
export type DisconnectReason = 'revoked' | 'expired'

/**
 * The one session state the whole app follows. `id` changes with every new
 * sign-in (never with a token refresh): whatever belongs to a session — the
 * live stream, scope refusals, queued events — compares it to know when to reset.
 */
export type Session =
  | { readonly status: 'starting' }
  | { readonly status: 'signed-out' }
  /** Several viewers share the TV and none is chosen: "Who's watching?". */
  | { readonly status: 'choosing' }
  | { readonly status: 'disconnected'; readonly reason: DisconnectReason }
  | { readonly status: 'pairing'; readonly disconnected: DisconnectReason | null }
  | {
      readonly status: 'signed-in'
      readonly id: string
      readonly username: string | null
      readonly scopes: GrantedScopes
      /** True when the viewer paired just now, false for a sign-in restored at start. */
      readonly justPaired: boolean
    }

export interface SessionStore {
  readonly current: Session
  /** Calls back on every change that matters (a token refresh is not one); returns the unsubscribe. */
  subscribe(listener: (session: Session) => void): () => void
  /** The pairing page took over; a disconnect reason stays on it until the next sign-in. */
  pairingStarted(): void
  /** Nobody of the TV's viewers is active: the picker asks who is watching. */
  choosing(): void
  /** Pairing learned the viewer's name (/me) just before signing in. */
  nameFromPairing(name: string | null): void
  /** The token manager's state: the adapter in services.ts calls this and nothing else does. */
  follow(state: TokenState): void
}

/** The one place that reads the token manager's state shape. */
function disconnectReason(state: TokenState): DisconnectReason | null {
  if (state.signedIn) return null
  return state.reason === 'revoked' || state.reason === 'expired' ? state.reason : null
}

/** Feeds on the token manager's change events; a session is named by its grant's local id. */
export function createSessionStore(): SessionStore {
  let current: Session = { status: 'starting' }
  let pairedName: string | null = null
  const listeners = createListeners<Session>()

  function change(next: Session) {
    current = next
    listeners.emit(next)
  }

  return {
    get current() {
      return current
    },
    subscribe: listeners.subscribe,
    pairingStarted() {
      if (current.status === 'signed-in' || current.status === 'pairing') return
      change({
        status: 'pairing',
        disconnected: current.status === 'disconnected' ? current.reason : null,
      })
    },
    choosing() {
      if (current.status !== 'choosing') change({ status: 'choosing' })
    },
    nameFromPairing(name) {
      pairedName = name
    },
    follow(state) {
      if (!state.signedIn) {
        const reason = disconnectReason(state)
        const was = current.status
        if (reason) return change({ status: 'disconnected', reason })
        if (was !== 'signed-out') change({ status: 'signed-out' })
        return
      }
      const scopes = state.scopes.list.join(' ')
      if (current.status === 'signed-in' && current.id === state.grantId) {
        // A refresh: the same session unless what the viewer sees changed.
        const same = current.username === state.username && current.scopes.list.join(' ') === scopes
        if (!same) change({ ...current, username: state.username, scopes: state.scopes })
        return
      }
      const name = pairedName
      pairedName = null
      change({
        status: 'signed-in',
        id: state.grantId,
        username: state.username ?? name,
        scopes: state.scopes,
        // Chosen on the picker, or left alone by a removal: a viewer who did not pair just now.
        justPaired: !['starting', 'choosing', 'signed-in'].includes(current.status),
      })
    },
  }
}
