import type { Page } from '@playwright/test'
import { expect, test } from './support/test.ts'
import { otherDevice, reportPlayback, resetEmulator } from './support/emulator.ts'
import { pairQuickly } from './support/pairing.ts'
import { focused } from './support/tv.ts'
import { MAX_IN_PROGRESS } from '../../src/core/api/playback-reads.ts'
import { BYTES_PER_QUAD, QUAD_BUFFER_BYTES } from '../../src/tv/stage-gl.ts'

test.beforeEach(resetEmulator)

/** Films left half-watched on another device; twelve make a Continue-watching rail three screens wide. */
async function inProgress(count: number): Promise<void> {
  const phone = await otherDevice('ana')
  for (let n = 1; n <= count; n++) {
    const base = {
      playback_session_id: `phone-session-${n}`,
      event_created_at: Date.now(),
      media_type: 'movie',
      title: `Film ${n}`,
      tmdb_id: 800 + n,
      progress: 0.4,
      position_seconds: 2400,
      duration_seconds: 6000,
    }
    await reportPlayback(phone, 'start', { ...base, event_id: `start-${n}` })
    await reportPlayback(phone, 'stop', { ...base, event_id: `stop-${n}`, watched: false })
  }
}

/** The tiles of the Continue-watching rail on home. */
const continueTiles = (page: Page) => page.locator('[ref="Continue"] [ref="Items"] > [ref^="Tile"]')

/** The focused tile (as grown by focus) inside the safe area, its ring wholly on screen. */
async function expectFocusInsideSafeArea(page: Page, title: string) {
  const tile = focused(page)
  await expect(tile.locator(`[texture-text="${title}"]`)).toHaveCount(1)
  await expect
    .poll(async () => {
      const body = await tile.boundingBox()
      const ring = await tile.locator('> [ref="Ring"]').boundingBox()
      // A re-read redraws the rail: between two frames the focused tile may be gone for a moment.
      if (!body || !ring) return null
      // Half a pixel for the float arithmetic of scaled boxes.
      return [
        body.x >= 96 - 0.5 && body.x + body.width <= 1920 - 96 + 0.5,
        ring.x >= -0.5 && ring.x + ring.width <= 1920 + 0.5,
      ]
    }, title)
    .toEqual([true, true])
}

test('with 12 items in Continue watching the focused tile is on screen, going right and back', async ({
  page,
}) => {
  test.setTimeout(90_000)
  await inProgress(12)
  await pairQuickly(page)
  await expect(continueTiles(page)).toHaveCount(12)
  // Newest first: the film left last leads the rail.
  const titles = Array.from({ length: 12 }, (_, n) => `Film ${12 - n}`)
  // Home starts on "Watch something"; Continue watching is the rail above it.
  await page.keyboard.press('ArrowUp')
  await expectFocusInsideSafeArea(page, titles[0]!)
  for (let n = 1; n < 12; n++) {
    await page.keyboard.press('ArrowRight')
    await expectFocusInsideSafeArea(page, titles[n]!)
  }
  for (let n = 10; n >= 0; n--) {
    await page.keyboard.press('ArrowLeft')
    await expectFocusInsideSafeArea(page, titles[n]!)
  }
})

test('the busiest home draws well within the quad buffer, on a context without depth or stencil', async ({
  page,
}) => {
  test.setTimeout(90_000)
  await inProgress(MAX_IN_PROGRESS)
  await pairQuickly(page)
  await expect(continueTiles(page)).toHaveCount(MAX_IN_PROGRESS)
  await page.keyboard.press('ArrowUp')
  await expectFocusInsideSafeArea(page, `Film ${MAX_IN_PROGRESS}`)
  // The inspector's mirror nodes hold their Lightning element, and through it the stage.
  const drawn = await page.evaluate((bytesPerQuad) => {
    interface Stage {
      gl: WebGLRenderingContext
      ctx: { renderState: { length: number } }
      getOption(name: 'bufferMemory'): number
    }
    type Mirrored = Element & { element?: { stage?: Stage } }
    const node = [...document.querySelectorAll('*')].find((n) => (n as Mirrored).element?.stage)
    const stage = (node as Mirrored).element!.stage!
    return {
      quads: stage.ctx.renderState.length,
      room: stage.getOption('bufferMemory') / bytesPerQuad,
      attributes: stage.gl.getContextAttributes(),
    }
  }, BYTES_PER_QUAD)
  // Lightning draws nothing past the buffer's end, and says nothing (src/tv/stage-gl.ts).
  expect(drawn.room).toBe(QUAD_BUFFER_BYTES / BYTES_PER_QUAD)
  expect(drawn.quads).toBeGreaterThan(MAX_IN_PROGRESS)
  expect(drawn.quads).toBeLessThan(drawn.room / 4)
  expect(drawn.attributes).toMatchObject({ depth: false, stencil: false })
})
