import { describe, expect, it, vi } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import type { Session } from '../../src/app/index.ts'
import type { KeyValueStore } from '../../src/core/ports.ts'
import { createAppRig, type AppRig } from '../chaos/support/rig.ts'
import { TV_CLIENT, useEmulator } from '../helpers/emulator.ts'

const emulator = useEmulator({ minPollIntervalSec: 0, deviceCodeTtlSec: 600, intervalSec: 1 })

/** The pairing page's part: a code on screen, approved on the phone by `username`. */
async function approveAs({ services, pass }: AppRig, username: string) {
  services.pairing.start()
  await vi.waitFor(() => expect(services.pairing.view.code).not.toBeNull())
  await emulator().approve(services.pairing.view.code!, 'approve', username)
  await pass(5_000)
  await vi.waitFor(() =>
    expect(services.sessionState.current).toMatchObject({ status: 'signed-in', username }),
  )
}

/** Ana paired as today, then Bob added from "Who's watching?". */
async function twoViewers(store: KeyValueStore = createMemoryStore()) {
  const rig = createAppRig(emulator(), { store })
  await rig.services.boot.start()
  await approveAs(rig, 'ana')
  rig.services.viewers.switchViewer()
  expect(rig.services.sessionState.current.status).toBe('choosing')
  expect(rig.services.viewers.add()).toBe(true)
  await approveAs(rig, 'bob')
  return rig
}

describe('"Who\'s watching?" in the app built by createServices', () => {
  it('a start with two viewers asks who is watching, the last active one focused; a choice goes home quietly', async () => {
    const store = createMemoryStore()
    const first = await twoViewers(store)
    expect(first.services.sessionState.current).toMatchObject({ justPaired: true })

    const again = createAppRig(emulator(), { store })
    await again.services.boot.start()
    expect(again.services.boot.view).toEqual({
      phase: 'started',
      first: { screen: 'viewers', why: 'several-viewers' },
    })
    expect(again.services.sessionState.current).toEqual({ status: 'choosing' })
    const { view } = again.services.viewers
    expect(view.viewers.map((v) => [v.label, v.initial, v.connected])).toEqual([
      ['ana', 'A', true],
      ['bob', 'B', true],
    ])
    expect(view.focusIndex).toBe(1)
    expect(view.canAdd).toBe(true)

    const seen: Session[] = []
    again.services.sessionState.subscribe((session) => seen.push(session))
    expect(await again.services.viewers.pick(view.viewers[0]!.id)).toBe('home')
    expect(seen).toEqual([expect.objectContaining({ username: 'ana', justPaired: false })])
  })

  it('Back from a pairing opened on the picker returns to the picker and adds nobody', async () => {
    const rig = createAppRig(emulator())
    await rig.services.boot.start()
    await approveAs(rig, 'ana')
    rig.services.viewers.switchViewer()
    rig.services.viewers.add()
    rig.services.pairing.start()
    expect(rig.services.sessionState.current.status).toBe('pairing')
    expect(rig.services.viewers.pairingFromPicker).toBe(true)
    rig.services.pairing.pause()
    rig.services.viewers.cancelPairing()
    expect(rig.services.sessionState.current).toEqual({ status: 'choosing' })
    expect(rig.services.viewers.view.viewers.map((v) => v.label)).toEqual(['ana'])
    expect(rig.services.viewers.pairingFromPicker).toBe(false)
  })

  it('the active viewer revoked among several: the picker asks again, showing them disconnected', async () => {
    const rig = await twoViewers()
    await emulator().control('/revoke', { client_id: TV_CLIENT, username: 'bob' })
    const closeHome = rig.services.screens.home.open(() => {})
    await vi.waitFor(() =>
      expect(rig.services.sessionState.current).toEqual({ status: 'choosing' }),
    )
    closeHome()
    expect(rig.services.viewers.view.viewers.map((v) => [v.label, v.connected])).toEqual([
      ['ana', true],
      ['bob', false],
    ])
    // Pair again is OK on the disconnected viewer.
    expect(await rig.services.viewers.pick(rig.services.viewers.view.viewers[1]!.id)).toBe(
      'pairing',
    )
    expect(rig.services.viewers.pairingFromPicker).toBe(true)
  })

  it('Diagnostics show the active viewer their own failures, named, and never another viewer’s', async () => {
    const rig = await twoViewers()
    await emulator().fault({
      route: '/playback/now-playing',
      kind: 'status',
      status: 503,
      count: 1,
    })
    const closeHome = rig.services.screens.home.open(() => {})
    await vi.waitFor(() =>
      expect(rig.services.diagnostics.entries.map((e) => e.endpoint)).toContain(
        '/playback/now-playing',
      ),
    )
    closeHome()
    const bobsEntry = rig.services.diagnostics.entries.find(
      (e) => e.endpoint === '/playback/now-playing',
    )
    expect(bobsEntry).toMatchObject({ viewer: 'bob' })
    rig.services.viewers.switchViewer()
    await rig.services.viewers.pick(rig.services.viewers.view.viewers[0]!.id)
    expect(rig.services.diagnostics.entries.map((e) => e.endpoint)).not.toContain(
      '/playback/now-playing',
    )
  })
})
