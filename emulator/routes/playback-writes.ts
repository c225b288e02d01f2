import type { FastifyInstance } from 'fastify'
import type { EmulatorContext } from '../context.ts'
import { ApiError } from '../errors.ts'
import { applyEvent } from '../playback/session.ts'
import { PLAYBACK_ACTIONS, PLAYBACK_FIELD_RULES, playbackBodySchema } from '../playback/schema.ts'
import type { PlaybackAction, PlaybackBody } from '../playback/schema.ts'
import { nextId } from '../state.ts'
import { authenticate, requireScope } from '../tokens.ts'

export function playbackWriteRoutes(api: FastifyInstance, ctx: EmulatorContext): void {
  for (const action of PLAYBACK_ACTIONS) {
    api.post<{ Body: PlaybackBody }>(
      `/playback/${action}`,
      {
        schema: { body: playbackBodySchema },
        config: { fieldRules: PLAYBACK_FIELD_RULES },
        // Scope before body: a token without playback:write learns nothing from validation.
        preValidation: async (request) => {
          request.caller = authenticate(ctx.state, request.headers.authorization, ctx.now())
          requireScope(request.caller, 'playback:write')
        },
      },
      async (request, reply) => {
        if (!request.caller) throw new Error('preValidation did not authenticate')
        const answer = receive(ctx, action, request.body, request.caller.grant.userId)
        // Real servers are seen answering writes with 204 and no body (§5.2 is [DOC], the
        // empty answer [3P]); real-shapes mode does that, errors stay JSON.
        return ctx.timing.realShapes ? reply.code(204).send() : answer
      },
    )
  }
}

function receive(ctx: EmulatorContext, action: PlaybackAction, body: PlaybackBody, userId: string) {
  const log = (result: string) =>
    ctx.playbackEvents.push({
      action,
      body,
      receivedAtMs: ctx.now(),
      userId,
      username: ctx.state.users[userId]?.username ?? null,
      result,
    })
  const seen = (ctx.state.seenEventIds[userId] ??= [])
  if (seen.includes(body.event_id)) {
    log('deduped')
    return acknowledge(body, { deduped: true })
  }
  const key = `${userId} ${body.playback_session_id}`
  const outcome = applyEvent(action, body, ctx.state.sessions[key], {
    newItemId: () => nextId(ctx.state, 'ppip'),
    userId,
    nowMs: ctx.now(),
  })
  if (outcome.kind === 'conflict') {
    log('conflict')
    // 409 is reported by a third party (§5.3, §17); the error code it carries is [UNKNOWN].
    throw new ApiError(409, 'conflict', outcome.message)
  }
  seen.push(body.event_id)
  if (outcome.kind === 'ignored') {
    log(outcome.reason)
    // The set of `ignored` reasons is [UNKNOWN] (§5.2); these two name what happened.
    return acknowledge(body, { deduped: false, ignored: outcome.reason })
  }
  log('applied')
  ctx.state.sessions[key] = outcome.session
  ctx.announcePlaybackChange(userId)
  return acknowledge(body, { deduped: false })
}

/** §5.2 shape; ids are echoed because the emulator matches nothing against a catalogue. */
function acknowledge(body: PlaybackBody, flags: { deduped: boolean; ignored?: string }) {
  return {
    ok: true,
    tmdb_id: body.tmdb_id ?? null,
    tvdb_id: body.tvdb_id ?? null,
    imdb_id: body.imdb_id ?? null,
    punchplay_id: body.punchplay_id ?? `${body.media_type}:${body.tmdb_id ?? slug(body.title)}`,
    ...flags,
    season: body.season ?? null,
    episode: body.episode ?? null,
    episode_end: body.episode_end ?? null,
    absolute_episode: body.absolute_episode ?? null,
    anime: body.anime ?? false,
  }
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}
