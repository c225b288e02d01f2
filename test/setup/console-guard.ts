import { afterEach, expect } from 'vitest'

/**
 * Fails any test during which a token, refresh token or device code reached
 * the console: the app must never log them, not even while failing.
 */
const TOKENISH = /\bpp(?:at|rt)_[A-Za-z0-9_-]{8,}|"device_code"\s*:\s*"[^"]/
const seen: string[] = []

for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[level].bind(console)
  console[level] = (...args: unknown[]) => {
    seen.push(args.map((arg) => (typeof arg === 'string' ? arg : safeJson(arg))).join(' '))
    original(...args)
  }
}

function safeJson(value: unknown): string {
  try {
    return value instanceof Error ? `${value.message}` : JSON.stringify(value)
  } catch {
    return String(value)
  }
}

afterEach(() => {
  const leaked = seen.filter((line) => TOKENISH.test(line))
  seen.length = 0
  expect(leaked, 'console output holds a token').toEqual([])
})
