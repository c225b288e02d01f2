/**
 * The application layer: use-cases between the core and the pages. Each owns
 * its behaviour and timers (through the Clock port) and emits a plain view;
 * pages render the view and call the commands. No Lightning, no DOM here.
 */
export { createBoot, type Boot, type BootSteps, type BootView, type FirstScreen } from './boot.ts'
export { firstScreenReady } from './first-screen.ts'
export {
  createPairingSession,
  type PairingSession,
  type PairingStatus,
  type PairingView,
} from './pairing-session.ts'
export {
  createSessionStore,
  type DisconnectReason,
  type Session,
  type SessionStore,
} from './session.ts'
