import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkAgainstFloor, polyfilledFeatures } from '../../scripts/engine-floor.ts'

const polyfills = readFileSync('src/polyfills.ts', 'utf8')

/** What ky does at module load, in a file es-check can read. */
function bundleUsing(code: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'floor-')), 'bundle.js')
  writeFileSync(file, code)
  return file
}

describe('the build is held to the Chromium 63 floor', () => {
  const usesHasOwn = bundleUsing(
    'var own = Object.hasOwn({ a: 1 }, "a"); var g = globalThis; g.own = own',
  )

  test('a built-in past the floor passes only while src/polyfills.ts fills it', () => {
    const allowed = polyfilledFeatures(polyfills)
    expect(allowed).toContain('ObjectHasOwn')
    expect(checkAgainstFloor([usesHasOwn], allowed)).toEqual({ ok: true, output: '' })

    const withoutHasOwn = polyfills.replace(/^fill\(Object, 'hasOwn'/m, '// $&')
    expect(withoutHasOwn).not.toEqual(polyfills)
    const verdict = checkAgainstFloor([usesHasOwn], polyfilledFeatures(withoutHasOwn))
    expect(verdict.ok).toBe(false)
    expect(verdict.output).toMatch(/ObjectHasOwn \(chrome 63 requires 93\)/)
  })

  test('syntax a 2019 TV cannot parse fails the check', () => {
    const optionalCatch = bundleUsing('try { JSON.parse("x") } catch { void 0 }')
    const verdict = checkAgainstFloor([optionalCatch], polyfilledFeatures(polyfills))
    expect(verdict.ok).toBe(false)
    expect(verdict.output).toMatch(/OptionalCatchBinding|ES version|Unexpected/i)
  })

  test('a polyfill the check cannot name is refused rather than silently allowed', () => {
    expect(() => polyfilledFeatures("fill(Array.prototype, 'findLast', findLast)\n")).toThrow(
      /name the es-check feature Array\.prototype\.findLast fills/,
    )
  })
})
