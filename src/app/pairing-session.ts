import { createListeners } from '../core/listeners.ts'
import type { TokenGrant } from '../core/api/auth.ts'
import { isPunchPlayError, type PunchPlayError } from '../core/errors.ts'
import {
  codeRemainingMs,
  type DeviceFlow,
  type IssuedCode,
  type PairingState,
} from '../core/pairing/device-flow.ts'
import type { Clock } from '../core/ports.ts'
import type { DisconnectReason, SessionStore } from './session.ts'

/** What the status line says; the page words it. */
export type PairingStatus =
  'getting-code' | 'no-code' | 'waiting' | 'trouble' | 'approved' | 'expired' | 'denied' | 'failed'

/** Everything the pairing page draws, and nothing it could act on by itself. */
export interface PairingView {
  /** The user code as PunchPlay sends it, grouped; null until one arrived. */
  readonly code: string | null
  /** Where to type it (verification_uri). */
  readonly address: string | null
  /** An image source for the QR of the complete link: PunchPlay's PNG or one drawn here. */
  readonly qrSrc: string | null
  readonly remainingMs: number
  readonly lifetimeMs: number
  readonly status: PairingStatus
  /** The failure behind `no-code` or `failed`, for its words and request id. */
  readonly error: PunchPlayError | null
  /** "Get a new code" is offered; the TV never asks for one by itself. */
  readonly canRetry: boolean
  /** Set when PunchPlay ended the previous sign-in: the page says so in one line. */
  readonly disconnected: DisconnectReason | null
}

export interface PairingSession {
  readonly view: PairingView
  subscribe(listener: (view: PairingView) => void): () => void
  /**
   * Asks for a code and polls it; later calls only resume a paused code, so a
   * failure stays on screen until the viewer asks for a new code.
   */
  start(): void
  /** The viewer's "Get a new code". */
  retry(): void
  /** Stops polling at once (the exit question, the page left); the code stays on screen. */
  pause(): void
  /** Polls the same code again, or offers a new one if it expired meanwhile. */
  resume(): void
  /**
   * Asks for a code before any page exists (start-up, once no sign-in was
   * found), so it is on the first frame of the pairing page. Polling waits
   * for start(): nothing is polled behind the splash or a failed start-up.
   */
  prefetch(): void
}

export interface PairingOptions {
  readonly flow: DeviceFlow
  readonly clock: Clock
  readonly session: SessionStore
  /** A QR image of `text`, for codes PunchPlay sends without a safe one. */
  readonly renderQr: (text: string) => Promise<string>
  /** The viewer's name from /me with the new grant, or null when it cannot say. */
  readonly nameOf: (grant: TokenGrant) => Promise<string | null>
  /** Stores the grant; the session store then follows and the app leaves pairing. */
  readonly signIn: (grant: TokenGrant) => Promise<void>
}

const POLL_STATUS: Record<PairingState, PairingStatus> = {
  waiting: 'waiting',
  slowed: 'trouble',
  offline: 'trouble',
  approved: 'approved',
  expired: 'expired',
  denied: 'denied',
  failed: 'failed',
}

const EMPTY: Omit<PairingView, 'disconnected'> = {
  code: null,
  address: null,
  qrSrc: null,
  remainingMs: 0,
  lifetimeMs: 0,
  status: 'getting-code',
  error: null,
  canRetry: false,
}

/**
 * The device-code sign-in as the pairing page shows it: one code at a time,
 * a countdown from the TV's clock, polling paused around the exit question.
 */
