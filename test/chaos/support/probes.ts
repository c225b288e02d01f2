import { setMaxListeners } from 'node:events'
import { inspect } from 'node:util'
import type { Http, HttpResponse, KeyValueStore } from '../../../src/core/ports.ts'

/** What a dead process's pending work does: nothing, ever. */
const never = <T>() => new Promise<T>(() => {})

/** Shorter strings are test fixtures ('dc'), not credentials: they would match everywhere. */
const MIN_SECRET_LENGTH = 12
const SECRET_FIELDS = ['access_token', 'refresh_token', 'device_code', 'token'] as const
const PLAYBACK_WRITE = /^\/playback\/(start|progress|pause|resume|stop)$/

export interface SentEvent {
  readonly action: string
  readonly eventId: string
}

/**
 * The TV's network as the app's own adapter sees it: every credential that
 * crosses it (in answers, bodies and Authorization headers), every playback
 * event it tried to send, and whatever is still in flight, so the rig can
 * wait for loopback HTTP instead of sleeping.
 */
export class NetworkProbe {
  readonly secrets = new Set<string>()
  readonly sentEvents: SentEvent[] = []
  /** Every call the app started, reached the server or not: path and the TV's elapsed ms. */
  readonly calls: Array<{ readonly path: string; readonly atMs: number; readonly json: unknown }> =
    []
  private readonly pending = new Set<Promise<unknown>>()

  /** `killed`: the process died; its calls never start and never settle. */
  wrap(http: Http, killed: AbortSignal, elapsed: () => number): Http {
    return {
      send: (request) => {
        if (killed.aborted) return never()
        this.calls.push({ path: request.path, atMs: elapsed(), json: request.json })
        const auth = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1]
        if (auth) this.keep(auth)
        this.harvest(request.json)
        const action = PLAYBACK_WRITE.exec(request.path)?.[1]
        const eventId = (request.json as { event_id?: unknown } | undefined)?.event_id
        if (action && typeof eventId === 'string') this.sentEvents.push({ action, eventId })
        // A dead process's connections close with it (an open events stream included).
        // The app's long-lived signals get one listener per call through here.
        if (request.signal) setMaxListeners(0, request.signal)
        const signal = request.signal ? AbortSignal.any([request.signal, killed]) : killed
        const answer = this.track(http.send({ ...request, signal }))
        return answer
          .then(
            (response) => (killed.aborted ? never<HttpResponse>() : response),
            (error: unknown) => (killed.aborted ? never<HttpResponse>() : Promise.reject(error)),
          )
          .then((response) => ({
            status: response.status,
            headers: response.headers,
            body: response.body,
            text: () =>
              this.track(response.text()).then((text) => {
                this.harvestText(text)
                return killed.aborted ? never<string>() : text
              }),
          }))
      },
    }
  }

  /** Resolves once nothing the app sent is still waiting for its answer. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending])
  }

  get busy(): boolean {
    return this.pending.size > 0
  }

  /** Counts `work` as in flight until it settles (HTTP, and QR drawing, which takes real time). */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work)
    const done = () => this.pending.delete(work)
    work.then(done, done)
    return work
  }

  private keep(value: unknown): void {
    if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) this.secrets.add(value)
  }

  private harvest(json: unknown): void {
    if (typeof json !== 'object' || json === null) return
    for (const field of SECRET_FIELDS) this.keep((json as Record<string, unknown>)[field])
  }

  private harvestText(text: string): void {
    if (!/token|device_code/.test(text)) return
    try {
      this.harvest(JSON.parse(text))
    } catch {
      // Not JSON: nothing issued in it.
    }
  }
}

export interface StoreFault {
  readonly ops: ReadonlyArray<keyof KeyValueStore>
  /** DOMException name: QuotaExceededError, UnknownError, InvalidStateError… */
  readonly name: string
  /** How many calls fail; Infinity for a store that never works. */
  readonly count: number
  /** Only calls on this key fail; any key when absent. */
  readonly key?: string
}

/**
 * IndexedDB as every app instance on this TV shares it: values are cloned in
 * and out (structured clone), every write is kept in a history, and faults
 * can be armed per operation. It outlives the app instances that use it.
 */
export class Disk implements KeyValueStore {
  private readonly values = new Map<string, unknown>()
  readonly writes: Array<{ readonly key: string; readonly value: unknown }> = []
  private faults: Array<{ spec: StoreFault; left: number }> = []
  failures = 0

  fail(spec: StoreFault): void {
    this.faults.push({ spec, left: spec.count })
  }

  /** This storage as one app instance uses it: nothing of it runs once the instance is killed. */
  view(killed: AbortSignal): KeyValueStore {
    const live = <T>(work: () => Promise<T>) => (killed.aborted ? never<T>() : work())
    return {
      get: (key) => live(() => this.get(key)),
      set: (key, value) => live(() => this.set(key, value)),
      del: (key) => live(() => this.del(key)),
    }
  }

  /** Everything stored now, by key. */
  dump(): Record<string, unknown> {
    return Object.fromEntries([...this.values].map(([key, value]) => [key, structuredClone(value)]))
  }

  async get(key: string): Promise<unknown> {
    this.trip('get', key)
    return structuredClone(this.values.get(key))
  }

  async set(key: string, value: unknown): Promise<void> {
    this.trip('set', key)
    const copy = structuredClone(value)
    this.values.set(key, copy)
    this.writes.push({ key, value: structuredClone(copy) })
  }

  async del(key: string): Promise<void> {
    this.trip('del', key)
    this.values.delete(key)
  }

  private trip(op: keyof KeyValueStore, key: string): void {
    const armed = this.faults.find(
      (fault) =>
        fault.left > 0 &&
        fault.spec.ops.includes(op) &&
        (fault.spec.key === undefined || fault.spec.key === key),
    )
    if (!armed) return
    armed.left--
    this.failures++
    throw new DOMException(`${op} ${key} failed`, armed.spec.name)
  }
}

/** Whatever the app writes to the console while a scenario runs, as text. */
export class ConsoleProbe {
  readonly lines: string[] = []
  private restore: Array<() => void> = []

  start(): void {
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[level]
      console[level] = (...args: unknown[]) => {
        this.lines.push(args.map((arg) => showAll(arg)).join(' '))
        original.apply(console, args)
      }
      this.restore.push(() => (console[level] = original))
    }
  }

  stop(): void {
    for (const undo of this.restore.splice(0)) undo()
  }
}

/** A value as deep as a debugger would show it: an error's cause and its request included. */
export function showAll(value: unknown): string {
  return typeof value === 'string'
    ? value
    : inspect(value, { depth: 12, showHidden: false, maxStringLength: Infinity })
}
