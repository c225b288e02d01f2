/**
 * Where a rail's row of tiles sits so the focused tile, grown by its focus
 * scale, is wholly inside the rail's width: the row moves only as far as
 * needed, so focus moving within what is already visible never shifts it.
 */
export interface RailGeometry {
  /** Tile width plus the gap after it. */
  readonly stride: number
  readonly tileWidth: number
  /** Width the rail may draw in (the safe area's). */
  readonly viewWidth: number
  /** How far a focused tile grows past each side of its resting box. */
  readonly focusGrowth: number
}

export function railOffset(current: number, index: number, geometry: RailGeometry): number {
  const left = index * geometry.stride - geometry.focusGrowth
  const right = index * geometry.stride + geometry.tileWidth + geometry.focusGrowth
  let offset = current
  if (right + offset > geometry.viewWidth) offset = geometry.viewWidth - right
  if (left + offset < 0) offset = -left
  return offset
}
