import { EmulatorClock } from './clock.ts'
import { FaultTable } from './faults.ts'
import { FormTokens } from './pages/csrf.ts'
import type { EmulatorOptions, RegisteredClient, TimingOptions } from './options.ts'
import type { PlaybackAction, PlaybackBody } from './playback/schema.ts'
import { RateLimiter } from './rate-limiter.ts'
import { StreamHub } from './sse-hub.ts'
import { createEmptyState, loadState, saveState } from './state.ts'
import type { EmulatorState, Grant } from './state.ts'

export interface RequestLogEntry {
  method: string
  /** The path as requested, without the query string. */
  path: string
  /** 0 when the connection was dropped on purpose. */
  status: number
  /** Arrival time, emulator clock, epoch milliseconds. */
  timeMs: number
  durationMs: number
  requestId: string
  error?: string
  /**
   * The user code a token poll was about. The log holds no device codes, tokens, bodies or
   * headers: it is readable by any process on this machine, and those are credentials.
   */
  userCode?: string
  fault?: string
}

export interface PlaybackLogEntry {
  action: PlaybackAction
  body: PlaybackBody
  receivedAtMs: number
  userId: string
  /** The PunchPlay username of `userId`, so a test can say whose event it was. */
  username: string | null
  /** applied | deduped | session_closed | old_event | conflict */
  result: string
}

/** Everything the routes share: configuration, emulator time, state and the test logs. */
export class EmulatorContext {
  readonly clock = new EmulatorClock()
  readonly limiter = new RateLimiter()
  readonly faults = new FaultTable()
  readonly streams = new StreamHub(() => this.clock.now())
  readonly formTokens = new FormTokens()
  readonly timing: TimingOptions
  state: EmulatorState
  requests: RequestLogEntry[] = []
  playbackEvents: PlaybackLogEntry[] = []
  publicUrl = ''

  constructor(readonly options: EmulatorOptions) {
    const { deviceCodeTtlSec, intervalSec, minPollIntervalSec, pollViolation } = options
    const { accessTokenTtlSec, refreshTokenTtlSec, rotateRefreshTokens, qrFormat, rateLimits } =
      options
    const { realShapes, opaqueTokens } = options
    this.timing = {
      deviceCodeTtlSec,
      intervalSec,
      minPollIntervalSec,
      pollViolation,
      accessTokenTtlSec,
      refreshTokenTtlSec,
      rotateRefreshTokens,
      qrFormat,
      opaqueTokens,
      rateLimits,
      realShapes,
    }
    this.state = loadState(options.dataFile)
  }

  now(): number {
    return this.clock.now()
  }

  client(clientId: string): RegisteredClient | undefined {
    return this.options.clients.find((client) => client.clientId === clientId)
  }

  /** Tells the viewer's open event streams that their playback lists changed (§7). */
  announcePlaybackChange(userId: string): void {
    const sequence = (this.state.sequences[userId] ?? 0) + 1
    this.state.sequences[userId] = sequence
    this.streams.publish(userId, sequence)
  }

  revoke(grant: Grant): void {
    grant.revoked = true
    this.streams.closeGrant(grant.id)
  }

  /** Starts a new scene for a test; configuration survives. */
  reset(): void {
    this.streams.closeAll()
    this.state = createEmptyState()
    this.requests = []
    this.playbackEvents = []
    this.faults.clear()
    this.limiter.clear()
    this.clock.reset()
    this.persist()
  }

  persist(): void {
    saveState(this.options.dataFile, this.state)
  }
}
