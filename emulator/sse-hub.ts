import type { ServerResponse } from 'node:http'

interface Subscriber {
  userId: string
  grantId: string
  tokenExpiresAtMs: number
  response: ServerResponse
}

/** §7 says nothing about keep-alives; 15 s keeps idle proxies and TV stacks from dropping us. */
const KEEP_ALIVE_MS = 15_000

/** Open `/playback/events` streams, so playback changes and revocations can reach them. */
export class StreamHub {
  private readonly subscribers = new Set<Subscriber>()
  private readonly timer: NodeJS.Timeout

  constructor(private readonly now: () => number) {
    this.timer = setInterval(() => this.keepAlive(), KEEP_ALIVE_MS)
    this.timer.unref()
  }

  get size(): number {
    return this.subscribers.size
  }

  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber)
    subscriber.response.on('close', () => this.subscribers.delete(subscriber))
    send(subscriber.response, 'ready', { connectedAt: new Date(this.now()).toISOString() })
  }

  publish(userId: string, sequence: number): void {
    const payload = { emittedAt: new Date(this.now()).toISOString(), sequence, userId }
    for (const subscriber of this.subscribers) {
      if (subscriber.userId === userId) send(subscriber.response, 'playback-update', payload)
    }
  }

  closeGrant(grantId: string): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.grantId === grantId) this.end(subscriber)
    }
  }

  closeAll(): void {
    for (const subscriber of this.subscribers) this.end(subscriber)
  }

  stop(): void {
    clearInterval(this.timer)
    this.closeAll()
  }

  /** What the real server does when a token expires mid-stream is [UNKNOWN] (§7); we hang up. */
  private keepAlive(): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.tokenExpiresAtMs <= this.now()) this.end(subscriber)
      else subscriber.response.write(': keep-alive\n\n')
    }
  }

  private end(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber)
    subscriber.response.end()
  }
}

function send(response: ServerResponse, event: string, data: object): void {
  response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
}
