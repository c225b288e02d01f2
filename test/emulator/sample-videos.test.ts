import { describe, expect, it } from 'vitest'
import { useEmulator } from '../helpers/emulator.ts'

const emulator = useEmulator()

describe('the sample titles stream from the emulator, not from the app package', () => {
  it('serves a sample video in byte ranges', async () => {
    const response = await fetch(`${emulator().running.origin}/videos/long-field.webm`, {
      headers: { Range: 'bytes=0-99', Origin: 'http://127.0.0.1:4173' },
    })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toMatch(/^bytes 0-99\/\d+$/)
    expect(response.headers.get('content-type')).toBe('video/webm')
    // WebM's EBML magic number: the file itself, not a page about it.
    expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 4)]).toEqual([
      0x1a, 0x45, 0xdf, 0xa3,
    ])
  })

  it('serves nothing outside its folder', async () => {
    const origin = emulator().running.origin
    for (const path of ['/videos/..%2Fserver.ts', '/videos/%2e%2e/server.ts', '/videos/']) {
      const response = await fetch(`${origin}${path}`)
      expect([403, 404], path).toContain(response.status)
      expect(await response.text(), path).not.toContain('startEmulator')
    }
  })
})
