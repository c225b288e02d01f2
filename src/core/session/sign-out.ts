import type { DiagnosticsLog } from '../diagnostics/diagnostics-log.ts'
import type { EventQueue } from '../playback/event-queue.ts'
import type { TokenManager } from './token-manager.ts'

export interface SignOut {
  /** Playback events not yet accepted by PunchPlay: signing out loses them. */
  readonly pendingEvents: number
  /** Forgets this viewer on this TV; the device_id stays for the next sign-in. */
  signOut(): Promise<void>
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
      // No server-side revoke: `POST /oauth/revoke` is seen only in third-party code and
      // [UNKNOWN] as official (punchplay-api.md §3.5), and the emulator does not implement it.
      // The grant stays valid until the viewer revokes it on the connected-apps page, which
      // the Account page links to with a QR code.
      await deps.session.signOut()
      await deps.queue.clear()
      await deps.diagnostics.clear()
    },
  }
}
