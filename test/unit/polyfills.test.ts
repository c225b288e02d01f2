import { afterEach, describe, expect, test, vi } from 'vitest'

/**
 * src/polyfills.ts fills what ky calls at load on a Chromium 63 TV. Node has
 * all three, so each test takes the built-in away, loads the fills and
 * compares them with what the built-in does.
 */
const g = globalThis as unknown as Record<string, unknown>
const builtIns = {
  hasOwn: Object.hasOwn,
  fromEntries: Object.fromEntries,
  self: g.self,
}

async function loadWithout(name: 'hasOwn' | 'fromEntries'): Promise<void> {
  Reflect.deleteProperty(Object, name)
  g.self = globalThis
  vi.resetModules()
  await import('../../src/polyfills.ts')
}

afterEach(() => {
  Object.defineProperty(Object, 'hasOwn', {
    value: builtIns.hasOwn,
    writable: true,
    configurable: true,
  })
  Object.defineProperty(Object, 'fromEntries', {
    value: builtIns.fromEntries,
    writable: true,
    configurable: true,
  })
  if (builtIns.self === undefined) Reflect.deleteProperty(g, 'self')
})

describe('the hand-written fills for Chromium 63', () => {
  test('Object.hasOwn answers for own keys only and refuses null, as the built-in does', async () => {
    await loadWithout('hasOwn')
    expect(Object.hasOwn).not.toBe(builtIns.hasOwn)
    const child = Object.create({ inherited: 1 }) as Record<string, unknown>
    child.own = 2
    expect(Object.hasOwn(child, 'own')).toBe(true)
    expect(Object.hasOwn(child, 'inherited')).toBe(false)
    expect(Object.hasOwn(Object('text') as object, 'length')).toBe(true)
    expect(() => Object.hasOwn(null as unknown as object, 'x')).toThrow(TypeError)
    expect(Object.keys(Object)).not.toContain('hasOwn')
  })

  test('Object.fromEntries builds own, enumerable properties from any iterable', async () => {
    await loadWithout('fromEntries')
    expect(Object.fromEntries).not.toBe(builtIns.fromEntries)
    const headers = new Map<string, string>([
      ['accept', 'application/json'],
      ['x-request-id', 'abc'],
    ])
    expect(Object.fromEntries(headers)).toEqual({
      accept: 'application/json',
      'x-request-id': 'abc',
    })
    const proto = Object.fromEntries([['__proto__', 1]]) as Record<string, unknown>
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype)
    expect(Object.getOwnPropertyNames(proto)).toEqual(['__proto__'])
  })
})
