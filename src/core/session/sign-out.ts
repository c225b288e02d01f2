import type { DiagnosticsLog } from '../diagnostics/diagnostics-log.ts'
import type { EventQueue } from '../playback/event-queue.ts'
import type { TokenManager } from './token-manager.ts'

export interface SignOut {
  /** Playback events not yet accepted by PunchPlay: signing out loses them. */
  readonly pendingEvents: number
  /**
   * Forgets this viewer on this TV (the device_id stays for the next sign-in),
   * then asks PunchPlay to revoke the grant; `revoking` settles when it has tried.
   */
  signOut(): Promise<{ readonly revoking: Promise<void> }>
}

export function createSignOut(deps: {
  readonly session: TokenManager
  readonly queue: EventQueue
  readonly diagnostics: DiagnosticsLog
}): SignOut {
  return {
    get pendingEvents() {
      return deps.queue.size
    },
    async signOut() {
      // The token manager tries `POST /oauth/revoke` once (§3.5: [UNKNOWN] whether official);
      // if that fails the grant stays until the viewer revokes it on connected apps.
      const ended = await deps.session.signOut()
      await deps.queue.clear()
      await deps.diagnostics.clear()
      return ended
    },
  }
}
