import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { browserClock } from '../../src/adapters/browser-clock.ts'

describe('browser clock', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sleeps for the time asked', async () => {
    let done = false
    void browserClock.sleep(5000).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(4999)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(done).toBe(true)
  })

  it('stops sleeping the moment the signal aborts and leaves no timer behind', async () => {
    const controller = new AbortController()
    const sleeping = browserClock.sleep(60_000, controller.signal)
    expect(vi.getTimerCount()).toBe(1)
    controller.abort()
    await expect(sleeping).rejects.toMatchObject({ name: 'AbortError' })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('refuses to start when already aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(browserClock.sleep(10, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('tells the time', () => {
    vi.setSystemTime(Date.UTC(2026, 10, 28))
    expect(browserClock.now()).toBe(Date.UTC(2026, 10, 28))
  })

  it('measures elapsed time that a wall-clock correction does not move', async () => {
    vi.setSystemTime(0)
    const before = browserClock.elapsed()
    vi.setSystemTime(Date.UTC(2026, 10, 28))
    expect(browserClock.elapsed() - before).toBeLessThan(1000)
    await vi.advanceTimersByTimeAsync(5000)
    expect(browserClock.elapsed() - before).toBeGreaterThanOrEqual(5000)
  })
})
