import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryStore } from '../../src/adapters/memory-store.ts'
import { createAccount } from '../../src/app/account.ts'
import { createDiagnosticsLog } from '../../src/core/diagnostics/diagnostics-log.ts'
import { createEventQueue } from '../../src/core/playback/event-queue.ts'
import { createPreferenceStore } from '../../src/core/preferences.ts'
import { createSignOut } from '../../src/core/session/sign-out.ts'
import { currentLanguage, languageControl, t, useLanguage } from '../../src/ui/i18n.ts'
import { useEmulator } from '../helpers/emulator.ts'
import { signIn } from '../helpers/session.ts'

const emulator = useEmulator()
afterEach(() => useLanguage('en'))

/** A TV set to German whose screen reader answers when the test says so. */
async function setUp(saved?: { language: string | null; speech: boolean | null }) {
  useLanguage('en')
  const emu = emulator()
  const { clock, session } = await signIn(emu, {
    username: 'ana',
    scope: 'profile:read playback:read',
  })
  const store = createMemoryStore()
  if (saved) await createPreferenceStore(store).update(saved)
  const queue = createEventQueue(store, clock)
  const guidance = { enabled: false }
  let answerScreenReader: (on: boolean) => void = () => {}
  let nameTheTv: (name: string) => void = () => {}
  const account = createAccount({
    session,
    signOut: createSignOut({ session, queue, diagnostics: createDiagnosticsLog(store) }),
    preferences: createPreferenceStore(store),
    guidance,
    language: languageControl(['de-AT', 'en']),
    screenReaderOn: () => new Promise((resolve) => (answerScreenReader = resolve)),
    deviceName: () => new Promise((resolve) => (nameTheTv = resolve)),
    fallbackDeviceName: 'PunchPlay TV',
    version: '0.1.0',
  })
  const reloaded = () => createPreferenceStore(store).load()
  return {
    ...{ emu, session, store, guidance, account, reloaded },
    answerScreenReader: (on: boolean) => answerScreenReader(on),
    nameTheTv: (name: string) => nameTheTv(name),
  }
}

describe('account', () => {
  it('with nothing saved, follows the TV: its language at once, its screen reader when it answers', async () => {
    const { account, guidance, answerScreenReader } = await setUp()
    expect(currentLanguage()).toBe('de')
    await account.restore()
    expect(currentLanguage()).toBe('de')
    expect(guidance.enabled).toBe(false)
    answerScreenReader(true)
    await vi.waitFor(() => expect(guidance.enabled).toBe(true))
  })

  it('saved choices win over the TV, also over a screen reader answering late', async () => {
    const { account, guidance, answerScreenReader } = await setUp({ language: 'en', speech: false })
    await account.restore()
    expect(currentLanguage()).toBe('en')
    answerScreenReader(true)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(guidance.enabled).toBe(false)
  })

  it('a choice made while the screen reader has not answered is not undone by its answer', async () => {
    const { account, guidance, answerScreenReader } = await setUp()
    await account.restore()
    await account.toggleSpeech()
    answerScreenReader(false)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(guidance.enabled).toBe(true)
  })

  it('switching language and guidance applies at once, renders, and is saved', async () => {
    const { account, guidance, reloaded } = await setUp()
    await account.restore()
    const views: Array<{ language: string; speech: boolean }> = []
    const close = account.open((view) => views.push(view))
    const switching = account.switchLanguage()
    expect(currentLanguage()).toBe('en')
    expect(views.at(-1)).toMatchObject({ language: 'en' })
    expect(t('account.title')).toBe('Account')
    await switching
    await account.toggleSpeech()
    expect(guidance.enabled).toBe(true)
    expect(views.at(-1)).toMatchObject({ language: 'en', speech: true })
    expect(await reloaded()).toEqual({ language: 'en', speech: true })
    close()
  })

  it('shows who is signed in, what was granted, and the TV’s name once the TV says it', async () => {
    const { account, nameTheTv } = await setUp()
    const views: Array<{ viewer: string | null; deviceName: string; scopes: readonly string[] }> =
      []
    const close = account.open((view) => views.push(view))
    expect(views.at(-1)).toMatchObject({
      viewer: 'ana',
      deviceName: 'PunchPlay TV',
      scopes: ['profile:read', 'playback:read'],
    })
    nameTheTv('Samsung TV (QE55Q80T)')
    await vi.waitFor(() => expect(views.at(-1)?.deviceName).toBe('Samsung TV (QE55Q80T)'))
    close()
  })

  it('sign out forgets the viewer on this TV, keeps the choices, and asks PunchPlay to revoke', async () => {
    const { emu, account, session, reloaded } = await setUp({ language: 'en', speech: true })
    await account.signOut()
    expect(session.state.signedIn).toBe(false)
    expect(account.view.viewer).toBeNull()
    await vi.waitFor(async () => expect(await emu.requests('/oauth/revoke')).toHaveLength(1))
    expect(await reloaded()).toEqual({ language: 'en', speech: true })
  })
})
