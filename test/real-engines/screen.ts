import type { EngineSession } from './engine.ts'

/**
 * Reads the Lightning inspector's DOM mirror (`?inspector=1`) inside a real
 * engine, the way test/e2e/support/tv.ts does through Playwright.
 */
export function textOf(engine: EngineSession, ref: string): Promise<string | null> {
  return engine.evaluate<string | null>(
    `(function () { var node = document.querySelector('[ref=${JSON.stringify(ref)}]'); return node ? node.getAttribute('texture-text') : null })()`,
  )
}

export function showsText(engine: EngineSession, text: string): Promise<boolean> {
  return engine.evaluate<boolean>(
    `Array.prototype.some.call(document.querySelectorAll('[texture-text]'), function (node) { return node.getAttribute('texture-text') === ${JSON.stringify(text)} })`,
  )
}

export function focusedRef(engine: EngineSession): Promise<string | null> {
  return engine.evaluate<string | null>(
    `(function () { var node = document.querySelector('[focused="true"]'); return node ? node.getAttribute('ref') : null })()`,
  )
}

/** Polls until `check` holds; the error names what was awaited and the last value seen. */
export async function waitUntil<T>(
  what: string,
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: T | undefined
  for (;;) {
    last = await read()
    if (check(last)) return last
    if (Date.now() > deadline) {
      throw new Error(`not within ${timeoutMs} ms: ${what} (last seen: ${JSON.stringify(last)})`)
    }
    await new Promise((resolve) => setTimeout(resolve, 150))
  }
}

export const waitForText = (engine: EngineSession, text: string, timeoutMs?: number) =>
  waitUntil(`"${text}" on screen`, () => showsText(engine, text), Boolean, timeoutMs)

export const waitForFocus = (engine: EngineSession, ref: string, timeoutMs?: number) =>
  waitUntil(
    `focus on ${ref}`,
    () => focusedRef(engine),
    (seen) => seen === ref,
    timeoutMs,
  )
