import type { FastifyInstance, FastifyReply } from 'fastify'
import { decide, findPending } from '../approvals.ts'
import type { PendingRequest } from '../approvals.ts'
import type { EmulatorContext } from '../context.ts'
import { escapeHtml, FORM_REFUSED, formField, page, SCOPE_WORDS } from './html.ts'

const INVALID_CODE = 'That code is invalid or expired'

/** The phone side of the device flow: https://punchplay.tv/link in real life (§3.1). */
export function linkPages(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get<{ Querystring: { code?: string } }>('/link', async (request, reply) => {
    const typed = request.query.code?.trim()
    if (!typed) return html(reply, 200, page('Connect a TV', codeForm()))
    const pending = findPending(ctx, typed)
    if (!pending) return html(reply, 400, page('Connect a TV', codeForm(typed, INVALID_CODE)))
    const csrf = ctx.formTokens.field(request, reply)
    return html(reply, 200, page(`Connect ${pending.client.name}?`, consentForm(pending, csrf)))
  })

  app.post('/link', async (request, reply) => {
    if (!ctx.formTokens.accepts(request)) return html(reply, 403, FORM_REFUSED)
    const typed = formField(request.body, 'user_code') ?? ''
    const decision = formField(request.body, 'decision')
    if (decision !== 'approve' && decision !== 'deny') {
      const pending = findPending(ctx, typed)
      const csrf = ctx.formTokens.field(request, reply)
      const body = pending ? consentForm(pending, csrf, 'Choose Approve or Deny.') : codeForm(typed)
      return html(reply, 400, page('Connect a TV', body))
    }
    const result = decide(ctx, typed, decision, formField(request.body, 'username'))
    if (!result) return html(reply, 400, page(INVALID_CODE, codeForm(typed)))
    const who = `Signed in as ${escapeHtml(result.user.username)}.`
    if (decision === 'deny') {
      return html(
        reply,
        200,
        page('Denied', `<p>${escapeHtml(result.client.name)} was not connected. ${who}</p>`),
      )
    }
    return html(
      reply,
      200,
      page(
        'Your TV is now connected',
        `<p>${escapeHtml(result.client.name)} can now use your PunchPlay account. ${who}</p>
<p><a href="/settings/connected-apps">Connected apps</a></p>`,
      ),
    )
  })
}

function codeForm(typed = '', error?: string): string {
  return `${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}
<form method="get" action="/link">
<label for="code">Enter the code shown on your TV</label>
<input id="code" name="code" value="${escapeHtml(typed)}" autocomplete="off" autocapitalize="characters" required>
<input type="hidden" name="type" value="platform">
<button type="submit">Continue</button>
</form>`
}

function consentForm({ record, client }: PendingRequest, csrf: string, error?: string): string {
  const scopes = record.scopes
    .map(
      (scope) => `<li>${escapeHtml(SCOPE_WORDS[scope])} <span class="muted">(${scope})</span></li>`,
    )
    .join('\n')
  return `${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}
<p><strong>${escapeHtml(client.name)}</strong> wants to:</p>
<ul>
${scopes}
</ul>
<p>Code <strong>${escapeHtml(record.userCode)}</strong></p>
<form method="post" action="/link">
${csrf}
<input type="hidden" name="user_code" value="${escapeHtml(record.userCode)}">
<label for="username">PunchPlay username (blank: sofa_viewer)</label>
<input id="username" name="username" autocomplete="username">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form>`
}

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body)
}
