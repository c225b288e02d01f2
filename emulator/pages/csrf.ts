import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { formField } from './html.ts'

const COOKIE = 'pp_form'
export const CSRF_FIELD = 'csrf_token'
const LIFETIME_MS = 60 * 60 * 1000

/**
 * The phone forms change who may use an account, so a post must come from a page this
 * emulator served to this browser. Each form carries a random token that is both recorded
 * here (with an expiry) and set as a SameSite=Strict cookie: a cross-site post carries no
 * cookie, and no other site can read a page to learn a token (the pages send no CORS).
 * Expiry runs on real time, not the emulator clock, which tests move by hours.
 */
export class FormTokens {
  private readonly expiries = new Map<string, number>()

  constructor(private readonly now: () => number = Date.now) {}

  /** The hidden field for a form on this page; (re)sets the cookie it is checked against. */
  field(request: FastifyRequest, reply: FastifyReply): string {
    const current = cookieOf(request)
    const token = current && this.isLive(current) ? current : this.mint()
    this.expiries.set(token, this.now() + LIFETIME_MS)
    reply.header(
      'set-cookie',
      `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${LIFETIME_MS / 1000}`,
    )
    return `<input type="hidden" name="${CSRF_FIELD}" value="${token}">`
  }

  accepts(request: FastifyRequest): boolean {
    const sent = formField(request.body, CSRF_FIELD)
    return sent !== undefined && sent === cookieOf(request) && this.isLive(sent)
  }

  private isLive(token: string): boolean {
    return (this.expiries.get(token) ?? 0) > this.now()
  }

  private mint(): string {
    for (const [token, expiresAtMs] of this.expiries) {
      if (expiresAtMs <= this.now()) this.expiries.delete(token)
    }
    return randomBytes(24).toString('base64url')
  }
}

function cookieOf(request: FastifyRequest): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [name, value] = pair.trim().split('=', 2)
    if (name === COOKIE && value) return value
  }
  return undefined
}
