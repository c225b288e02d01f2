/** Resolves once `work` settles, or after `ms`, whichever comes first; never rejects. */
export function settledOrAfter(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    // then(done, done), not finally(): finally() passes a failure on, unhandled.
    const done = () => {
      clearTimeout(timer)
      resolve()
    }
    work.then(done, done)
  })
}