export function createPairingSession(options: PairingOptions): PairingSession {
  const { flow, clock, session } = options
  const listeners = createListeners<PairingView>()
  let view: PairingView = { ...EMPTY, disconnected: null }
  let code: IssuedCode | null = null
  let work: AbortController | null = null
  let paused = false
  /** The page has started once: from then on a new code is polled as soon as it arrives. */
  let pageStarted = false
  /** A prefetched code that has not been polled yet. */
  let held = false

  const show = (patch: Partial<PairingView>) => {
    view = { ...view, ...patch }
    listeners.emit(view)
  }
  const remaining = (issued: IssuedCode) => codeRemainingMs(issued, clock)
  const halt = () => {
    work?.abort()
    work = null
  }
  const begin = () => {
    halt()
    return (work = new AbortController())
  }
  const offerRetry = (status: PairingStatus, error: PunchPlayError | null = null) =>
    show({ status, error, canRetry: true })

  async function newCode(): Promise<void> {
    const attempt = begin()
    code = null
    paused = false
    held = false
    show({ ...EMPTY })
    let issued: IssuedCode
    try {
      issued = await flow.requestCode(attempt.signal)
    } catch (error) {
      if (attempt.signal.aborted) return
      attempt.abort()
      return offerRetry('no-code', isPunchPlayError(error) ? error : null)
    }
    if (attempt.signal.aborted) return
    code = issued
    // Code, address and countdown go on screen now; a QR drawn here follows when ready.
    show({
      code: issued.userCode,
      address: issued.verificationUri,
      qrSrc: issued.verificationUriQr,
      remainingMs: remaining(issued),
      lifetimeMs: issued.expiresInSec * 1000,
      status: 'waiting',
    })
    if (!issued.verificationUriQr) void drawQr(issued)
    if (pageStarted) void poll(issued, attempt)
    else held = true
  }

  async function drawQr(issued: IssuedCode): Promise<void> {
    try {
      const qrSrc = await options.renderQr(issued.verificationUriComplete)
      if (code === issued) show({ qrSrc })
    } catch {
      // The code and the address stay on screen: typing them needs no QR.
    }
  }

  async function countdown(issued: IssuedCode, signal: AbortSignal): Promise<void> {
    while (!signal.aborted && remaining(issued) > 0) {
      show({ remainingMs: remaining(issued) })
      // To the next whole second, so the shown m:ss never skips one.
      await clock.sleep(remaining(issued) % 1000 || 1000, signal).catch(() => undefined)
    }
  }

  async function poll(issued: IssuedCode, attempt: AbortController): Promise<void> {
    void countdown(issued, attempt.signal)
    const result = await flow.poll(
      issued,
      (update) => show({ status: POLL_STATUS[update.state], remainingMs: update.remainingMs }),
      attempt.signal,
    )
    if (attempt.signal.aborted || result.status === 'cancelled') return
    attempt.abort()
    show({ remainingMs: remaining(issued) })
    if (result.status === 'approved') return connect(result.grant)
    if (result.status === 'expired') return offerRetry('expired')
    offerRetry(result.status, result.error)
  }

  async function connect(grant: TokenGrant): Promise<void> {
    show({ status: 'approved' })
    session.nameFromPairing(grant.username ?? (await options.nameOf(grant)))
    // The next pairing (after a sign-out or a disconnect) starts with a new code.
    code = null
    work = null
    await options.signIn(grant)
  }

  return {
    get view() {
      return view
    },
    subscribe: listeners.subscribe,
    start() {
      pageStarted = true
      session.pairingStarted()
      const current = session.current
      show({ disconnected: current.status === 'pairing' ? current.disconnected : null })
      if (held && code && work) {
        held = false
        if (remaining(code) > 0) void poll(code, work)
        else offerRetry('expired')
      } else if (!work && !code) void newCode()
      else resume()
    },
    prefetch() {
      if (!work && !code) void newCode()
    },
    retry() {
      void newCode()
    },
    pause() {
      if (!work || work.signal.aborted) return
      halt()
      held = false
      paused = true
    },
    resume,
  }

  function resume(): void {
    if (!paused) return
    paused = false
    if (!code) void newCode()
    else if (remaining(code) > 0) void poll(code, begin())
    else offerRetry('expired')
  }
}
