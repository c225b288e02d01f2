import {
  requestDeviceCode,
  requestDeviceToken,
  type DeviceCode,
  type TokenGrant,
} from '../api/auth.ts'
import type { ApiClient } from '../api/client.ts'
import { CancelledError, isPunchPlayError, type PunchPlayError } from '../errors.ts'
import type { Clock } from '../ports.ts'
import { decidePoll, initialPollState, type PollStatus } from './poll-policy.ts'

export type PairingState = PollStatus | 'approved' | 'denied' | 'expired' | 'failed'

export interface PairingUpdate {
  readonly state: PairingState
  /** Until the code expires, by our clock from when it arrived. */
  readonly remainingMs: number
  readonly error: PunchPlayError | null
}

export type PairingResult =
  | { readonly status: 'approved'; readonly grant: TokenGrant }
  | { readonly status: 'expired' }
  | { readonly status: 'cancelled' }
  | { readonly status: 'denied' | 'failed'; readonly error: PunchPlayError }

/** A code together with the moment it was asked for, from which its expiry is counted. */
export interface IssuedCode extends DeviceCode {
  /**
   * Clock.elapsed() when the code was asked for: the server's expires_in began
   * no earlier, so the TV never polls a code the server has already expired
   * (counting from the answer's arrival would add its round trip). Monotonic,
   * so a clock correction cannot end a code.
   */
  readonly askedAtElapsedMs: number
}

/**
 * How long `code` stays valid, by the monotonic clock, in whole milliseconds:
 * timers take whole milliseconds, so a sleep until expiry can end a fraction
 * early, and that fraction must already count as expired.
 */
export function codeRemainingMs(code: IssuedCode, clock: Clock): number {
  return Math.max(0, Math.floor(code.askedAtElapsedMs + code.expiresInSec * 1000 - clock.elapsed()))
}

export interface DeviceFlowOptions {
  readonly api: ApiClient
  readonly clock: Clock
  readonly scope: string
  /** Sent as device_name: the TV's model when it says, else settings.json's name. */
  readonly deviceName: () => Promise<string>
  readonly deviceId: () => Promise<string>
  /** The local profile the grant is for (§3.2 linked_user_id / linked_username), read per poll. */
  readonly linkedProfile?: () => { readonly id: string; readonly username: string }
}

export interface DeviceFlow {
  requestCode(signal?: AbortSignal): Promise<IssuedCode>
  /** Polls until approval, denial, expiry, a fatal error or the signal aborts. */
  poll(
    code: IssuedCode,
    onUpdate: (update: PairingUpdate) => void,
    signal?: AbortSignal,
  ): Promise<PairingResult>
}

function cancelled(error: unknown, signal?: AbortSignal): boolean {
  return Boolean(signal?.aborted) || error instanceof CancelledError
}

export function createDeviceFlow(options: DeviceFlowOptions): DeviceFlow {
  const { api, clock } = options

  return {
    async requestCode(signal) {
      const askedAtElapsedMs = clock.elapsed()
      const code = await requestDeviceCode(api, options.scope, signal)
      return { ...code, askedAtElapsedMs }
    },

    async poll(code, onUpdate, signal) {
      // The server's clock is not trusted beyond expires_in (issue 4), nor the TV's wall clock (issue 15).
      const remaining = () => codeRemainingMs(code, clock)
      const report = (state: PairingState, error: PunchPlayError | null = null) =>
        onUpdate({ state, remainingMs: remaining(), error })
      const deviceId = await options.deviceId()
      const deviceName = await options.deviceName()
      const linked = options.linkedProfile?.()
      let state = initialPollState(code.intervalSec)
      let delayMs = state.intervalMs
      report('waiting')

      for (;;) {
        try {
          if (remaining() > 0) await clock.sleep(Math.min(delayMs, remaining()), signal)
        } catch (error) {
          if (cancelled(error, signal)) return { status: 'cancelled' }
          throw error
        }
        if (remaining() <= 0) {
          report('expired')
          return { status: 'expired' }
        }
        let failure: PunchPlayError
        try {
          const grant = await requestDeviceToken(api, {
            deviceCode: code.deviceCode,
            deviceId,
            deviceName,
            linkedUserId: linked?.id,
            linkedUsername: linked?.username,
            signal,
          })
          report('approved')
          // A grant without a usable scope was given what the code was issued for (§3.1).
          return { status: 'approved', grant: { ...grant, scope: grant.scope ?? code.scope } }
        } catch (error) {
          if (cancelled(error, signal)) return { status: 'cancelled' }
          if (!isPunchPlayError(error)) throw error
          failure = error
        }
        const decision = decidePoll(state, failure)
        if (decision.next === 'stop') {
          report(decision.end, failure)
          if (decision.end === 'expired') return { status: 'expired' }
          return { status: decision.end, error: failure }
        }
        state = decision.state
        delayMs = decision.delayMs
        report(decision.status, decision.status === 'waiting' ? null : failure)
      }
    },
  }
}
