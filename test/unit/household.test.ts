import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import type { PlayableItem } from '../../src/core/playback/events.ts'
import type { KeyValueStore } from '../../src/core/ports.ts'
import { requestDeviceCode, requestDeviceToken } from '../../src/core/api/auth.ts'
import { meRequest } from '../../src/core/api/me.ts'
import { SignedOutError } from '../../src/core/errors.ts'
import { createTokenManager } from '../../src/core/session/token-manager.ts'
import {
  DEVICE_ID_KEY,
  TOKENS_KEY,
  createTokenStore,
  type TokenRecord,
} from '../../src/core/session/token-store.ts'
import { QUEUE_KEY, createEventQueue } from '../../src/core/playback/event-queue.ts'
import { createEventBuilder } from '../../src/core/playback/events.ts'
import { VIEWERS_KEY } from '../../src/core/profiles/viewer-registry.ts'
import { useEmulator, ALL_SCOPES, TV_CLIENT, type TestEmulator } from '../helpers/emulator.ts'
import { ManualClock } from '../helpers/manual-clock.ts'
import { coreServices } from '../helpers/session.ts'

const emulator = useEmulator({ minPollIntervalSec: 0, intervalSec: 1 })

const film: PlayableItem = { id: 'film', mediaType: 'movie', title: 'Film', durationSec: 600 }

interface Received {
  action: string
  username: string | null
  result: string
}
const received = async (emu: TestEmulator) =>
  (await emu.control<{ events: Received[] }>('/playback-events')).events

/** The emulator's connected-apps page: viewer, profile label and profile id of each grant. */
async function connections(emu: TestEmulator) {
  const html = await (await fetch(`${emu.running.origin}/settings/connected-apps`)).text()
  return [...html.matchAll(/<li>([\s\S]*?)<\/li>/g)].map(([, item]) => ({
    viewer: /viewer ([^ ·<]+)/.exec(item!)?.[1] ?? '',
    profile: /· profile (?!id )(.+?) ·/.exec(item!)?.[1] ?? null,
    profileId: /profile id ([0-9a-f-]+)/.exec(item!)?.[1] ?? null,
  }))
}

type Tv = ReturnType<typeof coreServices>

/** Lets virtual time run until `work` settles: each time nothing else can happen, to the next wake-up. */
async function drive<T>(clock: ManualClock, work: Promise<T>): Promise<T> {
  let done = false
  const settled = work.finally(() => (done = true))
  while (!done) {
    // Real time for the HTTP answers in between; virtual time only for the sleeps.
    await new Promise((resolve) => setTimeout(resolve, 5))
    const due = clock.earliestDueMs()
    if (!done && due !== null) await clock.advance(Math.max(0, due - clock.now()))
  }
  return settled
}

/** The device flow as the pairing page runs it, approved on the phone by `username`. */
async function pair(emu: TestEmulator, core: Tv, clock: ManualClock, username: string) {
  const code = await core.flow.requestCode()
  await emu.approve(code.userCode, 'approve', username)
  const result = await drive(
    clock,
    core.flow.poll(code, () => {}),
  )
  if (result.status !== 'approved') throw new Error(`pairing ended ${result.status}`)
  await core.household.signIn(result.grant, null)
}

/** Ana pairs, then Bob is added as a second viewer and becomes the active one. */
async function pairAnaThenBob(emu: TestEmulator, core: Tv, clock: ManualClock) {
  await pair(emu, core, clock, 'ana')
  core.household.startAdding()
  await pair(emu, core, clock, 'bob')
}

async function setUp() {
  const emu = emulator()
  const clock = new ManualClock(Date.UTC(2026, 10, 28, 12), (ms) => emu.advance(ms / 1000))
  const kv = createMemoryStore()
  const core = coreServices(emu, kv, clock)
  await core.session.start()
  return { emu, clock, kv, core }
}

