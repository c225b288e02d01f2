import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'

/** The emulator's own token shapes (ppat_, pprt_, ppdc_); real servers promise no prefix. */
const PREFIXED = /\bpp(?:at|rt|dc)_[A-Za-z0-9_-]+/g
const PASSED_HEADERS = ['content-type', 'x-punchplay-request-id', 'retry-after']

type Json = Record<string, unknown>

/** Which credential of a request a rewritten answer echoes. */
export type Echoed = 'bearer' | 'refresh_token' | 'device_code'

interface Rule {
  readonly route: string
  left: number
  readonly delayMs?: number
  /** Rewrites a JSON 2xx answer the server really gave (it acted on the request). */
  readonly patch?: (answer: Json) => Json
  /** Replaces the body of the server's answer, keeping its status and request id. */
  readonly rewrite?: (request: { secret: string }) => { contentType: string; body: string }
  readonly echoes?: Echoed
}

/**
 * An HTTP relay between the app and the emulator, on loopback: it can hand
 * out opaque tokens in place of the emulator's prefixed ones (translated back
 * on the way in), hold an answer back after the server acted, rewrite a
 * real answer's fields or body, and answer the events stream with a line that
 * never ends. Requests still reach the emulator, so its logs stay complete.
 */
export class Relay {
  private server: Server | null = null
  private rules: Rule[] = []
  private readonly toOpaque = new Map<string, string>()
  private readonly toReal = new Map<string, string>()
  private endless: { maxBytes: number } | null = null
  /** Bytes of the never-ending line the app read before it hung up. */
  endlessBytesSent = 0
  endlessClosedByApp = false
  /** The never-ending line is over: the app hung up or every byte offered was sent. */
  endlessDone = false
  port = 0

  constructor(
    private readonly origin: string,
    private readonly options: { readonly opaque?: boolean } = {},
  ) {}

  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api/platform/v1`
  }

  async up(): Promise<this> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.destroy(error instanceof Error ? error : new Error(String(error)))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    if (typeof address === 'object' && address) this.port = address.port
    this.server = server
    return this
  }

  async close(): Promise<void> {
    const server = this.server
    this.server = null
    server?.closeAllConnections()
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  delay(route: string, delayMs: number, count = 1): void {
    this.rules.push({ route, left: count, delayMs })
  }

  patch(route: string, patch: (answer: Json) => Json, count = 1): void {
    this.rules.push({ route, left: count, patch })
  }

  rewrite(route: string, echoes: Echoed, rewrite: NonNullable<Rule['rewrite']>): void {
    this.rules.push({ route, left: 1, rewrite, echoes })
  }

  /** The next events stream answers 200 text/event-stream and one line of `maxBytes` without an end. */
  endlessLine(maxBytes: number): void {
    this.endless = { maxBytes }
  }

  /** The opaque strings the app was given: what it must never show. */
  get opaqueTokens(): string[] {
    return [...this.toReal.keys()]
  }

  /** A patch waits for a 2xx to rewrite; other rules take the next matching request. */
  private take(path: string, ok: boolean): Rule | undefined {
    const rule = this.rules.find(
      (r) => r.left > 0 && path.endsWith(r.route) && (ok || r.patch === undefined),
    )
    if (rule) rule.left--
    return rule
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0]!
    if (this.endless && path.endsWith('/playback/events')) return this.endlessStream(response)
    const body = await readAll(request)
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name)) {
        headers[name] = this.inward(value)
      }
    }
    const upstream = await fetch(`${this.origin}${request.url}`, {
      method: request.method,
      headers,
      body: body.length > 0 ? this.inward(body) : undefined,
    })
    if (path.endsWith('/playback/events') && upstream.body) {
      response.writeHead(upstream.status, pick(upstream.headers))
      const reader = upstream.body.getReader()
      response.on('close', () => void reader.cancel().catch(() => undefined))
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        response.write(read.value)
      }
      return void response.end()
    }
    const rule = this.take(path, upstream.ok)
    let text = this.outward(await upstream.text())
    let type = upstream.headers.get('content-type') ?? ''
    if (rule?.patch) text = JSON.stringify(rule.patch(JSON.parse(text) as Json))
    if (rule?.rewrite) {
      const secret = echoed(rule.echoes!, request, body) ?? 'no-credential-in-request'
      const rewritten = rule.rewrite({ secret })
      text = rewritten.body
      type = rewritten.contentType
    }
    if (rule?.delayMs) await delay(rule.delayMs)
    if (response.destroyed) return
    response.writeHead(upstream.status, { ...pick(upstream.headers), 'content-type': type })
    response.end(text)
  }

  private async endlessStream(response: ServerResponse): Promise<void> {
    const { maxBytes } = this.endless!
    this.endless = null
    response.writeHead(200, { 'content-type': 'text/event-stream' })
    response.on('close', () => {
      this.endlessClosedByApp = !response.writableFinished
      this.endlessDone = true
    })
    const chunk = `data: ${'x'.repeat(64 * 1024 - 6)}`
    response.write(chunk.slice(0, 6))
    for (let sent = 6; sent < maxBytes && !response.destroyed; sent += chunk.length - 6) {
      const ok = response.write(chunk.slice(6))
      this.endlessBytesSent = sent
      if (!ok)
        await new Promise((resolve) => response.once('drain', resolve).once('close', resolve))
    }
    if (!response.destroyed) response.end()
  }

  /** The emulator's prefixed tokens become opaque ones on the way to the app. */
  private outward(text: string): string {
    if (!this.options.opaque) return text
    return text.replace(PREFIXED, (real) => {
      let opaque = this.toOpaque.get(real)
      if (!opaque) {
        opaque = randomBytes(32).toString('base64url')
        this.toOpaque.set(real, opaque)
        this.toReal.set(opaque, real)
      }
      return opaque
    })
  }

  private inward(text: string): string {
    if (!this.options.opaque) return text
    let real = text
    for (const [opaque, original] of this.toReal) real = real.split(opaque).join(original)
    return real
  }
}

function echoed(kind: Echoed, request: IncomingMessage, body: string): string | null {
  if (kind === 'bearer')
    return /^Bearer\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1] ?? null
  try {
    const value = (JSON.parse(body) as Json)[kind]
    return typeof value === 'string' ? value : null
  } catch {
    return null
  }
}

function pick(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of PASSED_HEADERS) {
    const value = headers.get(name)
    if (value !== null) out[name] = value
  }
  return out
}

function readAll(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}
