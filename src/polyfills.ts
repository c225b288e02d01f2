import 'abortcontroller-polyfill/dist/polyfill-patch-fetch'

/**
 * What the engines of 2019 TVs lack and our dependencies call without a guard.
 * The floor is Chromium 63 (Tizen 5.0, Samsung 2019): ky and every timer of
 * ours need AbortController (Chrome 66), and ky uses globalThis,
 * Object.hasOwn and Object.fromEntries at module load. Imported first by
 * main.ts so they exist before any dependency evaluates. The build's es-check
 * allows a newer built-in only when a `fill` here names it
 * (scripts/engine-floor.ts); the real-engine suite proves the rest.
 *
 * Three fills by hand instead of core-js's modules: those cost 4.7 KB gzip, and
 * core-js's shared feature probes throw on purpose at load, which makes V8
 * re-parse the whole bundle for each throw's position, twice at every start
 * (issue 17: the script's compile and run, BENCHMARKS.md).
 */

/** Defines a missing built-in as engines that have it do: writable, configurable, not enumerable. */
function fill(owner: object, name: string, value: unknown): void {
  if (name in owner) return
  Object.defineProperty(owner, name, { value, writable: true, configurable: true })
}

function toObject(value: unknown): object {
  if (value === null || value === undefined)
    throw new TypeError('Cannot convert undefined or null to object')
  return Object(value) as object
}

fill(self, 'globalThis', self)

fill(Object, 'hasOwn', function hasOwn(object: unknown, key: PropertyKey): boolean {
  return Object.prototype.hasOwnProperty.call(toObject(object), key)
})

fill(
  Object,
  'fromEntries',
  function fromEntries(entries: Iterable<readonly [PropertyKey, unknown]>): object {
    const result = {}
    // Defined, not assigned: a "__proto__" entry is an own property, as in the built-in.
    for (const [key, value] of entries)
      Object.defineProperty(result, key, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      })
    return result
  },
)