/** A viewing that starts at once and stops at `positionSec`. */
async function watch(core: Tv, positionSec = 30) {
  const tracked = await core.playback.begin(film, () => ({ positionSec, durationSec: 600 }))
  tracked.playing()
  return tracked
}

describe('household profiles', () => {
  it('pairs with linked_user_id / linked_username; the first viewer keeps the single sign-in keys', async () => {
    const { emu, clock, kv, core } = await setUp()
    await pair(emu, core, clock, 'ana')
    const [ana] = core.household.viewers
    expect(ana).toMatchObject({ label: 'ana', connected: true, active: true })
    expect(await connections(emu)).toEqual([
      { viewer: 'ana', profile: 'Viewer 1', profileId: ana!.id },
    ])
    expect(await kv.get(TOKENS_KEY)).toMatchObject({ username: 'ana' })
    expect(await kv.get(VIEWERS_KEY)).toMatchObject({ viewers: [{ id: ana!.id, keyPrefix: '' }] })
  })

  it('keeps each viewer’s tokens in their own record and refreshes each on its own', async () => {
    const { emu, clock, kv, core } = await setUp()
    await pair(emu, core, clock, 'ana')
    expect(core.household.startAdding()).toBe(true)
    await pair(emu, core, clock, 'bob')
    const [ana, bob] = core.household.viewers
    expect(bob).toMatchObject({ label: 'bob', active: true })
    expect(ana).toMatchObject({ label: 'ana', active: false, connected: true })
    const links = await connections(emu)
    expect(links.map((link) => [link.viewer, link.profile, link.profileId])).toEqual([
      ['ana', 'Viewer 1', ana!.id],
      ['bob', 'Viewer 2', bob!.id],
    ])
    const anaBefore = (await kv.get(TOKENS_KEY)) as { accessToken: string }
    const bobKey = `viewer/${bob!.id}/${TOKENS_KEY}`
    const bobBefore = (await kv.get(bobKey)) as { accessToken: string }
    expect(bobBefore.accessToken).not.toBe(anaBefore.accessToken)

    await core.household.bundle(bob!.id)!.session.refresh()
    expect(((await kv.get(bobKey)) as { accessToken: string }).accessToken).not.toBe(
      bobBefore.accessToken,
    )
    expect(await kv.get(TOKENS_KEY)).toEqual(anaBefore)
    // One device_id for the TV, whoever paired.
    expect(typeof (await kv.get(DEVICE_ID_KEY))).toBe('string')
    expect(await kv.get(`viewer/${bob!.id}/${DEVICE_ID_KEY}`)).toBeUndefined()
  })

  it('a restart with two viewers asks who is watching, the last active one marked', async () => {
    const { emu, clock, kv, core } = await setUp()
    await pairAnaThenBob(emu, core, clock)
    const later = coreServices(emu, kv, clock)
    await later.session.start()
    expect(later.household.active).toBeNull()
    expect(later.session.state).toMatchObject({ signedIn: false })
    expect(later.household.viewers.map((v) => [v.label, v.connected, v.lastActive])).toEqual([
      ['ana', true, false],
      ['bob', true, true],
    ])
  })

  it('replays a viewer’s queued events with their own token while another viewer is active', async () => {
    const { emu, clock, core } = await setUp()
    await pair(emu, core, clock, 'ana')
    await emu.fault({ route: '/playback/start', kind: 'status', status: 503, count: 2 })
    const anaViewing = await watch(core)
    await anaViewing.stop()
    expect(core.household.pendingEvents(core.household.viewers[0]!.id)).toBe(2)
    core.household.startAdding()
    await pair(emu, core, clock, 'bob')
    await core.playback.flush()
    expect((await received(emu)).map((e) => [e.action, e.username, e.result])).toEqual([
      ['start', 'ana', 'applied'],
      ['stop', 'ana', 'applied'],
    ])
    expect(core.household.active?.viewer.label).toBe('bob')
  })

  it('with nobody chosen, a call for "whoever is watching" is refused here, never sent with any token', async () => {
    const { emu, clock, core } = await setUp()
    await pairAnaThenBob(emu, core, clock)
    core.household.leave()
    const before = (await emu.requests('/me')).length
    await expect(core.session.send(meRequest())).rejects.toBeInstanceOf(SignedOutError)
    await expect(core.session.open({ endpoint: '/playback/events' })).rejects.toBeInstanceOf(
      SignedOutError,
    )
    expect((await emu.requests('/me')).length).toBe(before)
    expect((await emu.requests('/playback/events')).length).toBe(0)
  })

  it('a viewing stopped after a switch is stopped under the viewer who started it', async () => {
    const { emu, clock, core } = await setUp()
    await pairAnaThenBob(emu, core, clock)
    const bobViewing = await watch(core)
    await clock.advance(0)
    core.household.leave()
    await core.household.choose(core.household.viewers[0]!.id)
    await bobViewing.stop()
    expect((await received(emu)).map((e) => [e.action, e.username])).toEqual([
      ['start', 'bob'],
      ['stop', 'bob'],
    ])
  })

  it('a grant revoked on the phone disconnects that viewer alone; their queue never goes out under another', async () => {
    const { emu, clock, core } = await setUp()
    await pairAnaThenBob(emu, core, clock)
    await emu.fault({ route: '/playback/start', kind: 'status', status: 503, count: 2 })
    await (await watch(core)).stop()
    const bobId = core.household.active!.viewer.id
    expect(core.household.pendingEvents(bobId)).toBe(2)
    await emu.control('/revoke', { client_id: TV_CLIENT, username: 'bob' })
    await core.household.verify()
    expect(core.household.viewers.map((v) => [v.label, v.connected])).toEqual([
      ['ana', true],
      ['bob', false],
    ])
    // Bob was active: with another viewer on the TV, the picker asks again.
    expect(core.household.active).toBeNull()
    await core.household.choose(core.household.viewers[0]!.id)
    await core.playback.flush()
    await (await watch(core)).stop()
    const events = await received(emu)
    expect(events.map((e) => [e.action, e.username])).toEqual([
      ['start', 'ana'],
      ['stop', 'ana'],
    ])
    expect(core.household.pendingEvents(bobId)).toBe(0)
    // Choosing a disconnected viewer does nothing: they pair again instead.
    await core.household.choose(bobId)
    expect(core.household.active?.viewer.label).toBe('ana')
  })

  it('pairing a disconnected viewer again keeps their profile id and names them', async () => {
    const { emu, clock, core } = await setUp()
    await pairAnaThenBob(emu, core, clock)
    const bobId = core.household.active!.viewer.id
    await emu.control('/revoke', { client_id: TV_CLIENT, username: 'bob' })
    await core.household.verify()
    core.household.startPairingAgain(bobId)
    await pair(emu, core, clock, 'bob')
    expect(core.household.viewers.map((v) => [v.id, v.label, v.connected])).toEqual([
      [core.household.viewers[0]!.id, 'ana', true],
      [bobId, 'bob', true],
    ])
    expect((await connections(emu)).find((link) => link.viewer === 'bob')).toEqual({
      viewer: 'bob',
      profile: 'bob',
      profileId: bobId,
    })
  })

  it('removing a viewer signs out that viewer alone: tokens, queue and grant gone, the other stays', async () => {
    const { emu, clock, kv, core } = await setUp()
    await pairAnaThenBob(emu, core, clock)
    const [ana, bob] = core.household.viewers
    await core.household.choose(ana!.id)
    await emu.fault({ route: '/playback/start', kind: 'status', status: 503, count: 2 })
    await (await watch(core)).stop()
    expect(core.signOut.pendingEvents).toBe(2)
    const { revoking } = await core.signOut.signOut()
    await revoking
    expect(core.household.viewers.map((v) => v.label)).toEqual(['bob'])
    // The lone viewer left is the active one, as at the next start.
    expect(core.household.active?.viewer.id).toBe(bob!.id)
    expect(await kv.get(TOKENS_KEY)).toBeUndefined()
    expect(await kv.get(QUEUE_KEY)).toEqual([])
    expect((await connections(emu)).map((link) => link.viewer)).toEqual(['bob'])
    expect(await kv.get(`viewer/${bob!.id}/${TOKENS_KEY}`)).toMatchObject({ username: 'bob' })

    const later = coreServices(emu, kv, clock)
    await later.session.start()
    expect(later.session.state).toMatchObject({ signedIn: true, username: 'bob' })
  })

  it('the last viewer removed leaves the TV signed out, device_id kept', async () => {
    const { emu, clock, kv, core } = await setUp()
    await pair(emu, core, clock, 'ana')
    const deviceId = await kv.get(DEVICE_ID_KEY)
    await core.signOut.signOut()
    expect(core.household.viewers).toEqual([])
    expect(core.session.state).toEqual({ signedIn: false, reason: 'signed-out' })
    expect(await kv.get(VIEWERS_KEY)).toEqual({ v: 1, viewers: [], lastActiveId: null })
    expect(await kv.get(DEVICE_ID_KEY)).toBe(deviceId)
  })

  it('migrates a single sign-in stored before profiles into the first viewer, queue included', async () => {
    const emu = emulator()
    const clock = new ManualClock(Date.UTC(2026, 10, 28, 12), (ms) => emu.advance(ms / 1000))
    const kv = createMemoryStore()
    // What an earlier build left: the token record and a queued event under the old keys.
    const record = await singleSignIn(emu, clock, kv, 'ana')
    const build = createEventBuilder({
      clock,
      ids: { uuid: randomUUID },
      deviceId: 'd',
      clientVersion: 'punchplay-tv/old',
    })
    const position = { positionSec: 0, durationSec: 600 }
    await createEventQueue(kv, clock).enqueue(
      build('start', randomUUID(), { ...film, title: 'Old film' }, position),
      record.grantId,
    )
    const core = coreServices(emu, kv, clock)
    await core.session.start()
    expect(core.household.viewers).toEqual([
      expect.objectContaining({ label: 'ana', connected: true, active: true }),
    ])
    expect(await kv.get(VIEWERS_KEY)).toMatchObject({ viewers: [{ keyPrefix: '', label: 'ana' }] })
    expect(core.session.state).toMatchObject({ signedIn: true, grantId: record.grantId })
    expect(core.signOut.pendingEvents).toBe(1)
    await core.playback.flush()
    expect((await received(emu)).map((e) => [e.action, e.username])).toEqual([['start', 'ana']])
  })

  it('holds six viewers at most', async () => {
    const { emu, clock, core } = await setUp()
    await pair(emu, core, clock, 'v1')
    for (let i = 2; i <= 6; i++) {
      expect(core.household.startAdding()).toBe(true)
      await pair(emu, core, clock, `v${i}`)
    }
    expect(core.household.viewers).toHaveLength(6)
    expect(core.household.startAdding()).toBe(false)
    expect(new Set(core.household.viewers.map((v) => v.colour)).size).toBe(6)
  })
})

/** A token record as the single-sign-in build stored it (key `tokens`), from a real pairing. */
async function singleSignIn(
  emu: TestEmulator,
  clock: ManualClock,
  kv: KeyValueStore,
  username: string,
): Promise<TokenRecord> {
  const api = emu.client(clock)
  const ids = { uuid: randomUUID }
  const manager = createTokenManager({ api, store: createTokenStore(kv, ids), clock, ids })
  const code = await requestDeviceCode(api, ALL_SCOPES)
  await emu.approve(code.userCode, 'approve', username)
  await manager.signIn(
    await requestDeviceToken(api, { deviceCode: code.deviceCode, deviceId: 'd', deviceName: 'TV' }),
  )
  return (await kv.get(TOKENS_KEY)) as TokenRecord
}
