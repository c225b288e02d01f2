import type { Clock } from '../core/ports.ts'

function abortReason(signal: AbortSignal): unknown {
  // Chrome 68 has no AbortSignal.reason.
  return signal.reason ?? new DOMException('Aborted', 'AbortError')
}

/** The real clock: Date.now, performance.now and a setTimeout that an AbortSignal clears at once. */
export const browserClock: Clock = {
  now: () => Date.now(),
  elapsed: () => performance.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal))
      const onAbort = () => {
        clearTimeout(timer)
        reject(abortReason(signal!))
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  },
}
