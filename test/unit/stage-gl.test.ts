import { describe, expect, it, vi } from 'vitest'
import { QUAD_BUFFER_BYTES, stageGl } from '../../src/tv/stage-gl.ts'

/** A canvas whose engine offers the context types in `offers`. */
function fakeDocument(offers: readonly string[]) {
  const getExtension = vi.fn((name: string) => ({ name }))
  const canvas = {
    width: 0,
    height: 0,
    getContext: vi.fn((type: string, attributes: WebGLContextAttributes) =>
      offers.includes(type) ? { type, attributes, getExtension } : null,
    ),
  }
  const doc = { createElement: vi.fn(() => canvas) } as unknown as Pick<Document, 'createElement'>
  return { doc, canvas, getExtension }
}

describe('the WebGL context Lightning draws with', () => {
  it('is a stage-sized WebGL context without depth or stencil buffers', () => {
    const { doc, canvas } = fakeDocument(['webgl'])
    const { context, bufferMemory } = stageGl(doc, 1920, 1080)
    expect([canvas.width, canvas.height]).toEqual([1920, 1080])
    expect(context).toMatchObject({
      type: 'webgl',
      attributes: { depth: false, stencil: false, alpha: true, premultipliedAlpha: true },
    })
    expect(bufferMemory).toBe(QUAD_BUFFER_BYTES)
  })

  it('answers compressed-texture extensions as absent without asking the engine', () => {
    const { doc, getExtension } = fakeDocument(['experimental-webgl'])
    const gl = stageGl(doc, 1920, 1080).context!
    expect(gl.getExtension('WEBGL_compressed_texture_s3tc')).toBeNull()
    expect(gl.getExtension('WEBGL_compressed_texture_astc')).toBeNull()
    expect(getExtension).not.toHaveBeenCalled()
    expect(gl.getExtension('OES_element_index_uint')).toEqual({ name: 'OES_element_index_uint' })
  })

  it('leaves an engine without WebGL to Lightning, with the same quad buffer', () => {
    const { doc } = fakeDocument([])
    expect(stageGl(doc, 1920, 1080)).toEqual({ bufferMemory: QUAD_BUFFER_BYTES })
  })
})
