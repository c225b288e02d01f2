import { beforeEach, describe, expect, it } from 'vitest'
import { TV_CLIENT, playbackEvent, useEmulator } from '../helpers/emulator.ts'

interface Item {
  id: string
  title: string
}

describe('DELETE /playback/in-progress/{id} (§6)', () => {
  const tv = useEmulator({ minPollIntervalSec: 0 })
  let token = ''
  beforeEach(async () => {
    token = (await tv().login()).access_token
  })
  const send = (action: string, overrides: Record<string, unknown>, as = token) =>
    tv().post(`/playback/${action}`, playbackEvent(overrides), as)
  const items = async (as = token) =>
    (await tv().get<{ items: Item[] }>('/playback/in-progress', as)).body.items
  const remove = (id: string, as = token) =>
    tv().request(`${tv().running.apiBase}/playback/in-progress/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${as}` },
    })
  const watchHalf = async (session: string, title: string, tmdbId: number) => {
    await send('start', { playback_session_id: session, title, tmdb_id: tmdbId })
    await send('stop', { playback_session_id: session, title, tmdb_id: tmdbId, progress: 0.5 })
  }

  it('removes that entry with 204 and an empty body, and leaves the others', async () => {
    await watchHalf('s1', 'Heat', 949)
    await watchHalf('s2', 'Alien', 348)
    const before = await items()
    const heat = before.find((item) => item.title === 'Heat')
    expect(heat).toBeDefined()

    const answer = await remove(heat?.id ?? '')
    expect(answer.status).toBe(204)
    expect(answer.body).toBe('')
    expect((await items()).map((item) => item.title)).toEqual(['Alien'])
  })

  it('answers 404 for an unknown id and for the same id twice', async () => {
    await watchHalf('s1', 'Heat', 949)
    const [heat] = await items()
    expect((await remove('ppip_999999')).status).toBe(404)
    expect((await remove(heat?.id ?? '')).status).toBe(204)
    const twice = await remove(heat?.id ?? '')
    expect(twice.status).toBe(404)
    expect(twice.body).toMatchObject({ error: 'not_found' })
  })

  it('does not let one viewer remove another viewer’s entry', async () => {
    await watchHalf('s1', 'Heat', 949)
    const [heat] = await items()
    const other = (await tv().login(TV_CLIENT, { username: 'someone_else' })).access_token
    expect((await remove(heat?.id ?? '', other)).status).toBe(404)
    expect(await items()).toHaveLength(1)
  })

  it('needs a valid token and playback:write', async () => {
    await watchHalf('s1', 'Heat', 949)
    const [heat] = await items()
    expect((await remove(heat?.id ?? '', 'ppat_nobody')).status).toBe(401)
    const reader = await tv().login(TV_CLIENT, { scope: 'profile:read playback:read' })
    const refused = await remove(heat?.id ?? '', reader.access_token)
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({
      error: 'insufficient_scope',
      required_scope: 'playback:write',
    })
    expect(await items()).toHaveLength(1)
  })

  it('keeps a removed title away until the viewer plays it again', async () => {
    await watchHalf('old', 'Heat', 949)
    const [heat] = await items()
    await remove(heat?.id ?? '')
    expect(await items()).toEqual([])
    await watchHalf('new', 'Heat', 949)
    expect((await items()).map((item) => item.title)).toEqual(['Heat'])
  })

  it('announces the change on the viewer’s events stream', async () => {
    await watchHalf('s1', 'Heat', 949)
    const [heat] = await items()
    const events = await tv().events(token)
    await remove(heat?.id ?? '')
    expect(await events.next()).toMatchObject({
      event: 'playback-update',
      data: { userId: 'user_1', sequence: 3 },
    })
    await events.close()
  })
})
