import { Lightning } from '@lightningjs/sdk'

/**
 * A flat rounded panel drawn by Lightning's RoundedRectangle shader instead of
 * a canvas texture: nothing to draw, read back and upload for large cards
 * (a 560 px card is 1.2 MB of pixels), which keeps them out of the first
 * pairing frame's cost (issue 17). Give it its own element: a shader applies
 * to every descendant too.
 */
export function roundedSurface(w: number, h: number, radius: number, color: number) {
  return {
    rect: true,
    w,
    h,
    color,
    shader: { type: Lightning.shaders.RoundedRectangle, radius },
  }
}
