import { expect, test } from '@playwright/test'
import { timelineScript } from '../../bench/start-timeline.ts'

/** A 1x1 PNG: the timeline must stamp its load, whoever listens for it. */
const PIXEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

interface Stamped {
  handlerAt: number
  loaded: number | null
  width: number
  sameHandler: boolean
}

test.describe("the bench's start timeline (bench/start-timeline.ts)", () => {
  test.beforeEach(async ({ page }) => {
    await page.route('http://bench.test/', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>t</title>' }),
    )
    await page.addInitScript(timelineScript)
    await page.goto('http://bench.test/')
  })

  test("stamps an image's load before the page's own handler and the work it queues", async ({
    page,
  }) => {
    const stamped = await page.evaluate(
      (src) =>
        new Promise<Stamped>((resolve) => {
          const busy = (ms: number) => {
            const until = performance.now() + ms
            while (performance.now() < until);
          }
          const image = new Image()
          const handler = () => {
            const handlerAt = performance.now()
            busy(30)
            // As the app's preload does: what the load resolves runs as microtasks after the handler.
            void Promise.resolve().then(() => {
              busy(30)
              const entry = (window as unknown as { __benchTimeline: { images: Stamped[] } })
                .__benchTimeline.images[0] as unknown as { loaded: number | null; w: number }
              resolve({
                handlerAt,
                loaded: entry.loaded,
                width: entry.w,
                sameHandler: image.onload === handler,
              })
            })
          }
          image.onload = handler
          image.src = src
        }),
      PIXEL,
    )
    expect(stamped.loaded).not.toBeNull()
    expect(stamped.loaded!).toBeLessThanOrEqual(stamped.handlerAt)
    expect(stamped.width).toBe(1)
    expect(stamped.sameHandler).toBe(true)
  })

  test('stamps an image whose page listens with addEventListener only', async ({ page }) => {
    const loaded = await page.evaluate(
      (src) =>
        new Promise<number | null>((resolve) => {
          const image = new Image()
          image.addEventListener('load', () =>
            setTimeout(() =>
              resolve(
                (window as unknown as { __benchTimeline: { images: { loaded: number | null }[] } })
                  .__benchTimeline.images[0]!.loaded,
              ),
            ),
          )
          image.src = src
        }),
      PIXEL,
    )
    expect(loaded).not.toBeNull()
  })

  test('stamps a createImageBitmap decode and the texture upload of its bitmap', async ({
    page,
  }) => {
    const entry = await page.evaluate(async (src) => {
      const blob = await (await fetch(src)).blob()
      const bitmap = await createImageBitmap(blob)
      const gl = document.createElement('canvas').getContext('webgl')!
      gl.bindTexture(gl.TEXTURE_2D, gl.createTexture())
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, bitmap)
      type Entry = { set: number; loaded: number | null; w: number; upload: object | null }
      return (window as unknown as { __benchTimeline: { images: Entry[] } }).__benchTimeline
        .images[0]!
    }, PIXEL)
    expect(entry.loaded).not.toBeNull()
    expect(entry.loaded!).toBeGreaterThanOrEqual(entry.set)
    expect(entry.w).toBe(1)
    expect(entry.upload).not.toBeNull()
  })
})
