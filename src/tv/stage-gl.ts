/**
 * What Lightning draws with, set up by the app rather than left to Lightning's
 * defaults, which are sized for any app: each of the three choices below is
 * work the TV did at every start, or on every frame, for nothing (issue 17).
 */

/** What Lightning's WebGL renderer stores per quad: four vertices of 20 bytes. */
export const BYTES_PER_QUAD = 80

/**
 * Room for 5,000 quads, a fifth of Lightning's default. The
 * busiest screen draws under a hundred; Lightning fills and uploads an index
 * buffer for the whole room when the stage is created, and draws nothing past
 * it without a word, so test/e2e/rails.spec.ts checks that the busiest home
 * stays under a quarter of it.
 */
export const QUAD_BUFFER_BYTES = 5_000 * BYTES_PER_QUAD

/**
 * Lightning's own attributes, less the depth and stencil buffers: it never
 * turns on the depth test and clips with the scissor, and a buffer the app
 * does not use is still allocated, and cleared before every frame.
 */
const ATTRIBUTES: WebGLContextAttributes = {
  alpha: true,
  antialias: false,
  premultipliedAlpha: true,
  preserveDrawingBuffer: false,
  depth: false,
  stencil: false,
}

/**
 * The app ships no compressed textures, yet Lightning's renderer asks for four
 * such extensions when the stage is created, each a synchronous round trip to
 * the GPU process. They are answered "absent" here without asking.
 */
const COMPRESSED_TEXTURE = /^WEBGL_compressed_texture_/

export interface StageGl {
  readonly bufferMemory: number
  /** Absent where the engine has no WebGL: Lightning then takes its own way. */
  readonly context?: WebGLRenderingContext
}

export function stageGl(doc: Pick<Document, 'createElement'>, w: number, h: number): StageGl {
  const canvas = doc.createElement('canvas')
  canvas.width = w
  canvas.height = h
  const gl = (canvas.getContext('webgl', ATTRIBUTES) ??
    canvas.getContext('experimental-webgl', ATTRIBUTES)) as WebGLRenderingContext | null
  if (!gl) return { bufferMemory: QUAD_BUFFER_BYTES }
  const getExtension = gl.getExtension.bind(gl)
  gl.getExtension = ((name: string) =>
    COMPRESSED_TEXTURE.test(name) ? null : getExtension(name)) as typeof gl.getExtension
  return { bufferMemory: QUAD_BUFFER_BYTES, context: gl }
}
