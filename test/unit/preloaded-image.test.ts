import { describe, expect, it } from 'vitest'
import { renderQr } from '../../src/adapters/qr.ts'
import { dataUrlBlob } from '../../src/ui/preloaded-image.ts'

describe('QR bytes for off-main-thread decoding', () => {
  it('hands createImageBitmap exactly the PNG a data URL carries, typed as such', async () => {
    const url = await renderQr('https://punchplay.tv/activate?code=WDJB-MJHT', 480)
    const blob = dataUrlBlob(url)!
    expect(blob.type).toBe('image/png')
    const bytes = Buffer.from(await blob.arrayBuffer())
    expect(bytes.equals(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'))).toBe(true)
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  })

  it('leaves https and non-base64 images to the ordinary image load', () => {
    expect(dataUrlBlob('https://punchplay.tv/qr/WDJB-MJHT.png')).toBeNull()
    expect(dataUrlBlob('data:image/svg+xml,%3Csvg%3E%3C/svg%3E')).toBeNull()
  })
})
