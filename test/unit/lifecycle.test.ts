import { describe, expect, it } from 'vitest'
import { createLifecycle, type Visibility } from '../../src/app/lifecycle.ts'
import { createPlatform } from '../../src/tv/platform.ts'

/** A window and document that dispatch the TVs' events, as a browser engine would. */
function tvWindow(options: { webOS?: boolean; prefixed?: boolean } = {}) {
  const doc = Object.assign(
    new EventTarget(),
    options.prefixed ? { webkitHidden: false } : { hidden: false },
  )
  const win = Object.assign(new EventTarget(), {
    document: doc,
    close() {},
    navigator: { userAgent: options.webOS ? 'Mozilla/5.0 (Web0S; Linux/SmartTV)' : 'Chrome' },
    ...(options.webOS ? { webOS: {} } : {}),
  })
  const hide = (hidden: boolean) => {
    if (options.prefixed) (doc as { webkitHidden?: boolean }).webkitHidden = hidden
    else (doc as { hidden?: boolean }).hidden = hidden
    doc.dispatchEvent(new Event(options.prefixed ? 'webkitvisibilitychange' : 'visibilitychange'))
  }
  const pageEvent = (type: 'pagehide' | 'pageshow', persisted: boolean) =>
    win.dispatchEvent(Object.assign(new Event(type), { persisted }))
  return { win, doc, hide, pageEvent }
}

function watch(tv: ReturnType<typeof tvWindow>) {
  const lifecycle = createLifecycle(createPlatform(tv.win))
  const seen: Visibility[] = []
  lifecycle.subscribe((visibility) => seen.push(visibility))
  return { lifecycle, seen }
}

describe('app lifecycle from the TV’s visibility events', () => {
  it('Tizen and browsers: visibilitychange hides and shows; pagehide closes, once', () => {
    const tv = tvWindow()
    const { lifecycle, seen } = watch(tv)
    tv.hide(true)
    tv.hide(true)
    expect(lifecycle.visibility).toBe('hidden')
    tv.hide(false)
    // Tizen fires visibilitychange on exit too, then pagehide: one closing, nothing after it.
    tv.hide(true)
    tv.pageEvent('pagehide', false)
    tv.hide(true)
    expect(seen).toEqual(['hidden', 'visible', 'hidden', 'closing'])
  })

  it('webOS: webOSRelaunch and the visibilitychange after it count as one return', () => {
    const tv = tvWindow({ webOS: true })
    const { seen } = watch(tv)
    tv.hide(true)
    tv.doc.dispatchEvent(new Event('webOSRelaunch'))
    tv.hide(false)
    // Relaunched while already in front (ares-launch): nothing changes.
    tv.doc.dispatchEvent(new Event('webOSRelaunch'))
    expect(seen).toEqual(['hidden', 'visible'])
  })

  it('older engines with only the webkit-prefixed API are heard too', () => {
    const tv = tvWindow({ prefixed: true })
    const { seen } = watch(tv)
    tv.hide(true)
    tv.hide(false)
    expect(seen).toEqual(['hidden', 'visible'])
  })

  it('a page restored from the back-forward cache is visible again; dispose stops listening', () => {
    const tv = tvWindow()
    const { lifecycle, seen } = watch(tv)
    tv.pageEvent('pagehide', true)
    tv.pageEvent('pageshow', false)
    tv.pageEvent('pageshow', true)
    lifecycle.dispose()
    tv.hide(true)
    expect(seen).toEqual(['closing', 'visible'])
  })
})
