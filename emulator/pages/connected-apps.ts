import type { FastifyInstance } from 'fastify'
import type { EmulatorContext } from '../context.ts'
import type { Grant } from '../state.ts'
import { escapeHtml, FORM_REFUSED, formField, page } from './html.ts'

/**
 * https://punchplay.tv/settings/connected-apps in real life (§1). The emulator has no phone
 * login, so it lists every viewer's connections.
 */
export function connectedAppsPages(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/settings/connected-apps', async (request, reply) => {
    const grants = Object.values(ctx.state.grants).filter((grant) => !grant.revoked)
    const csrf = grants.length ? ctx.formTokens.field(request, reply) : ''
    const body = grants.length
      ? `<ul>${grants.map((grant) => grantItem(ctx, grant, csrf)).join('\n')}</ul>`
      : '<p>No apps are connected.</p>'
    return reply.type('text/html; charset=utf-8').send(page('Connected apps', body))
  })

  app.post('/settings/connected-apps/revoke', async (request, reply) => {
    if (!ctx.formTokens.accepts(request)) {
      return reply.code(403).type('text/html; charset=utf-8').send(FORM_REFUSED)
    }
    const grant = ctx.state.grants[formField(request.body, 'grant_id') ?? '']
    if (!grant || grant.revoked) {
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(page('Not found', '<p>That connection does not exist or was already revoked.</p>'))
    }
    ctx.revoke(grant)
    ctx.persist()
    return reply.redirect('/settings/connected-apps', 303)
  })
}

function grantItem(ctx: EmulatorContext, grant: Grant, csrf: string): string {
  const app = ctx.client(grant.clientId)?.name ?? grant.clientId
  const user = ctx.state.users[grant.userId]?.username ?? grant.userId
  const details = [
    `viewer ${user}`,
    grant.deviceName && `device “${grant.deviceName}”`,
    grant.deviceId && `device id ${grant.deviceId}`,
    grant.linkedUsername && `profile ${grant.linkedUsername}`,
    grant.linkedUserId && `profile id ${grant.linkedUserId}`,
    `since ${new Date(grant.createdAtMs).toISOString()}`,
    `scopes ${grant.scopes.join(' ')}`,
  ].filter(Boolean)
  return `<li><strong>${escapeHtml(app)}</strong><br><span class="muted">${escapeHtml(details.join(' · '))}</span>
<form method="post" action="/settings/connected-apps/revoke">
${csrf}
<input type="hidden" name="grant_id" value="${escapeHtml(grant.id)}">
<button type="submit" class="secondary">Revoke</button>
</form></li>`
}
