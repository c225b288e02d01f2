import type { PlaybackLogEntry, RequestLogEntry } from '../emulator/context.ts'
import { startEmulator, type EmulatorOptions } from '../emulator/server.ts'
import { TestEmulator, type LoggedRequest } from '../test/helpers/emulator-control.ts'
import { sleep } from './tv-browser.ts'

export type Timing = Pick<EmulatorOptions, 'intervalSec' | 'minPollIntervalSec'> &
  Partial<Pick<EmulatorOptions, 'deviceCodeTtlSec'>>

/** The emulator as the bench drives it: the real API's timings unless a figure asks otherwise. */
export class Emulator extends TestEmulator {
  /** Forgets codes, logs and rate-limit counters, so every pairing starts from nothing. */
  async resetTo(timing: Timing): Promise<void> {
    await this.control('/reset', {})
    await this.configure({ deviceCodeTtlSec: 600, pollViolation: 'rate_limited', ...timing })
  }

  /** The (one) device code request in the emulator's log, or null when none came. */
  private async codeRequest(): Promise<RequestLogEntry | null> {
    const [request] = (await this.requests('/auth/device/code')) as RequestLogEntry[]
    return request ?? null
  }

  /** When the emulator finished answering the device code request: the code's wait starts. */
  async codeAnsweredAt(): Promise<number> {
    const request = await this.codeRequest()
    if (!request) throw new Error('no device code was requested')
    return request.timeMs + request.durationMs
  }

  /**
   * How long the emulator took to answer the device code request, by its own
   * clock (no skew against the engine's): the server's share of that request.
   */
  async codeAnswerMs(): Promise<number | null> {
    return (await this.codeRequest())?.durationMs ?? null
  }

  tokenPolls(): Promise<LoggedRequest[]> {
    return this.requests('/auth/device/token')
  }

  async playbackEvents(): Promise<PlaybackLogEntry[]> {
    return (await this.control<{ events: PlaybackLogEntry[] }>('/playback-events')).events
  }

  /** Waits until the emulator has received `count` playback events in all. */
  async waitForPlaybackEvents(count: number, timeoutMs: number): Promise<PlaybackLogEntry[]> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const events = await this.playbackEvents()
      if (events.length >= count) return events
      if (Date.now() > deadline)
        throw new Error(`fewer than ${count} playback events in ${timeoutMs} ms`)
      await sleep(50)
    }
  }

  /** Polls the request log (loopback, outside the browser) until `found` picks an entry. */
  async waitForRequest(
    found: (requests: LoggedRequest[]) => LoggedRequest | undefined,
    timeoutMs: number,
    what: string,
  ): Promise<LoggedRequest> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const hit = found(await this.requests())
      if (hit) return hit
      if (Date.now() > deadline) throw new Error(`emulator never saw ${what} in ${timeoutMs} ms`)
      await sleep(25)
    }
  }
}

/**
 * Starts the emulator where the built app expects it. Refuses (instead of
 * measuring against someone else's emulator) when the port is taken.
 */
export async function startBenchEmulator(port: number): Promise<{
  emulator: Emulator
  close(): Promise<void>
}> {
  try {
    const running = await startEmulator({ host: '127.0.0.1', port, controlEnabled: true })
    return { emulator: new Emulator(running), close: () => running.close() }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `127.0.0.1:${port} is busy. The built app talks to the emulator there, so the bench ` +
          `must start its own: stop whatever listens on ${port} (npm start, npm run emulator, ` +
          `an end-to-end run) or move the bench with PUNCHPLAY_BENCH_EMULATOR_PORT.`,
        { cause: error },
      )
    }
    throw error
  }
}
