import { afterEach, describe, expect, it, vi } from 'vitest'
import { settledOrAfter } from '../../src/ui/settled-or-after.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('settledOrAfter (start-up waits: Launch, the first QR)', () => {
  it('resolves as soon as the work settles, before the bound', async () => {
    vi.useFakeTimers()
    let done = false
    void settledOrAfter(Promise.resolve('read'), 300).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(0)
    expect(done).toBe(true)
  })

  it('resolves at the bound when the work is still running', async () => {
    vi.useFakeTimers()
    let done = false
    void settledOrAfter(new Promise(() => {}), 300).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(299)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(done).toBe(true)
  })

  it('resolves on failed work and leaves no unhandled rejection behind', async () => {
    const unhandled: unknown[] = []
    const note = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', note)
    try {
      await expect(settledOrAfter(Promise.reject(new Error('no IndexedDB')), 300)).resolves.toBe(
        undefined,
      )
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', note)
    }
  })
})
